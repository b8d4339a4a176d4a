import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../core/diagnostics.js';
import { InputError } from '../../core/errors.js';
import { readSnapshot, writeSnapshot } from '../io.js';
import { SnapshotSchema } from '../schema.js';
import { importSnapshot, type ImportOptions } from './index.js';
import { classifyOrgFile, commandFor, ORG_FILES } from './org-files.js';

const FIX = join(import.meta.dirname, '..', '__fixtures__', 'aws-cli');
const A = '111122223333';
const B = '444455556666';
const IAM_A = join(FIX, 'iam-111122223333.json');
const IAM_B = join(FIX, 'iam-444455556666-pages.json');

const full = (): ImportOptions => ({
  accounts: [
    { accountId: B, file: IAM_B },
    { accountId: A, file: IAM_A },
  ],
  orgDir: join(FIX, 'org'),
});

const tmp = () => mkdtempSync(join(tmpdir(), 'orgward-import-'));

/** A copy of the fixture --org folder to break. */
function orgCopy(): string {
  const dir = join(tmp(), 'org');
  cpSync(join(FIX, 'org'), dir, { recursive: true });
  return dir;
}

/** A JSON file in a fresh folder, written as the AWS CLI indents (4 spaces). */
function json(name: string, value: unknown): string {
  const f = join(tmp(), name);
  writeFileSync(f, typeof value === 'string' ? value : `${JSON.stringify(value, null, 4)}\n`);
  return f;
}

/** The fixture of account A, parsed, to derive broken variants from. */
const iamA = (): any => JSON.parse(readFileSync(IAM_A, 'utf8'));

/** Line (1-based) of the first line of `file` containing `needle`. */
function lineOf(file: string, needle: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1
  );
}

async function inputError(p: Promise<unknown>): Promise<{ message: string; lines: string[] }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { message: err.message, lines: err.diagnostics.map(formatDiagnostic) };
  }
  throw new Error('expected an InputError');
}

