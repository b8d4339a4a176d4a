/**
 * The policy module's public API: parse policy JSON with positions, lint it by policy kind,
 * measure it against AWS quotas, and match single statements against a request.
 */

/** Parse a policy file as strict JSON with file:line:col diagnostics and a locator. */
export { parsePolicyText, lineIndex, nestedLocator, type ParsedPolicy } from './parse.js';
/** Lint a policy document (synchronous; positions through `opts.locate`). */
export { lintPolicy } from './lint.js';
/** The lint rules with their codes, severities and descriptions. */
export { RULES, listRules, type RuleCode, type RuleInfo } from './rules/registry.js';
/** Size of a policy text as AWS counts it for its kind. */
export { policySize, minifyJsonText, type PolicySize } from './size.js';
/** The IAM catalog (services, actions, condition keys) lint uses. */
export { iamCatalog, loadIamCatalog, type IamCatalog, type CatalogKey } from './catalog.js';
/** The actions an action pattern stands for. */
export { expandAction } from './expand.js';
/** Statement matching for guardrail checks (self-lockout and the like). */
export {
  matchAction,
  matchArn,
  statementApplies,
  conditionApplies,
  normalizeStatements,
  contextView,
  ContextView,
  parseDateValue,
  type Tri,
  type MatchRequest,
  type RequestContext,
} from './match.js';
/** Linear-time `*`/`?` wildcard matching (IAM actions, ARNs, StringLike). */
export { globMatch, compileGlob, LIT_STAR, LIT_QMARK, type GlobMatcher } from './glob.js';
/** What each policy kind accepts, as documented by AWS. */
export { KIND_RULES, type KindRules } from './data/policy-kinds.js';
/** Shared types. */
export {
  POLICY_KINDS,
  type PolicyKind,
  type JsonPath,
  type Locate,
  type LintOptions,
  type NormalizedStatement,
  type NormalizedPrincipal,
} from './types.js';
