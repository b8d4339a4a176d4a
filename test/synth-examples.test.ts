/**
 * The three examples, synthesized: every template as a reviewed golden file (a template
 * change shows as a diff under test/golden/synth), determinism, CloudFormation limits,
 * and cdk-nag's AwsSolutions pack over every template with every suppression justified.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../src/blueprint/limits.js';
import { synthesize } from '../src/synth/synth.js';
import { nag } from './helpers/nag.js';
import { EXAMPLES, loadExample } from './helpers/synth.js';

const GOLDEN = join(import.meta.dirname, 'golden', 'synth');
const names = Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[];

describe.each(names)('synth of the %s example', (name) => {
  it('matches the reviewed templates and manifest, byte for byte, and is deterministic', async () => {
    const input = await loadExample(name);
    const a = synthesize(input);
    const b = synthesize(input);
    expect([...a.bodies.entries()]).toEqual([...b.bodies.entries()]);
    for (const [id, body] of a.bodies)
      await expect(body).toMatchFileSnapshot(join(GOLDEN, name, `${id}.json`));
    await expect(JSON.stringify(a.manifest, null, 2) + '\n').toMatchFileSnapshot(
      join(GOLDEN, name, 'manifest.json'),
    );
  });

  it('stays within CloudFormation limits and lists each unit once', async () => {
    const input = await loadExample(name);
    const { manifest } = synthesize(input);
    const limits = resolveLimits(input.index.bp.limits);
    expect(new Set(manifest.units.map((u) => u.name)).size).toBe(manifest.units.length);
    for (const u of manifest.units) {
      expect(u.resources).toBeLessThanOrEqual(limits.stackMaxResources);
      expect(u.templateBytes).toBeLessThanOrEqual(limits.templateMaxBytes);
      for (const d of u.dependsOn) expect(manifest.units.map((x) => x.id)).toContain(d);
    }
  });

  it('passes cdk-nag AwsSolutions on every template with every suppression justified', async () => {
    const { units } = synthesize(await loadExample(name));
    const problems: string[] = [];
    for (const u of units) {
      const r = await nag(u.template);
      problems.push(
        ...r.findings.map((f) => `${u.id}: ${f}`),
        ...r.unjustified.map((f) => `${u.id}: unjustified ${f}`),
      );
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