describe('importSnapshot: IAM from get-account-authorization-details', () => {
  it('maps users, groups, roles and managed policies exactly as the collector does', async () => {
    const { snapshot } = await importSnapshot(full());
    const iam = snapshot.accounts[A]?.iam;
    expect(iam?.users).toEqual([
      {
        arn: `arn:aws:iam::${A}:user/alice`,
        userName: 'alice',
        userId: 'AIDA1111EXAMPLE',
        path: '/',
        createDate: '2021-03-04T10:20:30.000Z',
        permissionsBoundary: `arn:aws:iam::${A}:policy/Boundary`,
        groups: ['Admins'],
        attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        inlinePolicies: [
          {
            name: 'inline-read',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }],
            },
          },
        ],
        tags: { team: 'platform', 'cost-center': '42' },
      },
    ]);
    expect(iam?.groups[0]).toMatchObject({
      groupName: 'Admins',
      attachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      inlinePolicies: [],
    });
    const [ec2, breakGlass] = iam?.roles ?? [];
    expect(ec2).toMatchObject({
      roleName: 'EC2role',
      createDate: '2014-07-30T17:09:20.000Z',
      trustPolicy: { Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }] },
      instanceProfiles: [`arn:aws:iam::${A}:instance-profile/EC2role`],
      lastUsed: { date: '2026-11-20T08:15:00.000Z', region: 'eu-west-1' },
      tags: {},
    });
    expect(breakGlass).toMatchObject({
      path: '/ops/',
      permissionsBoundary: `arn:aws:iam::${A}:policy/Boundary`,
      tags: { owner: 'security' },
      instanceProfiles: [],
    });
    expect(breakGlass?.lastUsed).toBeUndefined(); // RoleLastUsed {} means never used: absent
    expect(breakGlass?.maxSessionDuration).toBeUndefined(); // not in RoleDetail
    expect(iam?.policies).toEqual([
      {
        arn: `arn:aws:iam::${A}:policy/Boundary`,
        policyName: 'Boundary',
        path: '/',
        defaultVersionId: 'v2',
        attachmentCount: 1,
        isAttachable: true,
        // The default version (v2), not the first listed.
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['s3:*', 'cloudwatch:*'], Resource: '*' }],
        },
        awsManaged: false,
      },
      expect.objectContaining({
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        awsManaged: true,
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        },
      }),
    ]);
  });

  it('decodes URL-encoded documents (SDK form) and merges an array of pages', async () => {
    const { snapshot, summary } = await importSnapshot(full());
    const iam = snapshot.accounts[B]?.iam;
    expect(iam?.users.map((u) => u.userName)).toEqual(['ci-deployer']);
    expect(iam?.users[0]?.inlinePolicies[0]?.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    expect(iam?.roles.map((r) => r.roleName)).toEqual([
      'OrganizationAccountAccessRole',
      'lambda-exec',
    ]);
    expect(iam?.roles[0]?.trustPolicy).toMatchObject({
      Statement: [
        {
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    expect(iam?.roles[1]?.inlinePolicies[0]?.document).toMatchObject({
      Statement: [{ Action: 'logs:*' }],
    });
    expect(iam?.policies[0]?.document).toMatchObject({ Statement: [{ Action: '*' }] });
    expect(summary.accounts.find((a) => a.accountId === B)).toMatchObject({
      users: 1,
      roles: 2,
      policies: 1,
      truncated: false,
    });
  });

  it('keeps one copy of an item listed on two pages', async () => {
    const page = iamA();
    const f = json('dup.json', [page, { RoleDetailList: page.RoleDetailList, IsTruncated: false }]);
    const { snapshot, summary } = await importSnapshot({ accounts: [{ accountId: A, file: f }] });
    expect(snapshot.accounts[A]?.iam?.roles).toHaveLength(2);
    expect(summary.accounts[0]?.duplicates).toBe(2);
  });

  it.each([
    ['IsTruncated on the last page', { IsTruncated: true, Marker: 'abc' }],
    ['a NextToken (--max-items)', { NextToken: 'eyJNYXJrZXIiOiBudWxsfQ==' }],
  ])('records a truncated output (%s) as a coverage gap, and still imports', async (_n, extra) => {
    const f = json('trunc.json', { ...iamA(), ...extra });
    const { snapshot, summary } = await importSnapshot({ accounts: [{ accountId: A, file: f }] });
    expect(snapshot.accounts[A]?.iam?.users).toHaveLength(1);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        accountId: A,
        api: 'iam:GetAccountAuthorizationDetails',
        code: 'Truncated',
        section: 'iam',
      }),
    );
    expect(summary.warnings.join()).toMatch(/truncated/);
  });

  it('records what an import cannot hold as NotImported gaps per account', async () => {
    const { snapshot } = await importSnapshot({ accounts: [{ accountId: A, file: IAM_A }] });
    const mine = snapshot.coverage.filter((g) => g.accountId === A);
    const sections = mine.map((g) => g.section);
    for (const s of [
      'passwordPolicy',
      's3Buckets',
      'kmsKeys',
      'trails',
      'guardDuty',
      'ec2',
      'enabledRegions',
    ]) {
      expect(sections).toContain(s);
    }
    expect(sections).not.toContain('iam');
    expect(
      mine.every((g) => g.code === 'NotImported' && g.message.startsWith('not in the import')),
    ).toBe(true);
    // Without --org, the organization and Identity Center are gaps too.
    expect(snapshot.organization).toBeUndefined();
    expect(snapshot.coverage.filter((g) => !g.accountId).map((g) => g.section)).toEqual([
      'organization',
      'identityCenter',
    ]);
  });

  it('fills source, partition, takenAt and provenance', async () => {
    const { snapshot } = await importSnapshot({ ...full(), takenAt: '2026-11-23T00:00:00.000Z' });
    expect(snapshot).toMatchObject({
      kind: 'orgward-snapshot',
      formatVersion: 1,
      takenAt: '2026-11-23T00:00:00.000Z',
      source: { tool: 'orgward', method: 'import', regions: [] },
      partition: 'aws',
    });
    expect(Object.keys(snapshot.accounts)).toEqual([A, B]);
    expect(snapshot.accounts[A]?.regions).toEqual({});
    expect(snapshot.provenance).toContainEqual({
      section: `accounts.${A}.iam`,
      apis: ['iam:GetAccountAuthorizationDetails'],
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      inputs: [{ command: 'aws iam get-account-authorization-details', file: IAM_A }],
    });
    const { snapshot: dated } = await importSnapshot(full());
    expect(dated.takenAt).toBe([...dated.provenance.map((p) => p.at)].sort()[0]);
  });

  it('produces a snapshot that validates and survives a write/read round trip', async () => {
    const { snapshot } = await importSnapshot(full());
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    const f = join(tmp(), 'snap.json.gz');
    await writeSnapshot(f, snapshot);
    expect(await readSnapshot(f)).toEqual(SnapshotSchema.parse(snapshot));
  });
});

