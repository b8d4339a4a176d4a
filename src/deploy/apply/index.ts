/** `deploy`'s public API: run a plan, describe it for consent, and the pieces to wire it. */
export { deploy } from './deploy.js';
export { SYSTEM_CLOCK, activeUnits, isActive, withoutDestruction } from './select.js';
export { describeDeployment } from './describe.js';
export {
  createDeployClients,
  deployRoleName,
  deploySessionName,
  type AwsDeployClientsOptions,
} from './clients.js';
export {
  createParamResolver,
  knownFromSnapshot,
  UnresolvedParameterError,
  type KnownIds,
  type ParamResolverOptions,
} from './params.js';
export { actionKey, emptyState, fileStateStore, memoryStateStore, stateFile } from './state.js';
export { wavesOf, MAX_OUS_PER_OPERATION, type Waves } from './targets.js';
export { assetKey, templateKey, objectUrl } from './templates.js';
export * from './types.js';
