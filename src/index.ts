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

/** The snapshot: format, reading and writing, import from AWS CLI output, merge. */
export type { Snapshot, AccountSnapshot, RegionSnapshot, CoverageGap } from './snapshot/types.js';
export { SNAPSHOT_FORMAT_VERSION } from './snapshot/types.js';
export { readSnapshot, writeSnapshot } from './snapshot/io.js';
export { SnapshotSchema } from './snapshot/schema.js';
export { importSnapshot } from './snapshot/import/index.js';
export { summarizeSnapshot } from './snapshot/summary.js';
export { mergeSnapshots } from './snapshot/merge.js';

/** Collection from a live organization through the AWS SDK. */
export { collectSnapshot, type CollectOptions } from './collect/engine.js';
export { COLLECTORS } from './collect/registry.js';
export { COLLECTOR_CATALOGUE } from './collect/catalogue.js';
export { collectorPolicyDocument } from './collect/role-policy.js';

/** orgward's version. */
export { VERSION } from './core/version.js';

/** Diagnostics as every validator reports them. */
export { formatDiagnostic, type Diagnostic, type SourcePosition } from './core/diagnostics.js';

/** Simulated organizations for tests and benchmarks. */
export { generateBlueprint, generateBlueprintYaml, type BlueprintShape } from './sim/blueprint.js';
