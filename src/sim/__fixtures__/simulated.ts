/**
 * Shared test fixtures for the simulator tests: the standard example organization and a
 * generated large one, each simulated once per test file.
 */
import { loadBlueprint } from '../../blueprint/load/index.js';
import { indexBlueprint } from '../../blueprint/model.js';
import { BlueprintSchema } from '../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../snapshot/types.js';
import { generateBlueprint } from '../blueprint.js';
import type { SimInput, SimOptions } from '../context.js';
import { simulateSnapshot } from '../snapshot.js';

/** Fixed snapshot time of the tests. */
export const TAKEN_AT = '2026-06-01T12:00:00.000Z';

/** The standard example blueprint, loaded and validated. */
export async function standardInput(): Promise<SimInput> {
  const lb = await loadBlueprint('examples/standard/blueprint.yaml', { today: '2026-06-01' });
  if (!lb.blueprint || !lb.ok) throw new Error('examples/standard does not load');
  return { blueprint: lb.blueprint, index: lb.index, policies: lb.policies };
}

/** The standard example's simulated snapshot. */
export async function standardSnapshot(opts: Partial<SimOptions> = {}): Promise<Snapshot> {
  return simulateSnapshot(await standardInput(), { seed: 42, takenAt: TAKEN_AT, ...opts });
}

/** A generated organization of `accounts` accounts. */
export function generatedInput(accounts: number): SimInput {
  const blueprint = BlueprintSchema.parse(generateBlueprint({ accounts, ous: 40, policies: 5 }));
  return { blueprint, index: indexBlueprint(blueprint) };
}
