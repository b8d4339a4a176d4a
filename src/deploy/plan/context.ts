/**
 * What every diff module reads: the blueprint, the resolved policy documents, the snapshot,
 * the blueprint <-> live matching and the coverage questions.
 */
import type { BlueprintIndex } from '../../blueprint/model.js';
import type { ResolvedPolicy } from '../../blueprint/validate/policies-resolve.js';
import type { Snapshot } from '../../snapshot/types.js';
import type { Coverage } from './coverage.js';
import type { Matching } from './match.js';

/** Inputs shared by the diff modules. */
export interface DiffContext {
  idx: BlueprintIndex;
  policies: readonly ResolvedPolicy[];
  snapshot: Snapshot;
  match: Matching;
  coverage: Coverage;
}

/** Whether orgward manages an entity (`lifecycle: ignored` ones are neither diffed nor deployed). */
export function compared(entity: { lifecycle: string }): boolean {
  return entity.lifecycle !== 'ignored';
}

/**
 * The change kind for an entity: `drift` when the blueprint only observes it (orgward
 * reports the difference but deploys nothing for it).
 */
export function kindFor<K extends string>(entity: { lifecycle: string }, kind: K): K | 'drift' {
  return entity.lifecycle === 'observed' ? 'drift' : kind;
}
