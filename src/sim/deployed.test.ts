import { beforeAll, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../collect/engine.js';
import { COLLECTORS } from '../collect/registry.js';
import { SnapshotSchema } from '../snapshot/schema.js';
import type { DeployedStack, Snapshot } from '../snapshot/types.js';
import type { Manifest, ManifestEntry } from '../synth/types.js';
import { comparableSnapshot, mockAws, type MockAwsOptions } from './aws.js';
import { accountIdsOf, deployedStacks, staleHash, withDeployedStacks } from './deployed.js';
import { standardInput, TAKEN_AT } from './__fixtures__/simulated.js';
import type { SimInput } from './context.js';
import { simulateSnapshot } from './snapshot.js';

const HOME = 'eu-west-1';

function unit(e: Partial<ManifestEntry> & Pick<ManifestEntry, 'id' | 'kind'>): ManifestEntry {
  return {
    concern: 'baseline',
    title: e.id,
    name: `orgward-${e.id}`,
    template: `templates/${e.id}.json`,
    hash: 'a1b2c3d4e5f60718',
    templateBytes: 1000,
    resources: 3,
    accounts: [],
    accountIds: [],
    regions: [HOME],
    instances: 1,
    parameters: {},
    entities: [],
    dependsOn: [],
    capabilities: [],
    assets: [],
    ...e,
  };
}

/** A small manifest over the standard example: stacks, a StackSet, an unknown account. */
function manifest(): Manifest {
  return {
    schemaVersion: 1,
    kind: 'orgward-manifest',
    blueprint: { name: 'example-org-foundation', version: '1.4.0' },
    blueprintHash: '0000000000000000',
    stackPrefix: 'orgward',
    managementAccount: 'management',
    homeRegion: HOME,
    strategy: 'stacksets',
    units: [
      unit({
        id: 'organization',
        kind: 'stack',
        concern: 'organization',
        accounts: ['management'],
        accountIds: ['111111111111'],
        hash: '1111111111111111',
      }),
      unit({
        id: 'log-archive',
        kind: 'stack',
        concern: 'log-archive',
        accounts: ['log-archive'],
        accountIds: [null],
        hash: '2222222222222222',
      }),
      unit({
        id: 'baseline-config',
        kind: 'stackset',
        accounts: ['payments-prod', 'web-prod', 'not-in-the-org'],
        accountIds: [null, null, null],
        regions: [HOME, 'us-east-1'],
        hash: '3333333333333333',
      }),
    ],
    gaps: [],
  };
}

let input: SimInput;
let plain: Snapshot;
let ids: (bp: string) => string | undefined;
beforeAll(async () => {
  input = await standardInput();
  plain = simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT });
  ids = accountIdsOf(input.blueprint, plain);
});

const id = (bp: string) => ids(bp) ?? '';
const names = (m: Map<string, DeployedStack[]>, key: string) =>
  (m.get(key) ?? []).map((s) => s.stackName);

