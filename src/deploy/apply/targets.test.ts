import { describe, expect, it } from 'vitest';
import { testIndex } from './__fixtures__/deploy.js';
import { accountTargets, MAX_OUS_PER_OPERATION, ouTargets, wavesOf } from './targets.js';

describe('wavesOf', () => {
  it('puts each account in its first matching wave and the rest last', () => {
    const w = wavesOf(
      testIndex({
        waves: [
          { name: 'canary', targets: { accounts: ['prod-1'] } },
          { name: 'prod', targets: { environments: ['prod'] } },
        ],
      }),
    );
    expect(w.names).toEqual(['canary', 'prod', '(rest)']);
    expect(['prod-1', 'prod-2', 'dev-1', 'log-archive'].map((a) => w.of(a))).toEqual([0, 1, 2, 2]);
  });

  it('without waves, everything is one wave', () => {
    const w = wavesOf(testIndex({ waves: [] }));
    expect(w.names).toEqual(['(rest)']);
    expect(w.of('dev-1')).toBe(0);
  });
});

describe('accountTargets', () => {
  it('targets accounts in their OUs with INTERSECTION, at most 50 OUs per operation', async () => {
    // 120 accounts in 60 OUs, two Regions each.
    const instances = Array.from({ length: 120 }, (_, n) => String(100000000000 + n)).flatMap(
      (accountId) => ['eu-west-1', 'us-east-1'].map((region) => ({ accountId, region })),
    );
    const ouOf = (i: { accountId: string }) =>
      Promise.resolve(`ou-ab12-${String(Number(i.accountId) % 60).padStart(8, '0')}`);
    const groups = await accountTargets(instances, ouOf);
    expect(groups.map((g) => g.targets.OrganizationalUnitIds?.length)).toEqual([
      MAX_OUS_PER_OPERATION,
      10,
    ]);
    expect(groups.map((g) => g.targets.Accounts?.length)).toEqual([100, 20]);
    expect(groups.every((g) => g.targets.AccountFilterType === 'INTERSECTION')).toBe(true);
    expect(groups.reduce((n, g) => n + g.instances.length, 0)).toBe(240);
    expect(groups[0]!.regions).toEqual(['eu-west-1', 'us-east-1']);
    // Each group's accounts are exactly those of its OUs.
    const ous = new Set(groups[1]!.targets.OrganizationalUnitIds);
    for (const a of groups[1]!.targets.Accounts ?? [])
      expect(ous.has(await ouOf({ accountId: a }))).toBe(true);
  });

  it('never widens an operation to Regions an account was not asked for', async () => {
    const groups = await accountTargets(
      [
        { accountId: '111111111111', region: 'eu-west-1' },
        { accountId: '111111111111', region: 'eu-central-1' },
        { accountId: '222222222222', region: 'eu-west-1' },
      ],
      () => Promise.resolve('ou-ab12-00000001'),
    );
    expect(groups.map((g) => [g.targets.Accounts, g.regions])).toEqual([
      [['111111111111'], ['eu-central-1', 'eu-west-1']],
      [['222222222222'], ['eu-west-1']],
    ]);
  });
});

describe('ouTargets', () => {
  it('targets OU ids alone, batched by 50', () => {
    const instances = Array.from({ length: 75 }, (_, n) => ({
      accountId: String(100000000000 + n),
      region: 'eu-west-1',
      ou: `ou-ab12-${String(n).padStart(8, '0')}`,
    }));
    const groups = ouTargets(instances, (i) => i.ou);
    expect(groups.map((g) => g.targets.OrganizationalUnitIds?.length)).toEqual([50, 25]);
    expect(groups[0]!.targets).toEqual({
      OrganizationalUnitIds: groups[0]!.targets.OrganizationalUnitIds,
    });
  });
});
