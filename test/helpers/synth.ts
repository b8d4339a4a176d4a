import { join } from 'node:path';
import { loadBlueprint } from '../../src/blueprint/load/index.js';
import { synthContext, type SynthContext } from '../../src/synth/context.js';
import { synthesize, type SynthInput, type SynthResult } from '../../src/synth/synth.js';
import { loadData } from './blueprint.js';

/** Root of the repository. */
export const ROOT = join(import.meta.dirname, '..', '..');

/** The three shipped examples. */
export const EXAMPLES = {
  minimal: join(ROOT, 'examples', 'minimal', 'blueprint.yaml'),
  standard: join(ROOT, 'examples', 'standard', 'blueprint.yaml'),
  regulated: join(ROOT, 'examples', 'regulated', 'blueprint.ts'),
} as const;

/** Load an example (must be valid). */
export async function loadExample(name: keyof typeof EXAMPLES): Promise<SynthInput> {
  const r = await loadBlueprint(EXAMPLES[name], { today: '2026-11-23' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.blueprint || !r.index || errors.length)
    throw new Error(`example ${name} is invalid: ${errors.map((e) => e.message).join('; ')}`);
  return { index: r.index, policies: r.policies };
}

/** Load a blueprint given as data (must be valid) for synth. */
export async function loadSynthInput(bp: object): Promise<SynthInput> {
  const r = await loadData(bp);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.index || errors.length)
    throw new Error(
      `blueprint is invalid: ${errors.map((e) => `${e.code} ${e.message}`).join('; ')}`,
    );
  return { index: r.index, policies: r.policies };
}

/** The synth context of an example. */
export async function exampleContext(name: keyof typeof EXAMPLES): Promise<SynthContext> {
  return contextOf(await loadExample(name));
}

/** The synth context of a loaded blueprint. */
export function contextOf(input: SynthInput): SynthContext {
  const docs = new Map<string, Record<string, unknown>>();
  for (const p of input.policies) if (p.document) docs.set(p.policy.id, p.document);
  return synthContext(input.index, docs);
}

/** Synthesize an example. */
export async function synthExample(name: keyof typeof EXAMPLES): Promise<SynthResult> {
  return synthesize(await loadExample(name));
}