describe('deployedStacks', () => {
  it('names stacks <prefix>-<unit> and StackSet instances StackSet-<name>-<uuid>, with unit and hash', () => {
    const m = deployedStacks(manifest(), ids);
    const mgmt = m.get(`111111111111|${HOME}`) ?? [];
    expect(mgmt).toEqual([
      {
        stackName: 'orgward-organization',
        stackId: expect.stringMatching(
          /^arn:aws:cloudformation:eu-west-1:111111111111:stack\/orgward-organization\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        stackStatus: 'CREATE_COMPLETE',
        driftStatus: 'NOT_CHECKED',
        unit: 'organization',
        hash: '1111111111111111',
      },
    ]);
    expect(names(m, `${id('log-archive')}|${HOME}`)).toEqual(['orgward-log-archive']);
    for (const account of ['payments-prod', 'web-prod'])
      for (const region of [HOME, 'us-east-1']) {
        const [s, ...rest] = m.get(`${id(account)}|${region}`) ?? [];
        expect(rest).toEqual([]);
        expect(s?.stackName).toMatch(
          /^StackSet-orgward-baseline-config-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(s?.stackId).toContain(`:${region}:${id(account)}:stack/${s?.stackName ?? ''}/`);
        expect(s).toMatchObject({ unit: 'baseline-config', hash: '3333333333333333' });
      }
    // The account the organization does not have gets nothing; nothing else is deployed.
    expect([...m.values()].flat()).toHaveLength(1 + 1 + 2 * 2);
  });

  it('gives every instance its own name and id, the same on every call', () => {
    const a = deployedStacks(manifest(), ids);
    const all = [...a.values()].flat();
    expect(new Set(all.map((s) => s.stackId)).size).toBe(all.length);
    expect(new Set(all.map((s) => s.stackName)).size).toBe(all.length);
    expect(deployedStacks(manifest(), ids)).toEqual(a);
  });

  it.each([
    ['stale', { stale: new Set(['baseline-config']) }],
    ['missing', { missing: new Set(['baseline-config']) }],
    ['drifted', { drifted: new Set(['baseline-config']) }],
  ])('marks %s units and leaves the others as synthesized', (kind, opts) => {
    const m = deployedStacks(manifest(), ids, opts);
    const instance = m.get(`${id('web-prod')}|us-east-1`)?.[0];
    const org = m.get(`111111111111|${HOME}`)?.[0];
    expect(org).toMatchObject({ hash: '1111111111111111', driftStatus: 'NOT_CHECKED' });
    if (kind === 'missing') expect(instance).toBeUndefined();
    if (kind === 'stale') {
      expect(instance?.hash).toBe(staleHash('3333333333333333'));
      expect(instance?.hash).not.toBe('3333333333333333');
      expect(instance?.hash).toHaveLength(16);
    }
    if (kind === 'drifted') expect(instance?.driftStatus).toBe('DRIFTED');
  });

  it('uses the manifest account id when the lookup does not know the account', () => {
    const m = deployedStacks(manifest(), () => undefined);
    expect([...m.keys()]).toEqual([`111111111111|${HOME}`]);
  });

  it.each(['0123456789abcdef', 'ffffffffffffffff', 'a', ''])(
    'staleHash(%j) differs, same length',
    (h) => {
      expect(staleHash(h)).not.toBe(h);
      expect(staleHash(h)).toHaveLength(Math.max(h.length, 1));
      expect(staleHash(h)).toBe(staleHash(h));
    },
  );
});

describe('the simulator with deployed stacks', () => {
  it('leaves the snapshot unchanged without them', () => {
    expect(JSON.stringify(simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT }))).toBe(
      JSON.stringify(plain),
    );
    expect(
      Object.values(plain.accounts).some((a) =>
        Object.values(a.regions).some((r) => r.cloudFormation !== undefined),
      ),
    ).toBe(false);
  });

  it('puts a CloudFormation section in every Region, with the stacks deployed there', () => {
    const deployed = deployedStacks(manifest(), ids, { stale: new Set(['organization']) });
    const s = simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT, deployed });
    for (const [accountId, a] of Object.entries(s.accounts))
      for (const [region, r] of Object.entries(a.regions)) {
        const want = deployed.get(`${accountId}|${region}`) ?? [];
        expect(r.cloudFormation?.stacks.map((x) => x.stackName)).toEqual(
          want.map((x) => x.stackName),
        );
      }
    const org = s.accounts['111111111111']?.regions[HOME]?.cloudFormation?.stacks[0];
    expect(org?.hash).toBe(staleHash('1111111111111111'));
    expect(Date.parse(org?.lastUpdatedTime ?? '')).toBeLessThan(Date.parse(TAKEN_AT));
    // Same inputs, same bytes.
    expect(JSON.stringify(simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT, deployed }))).toBe(
      JSON.stringify(s),
    );
  });
});