describe('importSnapshot: the organization from --org', () => {
  it('builds the OU tree, accounts with their parents, policies with content and targets', async () => {
    const { snapshot, summary } = await importSnapshot(full());
    const o = snapshot.organization;
    expect(o).toMatchObject({
      id: 'o-exampleorgid',
      featureSet: 'ALL',
      managementAccountId: A,
      managementAccountEmail: 'aws-root@example.com',
      root: {
        id: 'r-ab12',
        name: 'Root',
        policyTypes: [
          { type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' },
          { type: 'RESOURCE_CONTROL_POLICY', status: 'ENABLED' },
        ],
      },
    });
    expect(o?.organizationalUnits.map((u) => [u.id, u.name, u.parentId])).toEqual([
      ['ou-ab12-11111111', 'Security', 'r-ab12'],
      ['ou-ab12-22222222', 'Workloads', 'r-ab12'],
    ]);
    expect(o?.accounts.map((a) => [a.id, a.parentId, a.status])).toEqual([
      [A, 'r-ab12', 'ACTIVE'],
      [B, 'ou-ab12-11111111', 'ACTIVE'],
      ['777788889999', '', 'SUSPENDED'], // only in list-accounts.json: parent unknown
    ]);
    expect(o?.accounts[0]).toMatchObject({
      joinedMethod: 'INVITED',
      joinedTimestamp: '2020-06-15T10:01:02.123Z',
    });
    expect(o?.policies.map((p) => [p.id, p.awsManaged, p.targets])).toEqual([
      ['p-FullAWSAccess', true, ['r-ab12']],
      ['p-abcd1234', false, ['ou-ab12-22222222', B]], // targets over two pages
    ]);
    expect(o?.policies[1]?.content).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyLeave',
          Effect: 'Deny',
          Action: 'organizations:LeaveOrganization',
          Resource: '*',
        },
      ],
    });
    expect(o?.trustedServices).toEqual(['cloudtrail.amazonaws.com', 'guardduty.amazonaws.com']);
    expect(o?.delegatedAdministrators).toEqual([]);
    expect(summary.organization).toEqual({
      id: 'o-exampleorgid',
      organizationalUnits: 2,
      accounts: 3,
      policies: 2,
    });
    expect(summary.warnings).toEqual([
      expect.stringMatching(/notes\.json: not a file name snapshot import knows; ignored/),
    ]);
  });

  it('turns every missing optional file into a coverage gap', async () => {
    const { snapshot } = await importSnapshot(full());
    const gaps = snapshot.coverage.filter(
      (g) =>
        g.section.startsWith('organization') ||
        g.section === 'identityCenter' ||
        (g.section === 'iam' && g.accountId === '777788889999'),
    );
    expect(gaps.map((g) => [g.api, g.section, g.accountId ?? ''])).toEqual([
      ['sso:ListInstances', 'identityCenter', ''],
      ['organizations:ListAccountsForParent', 'organization.accounts', ''],
      ['organizations:ListAccountsForParent', 'organization.accounts', '777788889999'],
      ['organizations:ListPolicies', 'organization.policies', ''],
      ['organizations:DescribePolicy', 'organization.policies', ''],
      ['organizations:ListDelegatedAdministrators', 'organization.delegatedAdministrators', ''],
      ['iam:GetAccountAuthorizationDetails', 'iam', '777788889999'],
    ]);
    expect(gaps.map((g) => g.message).join('\n')).toMatch(
      /list-accounts-for-parent-ou-ab12-22222222\.json[\s\S]*RESOURCE_CONTROL_POLICY[\s\S]*describe-policy-p-region99\.json/,
    );
  });

  it('records a policy without targets as a gap with empty targets', async () => {
    const dir = orgCopy();
    rmSync(join(dir, 'list-targets-for-policy-p-FullAWSAccess.json'));
    const { snapshot } = await importSnapshot({ accounts: [], orgDir: dir });
    expect(snapshot.organization?.policies[0]?.targets).toEqual([]);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        api: 'organizations:ListTargetsForPolicy',
        section: 'organization.policies.p-FullAWSAccess.targets',
      }),
    );
  });

  it('reads delegated administrators and their services', async () => {
    const dir = orgCopy();
    writeFileSync(
      join(dir, 'list-delegated-administrators.json'),
      JSON.stringify({
        DelegatedAdministrators: [
          {
            Id: B,
            Arn: 'x',
            Email: 'e',
            Name: 'security',
            Status: 'ACTIVE',
            JoinedMethod: 'CREATED',
            JoinedTimestamp: 1700000000,
            DelegationEnabledDate: 1700000000.5,
          },
        ],
      }),
    );
    writeFileSync(
      join(dir, `list-delegated-services-for-account-${B}.json`),
      JSON.stringify({
        DelegatedServices: [
          { ServicePrincipal: 'guardduty.amazonaws.com', DelegationEnabledDate: 1700000000.5 },
        ],
      }),
    );
    const { snapshot } = await importSnapshot({ accounts: [], orgDir: dir });
    expect(snapshot.organization?.delegatedAdministrators).toEqual([
      {
        accountId: B,
        servicePrincipal: 'guardduty.amazonaws.com',
        delegationEnabledDate: '2023-11-14T22:13:20.500Z',
      },
    ]);
  });

  it('records provenance per section with the CLI command behind each file', async () => {
    const { snapshot } = await importSnapshot(full());
    const org = snapshot.provenance.find((p) => p.section === 'organization');
    expect(org?.apis).toContain('organizations:ListOrganizationalUnitsForParent');
    expect(org?.inputs).toContainEqual({
      command: 'aws organizations list-accounts-for-parent --parent-id ou-ab12-11111111',
      file: join(FIX, 'org', 'list-accounts-for-parent-ou-ab12-11111111.json'),
    });
    const pol = snapshot.provenance.find((p) => p.section === 'organization.policies');
    expect(pol?.inputs?.map((i) => i.command)).toContain(
      'aws organizations describe-policy --policy-id p-abcd1234',
    );
  });
});

