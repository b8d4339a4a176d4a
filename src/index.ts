/**
 * orgward's public library API. Everything the CLI does is available here as plain
 * functions over plain data; the CLI is a thin layer over these exports.
 */

/** Blueprint: schema, typed authoring helper, loading with validation. */
export { BlueprintSchema, defineBlueprint } from './blueprint/schema/blueprint.js';
export type {
  Blueprint,
  BlueprintInput,
  Account,
  OrganizationalUnit,
  OrgPolicy,
  Role,
  Invariant,
  KmsKey,
} from './blueprint/schema/blueprint.js';
export type { Selector, AccountRole, Severity } from './blueprint/schema/common.js';
export {
  POLICY_TYPES,
  POLICY_TYPE_API_NAMES,
  type PolicyType,
} from './blueprint/schema/organization.js';
export { loadBlueprint, type LoadedBlueprint, type LoadOptions } from './blueprint/load/index.js';
export { blueprintJsonSchema } from './blueprint/json-schema.js';
export { indexBlueprint, ROOT_OU, type BlueprintIndex } from './blueprint/model.js';
export {
  selectAccounts,
  selectRegions,
  expandTargets,
  type Target,
} from './blueprint/selectors.js';
export {
  explainBlueprint,
  renderExplanation,
  type Explanation,
  type AccountExplanation,
} from './blueprint/explain.js';
export { VALIDATORS } from './blueprint/validate/semantic.js';
export { DEFAULT_LIMITS, LIMITS_TABLE, resolveLimits, type Limits } from './blueprint/limits.js';
export { REGIONS, isKnownRegion, type Partition } from './blueprint/data/regions.js';

/** Policy documents: parse, lint, size, statement matching. */
export {
  parsePolicyText,
  lintPolicy,
  listRules,
  policySize,
  statementApplies,
  normalizeStatements,
  matchAction,
  matchArn,
  expandAction,
  type PolicyKind,
  type NormalizedStatement,
} from './policy/index.js';

/** The guardrail library. */
export { getGuardrail, listGuardrails, renderGuardrails } from './guardrails/registry.js';
export type { Guardrail, GuardrailContext } from './guardrails/types.js';

/** Diagnostics as every validator reports them. */
export { formatDiagnostic, type Diagnostic, type SourcePosition } from './core/diagnostics.js';

/** Simulated organizations for tests and benchmarks. */
export { generateBlueprint, generateBlueprintYaml, type BlueprintShape } from './sim/blueprint.js';
