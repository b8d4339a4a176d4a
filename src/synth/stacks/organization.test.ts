import { describe, expect, it } from 'vitest';
import { nag } from '../../../test/helpers/nag.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import { POLICY_TYPE_API_NAMES } from '../../blueprint/schema/organization.js';
import { logicalId, type CfnValue } from '../cfn.js';
import { exportName } from '../context.js';
import { ORG_GAP_TYPES } from '../custom/org-gaps.js';
import { organizationBuilder, ORGANIZATION_GAPS } from './organization.js';
import { imp, ofType, props, resource, tagsOf, unit } from './__fixtures__/organization.js';

describe.each(['minimal', 'standard', 'regulated'] as const)(
  'organization units of the %s example',
  (name) => {
    it('deploys every unit to the management account, OUs first, and orders the rest after them', async () => {
      const ctx = await exampleContext(name);
      const units = organizationBuilder.build(ctx);
      expect(units[0]?.id).toBe('organization-ous');
      for (const u of units) {
        expect(u.kind).toBe('stack');
        expect(u.concern).toBe('organization');
        if (u.kind === 'stack') expect(u.account).toBe(ctx.management);
        if (u.id !== 'organization-ous') expect(u.dependsOn).toContain('organization-ous');
      }
      const accountUnits = units
        .filter((u) => u.id.startsWith('organization-accounts-'))
        .map((u) => u.id);
      expect(accountUnits.length).toBeGreaterThan(0);
      expect(unit(units, 'organization-policies').dependsOn).toEqual(
        expect.arrayContaining(accountUnits),
      );
    });

    it('declares every managed OU under its parent and exports its id', async () => {
      const ctx = await exampleContext(name);
      const ous = unit(organizationBuilder.build(ctx), 'organization-ous');
      const managed = ctx.bp.organizationalUnits.filter((o) => o.lifecycle === 'managed');
      expect(ofType(ous, 'AWS::Organizations::OrganizationalUnit')).toHaveLength(managed.length);
      for (const ou of managed) {
        const id = logicalId('Ou', ou.id);
        const r = resource(ous, id);
        expect(props(r).Name).toBe(ou.name);
        const parent = { Ref: ou.parent ? logicalId('Ou', ou.parent) : 'RootId' };
        expect(props(r).ParentId).toEqual(parent);
        expect(tagsOf(r)).toMatchObject({
          ...ou.tags,
          'orgward:entity': `ou:${ou.id}`,
          'orgward:on-remove': ou.onRemove,
        });
        expect(r.DeletionPolicy).toBe(ou.onRemove === 'retain' ? 'Retain' : 'Delete');
        expect(Object.values(ous.template.Outputs ?? {})).toContainEqual(
          expect.objectContaining({
            Value: { Ref: id },
            Export: { Name: exportName(ctx.prefix, 'ou', ou.id) },
          }),
        );
        expect(ous.entities).toContain(`ou:${ou.id}`);
      }
    });

    it('declares every managed member account, always retained, and exports its id', async () => {
      const ctx = await exampleContext(name);
      const units = organizationBuilder.build(ctx);
      const accountUnits = units.filter((u) => u.id.startsWith('organization-accounts-'));
      const declared = accountUnits.flatMap((u) =>
        ofType(u, 'AWS::Organizations::Account').map(([, r]) => ({ u, r })),
      );
      const expected = ctx.bp.accounts.filter(
        (a) => a.lifecycle === 'managed' && a.id !== ctx.management,
      );
      expect(declared.map(({ r }) => props(r).Email)).toEqual(expected.map((a) => a.email));
      for (const a of expected) {
        const { u, r } = declared.find(({ r }) => props(r).Email === a.email) ?? {};
        if (!u || !r) throw new Error(a.id);
        expect(props(r)).toMatchObject({ AccountName: a.name, RoleName: a.accessRoleName });
        expect(props(r).ParentIds).toEqual([
          a.ou === 'root' ? { Ref: 'RootId' } : imp('ou', a.ou, ctx.prefix),
        ]);
        expect(r.DeletionPolicy).toBe('Retain');
        expect(r.UpdateReplacePolicy).toBe('Retain');
        expect(tagsOf(r)).toMatchObject({
          'orgward:entity': `account:${a.id}`,
          'orgward:on-remove': a.onRemove,
        });
        expect(Object.values(u.template.Outputs ?? {})).toContainEqual(
          expect.objectContaining({ Export: { Name: exportName(ctx.prefix, 'account', a.id) } }),
        );
      }
      expect(declared.some(({ r }) => props(r).Email === ctx.account(ctx.management)?.email)).toBe(
        false,
      );
    });

    it('declares every policy with its API type, document and targets', async () => {
      const ctx = await exampleContext(name);
      const policies = unit(organizationBuilder.build(ctx), 'organization-policies');
      expect(ofType(policies, 'AWS::Organizations::Policy')).toHaveLength(ctx.bp.policies.length);
      for (const p of ctx.bp.policies) {
        const [, r] =
          ofType(policies, 'AWS::Organizations::Policy').find(
            ([, x]) => props(x).Name === p.name,
          ) ?? [];
        if (!r) throw new Error(p.id);
        expect(props(r).Type).toBe(POLICY_TYPE_API_NAMES[p.type]);
        expect(props(r).Content).toEqual(ctx.policyDocument(p.id));
        const n =
          (p.attachTo.root ? 1 : 0) +
          (p.attachTo.ous?.length ?? 0) +
          (p.attachTo.accounts?.length ?? 0);
        expect((props(r).TargetIds as CfnValue[] | undefined) ?? []).toHaveLength(n);
        if (p.attachTo.root) expect(props(r).TargetIds).toContainEqual({ Ref: 'RootId' });
        expect(r.DeletionPolicy).toBe(p.onRemove === 'retain' ? 'Retain' : 'Delete');
        expect(policies.entities).toContain(`policy:${p.id}`);
      }
    });

    it('enables every policy type and trusted service, one at a time', async () => {
      const ctx = await exampleContext(name);
      const ous = unit(organizationBuilder.build(ctx), 'organization-ous');
      const gaps = [
        ...ofType(ous, ORG_GAP_TYPES.policyType),
        ...ofType(ous, ORG_GAP_TYPES.trustedService),
      ];
      expect(ofType(ous, ORG_GAP_TYPES.policyType).map(([, r]) => props(r).PolicyType)).toEqual(
        ctx.bp.organization.enabledPolicyTypes.map((p) => POLICY_TYPE_API_NAMES[p]),
      );
      expect(
        ofType(ous, ORG_GAP_TYPES.trustedService).map(([, r]) => props(r).ServicePrincipal),
      ).toEqual(ctx.bp.organization.trustedServices);
      gaps.forEach(([, r], i) => {
        expect(r.DependsOn).toEqual(i ? [gaps[i - 1]?.[0]] : undefined);
      });
    });

    it('designates every delegated administrator in the home Region', async () => {
      const ctx = await exampleContext(name);
      const home = unit(organizationBuilder.build(ctx), 'organization-delegated-admins');
      expect(home.region).toBe(ctx.homeRegion);
      for (const a of ctx.bp.organization.delegatedAdministrators)
        expect(home.entities).toContain(`delegated-admin:${a.service}`);
    });

    it(
      'passes cdk-nag (AwsSolutions) with every suppression justified',
      { timeout: 120_000 },
      async () => {
        const ctx = await exampleContext(name);
        for (const u of organizationBuilder.build(ctx)) {
          const result = await nag(u.template);
          expect({ unit: u.id, ...result }).toEqual({ unit: u.id, findings: [], unjustified: [] });
        }
      },
    );
  },
);

describe('ORGANIZATION_GAPS', () => {
  it('lists every custom resource type the units use', async () => {
    const ctx = await exampleContext('regulated');
    const used = new Set(
      organizationBuilder
        .build(ctx)
        .flatMap((u) => Object.values(u.template.Resources).map((r) => r.Type)),
    );
    const custom = [...used].filter((t) => t.startsWith('Custom::'));
    expect(custom.length).toBeGreaterThan(0);
    for (const type of custom)
      expect(ORGANIZATION_GAPS.some((g) => g.coveredBy.includes(type))).toBe(true);
    for (const g of ORGANIZATION_GAPS)
      expect(Object.values(ORG_GAP_TYPES).some((t) => g.coveredBy.includes(t))).toBe(true);
  });
});
