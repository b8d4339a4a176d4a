import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { explainBlueprint, renderExplanation, renderTree } from '../../blueprint/explain.js';
import { loadBlueprint } from '../../blueprint/load/index.js';
import { formatDiagnostic } from '../../core/diagnostics.js';
import { EXIT, InputError } from '../../core/errors.js';
import { computePlan, formatPlanText } from '../../deploy/plan/index.js';
import { readSnapshot } from '../../snapshot/io.js';
import { synthesize } from '../../synth/synth.js';
import { writeSynth } from '../../synth/write.js';
import { collectDemo } from './demo-collect.js';
import { makeOutputDir, toJson, writeOutput } from '../io.js';

/** The bundled example organization (package root /examples/standard). */
export function demoBlueprintDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/standard');
}

/**
 * `orgward demo`: validate and explain the bundled standard organization, collect its
 * simulated live twin through the real collectors, offline, synthesize its CloudFormation
 * and plan it against the twin, and write the artifacts (blueprint copy, validation
 * report, explanation, templates and manifest, snapshot, plan) under --out.
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
  say('3. synth (CloudFormation templates and manifest)');
  const t0 = performance.now();
  const synth = synthesize({ index: r.index, policies: r.policies });
  writeSynth(synth, join(out, 'synth'));
  const m = synth.manifest;
  const sets = m.units.filter((u) => u.kind === 'stackset').length;
  say(
    `   ${m.units.length} units (${m.units.length - sets} stacks, ${sets} StackSets; ` +
      `${m.units.reduce((n, u) => n + u.instances, 0)} instances, ${m.units.reduce((n, u) => n + u.resources, 0)} resources) ` +
      `in ${Math.round(performance.now() - t0)} ms -> synth/manifest.json, synth/templates/`,
  );
  say();
  say('4. collect (the example organization, simulated, read through the real collectors)');
  const snapFile = await collectDemo(r, m, out, say, new Date());
  say();
  say('5. plan (the blueprint against the collected organization)');
  const plan = computePlan({
    index: r.index,
    policies: r.policies,
    manifest: m,
    snapshot: await readSnapshot(snapFile),
  });
  writeOutput(join(out, 'plan.json'), `${toJson({ ...plan })}\n`);
  const planText = formatPlanText(plan, { color: false });
  writeOutput(join(out, 'plan.txt'), `${planText}\n`);
  for (const line of planText.split('\n')) say(`   ${line}`);
  say();
  say(
    `artifacts in ${out}: blueprint/, validation.json, explain.txt, explain.json, synth/, snapshot.json, plan.txt, plan.json`,
  );
  say(`done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return EXIT.ok;
}
