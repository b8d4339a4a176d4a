import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { loadExample, loadSynthInput } from '../../test/helpers/synth.js';
import { validFixture } from '../../test/helpers/blueprint.js';
import { contentHash } from './cfn.js';
import { HASH_OUTPUT, synthesize, UNIT_OUTPUT } from './synth.js';
import { readManifest, writeSynth } from './write.js';

describe('synthesize', () => {
  it('stamps every template with its unit and the hash of everything but the stamp', async () => {
    const { units, manifest } = synthesize(await loadExample('minimal'));
    for (const u of units) {
      const outputs = u.template.Outputs ?? {};
      expect(outputs[UNIT_OUTPUT]?.Value).toBe(u.id);
      const entry = manifest.units.find((m) => m.id === u.id);
      expect(outputs[HASH_OUTPUT]?.Value).toBe(entry?.hash);
      const rest = Object.fromEntries(
        Object.entries(outputs).filter(([k]) => k !== UNIT_OUTPUT && k !== HASH_OUTPUT),
      );
      const bare = { ...u.template, ...(Object.keys(rest).length ? { Outputs: rest } : {}) };
      if (!Object.keys(rest).length) delete bare.Outputs;
      expect(contentHash({ template: bare, parameters: u.parameters })).toBe(entry?.hash);
    }
  });

  it('orders every other concern after the organization units', async () => {
    const { manifest } = synthesize(await loadExample('standard'));
    const org = manifest.units.filter((u) => u.concern === 'organization').map((u) => u.id);
    for (const u of manifest.units)
      if (u.concern !== 'organization') expect(u.dependsOn).toEqual(expect.arrayContaining(org));
  });

  it('changes only the hashes of the units a blueprint change touches', async () => {
    const bp = validFixture() as { policies: { description?: string }[] };
    const before = synthesize(await loadSynthInput(bp)).manifest;
    const first = bp.policies[0];
    if (!first) throw new Error('fixture has no policy');
    first.description = 'changed description';
    const after = synthesize(await loadSynthInput(bp)).manifest;
    const changed = after.units.filter(
      (u) => before.units.find((b) => b.id === u.id)?.hash !== u.hash,
    );
    expect(changed.map((u) => u.id)).toEqual(['organization-policies']);
  });

  it('with strategy "stacks", deploys each StackSet as one stack per account and Region', async () => {
    const bp = validFixture() as { deployment?: Record<string, unknown> };
    const set = synthesize(await loadSynthInput(bp)).manifest.units.find(
      (u) => u.kind === 'stackset',
    );
    if (!set) throw new Error('the fixture synthesizes no StackSet');
    bp.deployment = { ...(bp.deployment ?? {}), strategy: 'stacks' };
    const { manifest } = synthesize(await loadSynthInput(bp));
    expect(manifest.units.every((u) => u.kind === 'stack')).toBe(true);
    const stacks = manifest.units.filter((u) => u.id.startsWith(`${set.id}--`));
    expect(stacks).toHaveLength(set.instances);
    for (const u of stacks) expect(u.instances).toBe(1);
    expect(stacks.map((u) => `${u.accounts[0] ?? ''}|${u.regions[0] ?? ''}`).sort()).toEqual(
      set.accounts.flatMap((a) => set.regions.map((r) => `${a}|${r}`)).sort(),
    );
  });

  it('fails clearly when a unit is over a CloudFormation limit', async () => {
    const bp = validFixture() as { limits?: Record<string, number> };
    bp.limits = { templateMaxBytes: 1000 };
    const input = await loadSynthInput(bp);
    expect(() => synthesize(input)).toThrow(InputError);
    expect(() => synthesize(input)).toThrow(/limits\.templateMaxBytes/);
  });
});

describe('writeSynth and readManifest', () => {
  it('replaces the templates folder whole and reads its manifest back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-synth-'));
    const result = synthesize(await loadExample('minimal'));
    writeSynth(result, dir);
    writeFileSync(join(dir, 'templates', 'stale.json'), '{}');
    writeSynth(result, dir);
    expect(readdirSync(join(dir, 'templates'))).not.toContain('stale.json');
    expect(readManifest(join(dir, 'manifest.json')).units).toHaveLength(result.units.length);
    expect(readdirSync(join(dir, 'assets')).some((f) => f.startsWith('responder-'))).toBe(true);
  });

  it('rejects a file that is not a manifest, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-synth-'));
    const file = join(dir, 'x.json');
    writeFileSync(file, '{"kind":"other"}');
    expect(() => readManifest(file)).toThrow(new RegExp(`${file} is not an orgward manifest`));
    writeFileSync(file, 'not json');
    expect(() => readManifest(file)).toThrow(InputError);
  });
});