describe('importSnapshot: bad input is an InputError naming file, JSON path and line:col', () => {
  /** The expected line: of the first line holding a string, or computed from the file. */
  type Needle = string | ((file: string) => number);
  type Case = [name: string, make: () => string, needle: Needle, expected: RegExp];
  const role0 = (patch: object) => () => {
    const v = iamA();
    Object.assign(v.RoleDetailList[0], patch);
    return json('iam.json', v);
  };
  const cases: Case[] = [
    [
      'a wrong type',
      role0({ Arn: 42 }),
      '"Arn": 42',
      /RoleDetailList\[0\]\.Arn: expected a string, got 42/,
    ],
    [
      'a missing key',
      () => {
        const v = iamA();
        delete v.UserDetailList[0].UserName;
        return json('iam.json', v);
      },
      (f) => lineOf(f, '"UserDetailList"') + 1, // the object missing the key
      /UserDetailList\[0\]: missing: expected a string|UserDetailList\[0\]\.UserName: missing: expected a string/,
    ],
    [
      'an undecodable trust policy',
      role0({ AssumeRolePolicyDocument: '%7B%22Version%22%3A' }),
      '%7B%22Version',
      /RoleDetailList\[0\]\.AssumeRolePolicyDocument: expected a policy document .* got the string '%7B%22Version%22%3A'/,
    ],
    [
      'a trust policy that is an array',
      role0({ AssumeRolePolicyDocument: [] }),
      '"AssumeRolePolicyDocument": []',
      /RoleDetailList\[0\]\.AssumeRolePolicyDocument: expected a policy document/,
    ],
    [
      'a bad timestamp',
      role0({ CreateDate: 'yesterday' }),
      '"yesterday"',
      /RoleDetailList\[0\]\.CreateDate: expected an ISO 8601 timestamp or epoch seconds, got the string 'yesterday'/,
    ],
    [
      'a policy without its default version',
      () => {
        const v = iamA();
        v.Policies[0].PolicyVersionList = v.Policies[0].PolicyVersionList.slice(1);
        return json('iam.json', v);
      },
      '"PolicyVersionList"',
      /Policies\[0\]\.PolicyVersionList: no default version \(DefaultVersionId is v2\)/,
    ],
    [
      'an undecodable default version',
      () => {
        const v = iamA();
        v.Policies[0].PolicyVersionList[0].Document = 'not json';
        return json('iam.json', v);
      },
      '"not json"',
      /Policies\[0\]\.PolicyVersionList\[0\]\.Document: expected a policy document/,
    ],
    [
      'a bad item on page 2 of an array of pages',
      () =>
        json('iam.json', [
          iamA(),
          { RoleDetailList: [{ ...iamA().RoleDetailList[0], RoleId: null }] },
        ]),
      '"RoleId": null',
      /\[1\]\.RoleDetailList\[0\]\.RoleId: expected a string, got null/,
    ],
    [
      'the output of another command',
      () => json('iam.json', { Roles: [] }),
      () => 1,
      /not the output of `aws iam get-account-authorization-details` .*: it has keys Roles/,
    ],
    [
      'a truncated file',
      () => json('iam.json', JSON.stringify(iamA(), null, 4).slice(0, 900)),
      (f) => readFileSync(f, 'utf8').trimEnd().split('\n').length,
      /the JSON ends early: the file is truncated/,
    ],
    [
      'two outputs pasted one after the other',
      () => json('iam.json', `${JSON.stringify(iamA())}\n${JSON.stringify(iamA())}`),
      () => 2,
      /unexpected content after the document .*wrap the pages in a JSON array/,
    ],
    [
      "another account's file",
      () => json('iam.json', JSON.parse(readFileSync(IAM_B, 'utf8'))),
      `"Arn": "arn:aws:iam::${B}:user/ci-deployer"`,
      /\[0\]\.UserDetailList\[0\]\.Arn: belongs to account 444455556666, but the file was given for --account 111122223333/,
    ],
  ];

  it.each(cases)('%s', async (_name, make, needle, expected) => {
    const file = make();
    const e = await inputError(importSnapshot({ accounts: [{ accountId: A, file }] }));
    const text = e.lines.join('\n');
    expect(text).toMatch(expected);
    const line = typeof needle === 'string' ? lineOf(file, needle) : needle(file);
    expect(text).toContain(`${file}:${line}:`);
    expect(e.message).toMatch(/1 input file has problems; no snapshot was written/);
  });

  it('lists every bad file at once', async () => {
    const bad1 = json('a.json', { Roles: [] });
    const bad2 = json('b.json', '{');
    const e = await inputError(
      importSnapshot({
        accounts: [
          { accountId: A, file: bad1 },
          { accountId: B, file: bad2 },
        ],
      }),
    );
    expect(e.message).toBe('2 input files have problems; no snapshot was written');
    expect(e.lines.join('\n')).toMatch(/a\.json[\s\S]*b\.json/);
  });

  it('names a file that does not exist', async () => {
    const e = await inputError(
      importSnapshot({ accounts: [{ accountId: A, file: '/nonexistent/iam.json' }] }),
    );
    expect(e.lines).toEqual(["error: cannot read '/nonexistent/iam.json': no such file"]);
  });

  it('rejects the same account twice, and nothing to import', async () => {
    await expect(
      importSnapshot({
        accounts: [
          { accountId: A, file: IAM_A },
          { accountId: A, file: IAM_A },
        ],
      }),
    ).rejects.toThrow(/--account 111122223333 is given twice/);
    await expect(importSnapshot({ accounts: [] })).rejects.toThrow(/nothing to import/);
  });

  it('rejects a partition that contradicts the files', async () => {
    await expect(
      importSnapshot({ accounts: [{ accountId: A, file: IAM_A }], partition: 'aws-cn' }),
    ).rejects.toThrow(/partition 'aws', but --partition says 'aws-cn'/);
  });

  it('reports a wrong-shaped --org file as file:line:col: error: path', async () => {
    const dir = orgCopy();
    const f = join(dir, 'list-roots.json');
    const v = JSON.parse(readFileSync(f, 'utf8'));
    v.Roots[0].Id = 7;
    writeFileSync(f, JSON.stringify(v, null, 4));
    const e = await inputError(importSnapshot({ accounts: [], orgDir: dir }));
    expect(e.lines).toContain(
      `${f}:${lineOf(f, '"Id": 7')}:13: error: Roots[0].Id: expected a string, got 7`,
    );
  });

  it('reports a truncated --org file with its position', async () => {
    const dir = orgCopy();
    const f = join(dir, 'list-accounts-for-parent-r-ab12.json');
    writeFileSync(f, readFileSync(f, 'utf8').slice(0, 120));
    const e = await inputError(importSnapshot({ accounts: [], orgDir: dir }));
    expect(e.lines.join('\n')).toMatch(
      new RegExp(`${f.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: the JSON ends early`),
    );
  });

  it('requires describe-organization.json and list-roots.json, saying how to make them', async () => {
    const dir = orgCopy();
    rmSync(join(dir, 'describe-organization.json'));
    const e = await inputError(importSnapshot({ accounts: [], orgDir: dir }));
    expect(e.lines.join('\n')).toMatch(
      /lacks describe-organization\.json \(`aws organizations describe-organization > describe-organization\.json`\)/,
    );
    const e2 = await inputError(importSnapshot({ accounts: [], orgDir: join(dir, 'nope') }));
    expect(e2.lines.join('\n')).toMatch(/--org '.*nope': no such folder/);
  });

  it('checks a describe-policy file against its name', async () => {
    const dir = orgCopy();
    const f = join(dir, 'describe-policy-p-abcd1234.json');
    writeFileSync(f, readFileSync(f, 'utf8').replaceAll('"p-abcd1234"', '"p-other999"'));
    const e = await inputError(importSnapshot({ accounts: [], orgDir: dir }));
    expect(e.lines.join('\n')).toMatch(
      /describe-policy-p-abcd1234\.json:\d+:\d+: error: Policy\.PolicySummary\.Id: is p-other999, but the file name says p-abcd1234/,
    );
  });
});

