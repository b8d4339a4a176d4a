/**
 * `orgward synth <blueprint> -o <dir>`: CloudFormation templates, assets and
 * `manifest.json` (every stack or StackSet, its targets and content hash).
 */
import { loadBlueprint } from '../../blueprint/load/index.js';
import { InputError } from '../../core/errors.js';
import { synthesize, type SynthResult } from '../../synth/synth.js';
import { writeSynth } from '../../synth/write.js';
import { emit, makeOutputDir, parseFormat, toJson } from '../io.js';

/** Flags of `orgward synth`. */
export interface SynthFlags {
  output: string;
  format: string;
}

/** Run `orgward synth`. */
export async function run(file: string, flags: SynthFlags): Promise<number> {
  const format = parseFormat(flags.format);
  const started = performance.now();
  const result = await synthFile(file);
  makeOutputDir(flags.output);
  const files = writeSynth(result, flags.output);
  const ms = performance.now() - started;
  if (format === 'json') emit(toJson({ output: flags.output, files, manifest: result.manifest }));
  else emit(summarize(result, flags.output, files.length, ms));
  return 0;
}

/** Load a blueprint (must be valid) and synthesize it. */
export async function synthFile(file: string): Promise<SynthResult> {
  const r = await loadBlueprint(file);
  if (!r.ok || !r.index)
    throw new InputError(`${r.file} is not valid; run orgward validate ${file}`, r.diagnostics);
  return synthesize({ index: r.index, policies: r.policies });
}

/** One line per unit, then totals. */
export function summarize(result: SynthResult, dir: string, files: number, ms: number): string {
  const m = result.manifest;
  const lines = m.units.map((u) => {
    const where =
      u.kind === 'stack'
        ? `${u.accounts[0] ?? ''} ${u.regions[0] ?? ''}`
        : `${u.accounts.length} accounts x ${u.regions.length} Regions${u.ous ? ` (OUs ${u.ous.join(', ')})` : ''}`;
    return `  ${u.kind === 'stack' ? 'stack   ' : 'stackset'} ${u.name.padEnd(40)} ${String(u.resources).padStart(4)} resources  ${where}  ${u.hash}`;
  });
  const stacks = m.units.filter((u) => u.kind === 'stack').length;
  const sets = m.units.length - stacks;
  const instances = m.units.reduce((n, u) => n + u.instances, 0);
  return [
    ...lines,
    `synth: ${m.units.length} units (${stacks} stacks, ${sets} StackSets; ${instances} instances) written to ${dir} (${files} files) in ${Math.round(ms)} ms`,
    ...(m.gaps.length
      ? [
          `        ${m.gaps.length} CloudFormation gaps covered by custom resources (see manifest.json gaps)`,
        ]
      : []),
  ].join('\n');
}
