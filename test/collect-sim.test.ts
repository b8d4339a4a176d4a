import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadBlueprint } from '../src/blueprint/load/index.js';
import { collectSnapshot } from '../src/collect/engine.js';
import { COLLECTOR_CATALOGUE, ENGINE_APIS } from '../src/collect/catalogue.js';
import { COLLECTORS } from '../src/collect/registry.js';
import { comparableSnapshot, mockAws, type MockAwsOptions } from '../src/sim/aws.js';
import { simulateSnapshot } from '../src/sim/snapshot.js';
import { SnapshotSchema } from '../src/snapshot/schema.js';
import type { Snapshot } from '../src/snapshot/types.js';

const ROOT = join(import.meta.dirname, '..');
const TAKEN_AT = '2026-11-23T12:00:00.000Z';
const BASE = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'base-secret-not-collected' };

async function standardOrg(workload?: Record<string, number>): Promise<Snapshot> {
  const bp = await loadBlueprint(join(ROOT, 'examples/standard/blueprint.yaml'), { cwd: ROOT });
  if (!bp.blueprint) throw new Error('the standard example must load');
  return simulateSnapshot(
    { blueprint: bp.blueprint, policies: bp.policies, dir: join(ROOT, 'examples/standard') },
    { seed: 7, takenAt: TAKEN_AT, ...(workload ? { workload } : {}) },
  );
}

/** Collect `org` through the real engine and collectors against mocked AWS. */
async function collect(org: Snapshot, opts: MockAwsOptions = {}) {
  const aws = mockAws(org, opts);
  try {
    const out = await collectSnapshot({
      collectors: COLLECTORS,
      homeRegion: opts.homeRegion ?? 'eu-west-1',
      regions: org.source.regions,
      credentials: () => Promise.resolve(BASE),
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      now: () => new Date(TAKEN_AT),
      random: () => 0.5,
    });
    return { ...out, aws };
  } finally {
    aws.restore();
  }
}

describe('collect: the real collector against a simulated organization', () => {
  it('reads exactly the organization the simulator describes', async () => {
    const org = await standardOrg();
    const { snapshot, aws } = await collect(org);
    expect(SnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(comparableSnapshot(snapshot)).toEqual(comparableSnapshot(aws.expected));
    expect(snapshot.coverage).toEqual([]);
    // Every member account shows the organization trail (owned by the management account),
    // once: in its home Region, with the status read there by ARN.
    const mgmt = org.organization?.managementAccountId ?? '';
    const members = Object.keys(snapshot.accounts).filter((id) => id !== mgmt);
    expect(members.length).toBeGreaterThan(0);
    for (const id of members) {
      const trails = Object.values(snapshot.accounts[id]?.regions ?? {}).flatMap(
        (r) => r.trails ?? [],
      );
      expect(trails).toEqual([
        expect.objectContaining({
          arn: expect.stringMatching(new RegExp(`^arn:aws:cloudtrail:eu-west-1:${mgmt}:trail/`)),
          homeRegion: 'eu-west-1',
          isOrganizationTrail: true,
          status: expect.objectContaining({ isLogging: true }),
        }),
      ]);
      expect(snapshot.accounts[id]?.regions['eu-west-1']?.trails).toHaveLength(1);
    }
    expect(Object.keys(snapshot.accounts)).toHaveLength(Object.keys(org.accounts).length);
    // The collectors call only what the catalogue (and so the least-privilege policy) lists.
    const allowed = new Set([...COLLECTOR_CATALOGUE.flatMap((e) => e.apis), ...ENGINE_APIS]);
    expect(Object.keys(aws.stats.calls).filter((api) => !allowed.has(api))).toEqual([]);
  });

  it('survives a throttling storm, AccessDenied accounts and an opted-out region, naming each gap', async () => {
    const org = await standardOrg();
    const denied = Object.keys(org.accounts)
      .filter((id) => id !== org.organization?.managementAccountId)
      .slice(0, 2);
    const optedOut = 'eu-central-1';
    const { snapshot, aws, stats } = await collect(org, {
      throttleRate: 0.25,
      accessDenied: { accounts: denied, apis: ['kms:GetKeyPolicy'] },
      optedOutRegions: [optedOut],
    });
    expect(aws.stats.throttled).toBeGreaterThan(50);
    expect(stats.throttles).toBeGreaterThan(0);
    expect(comparableSnapshot(snapshot)).toEqual(comparableSnapshot(aws.expected));
    for (const id of denied) {
      expect(snapshot.accounts[id]).toBeUndefined();
      expect(snapshot.coverage).toContainEqual(
        expect.objectContaining({ accountId: id, api: 'sts:AssumeRole', code: 'AccessDenied' }),
      );
    }
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({ region: optedOut, code: 'OptInRequired' }),
    );
    expect(snapshot.coverage.some((g) => g.api === 'kms:GetKeyPolicy')).toBe(true);
  });

  it('follows pagination across thousands of items', async () => {
    const org = await standardOrg({ buckets: 1200, keys: 300, queues: 1100 });
    const { snapshot, aws } = await collect(org, { throttleRate: 0.02 });
    expect(comparableSnapshot(snapshot)).toEqual(comparableSnapshot(aws.expected));
    const mostBuckets = Math.max(
      ...Object.values(snapshot.accounts).map((a) => a.s3Buckets?.length ?? 0),
    );
    expect(mostBuckets).toBeGreaterThanOrEqual(1200);
  });

  it('never lets a secret value reach the snapshot', async () => {
    const org = await standardOrg();
    const { snapshot, aws } = await collect(org, { secretsPlanted: true });
    expect(aws.plantedSecrets.length).toBeGreaterThan(0);
    const text = JSON.stringify(snapshot);
    for (const secret of aws.plantedSecrets) expect(text).not.toContain(secret);
    expect(text).not.toContain(BASE.secretAccessKey);
  });
});

describe('collect: what must not shrink a run quietly', () => {
  it('keeps every account when a peripheral Organizations call is denied, naming the gap', async () => {
    const org = await standardOrg();
    const { snapshot } = await collect(org, {
      accessDenied: { apis: ['organizations:ListDelegatedAdministrators'] },
    });
    expect(Object.keys(snapshot.accounts)).toHaveLength(Object.keys(org.accounts).length);
    expect(snapshot.organization?.delegatedAdministrators).toEqual([]);
    expect(snapshot.coverage).toContainEqual(
      expect.objectContaining({
        api: 'organizations:ListDelegatedAdministrators',
        code: 'AccessDeniedException',
      }),
    );
  });

  it('is an AWS access problem when the organization itself cannot be read', async () => {
    const org = await standardOrg();
    await expect(
      collect(org, { accessDenied: { apis: ['organizations:ListRoots'] } }),
    ).rejects.toMatchObject({
      name: 'AwsAccessError',
      message: expect.stringContaining('organizations:ListRoots'),
    });
  });
});
