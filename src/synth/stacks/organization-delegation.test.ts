import { describe, expect, it } from 'vitest';
import { nag } from '../../../test/helpers/nag.js';
import { ORG_GAP_TYPES } from '../custom/org-gaps.js';
import { DELEGATION_ROUTES } from './organization-delegation-routes.js';
import {
  imp,
  props,
  resource,
  statements,
  synth,
  unit,
  type Data,
} from './__fixtures__/organization.js';

describe('delegated administrators', () => {
  const admins = [
    { service: 'guardduty.amazonaws.com', account: 'security' },
    { service: 'securityhub.amazonaws.com', account: 'security' },
    { service: 'detective.amazonaws.com', account: 'security' },
    { service: 'config.amazonaws.com', account: 'security' },
    { service: 'fms.amazonaws.com', account: 'security' },
  ];
  const withAdmins = (bp: Data) => {
    bp.organization.trustedServices = admins.map((a) => a.service);
    bp.organization.delegatedAdministrators = admins;
  };

  it('uses native types, the Organizations API or the service API per service', async () => {
    const { units } = await synth(withAdmins);
    const home = unit(units, 'organization-delegated-admins');
    expect(home.region).toBe('eu-west-1');
    const account = imp('account', 'security');
    expect(resource(home, 'DelegatedAdminSecurityhubAmazonawsCom')).toMatchObject({
      Type: 'AWS::SecurityHub::DelegatedAdmin',
      Properties: { AdminAccountId: account },
    });
    expect(resource(home, 'DelegatedAdminDetectiveAmazonawsCom')).toMatchObject({
      Type: 'AWS::Detective::OrganizationAdmin',
      Properties: { AccountId: account },
    });
    const config = resource(home, 'DelegatedAdminConfigAmazonawsCom');
    expect(config.Type).toBe(ORG_GAP_TYPES.delegatedAdmin);
    expect(props(config)).toMatchObject({
      ServicePrincipal: 'config.amazonaws.com',
      AccountId: account,
    });
    expect(props(config).Api).toBeUndefined();
    expect(props(resource(home, 'DelegatedAdminGuarddutyAmazonawsCom')).Api).toEqual(
      DELEGATION_ROUTES['guardduty.amazonaws.com']?.api,
    );
    expect(props(resource(home, 'DelegatedAdminFmsAmazonawsCom')).Api).toEqual({
      ...DELEGATION_ROUTES['fms.amazonaws.com']?.api,
      Region: 'us-east-1',
    });
    expect(props(config).Key).toEqual({ 'Fn::Join': ['|', ['config.amazonaws.com', account]] });
    // One designation at a time, in blueprint order.
    const ids = admins.map(
      (a) =>
        `DelegatedAdmin${a.service.split('.')[0]?.replace(/^./, (c) => c.toUpperCase())}AmazonawsCom`,
    );
    ids.forEach((id, i) => {
      expect(resource(home, id).DependsOn).toEqual(i ? [ids[i - 1]] : undefined);
    });
    expect(home.dependsOn).toEqual(['organization-accounts-1', 'organization-ous']);
  });

  it('repeats the per-Region services in every other governed Region', async () => {
    const { units } = await synth(withAdmins);
    const other = unit(units, 'organization-delegated-admins-eu-central-1');
    expect(other.region).toBe('eu-central-1');
    expect(
      Object.entries(other.template.Resources)
        .filter(([id]) => id.startsWith('DelegatedAdmin'))
        .map(([id]) => id),
    ).toEqual(['DelegatedAdminGuarddutyAmazonawsCom', 'DelegatedAdminDetectiveAmazonawsCom']);
    // Exports do not cross Regions: the account id is a deploy-resolved parameter there.
    expect(props(resource(other, 'DelegatedAdminDetectiveAmazonawsCom')).AccountId).toEqual({
      Ref: 'AccountIdSecurity',
    });
    expect(other.parameters.AccountIdSecurity).toEqual({ kind: 'account-id', account: 'security' });
    expect(other.dependsOn).toContain('organization-delegated-admins');
  });

  it('grants the Organizations path only on the administrators\u2019 accounts and principals', async () => {
    const { units } = await synth(withAdmins);
    const st = statements(unit(units, 'organization-delegated-admins'));
    const register = st.find(
      (s) =>
        s.Condition !== undefined &&
        JSON.stringify(s.Action).includes('RegisterDelegatedAdministrator'),
    );
    expect(register?.Condition).toEqual({
      StringEquals: { 'organizations:ServicePrincipal': ['config.amazonaws.com'] },
    });
    expect(JSON.stringify(register?.Resource)).toContain('orgward-account-security-id');
    expect(st).toContainEqual(
      expect.objectContaining({
        Action: [
          'guardduty:EnableOrganizationAdminAccount',
          'guardduty:DisableOrganizationAdminAccount',
          'guardduty:ListOrganizationAdminAccounts',
          'fms:AssociateAdminAccount',
          'fms:DisassociateAdminAccount',
        ],
        Resource: '*',
      }),
    );
  });

  it('passes cdk-nag in every Region', { timeout: 60_000 }, async () => {
    const { units } = await synth(withAdmins);
    for (const u of units.filter((x) => x.id.startsWith('organization-delegated-admins')))
      expect(await nag(u.template)).toEqual({ findings: [], unjustified: [] });
  });
});