/** The served organization: deployed stacks, a page and a half of foreign stacks, a deleted one, tags. */
function served(): Snapshot {
  const deployed = deployedStacks(manifest(), ids, { stale: new Set(['log-archive']) });
  const web = `${id('web-prod')}|${HOME}`;
  const foreign: DeployedStack[] = Array.from({ length: 150 }, (_, i) => ({
    stackName: `team-stack-${String(i).padStart(3, '0')}`,
    stackId: `arn:aws:cloudformation:${HOME}:${id('web-prod')}:stack/team-stack-${String(i)}/x-${String(i)}`,
    stackStatus: i % 2 ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE',
  }));
  const deleted: DeployedStack = {
    stackName: 'gone',
    stackId: `arn:aws:cloudformation:${HOME}:${id('web-prod')}:stack/gone/y`,
    stackStatus: 'DELETE_COMPLETE',
    lastUpdatedTime: '2026-01-01T00:00:00.000Z',
  };
  deployed.set(web, [...(deployed.get(web) ?? []), ...foreign, deleted]);
  const s = withDeployedStacks(plain, deployed);
  const org = s.organization;
  if (!org) throw new Error('the standard example has an organization');
  const [ou, ...ous] = org.organizationalUnits;
  const custom = org.policies.findIndex((p) => !p.awsManaged);
  const policies = [...org.policies];
  const p = policies[custom];
  if (!ou || !p) throw new Error('the standard example has OUs and policies');
  policies[custom] = { ...p, tags: { 'orgward:entity': `policy:${p.name}`, owner: 'security' } };
  const tags = Object.fromEntries(
    Array.from({ length: 25 }, (_, i) => [`k${String(i)}`, String(i)]),
  );
  return {
    ...s,
    organization: { ...org, organizationalUnits: [{ ...ou, tags }, ...ous], policies },
  };
}

async function collect(org: Snapshot, opts: MockAwsOptions = {}) {
  const aws = mockAws(org, opts);
  try {
    const out = await collectSnapshot({
      collectors: COLLECTORS,
      homeRegion: HOME,
      regions: org.source.regions,
      credentials: () => Promise.resolve({ accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' }),
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      now: () => new Date(TAKEN_AT),
      random: () => 0.5,
    });
    return { ...out, aws };
  } finally {
    aws.restore();
  }
}

describe('collect from the mocked AWS of a deployed organization', () => {
  it('reads the stacks (every page, deleted left out) and tags the simulator describes, and no secret', async () => {
    const org = served();
    const { snapshot, aws } = await collect(org, { secretsPlanted: true });
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(comparableSnapshot(snapshot)).toEqual(comparableSnapshot(aws.expected));
    expect(snapshot.coverage).toEqual([]);
    const web = snapshot.accounts[id('web-prod')]?.regions[HOME]?.cloudFormation?.stacks ?? [];
    expect(web).toHaveLength(151);
    expect(web.some((s) => s.stackName === 'gone')).toBe(false);
    expect(aws.stats.calls['cloudformation:DescribeStacks']).toBeGreaterThan(
      Object.keys(org.accounts).length * org.source.regions.length,
    );
    const logs = snapshot.accounts[id('log-archive')]?.regions[HOME]?.cloudFormation?.stacks[0];
    expect(logs).toMatchObject({ unit: 'log-archive', hash: staleHash('2222222222222222') });
    const tagged = org.organization?.organizationalUnits[0];
    const read = snapshot.organization?.organizationalUnits.find((u) => u.id === tagged?.id);
    expect(Object.keys(read?.tags ?? {})).toHaveLength(25);
    expect(read?.tags).toEqual(tagged?.tags);
    const text = JSON.stringify(snapshot);
    for (const secret of aws.plantedSecrets) expect(text).not.toContain(secret);
  });

  it.each([
    ['cloudformation:DescribeStacks', 'AccessDenied'],
    ['organizations:ListTagsForResource', 'AccessDeniedException'],
  ])('names each gap when %s is denied', async (api, code) => {
    const { snapshot, aws } = await collect(served(), { accessDenied: { apis: [api] } });
    expect(comparableSnapshot(snapshot)).toEqual(comparableSnapshot(aws.expected));
    const gaps = snapshot.coverage.filter((g) => g.api === api);
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((g) => g.code === code)).toBe(true);
    expect(Object.keys(snapshot.accounts)).toHaveLength(Object.keys(plain.accounts).length);
  });
});
