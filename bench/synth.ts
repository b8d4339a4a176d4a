import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBlueprint } from '../src/blueprint/load/index.js';
import { canonicalJson } from '../src/synth/cfn.js';
import { synthesize } from '../src/synth/synth.js';
import { generateBlueprintYaml } from '../src/sim/blueprint.js';
import { time, type Timing } from './measure.js';

/** Result of the synth benchmark. */
export interface SynthBench {
  shape: { accounts: number; ous: number; policies: number };
  synth: Timing;
  /** Baseline: canonical JSON of the same templates (the serialization synth cannot avoid). */
  serialize: Timing;
  units: number;
  stacks: number;
  stackSets: number;
  instances: number;
  resources: number;
  templateBytes: number;
}

/**
 * Synthesize a generated 1,000-account blueprint (already loaded and validated: the
 * validation benchmark covers loading) into every template and the manifest.
 */
export async function benchSynth(
  shape = { accounts: 1000, ous: 200, policies: 50 },
): Promise<SynthBench> {
  const dir = mkdtempSync(join(tmpdir(), 'orgward-bench-synth-'));
  const file = join(dir, 'blueprint.yaml');
  writeFileSync(file, generateBlueprintYaml(shape));
  const r = await loadBlueprint(file, { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  if (!r.index) throw new Error('the generated blueprint did not load');
  const input = { index: r.index, policies: r.policies };
  const first = synthesize(input);
  const synth = await time(() => synthesize(input));
  const serialize = await time(() => first.units.map((u) => canonicalJson(u.template)));
  const m = first.manifest;
  return {
    shape,
    synth,
    serialize,
    units: m.units.length,
    stacks: m.units.filter((u) => u.kind === 'stack').length,
    stackSets: m.units.filter((u) => u.kind === 'stackset').length,
    instances: m.units.reduce((n, u) => n + u.instances, 0),
    resources: m.units.reduce((n, u) => n + u.resources, 0),
    templateBytes: m.units.reduce((n, u) => n + u.templateBytes, 0),
  };
}
