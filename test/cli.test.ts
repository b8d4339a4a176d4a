import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

/** Run the built CLI as a user would. `npm test` builds first. */
function orgward(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('orgward CLI', () => {
  it('is built', () => {
    expect(existsSync(BIN)).toBe(true);
  });

  it('validates a valid blueprint with exit 0', () => {
    const r = orgward(['validate', 'test/fixtures/valid/blueprint.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('valid (4 accounts, 3 OUs, 1 policies');
  });

  it('reports five independent mistakes at once, exactly as the golden file says, with exit 2', () => {
    const r = orgward(['validate', 'test/fixtures/five-mistakes/blueprint.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(readFileSync(join(ROOT, 'test/golden/five-mistakes.txt'), 'utf8'));
    expect(r.stderr.match(/: error: /g)).toHaveLength(5);
  });

  it('validates a folder through the blueprint file inside it', () => {
    const r = orgward(['validate', 'examples/standard']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('examples/standard/blueprint.yaml: valid');
  });

  it.each([
    [
      'validate',
      [
        'validate',
        'test/fixtures/valid/blueprint.yaml',
        '--format',
        'json',
        '-o',
        '/nonexistent/r.json',
      ],
    ],
    ['schema', ['schema', '-o', '/nonexistent/s.json']],
    ['demo', ['demo', '--out', '/dev/null/demo']],
  ])('exits 2 when %s cannot write where it was told', (_name, args) => {
    const r = orgward(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orgward: cannot (write|create folder) /);
  });

  it('writes the whole text report to -o', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-report-'));
    const r = orgward([
      'validate',
      'test/fixtures/five-mistakes/blueprint.yaml',
      '-o',
      join(dir, 'r.txt'),
    ]);
    expect(r.code).toBe(2);
    const report = readFileSync(join(dir, 'r.txt'), 'utf8');
    expect(report.match(/: error: /g)).toHaveLength(5);
    expect(report).toContain('5 errors, 1 warning');
  });

  it('writes the validation report as JSON', () => {
    const r = orgward([
      'validate',
      'test/fixtures/five-mistakes/blueprint.yaml',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout) as {
      schemaVersion: number;
      valid: boolean;
      errors: number;
      diagnostics: { code: string }[];
    };
    expect(j).toMatchObject({ schemaVersion: 1, valid: false, errors: 5 });
    expect(j.diagnostics.map((d) => d.code).sort()).toEqual(
      [
        'dangling-ref',
        'duplicate-email',
        'no-logging',
        'scp-lockout',
        'policy-size',
        'unknown-key',
      ].sort(),
    );
  });

  it.each([
    [
      'a missing file',
      ['validate', 'nope.yaml'],
      /nope\.yaml:1:1: error: cannot read nope\.yaml: file not found/,
    ],
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['a bad --format', ['validate', 'x.yaml', '--format', 'xml'], /Allowed choices are text, json/],
    [
      'explain of an invalid blueprint',
      ['explain', 'test/fixtures/five-mistakes/blueprint.yaml'],
      /is not valid/,
    ],
    [
      'explain of an unknown account',
      ['explain', 'test/fixtures/valid/blueprint.yaml', '--account', 'nobody'],
      /no account 'nobody'/,
    ],
  ])('exits 2 on %s', (_name, args, message) => {
    const r = orgward(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for bad input
  });

  it('explains the org tree and one account as text and JSON', () => {
    const t = orgward(['explain', 'test/fixtures/valid/blueprint.yaml', '--account', 'prod-app']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Prod App (prod-app, workload, prod)');
    expect(t.stdout).toContain('SCP baseline from root');
    expect(t.stdout).toContain('/orgward-pipeline (pipeline) <- account management role deployer');
    const j = orgward(['explain', 'test/fixtures/valid/blueprint.yaml', '--format', 'json']);
    const e = JSON.parse(j.stdout) as {
      schemaVersion: number;
      accounts: { id: string; path: string[]; scpExempt: boolean }[];
    };
    expect(e.schemaVersion).toBe(1);
    expect(e.accounts.find((a) => a.id === 'prod-app')?.path).toEqual([
      'root',
      'workloads',
      'prod',
    ]);
    expect(e.accounts.find((a) => a.id === 'management')?.scpExempt).toBe(true);
  });

  it('explains the whole fixture exactly as the golden file says', () => {
    const r = orgward(['explain', 'test/fixtures/valid/blueprint.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'test/golden/explain-valid.txt'), 'utf8'));
  });

  it('prints a JSON Schema generated from the blueprint schema', () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-schema-'));
    const r = orgward(['schema', '-o', join(dir, 's.json')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(s.properties)).toContain('accounts');
    expect(s.additionalProperties).toBe(false);
    // The shipped copy must be current.
    expect(readFileSync(join(ROOT, 'schema/blueprint.schema.json'), 'utf8')).toBe(
      readFileSync(join(dir, 's.json'), 'utf8'),
    );
  });

  it.each(readdirSync(join(ROOT, 'examples')))('validates examples/%s with exit 0', (name) => {
    const dir = join(ROOT, 'examples', name);
    const file =
      ['blueprint.yaml', 'blueprint.ts'].map((f) => join(dir, f)).find((f) => existsSync(f)) ?? '';
    const r = orgward(['validate', file]);
    expect(r.stderr).not.toContain('error:');
    expect(r.code).toBe(0);
  });

  it.each(['minimal', 'standard', 'regulated'])(
    'init --template %s writes a blueprint that validates',
    (template) => {
      const dir = mkdtempSync(join(tmpdir(), 'orgward-init-'));
      expect(orgward(['init', dir, '--template', template]).code).toBe(0);
      expect(orgward(['validate', join(dir, 'blueprint.yaml')]).code).toBe(0);
      expect(existsSync(join(dir, 'blueprint.schema.json'))).toBe(true);
      const again = orgward(['init', dir, '--template', template]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('already exists');
    },
  );

  it('lints AWS example SCPs: all parse except the one with a comment', () => {
    const dir = join(ROOT, '..', 'shared', 'data', 'scp-examples');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(dir, f));
    const bad = files.filter((f) => f.endsWith('deny-service-specific-credential-by-type.json'));
    expect(bad).toHaveLength(1);
    const good = orgward([
      'policy',
      'lint',
      '--type',
      'scp',
      ...files.filter((f) => !bad.includes(f)),
    ]);
    expect(good.stderr).not.toContain(': error: ');
    expect(good.code).toBe(0);
    const r = orgward(['policy', 'lint', '--type', 'scp', ...bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /deny-service-specific-credential-by-type\.json:15:13: error: .*comment/,
    );
  });

  it('expands action patterns, and exits 2 on a pattern that matches nothing', () => {
    const r = orgward(['policy', 'expand', 'organizations:Leave*', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      schemaVersion: 1,
      expansions: [
        { pattern: 'organizations:Leave*', actions: ['organizations:LeaveOrganization'] },
      ],
    });
    const bad = orgward(['policy', 'expand', 'cloudtrail:StopLoging']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'cloudtrail:StopLoging' matches no known IAM action");
  });

  it('lists guardrails and shows the policy one renders', () => {
    const list = orgward(['guardrails', 'list', '--format', 'json']);
    expect(list.code).toBe(0);
    const ids = (JSON.parse(list.stdout) as { guardrails: { id: string }[] }).guardrails.map(
      (g) => g.id,
    );
    expect(ids).toContain('region-deny');
    const show = orgward(['guardrails', 'show', 'deny-leave-organization']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toMatchObject({ Version: '2012-10-17' });
  });

  it('collect without AWS credentials is an AWS access problem (exit 3) naming the API', () => {
    const env = {
      ...process.env,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: 'orgward-test-none',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    };
    const r = spawnSync(
      process.execPath,
      [BIN, 'collect', '--regions', 'eu-west-1', '-o', join(tmpdir(), 'never.json')],
      { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 },
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('sts:GetCallerIdentity');
  });

  it('runs the demo offline and writes its artifacts', () => {
    const out = mkdtempSync(join(tmpdir(), 'orgward-demo-'));
    const r = orgward(['demo', '--out', out, '--no-serve']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid:');
    for (const f of [
      'validation.json',
      'explain.txt',
      'explain.json',
      'blueprint/blueprint.yaml',
      'synth/manifest.json',
      'synth/templates/organization-policies.json',
      'snapshot.json',
      'plan.txt',
      'plan.json',
    ]) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    // The demo organization runs two stale units and had an SCP detached out of band.
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8')) as {
      units: { unit: string; action: string }[];
      changes: { entity: string; summary: string }[];
    };
    const changed = plan.units
      .filter((u) => u.action !== 'unchanged')
      .map((u) => `${u.unit}:${u.action}`);
    expect(changed.sort()).toEqual([
      'baseline-config:update',
      'organization-policies:revert-drift',
      'security-tooling:update',
    ]);
    expect(plan.changes.map((c) => c.entity)).toEqual(['policy:scp-root-baseline']);
    expect(r.stdout).toContain('5. plan');

    // plan from the demo's snapshot, as a user would run it
    const again = orgward([
      'plan',
      join(out, 'blueprint', 'blueprint.yaml'),
      '--snapshot',
      join(out, 'snapshot.json'),
      '--format',
      'json',
    ]);
    expect(again.code).toBe(0);
    expect(
      (JSON.parse(again.stdout) as { summary: { unitsChanged: number } }).summary.unitsChanged,
    ).toBe(3);
  });

  it('synthesizes templates and a manifest', () => {
    const out = mkdtempSync(join(tmpdir(), 'orgward-synth-'));
    const r = orgward(['synth', 'examples/minimal/blueprint.yaml', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/synth: \d+ units/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      kind: string;
      units: { id: string; template: string; hash: string }[];
    };
    expect(manifest.kind).toBe('orgward-manifest');
    for (const u of manifest.units) expect(existsSync(join(out, u.template))).toBe(true);
    expect(manifest.units.map((u) => u.id)).toContain('organization-ous');
  });

  it('refuses to synthesize an invalid blueprint with exit 2', () => {
    const r = orgward(['synth', 'test/fixtures/five-mistakes/blueprint.yaml', '-o', tmpdir()]);
    expect(r.code).toBe(2);
  });

  it('plan names a missing snapshot with exit 2', () => {
    const r = orgward([
      'plan',
      'examples/minimal/blueprint.yaml',
      '--snapshot',
      '/nonexistent.json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent.json');
  });

  it('deploy never changes AWS without consent: no terminal and no --yes is exit 2 before any call', () => {
    const r = orgward(['deploy', 'examples/minimal/blueprint.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
  });
});
