import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadBlueprint } from '../src/blueprint/load/index.js';
import { generateBlueprintYaml } from '../src/sim/blueprint.js';
import { time, type Timing } from './measure.js';

/** Result of the blueprint validation benchmark. */
export interface ValidateBench {
  shape: { accounts: number; ous: number; policies: number };
  bytes: number;
  validate: Timing;
  yamlParse: Timing;
  diagnostics: number;
  valid: boolean;
}

/**
 * Validate a generated 1,000-account blueprint end to end (read, YAML with positions,
 * schema, every semantic check including SCP lint and the lockout check), against the
 * baseline of plain `yaml.parse` of the same file.
 */
export async function benchValidate(
  shape = { accounts: 1000, ous: 200, policies: 50 },
): Promise<ValidateBench> {
  const dir = mkdtempSync(join(tmpdir(), 'orgward-bench-'));
  const file = join(dir, 'blueprint.yaml');
  writeFileSync(file, generateBlueprintYaml(shape));
  const text = readFileSync(file, 'utf8');
  const first = await loadBlueprint(file, { cwd: dir });
  const validate = await time(() => loadBlueprint(file, { cwd: dir }));
  const yamlParse = await time(() => parse(readFileSync(file, 'utf8')));
  rmSync(dir, { recursive: true, force: true });
  return {
    shape,
    bytes: text.length,
    validate,
    yamlParse,
    diagnostics: first.diagnostics.length,
    valid: first.ok,
  };
}
