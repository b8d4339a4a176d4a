/**
 * Plan test fixtures: the fixture blueprint, its deployed organization as a snapshot, a
 * hand-made manifest, and scenarios that edit the blueprint or the live organization.
 */
import { loadSynthInput } from '../../../../test/helpers/synth.js';
import type { BlueprintInput } from '../../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../../snapshot/types.js';
import type { SynthInput } from '../../../synth/synth.js';
import type { Manifest } from '../../../synth/types.js';
import type { Plan } from '../../types.js';
import { computePlan } from '../plan.js';
import { planBlueprint } from './blueprint.js';
import { deployedAsManifest, fakeManifest, planUnits, type FakeUnit } from './manifest.js';
import { syncedSnapshot } from './snapshot.js';

export * from './blueprint.js';
export * from './manifest.js';
export * from './snapshot.js';

/** What a plan scenario changes: the blueprint (intent), the live snapshot, stale units. */
export interface Scenario {
  /** Edit the blueprint after the organization was deployed from the original. */
  bp?: (bp: BlueprintInput) => void;
  /** Edit the live organization (out-of-band changes). */
  live?: (s: Snapshot) => void;
  /** Units; default {@link planUnits}. */
  units?: FakeUnit[];
  /** Units deployed from an older template (their deployed hash differs). */
  stale?: string[];
}

/** Build a plan for a scenario over the fixture blueprint. */
export async function scenario(s: Scenario = {}): Promise<{
  plan: Plan;
  input: SynthInput;
  manifest: Manifest;
  snapshot: Snapshot;
}> {
  const deployedFrom = await loadSynthInput(planBlueprint());
  const bp = planBlueprint();
  s.bp?.(bp);
  const input = await loadSynthInput(bp);
  const manifest = fakeManifest(input, s.units ?? planUnits());
  const stacks = deployedAsManifest(manifest);
  for (const byRegion of Object.values(stacks))
    for (const list of Object.values(byRegion))
      for (const st of list) if (st.unit && s.stale?.includes(st.unit)) st.hash = 'older';
  const snapshot = syncedSnapshot(deployedFrom, stacks);
  s.live?.(snapshot);
  return { plan: computePlan({ ...input, manifest, snapshot }), input, manifest, snapshot };
}
