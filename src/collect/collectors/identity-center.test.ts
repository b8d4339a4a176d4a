import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { allPages } from './decode.js';
import { identityCenterCollector, NoIdentityCenterInstance } from './identity-center.js';

const sso = mockClient(SSOAdminClient);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const ADMIN = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa';
const READ = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb';

function mockIdentityCenter() {
  sso.on(ListInstancesCommand).resolves({
    Instances: [
      {
        InstanceArn: INSTANCE,
        IdentityStoreId: 'd-1234567890',
        OwnerAccountId: '111111111111',
        Status: 'ACTIVE',
      },
    ],
  });
  sso
    .on(ListPermissionSetsCommand)
    .resolves({ PermissionSets: [ADMIN], NextToken: 'n2' })
    .on(ListPermissionSetsCommand, { InstanceArn: INSTANCE, NextToken: 'n2' })
    .resolves({ PermissionSets: [READ] });
  sso.on(DescribePermissionSetCommand, { PermissionSetArn: ADMIN }).resolves({
    PermissionSet: {
      Name: 'Admin',
      PermissionSetArn: ADMIN,
      Description: 'break glass',
      SessionDuration: 'PT1H',
    },
  });
  sso.on(DescribePermissionSetCommand, { PermissionSetArn: READ }).resolves({
    PermissionSet: { Name: 'ReadOnly', PermissionSetArn: READ, SessionDuration: 'PT8H' },
  });
  sso.on(ListManagedPoliciesInPermissionSetCommand).resolves({ AttachedManagedPolicies: [] });
  sso.on(ListManagedPoliciesInPermissionSetCommand, { PermissionSetArn: ADMIN }).resolves({
    AttachedManagedPolicies: [
      { Name: 'AdministratorAccess', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
    ],
  });
  sso.on(ListCustomerManagedPolicyReferencesInPermissionSetCommand).resolves({
    CustomerManagedPolicyReferences: [],
  });
  sso
    .on(ListCustomerManagedPolicyReferencesInPermissionSetCommand, { PermissionSetArn: READ })
    .resolves({ CustomerManagedPolicyReferences: [{ Name: 'extra-read', Path: '/' }] });
  sso.on(GetInlinePolicyForPermissionSetCommand).resolves({ InlinePolicy: '' });
  sso.on(GetInlinePolicyForPermissionSetCommand, { PermissionSetArn: READ }).resolves({
    InlinePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
    }),
  });
  sso
    .on(GetPermissionsBoundaryForPermissionSetCommand)
    .rejects(awsError('ResourceNotFoundException'));
  sso.on(GetPermissionsBoundaryForPermissionSetCommand, { PermissionSetArn: READ }).resolves({
    PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'boundary', Path: '/' } },
  });
  sso
    .on(ListAccountsForProvisionedPermissionSetCommand, { PermissionSetArn: ADMIN })
    .resolves({ AccountIds: ['111111111111'] })
    .on(ListAccountsForProvisionedPermissionSetCommand, { PermissionSetArn: READ })
    .resolves({ AccountIds: ['222222222222', '111111111111'] });
  sso.on(ListAccountAssignmentsCommand).callsFake((input: Record<string, string>) => ({
    AccountAssignments: [
      {
        AccountId: input.AccountId,
        PermissionSetArn: input.PermissionSetArn,
        PrincipalType: 'GROUP',
        PrincipalId: '9067a1b2c3-aaaa-bbbb-cccc-1234567890ab',
      },
    ],
  }));
}

describe('sso.identity-center', () => {
  beforeEach(() => {
    sso.reset();
    mockIdentityCenter();
  });

  it('reads permission sets with their policies and where they are provisioned', async () => {
    const ctx = fakeContext('111111111111', 'us-east-1');
    const r = await identityCenterCollector.run(ctx);
    if (r.kind !== 'identityCenter') throw new Error('expected identityCenter');
    const ic = r.identityCenter;
    expect(ic.instanceArn).toBe(INSTANCE);
    expect(ic.identityStoreId).toBe('d-1234567890');
    expect(ic.permissionSets).toEqual([
      {
        arn: ADMIN,
        name: 'Admin',
        description: 'break glass',
        sessionDuration: 'PT1H',
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        customerManagedPolicies: [],
        provisionedTo: ['111111111111'],
      },
      {
        arn: READ,
        name: 'ReadOnly',
        sessionDuration: 'PT8H',
        managedPolicies: [],
        customerManagedPolicies: [{ name: 'extra-read', path: '/' }],
        inlinePolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
        },
        permissionsBoundary: { customerManagedPolicy: { name: 'boundary', path: '/' } },
        provisionedTo: ['111111111111', '222222222222'],
      },
    ]);
    expect(ctx.gaps).toEqual([]);
  });

  it('lists assignments only where a permission set is provisioned', async () => {
    const r = await identityCenterCollector.run(fakeContext());
    const calls = sso.commandCalls(ListAccountAssignmentsCommand).map((c) => {
      const i = c.args[0].input;
      return `${i.AccountId ?? ''} ${i.PermissionSetArn?.slice(-2) ?? ''}`;
    });
    expect(calls.sort()).toEqual(['111111111111 aa', '111111111111 bb', '222222222222 bb']);
    expect(r.kind === 'identityCenter' && r.identityCenter.assignments).toHaveLength(3);
  });

  it('no instance in the Region read is a gap naming the Region and the home-Region rule', async () => {
    sso.on(ListInstancesCommand).resolves({ Instances: [] });
    const ctx = fakeContext('111111111111', 'eu-central-1');
    const errors: unknown[] = [];
    const record = ctx.gap.bind(ctx);
    ctx.gap = (api, error, section) => {
      errors.push(error);
      record(api, error, section);
    };
    expect(await identityCenterCollector.run(ctx)).toEqual({ kind: 'none' });
    expect(ctx.gaps).toEqual([
      { api: 'sso:ListInstances', code: 'NoIdentityCenterInstance', section: 'identityCenter' },
    ]);
    expect(errors[0]).toBeInstanceOf(NoIdentityCenterInstance);
    const message = (errors[0] as Error).message;
    expect(message).toContain('no IAM Identity Center instance found in eu-central-1');
    expect(message).toContain('home Region');
    expect(message).toContain('homeRegion with --blueprint');
    expect(message).toContain("SDK's Region");
  });

  it('pages through listings with the shared allPages helper', async () => {
    async function* pages() {
      yield await Promise.resolve({ Items: [1, 2] });
      yield await Promise.resolve({});
      yield await Promise.resolve({ Items: [3] });
    }
    expect(await allPages(pages(), (p: { Items?: number[] }) => p.Items)).toEqual([1, 2, 3]);
  });

  it('an unreadable permission set is a gap, the others are kept', async () => {
    sso
      .on(DescribePermissionSetCommand, { PermissionSetArn: ADMIN })
      .rejects(awsError('AccessDeniedException'));
    const ctx = fakeContext();
    const r = await identityCenterCollector.run(ctx);
    expect(
      r.kind === 'identityCenter' && r.identityCenter.permissionSets.map((p) => p.name),
    ).toEqual(['ReadOnly']);
    expect(ctx.gaps.map((g) => g.code)).toEqual(['AccessDeniedException']);
  });
});
