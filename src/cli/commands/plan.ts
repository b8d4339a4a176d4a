/**
 * `orgward plan <blueprint> --snapshot <file>`: offline, what a deploy would change: the
 * semantic changes in the blueprint's terms, then the stacks and StackSet instances whose
 * content hash changes, then explicit actions (account moves, quarantine, close).
 */
import { loadBlueprint, type LoadedBlueprint } from '../../blueprint/load/index.js';
import { InputError } from '../../core/errors.js';
import { computePlan, formatPlanText } from '../../deploy/plan/index.js';
import type { Plan } from '../../deploy/types.js';
import { readSnapshot } from '../../snapshot/io.js';
import { synthesize, type SynthResult } from '../../synth/synth.js';
import { writeSynth } from '../../synth/write.js';
import { emit, makeOutputDir, parseFormat, toJson } from '../io.js';

/** Flags of `orgward plan`. */
export interface PlanFlags {
  snapshot: string;
  synthDir?: string;
  format: string;
  output?: string;
}

/** Run `orgward plan`. */
export async function run(file: string, flags: PlanFlags): Promise<number> {
  const format = parseFormat(flags.format);
  const { plan, synth } = await planFor(file, flags.snapshot);
  if (flags.synthDir !== undefined) {
    makeOutputDir(flags.synthDir);
    writeSynth(synth, flags.synthDir);
  }
  const color = flags.output === undefined && format === 'text' && process.stdout.isTTY;
  emit(format === 'json' ? toJson({ ...plan }) : formatPlanText(plan, { color }), flags.output);
  return 0;
}

/** Load, synthesize and plan against the snapshot file. */
export async function planFor(
  file: string,
  snapshotFile: string,
): Promise<{ plan: Plan; synth: SynthResult; loaded: LoadedBlueprint }> {
  const loaded = await loadValid(file);
  const snapshot = await readSnapshot(snapshotFile);
  const index = loaded.index;
  if (!index) throw new InputError(`${loaded.file} is not valid`);
  const synth = synthesize({ index, policies: loaded.policies });
  const plan = computePlan({
    index,
    policies: loaded.policies,
    manifest: synth.manifest,
    snapshot,
  });
  return { plan, synth, loaded };
}

/** Load a blueprint that must be valid (exit 2 with every problem otherwise). */
export async function loadValid(file: string): Promise<LoadedBlueprint> {
  const r = await loadBlueprint(file);
  if (!r.ok || !r.index)
    throw new InputError(`${r.file} is not valid; run orgward validate ${file}`, r.diagnostics);
  return r;
}
