/**
 * Writes a synth result to a folder: `manifest.json`, `templates/<unit>.json`,
 * `assets/<file>`. The templates and assets folders are replaced whole, so a unit that
 * disappeared from the blueprint does not leave a stale template behind.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { describeFsError } from '../core/fs-errors.js';
import type { SynthResult } from './synth.js';
import type { Manifest } from './types.js';

/** Write the result under `dir`; returns the files written (relative). */
export function writeSynth(result: SynthResult, dir: string): string[] {
  const files: string[] = [];
  try {
    for (const sub of ['templates', 'assets'])
      rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(join(dir, 'templates'), { recursive: true });
    for (const [id, body] of result.bodies) {
      const rel = `templates/${id}.json`;
      writeFileSync(join(dir, rel), body);
      files.push(rel);
    }
    const assets = new Map(result.units.flatMap((u) => u.assets.map((a) => [a.file, a] as const)));
    if (assets.size) mkdirSync(join(dir, 'assets'), { recursive: true });
    for (const [file, a] of assets) {
      writeFileSync(join(dir, 'assets', file), a.content);
      files.push(`assets/${file}`);
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(result.manifest, null, 2) + '\n');
    files.push('manifest.json');
  } catch (e) {
    throw new InputError(`cannot write the synth output to ${dir}: ${describeFsError(e, 'write')}`);
  }
  return files;
}

/** Read a manifest written by synth (bad input when it is not one). */
export function readManifest(file: string): Manifest {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${describeFsError(e, 'read')}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not JSON: ${(e as Error).message}`);
  }
  const m = data as Partial<Manifest> | null;
  if (m?.kind !== 'orgward-manifest' || m.schemaVersion !== 1 || !Array.isArray(m.units))
    throw new InputError(
      `${file} is not an orgward manifest (kind orgward-manifest, schemaVersion 1)`,
    );
  return m as Manifest;
}
