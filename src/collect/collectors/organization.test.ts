import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Account, PolicyType } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import type { OrganizationSnapshot } from '../../snapshot/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { orgAccount, organizationCollector } from './organization.js';

const org = mockClient(OrganizationsClient);

const SCP = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
});

function account(id: string, extra: Partial<Account> = {}): Account {
  return {
    Id: id,
    Arn: `arn:aws:organizations::111111111111:account/o-abcdef1234/${id}`,
    Email: `${id}@example.com`,
    Name: `acct-${id}`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
    JoinedMethod: 'CREATED',
    JoinedTimestamp: new Date('2024-01-02T03:04:05Z'),
    ...extra,
  };
}

/** root -> ou-a -> ou-b (nested), accounts spread over pages. */
function mockOrganization() {
  org.on(DescribeOrganizationCommand).resolves({
    Organization: {
      Id: 'o-abcdef1234',
      Arn: 'arn:aws:organizations::111111111111:organization/o-abcdef1234',
      FeatureSet: 'ALL',
      MasterAccountArn: 'arn:aws:organizations::111111111111:account/o-abcdef1234/111111111111',
      MasterAccountId: '111111111111',
      MasterAccountEmail: 'mgmt@example.com',
    },
  });
  org.on(ListRootsCommand).resolves({
    Roots: [
      {
        Id: 'r-ab12',
        Arn: 'arn:aws:organizations::111111111111:root/o-abcdef1234/r-ab12',
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    ],
  });
  const ou = (id: string) => ({
    Id: id,
    Arn: `arn:aws:organizations::111111111111:ou/o-abcdef1234/${id}`,
    Name: id,
  });
  org
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'r-ab12' })
    .resolves({ OrganizationalUnits: [ou('ou-ab12-aaaaaaaa')] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-aaaaaaaa' })
    .resolves({ OrganizationalUnits: [ou('ou-ab12-bbbbbbbb')] })
    .on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-ab12-bbbbbbbb' })
    .resolves({ OrganizationalUnits: [] });
  org
    .on(ListAccountsForParentCommand, { ParentId: 'r-ab12' })
    .resolves({ Accounts: [account('111111111111')] })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-aaaaaaaa' })
    .resolves({ Accounts: [account('222222222222')], NextToken: 'page2' })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-aaaaaaaa', NextToken: 'page2' })
    .resolves({
      Accounts: [account('333333333333', { Status: 'SUSPENDED', State: 'SUSPENDED' })],
    })
    .on(ListAccountsForParentCommand, { ParentId: 'ou-ab12-bbbbbbbb' })
    .resolves({ Accounts: [account('444444444444', { State: undefined })] });
  org.on(ListPoliciesCommand).resolves({ Policies: [] });
  org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
    Policies: [
      {
        Id: 'p-deny1234',
        Arn: 'arn:aws:organizations::111111111111:policy/o-abcdef1234/service_control_policy/p-deny1234',
        Name: 'deny-leave',
        Description: 'no leaving',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: false,
      },
      {
        Id: 'p-FullAWSAccess',
        Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
        Name: 'FullAWSAccess',
        Description: 'Allows access to every operation',
        Type: 'SERVICE_CONTROL_POLICY',
        AwsManaged: true,
      },
    ],
  });
  org.on(DescribePolicyCommand, { PolicyId: 'p-deny1234' }).resolves({
    Policy: { PolicySummary: { Id: 'p-deny1234' }, Content: SCP },
  });
  org.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({
    Policy: {
      PolicySummary: { Id: 'p-FullAWSAccess' },
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    },
  });
  org
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-FullAWSAccess' })
    .resolves({ Targets: [{ TargetId: 'r-ab12', Arn: 'arn:...', Name: 'Root', Type: 'ROOT' }] });
  // Tags answer by resource id; ou-a's come in two pages.
  const tags: Record<string, { Tags: { Key: string; Value: string }[]; NextToken?: string }> = {
    'ou-ab12-aaaaaaaa': { Tags: [{ Key: 'env', Value: 'prod' }], NextToken: 'tags2' },
    'ou-ab12-aaaaaaaa|tags2': { Tags: [{ Key: 'owner', Value: 'platform' }] },
    'ou-ab12-bbbbbbbb': { Tags: [] },
    'p-deny1234': { Tags: [{ Key: 'orgward:policy', Value: 'deny-leave' }] },
  };
  org
    .on(ListTagsForResourceCommand)
    .callsFake((input: { ResourceId: string; NextToken?: string }) => {
      const page =
        tags[input.NextToken ? `${input.ResourceId}|${input.NextToken}` : input.ResourceId];
      if (!page) throw awsError('TargetNotFoundException');
      return page;
    });
  org
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-deny1234' })
    .resolves({
      Targets: [{ TargetId: 'r-ab12', Arn: 'arn:...', Name: 'Root', Type: 'ROOT' }],
      NextToken: 't2',
    })
    .on(ListTargetsForPolicyCommand, { PolicyId: 'p-deny1234', NextToken: 't2' })
    .resolves({
      Targets: [{ TargetId: '222222222222', Arn: 'arn:...', Name: 'acct', Type: 'ACCOUNT' }],
    });
  org.on(ListDelegatedAdministratorsCommand).resolves({
    DelegatedAdministrators: [
      { ...account('222222222222'), DelegationEnabledDate: new Date('2024-02-01T00:00:00Z') },
    ],
  });
  org.on(ListDelegatedServicesForAccountCommand, { AccountId: '222222222222' }).resolves({
    DelegatedServices: [
      {
        ServicePrincipal: 'guardduty.amazonaws.com',
        DelegationEnabledDate: new Date('2024-02-01T00:00:00Z'),
      },
    ],
  });
  org.on(ListAWSServiceAccessForOrganizationCommand).resolves({
    EnabledServicePrincipals: [
      { ServicePrincipal: 'sso.amazonaws.com', DateEnabled: new Date() },
      { ServicePrincipal: 'guardduty.amazonaws.com', DateEnabled: new Date() },
    ],
  });
}

