import { describe, expect, it } from 'vitest';
import {
  imp,
  ofType,
  props,
  resource,
  statements,
  synth,
  tagsOf,
  unit,
} from './__fixtures__/organization.js';

describe('OUs', () => {
  it('nests under managed parents by Ref and under observed ones by a re-exported parameter', async () => {
    const { units } = await synth((bp) => {
      bp.organizationalUnits.push(
        { id: 'legacy', name: 'Legacy', lifecycle: 'observed' },
        {
          id: 'legacy-apps',
          name: 'Apps',
          parent: 'legacy',
          onRemove: 'delete',
          tags: { team: 'apps' },
        },
        { id: 'old', name: 'Old', lifecycle: 'ignored' },
      );
    });
    const ous = unit(units, 'organization-ous');
    expect(props(resource(ous, 'OuProd')).ParentId).toEqual({ Ref: 'OuWorkloads' });
    expect(props(resource(ous, 'OuWorkloads')).ParentId).toEqual({ Ref: 'RootId' });
    const apps = resource(ous, 'OuLegacyApps');
    expect(props(apps).ParentId).toEqual({ Ref: 'OuIdLegacy' });
    expect(apps.DeletionPolicy).toBe('Delete');
    expect(apps.UpdateReplacePolicy).toBe('Delete');
    expect(tagsOf(apps)).toEqual({
      team: 'apps',
      'orgward:entity': 'ou:legacy-apps',
      'orgward:on-remove': 'delete',
    });
    // Neither the observed nor the ignored OU is deployed; the observed one's id is re-exported.
    expect(ous.template.Resources.OuLegacy).toBeUndefined();
    expect(ous.template.Resources.OuOld).toBeUndefined();
    expect(ous.parameters.OuIdLegacy).toEqual({ kind: 'ou-id', ou: 'legacy' });
    expect(ous.template.Outputs?.OuLegacyId).toEqual(
      expect.objectContaining({
        Value: { Ref: 'OuIdLegacy' },
        Export: { Name: 'orgward-ou-legacy-id' },
      }),
    );
    expect(JSON.stringify(ous.template.Outputs)).not.toContain('orgward-ou-old-id');
    expect(ous.template.Outputs?.ManagementAccountId).toEqual(
      expect.objectContaining({
        Value: { Ref: 'AWS::AccountId' },
        Export: { Name: 'orgward-account-management-id' },
      }),
    );
  });

  it('re-exports an ignored OU only when something deployed refers to it', async () => {
    const { units } = await synth((bp) => {
      bp.organizationalUnits.push(
        { id: 'ignored-used', name: 'Used', lifecycle: 'ignored' },
        { id: 'ignored-unused', name: 'Unused', lifecycle: 'ignored' },
      );
      bp.accounts.push({
        id: 'inside',
        name: 'Inside',
        email: 'inside@example.com',
        ou: 'ignored-used',
        role: 'workload',
      });
    });
    const ous = unit(units, 'organization-ous');
    expect(ous.template.Outputs?.OuIgnoredUsedId?.Export).toEqual({
      Name: 'orgward-ou-ignored-used-id',
    });
    expect(ous.template.Outputs?.OuIgnoredUnusedId).toBeUndefined();
    expect(
      props(resource(unit(units, 'organization-accounts-1'), 'AccountInside')).ParentIds,
    ).toEqual([imp('ou', 'ignored-used')]);
  });

  it('re-exports observed accounts whose id the blueprint does not give', async () => {
    const { units } = await synth((bp) => {
      bp.accounts.push(
        {
          id: 'old-a',
          name: 'Old A',
          email: 'old-a@example.com',
          ou: 'workloads',
          role: 'workload',
          lifecycle: 'observed',
        },
        {
          id: 'old-b',
          name: 'Old B',
          email: 'old-b@example.com',
          ou: 'workloads',
          role: 'workload',
          lifecycle: 'observed',
          accountId: '444455556666',
        },
      );
    });
    const ous = unit(units, 'organization-ous');
    expect(ous.parameters.AccountIdOldA).toEqual({ kind: 'account-id', account: 'old-a' });
    expect(ous.template.Outputs?.AccountOldAId?.Export).toEqual({
      Name: 'orgward-account-old-a-id',
    });
    expect(ous.template.Outputs?.AccountOldBId).toBeUndefined();
    const emails = units.flatMap((u) =>
      ofType(u, 'AWS::Organizations::Account').map(([, r]) => props(r).Email),
    );
    expect(emails).not.toContain('old-a@example.com');
  });
});