describe('ORG_FILES', () => {
  it.each([
    ['describe-organization.json', 'describe-organization', undefined],
    [
      'list-organizational-units-for-parent-ou-ab12-11111111.json',
      'list-organizational-units-for-parent',
      'ou-ab12-11111111',
    ],
    ['list-accounts-for-parent-r-ab12.json', 'list-accounts-for-parent', 'r-ab12'],
    ['list-accounts.json', 'list-accounts', undefined],
    ['list-policies.json', 'list-policies', undefined],
    ['list-policies-TAG_POLICY.json', 'list-policies', 'TAG_POLICY'],
    ['describe-policy-p-FullAWSAccess.json', 'describe-policy', 'p-FullAWSAccess'],
    ['list-targets-for-policy-p-1234abcd.json', 'list-targets-for-policy', 'p-1234abcd'],
    [`list-delegated-services-for-account-${A}.json`, 'list-delegated-services-for-account', A],
    ['readme.json', undefined, undefined],
  ])('classifies %s', (name, kind, param) => {
    const c = classifyOrgFile(name);
    expect(c?.kind).toBe(kind);
    expect(c?.param).toBe(param);
  });

  it('are all documented in docs/snapshot.md with their command', () => {
    const doc = readFileSync(
      join(import.meta.dirname, '..', '..', '..', 'docs', 'snapshot.md'),
      'utf8',
    );
    for (const f of ORG_FILES) {
      const esc = f.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(doc).toMatch(new RegExp(`\\| \`${esc}\` +\\|`));
      expect(doc).toContain(f.command);
    }
  });

  it('names the command for each file', () => {
    expect(commandFor('list-policies', 'SERVICE_CONTROL_POLICY')).toBe(
      'aws organizations list-policies --filter SERVICE_CONTROL_POLICY',
    );
    expect(commandFor('list-roots')).toBe('aws organizations list-roots');
    expect(ORG_FILES.filter((f) => f.required).map((f) => f.name)).toEqual([
      'describe-organization.json',
      'list-roots.json',
    ]);
  });
});