describe('organizations.structure', () => {
  beforeEach(() => {
    org.reset();
    mockOrganization();
  });
  afterEach(() => org.reset());

  it('reads the OU tree recursively, every page of accounts, policies and delegations', async () => {
    const ctx = fakeContext('111111111111', 'us-east-1');
    const r = await organizationCollector.run(ctx);
    if (r.kind !== 'organization') throw new Error('expected an organization');
    const o = r.organization;
    expect(o.id).toBe('o-abcdef1234');
    expect(o.managementAccountEmail).toBe('mgmt@example.com');
    expect(o.organizationalUnits.map((u) => [u.id, u.parentId])).toEqual([
      ['ou-ab12-aaaaaaaa', 'r-ab12'],
      ['ou-ab12-bbbbbbbb', 'ou-ab12-aaaaaaaa'],
    ]);
    expect(o.accounts.map((a) => [a.id, a.parentId, a.status])).toEqual([
      ['111111111111', 'r-ab12', 'ACTIVE'],
      ['222222222222', 'ou-ab12-aaaaaaaa', 'ACTIVE'],
      ['333333333333', 'ou-ab12-aaaaaaaa', 'SUSPENDED'],
      ['444444444444', 'ou-ab12-bbbbbbbb', 'ACTIVE'],
    ]);
    expect(o.accounts[0]?.joinedTimestamp).toBe('2024-01-02T03:04:05.000Z');
    expect(o.policies.map((p) => p.id)).toEqual(['p-deny1234', 'p-FullAWSAccess']);
    expect(o.policies[0]).toMatchObject({
      id: 'p-deny1234',
      type: 'SERVICE_CONTROL_POLICY',
      content: { Statement: [{ Effect: 'Deny' }] },
      targets: ['222222222222', 'r-ab12'],
    });
    expect(o.delegatedAdministrators).toEqual([
      {
        accountId: '222222222222',
        servicePrincipal: 'guardduty.amazonaws.com',
        delegationEnabledDate: '2024-02-01T00:00:00.000Z',
      },
    ]);
    expect(o.trustedServices).toEqual(['guardduty.amazonaws.com', 'sso.amazonaws.com']);
    expect(ctx.gaps).toEqual([]);
  });

  it('reads the tags of every OU (every page) and customer-managed policy, not AWS-managed ones', async () => {
    const ctx = fakeContext();
    const r = await organizationCollector.run(ctx);
    if (r.kind !== 'organization') throw new Error('expected an organization');
    const o = r.organization;
    expect(o.organizationalUnits.map((u) => [u.id, u.tags])).toEqual([
      ['ou-ab12-aaaaaaaa', { env: 'prod', owner: 'platform' }],
      ['ou-ab12-bbbbbbbb', {}],
    ]);
    expect(o.policies.map((p) => [p.id, p.tags])).toEqual([
      ['p-deny1234', { 'orgward:policy': 'deny-leave' }],
      ['p-FullAWSAccess', undefined],
    ]);
    expect('tags' in (o.policies[1] ?? {})).toBe(false);
    const asked = org
      .commandCalls(ListTagsForResourceCommand)
      .map((c) => c.args[0].input.ResourceId ?? '');
    expect(asked).not.toContain('p-FullAWSAccess');
    expect(asked.filter((id) => id === 'ou-ab12-aaaaaaaa')).toHaveLength(2);
    expect(ctx.gaps).toEqual([]);
  });

  it.each([
    [
      'an OU',
      'ou-ab12-bbbbbbbb',
      'organization.organizationalUnits.ou-ab12-bbbbbbbb.tags',
      (o: OrganizationSnapshot) => o.organizationalUnits.find((u) => u.id === 'ou-ab12-bbbbbbbb'),
    ],
    [
      'a policy',
      'p-deny1234',
      'organization.policies.p-deny1234.tags',
      (o: OrganizationSnapshot) => o.policies.find((p) => p.id === 'p-deny1234'),
    ],
  ])(
    'denied tags of %s are a gap; the item stays, its tags unknown (absent, not {})',
    async (_name, resourceId, section, item) => {
      org
        .on(ListTagsForResourceCommand, { ResourceId: resourceId })
        .rejects(awsError('AccessDeniedException'));
      const ctx = fakeContext();
      const r = await organizationCollector.run(ctx);
      if (r.kind !== 'organization') throw new Error('expected an organization');
      const found = item(r.organization);
      expect(found).toBeDefined();
      expect(found && 'tags' in found).toBe(false);
      expect(
        r.organization.organizationalUnits.find((u) => u.id === 'ou-ab12-aaaaaaaa')?.tags,
      ).toEqual({ env: 'prod', owner: 'platform' });
      expect(ctx.gaps).toEqual([
        { api: 'organizations:ListTagsForResource', code: 'AccessDeniedException', section },
      ]);
    },
  );

  it('lists every known policy type, not only the enabled ones', async () => {
    await organizationCollector.run(fakeContext());
    const filters = org.commandCalls(ListPoliciesCommand).map((c) => c.args[0].input.Filter);
    expect(filters).toContain('SERVICE_CONTROL_POLICY');
    expect(filters).toContain('RESOURCE_CONTROL_POLICY');
    expect(filters).toContain('TAG_POLICY');
  });

  it.each([
    ['enabled type', 'SERVICE_CONTROL_POLICY', 1],
    ['type not enabled', 'TAG_POLICY', 0],
  ])('a ListPolicies error on a %s gives %i gap', async (_name, type, gaps) => {
    org
      .on(ListPoliciesCommand, { Filter: type as PolicyType })
      .rejects(awsError('AccessDeniedException'));
    const ctx = fakeContext();
    await organizationCollector.run(ctx);
    expect(ctx.gaps.length).toBe(gaps);
  });

  it('a DescribePolicy failure is a gap and the policy is left out', async () => {
    org.on(DescribePolicyCommand).rejects(awsError('AccessDeniedException'));
    const ctx = fakeContext();
    const r = await organizationCollector.run(ctx);
    expect(r.kind === 'organization' && r.organization.policies).toEqual([]);
    expect(ctx.gaps).toEqual(
      ['p-FullAWSAccess', 'p-deny1234'].map(() => ({
        api: 'organizations:DescribePolicy',
        code: 'AccessDeniedException',
        section: 'organization.policies',
      })),
    );
  });

  it('fails as a whole when the organization cannot be described', async () => {
    org.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException'));
    await expect(organizationCollector.run(fakeContext())).rejects.toThrow();
  });
});

describe('orgAccount', () => {
  it.each([
    [{ Status: 'ACTIVE', State: 'PENDING_CLOSURE' }, 'PENDING_CLOSURE'],
    [{ Status: 'SUSPENDED' }, 'SUSPENDED'],
    [{}, 'UNKNOWN'],
  ] as const)('status of %o is %s', (fields, status) => {
    expect(orgAccount({ Id: '1', ...fields }, 'r-1').status).toBe(status);
  });
});