describe('policy types and trusted access', () => {
  it('declares them in organization-ous with least-privilege conditions', async () => {
    const { units } = await synth();
    const ous = unit(units, 'organization-ous');
    expect(props(resource(ous, 'PolicyTypeScp'))).toMatchObject({
      RootId: { Ref: 'RootId' },
      PolicyType: 'SERVICE_CONTROL_POLICY',
      Key: 'SERVICE_CONTROL_POLICY',
    });
    expect(resource(ous, 'PolicyTypeRcp').DependsOn).toEqual(['PolicyTypeScp']);
    const trusted = resource(ous, 'TrustedServiceGuarddutyAmazonawsCom');
    expect(props(trusted)).toMatchObject({
      ServicePrincipal: 'guardduty.amazonaws.com',
      Key: 'guardduty.amazonaws.com',
    });
    expect(trusted.DependsOn).toEqual(['PolicyTypeRcp']);
    expect(ous.entities).toEqual(
      expect.arrayContaining([
        'policy-type:scp',
        'policy-type:rcp',
        'trusted-service:guardduty.amazonaws.com',
      ]),
    );
    const st = statements(ous);
    expect(st).toContainEqual(
      expect.objectContaining({
        Action: ['organizations:EnableAWSServiceAccess', 'organizations:DisableAWSServiceAccess'],
        Condition: {
          StringEquals: { 'organizations:ServicePrincipal': ['guardduty.amazonaws.com'] },
        },
      }),
    );
    expect(st).toContainEqual(
      expect.objectContaining({
        Action: 'organizations:EnablePolicyType',
        Condition: {
          StringEquals: {
            'organizations:PolicyType': ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'],
          },
        },
      }),
    );
    expect(ous.parameters.OrganizationId).toEqual({ kind: 'organization-id' });
  });

  it('adds no function when there is nothing to enable', async () => {
    const { units } = await synth((bp) => {
      bp.organization.enabledPolicyTypes = [];
      bp.organization.trustedServices = [];
      bp.organization.delegatedAdministrators = [];
      bp.policies = [];
    });
    expect(ofType(unit(units, 'organization-ous'), 'AWS::Lambda::Function')).toEqual([]);
    expect(units.map((u) => u.id)).toEqual(['organization-ous', 'organization-accounts-1']);
  });
});

describe('OUs over the output limit', () => {
  it('splits into parts, parents first, children importing parents from earlier parts', async () => {
    const { units } = await synth((bp) => {
      bp.limits = { stackMaxOutputs: 6 };
      for (let i = 0; i < 8; i++)
        bp.organizationalUnits.push({ id: `team-${i}`, name: `Team ${i}`, parent: 'workloads' });
    });
    const parts = units.filter((u) => u.id.startsWith('organization-ous'));
    expect(parts.length).toBeGreaterThan(2);
    const where = new Map<string, string>();
    for (const p of parts) {
      expect(Object.keys(p.template.Outputs ?? {}).length).toBeLessThanOrEqual(6);
      for (const [id, r] of Object.entries(p.template.Resources))
        if (r.Type === 'AWS::Organizations::OrganizationalUnit') where.set(id, p.id);
    }
    const last = parts[parts.length - 1];
    if (!last) throw new Error('no parts');
    const child = Object.entries(last.template.Resources).find(
      ([, r]) => r.Type === 'AWS::Organizations::OrganizationalUnit',
    );
    if (!child) throw new Error('no OU in the last part');
    expect(props(child[1]).ParentId).toEqual(imp('ou', 'workloads'));
    expect(last.dependsOn).toContain(parts[parts.length - 2]?.id);
    expect(unit(units, 'organization-accounts-1').dependsOn).toContain(last.id);
    expect(where.size).toBe(new Set(where.keys()).size);
  });
});
