import { describe, expect, it } from 'vitest';
import { validFixture } from '../../test/helpers/blueprint.js';
import { indexBlueprint } from './model.js';
import { BlueprintSchema } from './schema/blueprint.js';
import type { Selector } from './schema/common.js';
import { expandTargets, selectAccounts, selectRegions } from './selectors.js';

const bp = BlueprintSchema.parse(validFixture());
// One more account with tags, to exercise tag selectors.
bp.accounts.push({
  ...bp.accounts[3]!,
  id: 'dev-app',
  name: 'Dev App',
  email: 'dev@example.com',
  ou: 'workloads',
  environment: 'dev',
  tags: { team: 'web' },
});
const idx = indexBlueprint(bp);

describe('selectAccounts', () => {
  it.each<[string, Selector | undefined, string[]]>([
    ['no selector', undefined, []],
    ['an empty selector', {}, []],
    [
      'all (management left out)',
      { all: true },
      ['security', 'log-archive', 'prod-app', 'dev-app'],
    ],
    [
      'all with includeManagement',
      { all: true, includeManagement: true },
      ['management', 'security', 'log-archive', 'prod-app', 'dev-app'],
    ],
    ['includeManagement alone', { includeManagement: true }, ['management']],
    [
      'an OU and includeManagement',
      { ous: ['security-ou'], includeManagement: true },
      ['management', 'security', 'log-archive'],
    ],
    ['an OU with its subtree', { ous: ['workloads'] }, ['prod-app', 'dev-app']],
    ['the root OU', { ous: ['root'] }, ['security', 'log-archive', 'prod-app', 'dev-app']],
    ['management named explicitly', { accounts: ['management'] }, ['management']],
    ['account roles', { roles: ['log-archive', 'security-tooling'] }, ['security', 'log-archive']],
    ['environments', { environments: ['prod'] }, ['prod-app']],
    ['tags (any listed value)', { tags: { team: ['web', 'data'] } }, ['dev-app']],
    ['tags that do not match', { tags: { team: 'data' } }, []],
    ['an excluded OU', { all: true, excludeOus: ['prod'] }, ['security', 'log-archive', 'dev-app']],
    [
      'an excluded account wins over a named one',
      { accounts: ['prod-app'], excludeAccounts: ['prod-app'] },
      [],
    ],
    [
      'exclude wins over includeManagement',
      { includeManagement: true, excludeAccounts: ['management'] },
      [],
    ],
  ])('%s', (_name, sel, expected) => {
    expect(selectAccounts(idx, sel).map((a) => a.id)).toEqual(
      bp.accounts.filter((a) => expected.includes(a.id)).map((a) => a.id),
    );
  });
});

describe('selectRegions and expandTargets', () => {
  it.each<[string, Selector | undefined, string[]]>([
    ['default: governed', undefined, ['eu-west-1', 'eu-central-1']],
    ['home', { regions: 'home' }, ['eu-west-1']],
    [
      'a list minus excludes',
      { regions: ['eu-west-1', 'us-east-1'], excludeRegions: ['us-east-1'] },
      ['eu-west-1'],
    ],
  ])('%s', (_name, sel, expected) => {
    expect(selectRegions(idx, sel)).toEqual(expected);
  });

  it('expands accounts x regions', () => {
    expect(expandTargets(idx, { accounts: ['prod-app'] })).toEqual([
      { accountId: 'prod-app', region: 'eu-west-1' },
      { accountId: 'prod-app', region: 'eu-central-1' },
    ]);
  });
});
