import { describe, expect, it } from 'vitest';
import {
  imp,
  ofType,
  props,
  resource,
  synth,
  tagsOf,
  unit,
  type Data,
} from './__fixtures__/organization.js';

describe('accounts', () => {
  it('places accounts in their OU or the root, keeps existing ones, retains all, one at a time', async () => {
    const { units } = await synth((bp) => {
      bp.accounts.push(
        {
          id: 'top',
          name: 'Top',
          email: 'top@example.com',
          ou: 'root',
          role: 'sandbox',
          onRemove: 'close',
        },
        {
          id: 'known',
          name: 'Known',
          email: 'known@example.com',
          ou: 'prod',
          role: 'workload',
          accountId: '555566667777',
          tags: { cost: 'x' },
        },
      );
    });
    const u = unit(units, 'organization-accounts-1');
    expect(u.dependsOn).toEqual(['organization-ous']);
    expect(props(resource(u, 'AccountProdApp')).ParentIds).toEqual([imp('ou', 'prod')]);
    const top = resource(u, 'AccountTop');
    expect(props(top).ParentIds).toEqual([{ Ref: 'RootId' }]);
    expect(top.DeletionPolicy).toBe('Retain');
    expect(tagsOf(top)['orgward:on-remove']).toBe('close');
    const known = resource(u, 'AccountKnown');
    expect(props(known)).toMatchObject({
      AccountName: 'Known',
      Email: 'known@example.com',
      RoleName: 'OrganizationAccountAccessRole',
    });
    expect(tagsOf(known)).toEqual({
      cost: 'x',
      'orgward:entity': 'account:known',
      'orgward:on-remove': 'retain',
    });
    const ids = Object.keys(u.template.Resources);
    expect(ids).toEqual([
      'AccountSecurity',
      'AccountLogArchive',
      'AccountProdApp',
      'AccountTop',
      'AccountKnown',
    ]);
    ids.forEach((id, i) => {
      expect(resource(u, id).DependsOn).toEqual(i ? [ids[i - 1]] : undefined);
    });
    expect(u.template.Outputs?.AccountKnownId).toEqual({
      Value: { 'Fn::GetAtt': ['AccountKnown', 'AccountId'] },
      Description: 'AWS account id of known',
      Export: { Name: 'orgward-account-known-id' },
    });
    expect(resource(u, 'AccountSecurity')).toBeDefined();
    expect(u.template.Resources.AccountManagement).toBeUndefined();
  });

  const many = (n: number) => (bp: Data) => {
    for (let i = 1; i <= n; i++)
      bp.accounts.push({
        id: `app-${i}`,
        name: `App ${i}`,
        email: `app-${i}@example.com`,
        ou: 'prod',
        role: 'workload',
      });
  };

  it.each([
    { limits: { stackMaxResources: 10 }, sizes: [10, 10, 8] },
    { limits: { stackMaxOutputs: 7 }, sizes: [5, 5, 5, 5, 5, 3] },
  ])('splits accounts by $limits', async ({ limits, sizes }) => {
    const { ctx, units } = await synth((bp) => {
      many(25)(bp);
      bp.limits = limits;
    });
    const parts = units.filter((u) => u.id.startsWith('organization-accounts-'));
    expect(parts.map((u) => u.id)).toEqual(sizes.map((_, i) => `organization-accounts-${i + 1}`));
    expect(parts.map((u) => Object.keys(u.template.Resources).length)).toEqual(sizes);
    parts.forEach((u, i) => {
      // Synth adds two identity outputs to each template.
      expect(Object.keys(u.template.Outputs ?? {}).length + 2).toBeLessThanOrEqual(
        ctx.limits.stackMaxOutputs,
      );
      expect(Object.keys(u.template.Resources).length).toBeLessThanOrEqual(
        ctx.limits.stackMaxResources,
      );
      expect(u.dependsOn).toEqual(
        i ? [`organization-accounts-${i}`, 'organization-ous'] : ['organization-ous'],
      );
    });
    const emails = parts.flatMap((u) =>
      ofType(u, 'AWS::Organizations::Account').map(([, r]) => props(r).Email),
    );
    expect(emails).toHaveLength(28);
    expect(new Set(emails).size).toBe(28);
    expect(unit(units, 'organization-policies').dependsOn).toEqual(
      [...parts.map((u) => u.id), 'organization-ous'].sort(),
    );
  });
});
