import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadBlueprint, type LoadedBlueprint } from '../../src/blueprint/load/index.js';

/** Folder of the test fixtures. */
export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The valid fixture blueprint as plain data, fresh each call. */
export function validFixture(): Record<string, unknown> {
  return parse(readFileSync(join(FIXTURES, 'valid', 'blueprint.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Write files (name -> YAML text or data) into a new temp dir and return it. */
export function writeTemp(files: Record<string, string | object>): string {
  const dir = mkdtempSync(join(tmpdir(), 'orgward-test-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : stringify(content));
  }
  return dir;
}

/** Load a blueprint given as data (plus extra files) through the real loader. */
export async function loadData(
  bp: object,
  extra: Record<string, string | object> = {},
): Promise<LoadedBlueprint> {
  const dir = writeTemp({ 'blueprint.yaml': bp, ...extra });
  return loadBlueprint(join(dir, 'blueprint.yaml'), { cwd: dir, today: '2026-11-23' });
}

/** The codes of the errors (or warnings) of a load result. */
export function codes(r: LoadedBlueprint, severity: 'error' | 'warning' = 'error'): string[] {
  return r.diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
}
