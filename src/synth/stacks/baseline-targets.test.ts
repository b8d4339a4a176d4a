import { beforeAll, describe, expect, it } from 'vitest';
import type { SynthContext } from '../context.js';
import { contextFor, orgBlueprint } from './__fixtures__/baseline.js';
import {
  baselineAccounts,
  baselineRegions,
  baselineUnits,
  homeRegionCondition,
  wholeOus,
} from './baseline-targets.js';

let ctx: SynthContext;
beforeAll(async () => {
  const bp = orgBlueprint();
  ctx = await contextFor({
    ...bp,
    organization: { ...bp.organization, governedRegions: ['eu-west-1', 'eu-central-1'] },
    accounts: [
      ...bp.accounts,
      { id: 'loose', name: 'Loose', email: 'aws-loose@example.com', ou: 'root', role: 'workload' },
    ],
  });
});

describe('wholeOus', () => {
  const members = ['security-tooling', 'log-archive', 'app-prod', 'app-dev', 'retired', 'loose'];
  it.each<[string, string[], string[] | undefined]>([
    ['every member account: the root', members, ['root']],
    ['the management account is ignored', ['management', ...members], ['root']],
    [
      'two whole top-level OUs',
      ['security-tooling', 'log-archive', 'app-prod', 'app-dev'],
      ['security', 'workloads'],
    ],
    ['a nested OU', ['app-prod'], ['prod']],
    [
      'nested OUs in blueprint order',
      ['app-dev', 'app-prod', 'retired'],
      ['workloads', 'suspended'],
    ],
    ['part of an OU', ['log-archive', 'app-prod'], undefined],
    ['an account directly in the root', ['loose', 'app-prod'], undefined],
    ['only the management account', ['management'], undefined],
    ['nothing', [], undefined],
  ])('%s', (_case, accounts, ous) => {
    expect(wholeOus(ctx, accounts)).toEqual(ous);
  });

  it('never picks an empty OU on its own', () => {
    expect(wholeOus(ctx, ['security-tooling', 'log-archive'])).toEqual(['security']);
    expect(wholeOus(ctx, ['security-tooling', 'log-archive'])).not.toContain('sandbox');
  });
});

describe('baselineAccounts and baselineRegions', () => {
  it('keeps managed accounts that are not suspended, with the management account when asked', () => {
    expect(baselineAccounts(ctx, { all: true, includeManagement: true })).toEqual([
      'management',
      'security-tooling',
      'log-archive',
      'app-prod',
      'app-dev',
      'loose',
    ]);
    expect(baselineAccounts(ctx, { all: true })).not.toContain('management');
    expect(baselineAccounts(ctx, { ous: ['suspended'] })).toEqual([]);
  });

  it('leaves out accounts orgward only observes', async () => {
    const bp = orgBlueprint();
    const observed = await contextFor({
      ...bp,
      accounts: bp.accounts.map((a) =>
        a.id === 'app-dev' ? { ...a, lifecycle: 'observed' as const } : a,
      ),
    });
    expect(baselineAccounts(observed, { ous: ['workloads'] })).toEqual(['app-prod']);
    // workloads is then no longer whole: the StackSet must target accounts, not the OU.
    expect(wholeOus(observed, ['app-prod'])).toEqual(['prod']);
    expect(wholeOus(observed, ['app-prod', 'security-tooling', 'log-archive'])).toEqual([
      'security',
      'prod',
    ]);
  });

  it('defaults to the governed Regions and honours home and exclusions', () => {
    expect(baselineRegions(ctx, undefined)).toEqual(['eu-west-1', 'eu-central-1']);
    expect(baselineRegions(ctx, { all: true, regions: 'home' })).toEqual(['eu-west-1']);
    expect(baselineRegions(ctx, { all: true, excludeRegions: ['eu-west-1'] })).toEqual([
      'eu-central-1',
    ]);
  });
});

describe('baselineUnits', () => {
  const part = (accounts: string[], regions = ['eu-west-1', 'eu-central-1']) => {
    const built: string[][] = [];
    const units = baselineUnits(ctx, {
      id: 'baseline-test',
      title: 'Test baseline',
      description: 'test',
      accounts,
      regions,
      build: (t, targets) => {
        built.push([...targets]);
        homeRegionCondition(t);
        t.add('Marker', {
          Type: 'AWS::SNS::Topic',
          Properties: { DisplayName: t.accountId('security-tooling') },
        });
      },
    });
    return { units, built };
  };

  it('splits the management account into one plain stack per Region', () => {
    const { units, built } = part(['management', 'security-tooling', 'log-archive']);
    expect(units.map((u) => [u.id, u.kind])).toEqual([
      ['baseline-test', 'stackset'],
      ['baseline-test-management-eu-west-1', 'stack'],
      ['baseline-test-management-eu-central-1', 'stack'],
    ]);
    expect(built).toEqual([['security-tooling', 'log-archive'], ['management'], ['management']]);
    const set = units[0];
    expect(set?.kind === 'stackset' && [set.accounts, set.regions, set.ous]).toEqual([
      ['security-tooling', 'log-archive'],
      ['eu-west-1', 'eu-central-1'],
      ['security'],
    ]);
    for (const u of units) expect(u.concern).toBe('baseline');
    const mgmt = units[1];
    expect(mgmt?.kind === 'stack' && [mgmt.account, mgmt.region]).toEqual([
      'management',
      'eu-west-1',
    ]);
    expect(mgmt?.template.Conditions).toEqual({
      IsHomeRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
    });
  });

  it('imports account ids beside the organization stacks and asks for them elsewhere', () => {
    const { units } = part(['management', 'app-prod']);
    const displayName = (i: number) => units[i]?.template.Resources.Marker?.Properties?.DisplayName;
    // StackSet and the other Region: a deploy-resolved parameter; home Region: an import.
    expect(displayName(0)).toEqual({ Ref: 'AccountIdSecurityTooling' });
    expect(units[0]?.parameters).toEqual({
      AccountIdSecurityTooling: { kind: 'account-id', account: 'security-tooling' },
    });
    expect(displayName(1)).toEqual({ 'Fn::ImportValue': 'orgward-account-security-tooling-id' });
    expect(displayName(2)).toEqual({ Ref: 'AccountIdSecurityTooling' });
  });

  it('targets accounts, not OUs, when they are not whole OUs', () => {
    const { units } = part(['log-archive', 'app-prod']);
    expect(units).toHaveLength(1);
    expect(units[0]?.kind === 'stackset' && units[0].ous).toBeUndefined();
    expect(units[0] && 'ous' in units[0]).toBe(false);
  });

  it('emits only the management stacks when no member account is selected, nothing without Regions', () => {
    expect(part(['management']).units.map((u) => u.id)).toEqual([
      'baseline-test-management-eu-west-1',
      'baseline-test-management-eu-central-1',
    ]);
    expect(part(['management', 'app-prod'], []).units).toEqual([]);
  });
});
