import { describe, expect, it } from 'vitest';
import { loadData, validFixture } from '../../../test/helpers/blueprint.js';

/** Every error as `code@line`, to see both what is reported and that nothing is extra. */
async function errorsOf(mutate: (bp: Record<string, any>) => void) {
  const bp = validFixture();
  mutate(bp);
  const r = await loadData(bp);
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
}

describe('one mistake, one error, and the semantic checks still run', () => {
  it.each<[string, (bp: Record<string, any>) => void, string[]]>([
    [
      'a bad e-mail on the only log-archive account',
      (bp) => (bp.accounts[2].email = 'not-an-email'),
      ['schema'],
    ],
    ['a misspelt account role', (bp) => (bp.accounts[1].role = 'securty-tooling'), ['schema']],
    [
      'a bad required value outside any list, plus a duplicate e-mail',
      (bp) => {
        bp.organization.homeRegion = 5;
        bp.accounts[3].email = bp.accounts[2].email;
      },
      ['duplicate-email', 'schema'],
    ],
    [
      'a bad nested value, plus a dangling reference',
      (bp) => {
        bp.policies[0].attachTo.root = 'yes';
        bp.accounts[3].ou = 'nowhere';
      },
      ['dangling-ref', 'schema'],
    ],
    [
      'a misspelt key whose value is also bad',
      (bp) => {
        bp.accounts[3].emial = 'not-an-email';
        delete bp.accounts[3].email;
      },
      ['schema', 'unknown-key'],
    ],
    [
      'a removed entity that others refer to',
      (bp) => {
        bp.organizationalUnits[2] = { id: 'prod', name: 42, parent: 'workloads', color: 'red' };
      },
      ['schema', 'unknown-key'],
    ],
  ])('%s', async (_name, mutate, expected) => {
    expect((await errorsOf(mutate)).sort()).toEqual(expected);
  });
});
