import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/helpers/capture.js';
import { InputError } from '../../core/errors.js';
import { readSnapshot } from '../../snapshot/io.js';
import { main } from '../main.js';
import { parseAccountFlag } from './snapshot-import.js';

const FIX = join(import.meta.dirname, '..', '..', 'snapshot', '__fixtures__', 'aws-cli');
const IAM_A = join(FIX, 'iam-111122223333.json');
const IAM_B = join(FIX, 'iam-444455556666-pages.json');

describe('parseAccountFlag', () => {
  it.each([
    ['111122223333=iam.json', { accountId: '111122223333', file: 'iam.json' }],
    ['111122223333=dir/a=b.json', { accountId: '111122223333', file: 'dir/a=b.json' }],
  ])('parses %s', (v, expected) => {
    expect(parseAccountFlag(v)).toEqual(expected);
  });

  it.each([
    ['iam.json', /--account 'iam\.json': expected <account-id>=<file>/],
    ['1111=iam.json', /--account '1111=iam\.json': '1111' is not an AWS account id \(12 digits\)/],
    ['prod=iam.json', /'prod' is not an AWS account id/],
    ['111122223333=', /--account '111122223333=': the file name is missing/],
  ])('rejects %s, quoting the value', (v, re) => {
    expect(() => parseAccountFlag(v)).toThrow(InputError);
    expect(() => parseAccountFlag(v)).toThrow(re);
  });
});

describe('orgward snapshot import / show', () => {
  const io = captureOutput();
  const out = () => join(mkdtempSync(join(tmpdir(), 'orgward-cli-')), 'snap.json.gz');

  it('imports accounts and an org folder, writes the snapshot and prints a summary', async () => {
    const o = out();
    const code = await main([
      'snapshot',
      'import',
      '--account',
      `111122223333=${IAM_A}`,
      '--account',
      `444455556666=${IAM_B}`,
      '--org',
      join(FIX, 'org'),
      '-o',
      o,
    ]);
    expect(code).toBe(0);
    expect(io.err).toMatch(
      /^snapshot import: 2 accounts and the organization, \d+ coverage gaps \(what the files do not hold\) -> .*snap\.json\.gz\n/,
    );
    expect(io.err).toContain('111122223333: 1 user, 1 group, 2 roles, 2 managed policies');
    expect(io.err).toContain('organization o-exampleorgid: 2 OUs, 3 accounts, 2 policies');
    expect(io.err).toMatch(/warning: .*notes\.json/);
    const snap = await readSnapshot(o);
    expect(Object.keys(snap.accounts)).toEqual(['111122223333', '444455556666']);
    expect(snap.source.method).toBe('import');
  });

  it('prints the summary as JSON with --format json', async () => {
    const o = out();
    const code = await main([
      'snapshot',
      'import',
      '--account',
      `111122223333=${IAM_A}`,
      '--format',
      'json',
      '-o',
      o,
    ]);
    expect(code).toBe(0);
    const j = JSON.parse(io.out) as { schemaVersion: number; output: string; accounts: unknown[] };
    expect(j).toMatchObject({ schemaVersion: 1, output: o });
    expect(j.accounts).toHaveLength(1);
  });

  it.each([
    [['--account', 'nonsense'], /--account 'nonsense': expected <account-id>=<file>/],
    [['--account', `12345=${IAM_A}`], /'12345' is not an AWS account id/],
    [['--account', `111122223333=${IAM_A}`, '--partition', 'mars'], /--partition 'mars'/],
    [
      ['--account', `999988887777=${IAM_A}`],
      /belongs to account 111122223333, but the file was given for --account 999988887777\n {2}hint: this is account 111122223333's IAM/,
    ],
    [[], /nothing to import/],
  ])('exits 2 on bad input %j', async (args, re) => {
    const code = await main(['snapshot', 'import', ...args, '-o', out()]);
    expect(code).toBe(2);
    expect(io.err).toMatch(re);
  });

  it('exits 2 with file:line:col for a wrong-shaped file', async () => {
    const code = await main([
      'snapshot',
      'import',
      '--account',
      `111122223333=${join(FIX, 'org', 'list-roots.json')}`,
      '-o',
      out(),
    ]);
    expect(code).toBe(2);
    expect(io.err).toMatch(
      /list-roots\.json:1:1: error: not the output of `aws iam get-account-authorization-details`/,
    );
  });

  it('shows what a snapshot holds and lacks, as text and JSON', async () => {
    const o = out();
    await main([
      'snapshot',
      'import',
      '--account',
      `111122223333=${IAM_A}`,
      '--org',
      join(FIX, 'org'),
      '-o',
      o,
    ]);
    io.out = '';
    expect(await main(['snapshot', 'show', o])).toBe(0);
    expect(io.out).toContain('orgward snapshot, import by orgward');
    expect(io.out).toContain(
      'organization o-exampleorgid (management 111122223333): 2 OUs, 3 accounts (ACTIVE 2, SUSPENDED 1); policies: SERVICE_CONTROL_POLICY 2',
    );
    expect(io.out).toContain('account sections (accounts holding each): iam 1');
    expect(io.out).toMatch(/coverage gaps: \d+ \(by code: NotImported \d+\)/);
    io.out = '';
    expect(await main(['snapshot', 'show', o, '--format', 'json'])).toBe(0);
    const j = JSON.parse(io.out) as Record<string, any>;
    expect(j).toMatchObject({
      schemaVersion: 1,
      method: 'import',
      accounts: 1,
      regions: [],
      accountSections: { iam: 1 },
    });
    expect(j.coverage.bySection.kmsKeys).toBe(1);
  });

  it('show exits 2 on a file that is not a snapshot', async () => {
    expect(await main(['snapshot', 'show', IAM_A])).toBe(2);
    expect(io.err).toMatch(/is not an orgward snapshot/);
  });
});
