import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainBlueprint, renderExplanation, renderTree } from '../../blueprint/explain.js';
import { loadBlueprint } from '../../blueprint/load/index.js';
import { formatDiagnostic } from '../../core/diagnostics.js';
import { EXIT, InputError } from '../../core/errors.js';
import { collectDemo } from './demo-collect.js';
import { makeOutputDir, toJson, writeOutput } from '../io.js';

/** The bundled example organization (package root /examples/standard). */
export function demoBlueprintDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/standard');
}

/**
 * `orgward demo`: validate and explain the bundled standard organization, collect its
 * simulated live twin through the real collectors, offline, and write the artifacts
 * (blueprint copy, validation report, explanation, snapshot) under --out.
 */
export async function run(opts: { out: string }): Promise<number> {
  const started = performance.now();
  const src = demoBlueprintDir();
  const out = resolve(opts.out);
  makeOutputDir(out);
  try {
    cpSync(src, join(out, 'blueprint'), { recursive: true });
  } catch (e) {
    throw new InputError(
      `cannot write ${join(out, 'blueprint')}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const r = await loadBlueprint(join(out, 'blueprint', 'blueprint.yaml'), { cwd: out });
  const say = (s = '') => process.stdout.write(`${s}\n`);
  say(`orgward demo: the standard foundational layout (${src})`);
  say();
  say(`1. validate  ${r.file}`);
  for (const d of r.diagnostics) say(`   ${formatDiagnostic(d)}`);
  const bp = r.blueprint;
  say(
    `   ${r.ok ? 'valid' : 'INVALID'}: ${bp?.accounts.length ?? 0} accounts, ${bp?.organizationalUnits.length ?? 0} OUs, ` +
      `${bp?.policies.length ?? 0} policies, ${bp?.identity.roles.length ?? 0} roles, ${bp?.invariants.length ?? 0} invariants`,
  );
  writeOutput(
    join(out, 'validation.json'),
    `${toJson({ file: r.file, valid: r.ok, diagnostics: r.diagnostics })}\n`,
  );
  if (!r.ok || !r.index) return EXIT.badInput;
  const e = explainBlueprint(r.index);
  const text = renderExplanation(e);
  writeOutput(join(out, 'explain.txt'), `${text}\n`);
  writeOutput(join(out, 'explain.json'), `${toJson({ ...e })}\n`);
  say();
  say('2. explain (organization tree; per-account detail in explain.txt)');
  for (const line of renderTree(e)) say(`   ${line}`);
  const prod = e.accounts.find((a) => a.environment === 'prod');
  if (prod) {
    say();
    say(`   effective guardrails of ${prod.name}:`);
    for (const p of prod.policies)
      say(
        `     ${p.type.toUpperCase()} ${p.policy} (from ${p.level})${p.guardrails.length ? `: ${p.guardrails.join(', ')}` : ''}`,
      );
  }
  say();
  say('3. collect (the example organization, simulated, read through the real collectors)');
  await collectDemo(r, out, say, new Date());
  say();
  say(`artifacts in ${out}: blueprint/, validation.json, explain.txt, explain.json, snapshot.json`);
  say(`done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return EXIT.ok;
}
