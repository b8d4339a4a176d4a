import { describe, expect, it } from 'vitest';
import { nag } from '../../../test/helpers/nag.js';
import { ORG_GAP_TYPES } from '../custom/org-gaps.js';
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

describe('policies', () => {
  it('attaches to the root, OUs and accounts and deletes or retains per onRemove', async () => {
    const { ctx, units } = await synth((bp) => {
      bp.accounts.push({
        id: 'known',
        name: 'Known',
        email: 'known@example.com',
        ou: 'prod',
        role: 'workload',
        accountId: '555566667777',
      });
      bp.policies.push({
        id: 'data-perimeter',
        type: 'rcp',
        name: 'data-perimeter',
        description: 'Only this organization reaches our S3 data',
        attachTo: { root: true, ous: ['workloads'], accounts: ['prod-app', 'known'] },
        onRemove: 'retain',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'EnforceOrgIdentities',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: '*',
              Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
            },
          ],
        },
      });
    });
    const u = unit(units, 'organization-policies');
    const rcp = resource(u, 'PolicyDataPerimeter');
    expect(props(rcp)).toMatchObject({
      Name: 'data-perimeter',
      Description: 'Only this organization reaches our S3 data',
      Type: 'RESOURCE_CONTROL_POLICY',
      TargetIds: [
        { Ref: 'RootId' },
        imp('ou', 'workloads'),
        imp('account', 'prod-app'),
        '555566667777',
      ],
    });
    expect(props(rcp).Content).toEqual(ctx.policyDocument('data-perimeter'));
    expect(typeof props(rcp).Content).toBe('object');
    expect(rcp.DeletionPolicy).toBe('Retain');
    expect(tagsOf(rcp)).toEqual({
      'orgward:entity': 'policy:data-perimeter',
      'orgward:on-remove': 'retain',
    });
    const baseline = resource(u, 'PolicyBaseline');
    expect(props(baseline)).toMatchObject({
      Type: 'SERVICE_CONTROL_POLICY',
      TargetIds: [{ Ref: 'RootId' }],
    });
    expect(baseline.DeletionPolicy).toBe('Delete');
    expect(baseline.UpdateReplacePolicy).toBe('Delete');
    // Nothing turns FullAWSAccess off here, so no custom resource and no function.
    expect(ofType(u, ORG_GAP_TYPES.policyDetachment)).toEqual([]);
    expect(ofType(u, 'AWS::Lambda::Function')).toEqual([]);
  });

  it('detaches FullAWSAccess where the blueprint says, after the SCPs that replace it', async () => {
    const allowAll = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }],
    };
    const { units } = await synth((bp) => {
      bp.organization.rootFullAwsAccess = false;
      const workloads = bp.organizationalUnits.find((o) => o.id === 'workloads');
      if (workloads) workloads.fullAwsAccess = false;
      const app = bp.accounts.find((a) => a.id === 'prod-app');
      if (app) app.fullAwsAccess = false;
      bp.policies.push({
        id: 'allow-all',
        type: 'scp',
        name: 'allow-all',
        attachTo: { root: true, ous: ['workloads'], accounts: ['prod-app'] },
        document: allowAll,
      });
    });
    const u = unit(units, 'organization-policies');
    const off = ofType(u, ORG_GAP_TYPES.policyDetachment);
    expect(off.map(([id]) => id)).toEqual([
      'FullAwsAccessOffRoot',
      'FullAwsAccessOffWorkloads',
      'FullAwsAccessOffProdApp',
    ]);
    const [root, ou, account] = off.map(([, r]) => r);
    expect(props(root ?? { Type: '' })).toMatchObject({
      PolicyId: 'p-FullAWSAccess',
      TargetId: { Ref: 'RootId' },
    });
    expect(root?.DependsOn).toEqual(['PolicyBaseline', 'PolicyAllowAll']);
    expect(props(ou ?? { Type: '' })).toMatchObject({ TargetId: imp('ou', 'workloads') });
    expect(ou?.DependsOn).toEqual(['PolicyAllowAll', 'FullAwsAccessOffRoot']);
    expect(props(account ?? { Type: '' })).toMatchObject({ TargetId: imp('account', 'prod-app') });
    expect(u.entities).toEqual(
      expect.arrayContaining([
        'full-aws-access:root',
        'full-aws-access:workloads',
        'full-aws-access:prod-app',
      ]),
    );
    // The function may attach/detach FullAWSAccess on exactly these targets.
    const st = statements(u).find((s) =>
      JSON.stringify(s.Action).includes('organizations:DetachPolicy'),
    );
    expect(st?.Condition).toEqual({
      StringEquals: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' },
    });
    const text = JSON.stringify(st?.Resource);
    expect(text).toContain('aws:policy/service_control_policy/p-FullAWSAccess');
    expect(text).toContain(':root/${Org}/${Id}');
    expect(text).toContain('orgward-ou-workloads-id');
    expect(text).toContain('orgward-account-prod-app-id');
    expect((await nag(u.template)).findings).toEqual([]);
  }, 60_000);
});
