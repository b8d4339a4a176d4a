/**
 * A plan from the live stack state alone (deploy without `--snapshot`): no semantic diff
 * (that needs a snapshot of the organization), but exactly the units and instances whose
 * deployed hash differs from the manifest's.
 */
import type { BlueprintIndex } from '../blueprint/model.js';
import type { Manifest } from '../synth/types.js';
import type { LiveState } from './apply/live-state.js';
import { unitChanges } from './plan/index.js';
import type { Plan } from './types.js';

/** Build the plan. */
export function planFromLiveState(
  index: BlueprintIndex,
  manifest: Manifest,
  live: LiveState,
): Plan {
  const units = unitChanges(manifest, live.deployed, new Set(), {
    accountIdOf: (a) => live.accountIds.get(a),
    creating: live.missingAccounts,
  });
  const changed = units.filter((u) => u.action !== 'unchanged' && u.action !== 'unknown');
  return {
    schemaVersion: 1,
    kind: 'orgward-plan',
    blueprint: { name: index.bp.metadata.name, version: index.bp.metadata.version },
    snapshot: null,
    changes: [],
    units,
    actions: [],
    summary: {
      changes: 0,
      destructive: 0,
      unitsChanged: changed.length,
      unitsUnchanged: units.filter((u) => u.action === 'unchanged').length,
      instancesChanged: units
        .flatMap((u) => u.instances)
        .filter((i) => i.action !== 'unchanged' && i.action !== 'unknown').length,
      actions: 0,
    },
    warnings: [
      'planned from the live stack state only: pass --snapshot for the changes in blueprint terms, out-of-band drift and account removals',
    ],
  };
}
