/**
 * `orgward plan`: the semantic diff of a blueprint against a snapshot, the deployment units
 * that change, and the explicit actions, computed offline.
 */
export { computePlan, type PlanInput } from './plan.js';
export { formatPlanText, type FormatOptions } from './format.js';
export {
  unitChanges,
  deployedFromSnapshot,
  type DriftedEntities,
  type UnitOptions,
  type DeployedStackInstance,
} from './units.js';
