import {
  GetGroupIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
} from '@aws-sdk/client-identitystore';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { CloudFormationClient, ListExportsCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../snapshot/types.js';
import {
  MGMT_ID,
  OU_SECURITY,
  OU_WORKLOADS,
  PROD2_ID,
  ROOT_ID,
  testClients,
  testClock,
  testIndex,
  testManifest,
} from './__fixtures__/deploy.js';
import {
  createParamResolver,
  knownFromSnapshot,
  UnresolvedParameterError,
  type KnownIds,
} from './params.js';

const cfn = mockClient(CloudFormationClient);
const org = mockClient(OrganizationsClient);
const index = testIndex();
const manifest = testManifest();
const entry = manifest.units[1]!;

function resolver(known: KnownIds = {}, assets?: { bucket: string; region: string }) {
  return createParamResolver({
    index,
    manifest: {
      ...manifest,
      units: manifest.units.map((u) =>
        u.id === 'log-archive'
          ? { ...u, assets: [{ id: 'responder', file: 'responder.zip', hash: 'abc123' }] }
          : u,
      ),
    },
    clients: testClients(),
    env: { clock: testClock(), random: () => 0.5 },
    known,
    ...(assets ? { assets } : {}),
  });
}

beforeEach(() => {
  cfn.reset();
  org.reset();
  cfn.on(ListExportsCommand).resolves({ Exports: [] });
});

describe('createParamResolver', () => {
  it('takes literals from the blueprint and asks nothing', async () => {
    const r = resolver();
    expect(await r.value({ kind: 'organization-id' }, entry)).toBe('o-abcdef1234');
    expect(await r.value({ kind: 'account-id', account: 'log-archive' }, entry)).toBe(
      '222222222222',
    );
    expect(cfn.calls()).toHaveLength(0);
    expect(org.calls()).toHaveLength(0);
  });

  it('prefers outputs recorded in this run, then the exports in place (read once)', async () => {
    cfn
      .on(ListExportsCommand)
      .resolvesOnce({
        Exports: [
          { ExportingStackId: 'arn:x', Name: 'orgward-ou-workloads-id', Value: OU_WORKLOADS },
        ],
        NextToken: 'page2',
      })
      .resolvesOnce({
        Exports: [
          { ExportingStackId: 'arn:x', Name: 'orgward-account-prod-2-id', Value: PROD2_ID },
        ],
      });
    const r = resolver();
    r.record([
      { OutputKey: 'OuSecurityId', OutputValue: OU_SECURITY, ExportName: 'orgward-ou-security-id' },
    ]);
    expect(await r.ouId('security')).toBe(OU_SECURITY);
    expect(await r.ouId('workloads')).toBe(OU_WORKLOADS);
    expect(await r.accountId('prod-2')).toBe(PROD2_ID);
    expect(cfn.commandCalls(ListExportsCommand).map((c) => c.args[0].input)).toEqual([
      {},
      { NextToken: 'page2' },
    ]);
  });

  it('falls back to AWS Organizations: root, OUs by name along the path, accounts by e-mail, organization id', async () => {
    org
      .on(ListRootsCommand)
      .resolves({ Roots: [{ Id: ROOT_ID, Arn: 'arn:root', Name: 'Root', PolicyTypes: [] }] });
    org.on(ListOrganizationalUnitsForParentCommand, { ParentId: ROOT_ID }).resolves({
      OrganizationalUnits: [
        { Id: OU_SECURITY, Arn: 'arn:ou', Name: 'Security' },
        { Id: OU_WORKLOADS, Arn: 'arn:ou2', Name: 'Workloads' },
      ],
    });
    org.on(ListAccountsCommand).resolves({
      Accounts: [
        {
          Id: PROD2_ID,
          Arn: 'arn:acct',
          Email: 'PROD2@example.com',
          Name: 'Prod 2',
          Status: 'ACTIVE',
          State: 'ACTIVE',
          JoinedMethod: 'CREATED',
          JoinedTimestamp: new Date('2026-01-01T00:00:00Z'),
        },
      ],
    });
    const r = resolver();
    expect(await r.ouId('workloads')).toBe(OU_WORKLOADS);
    expect(await r.ouId('root')).toBe(ROOT_ID);
    expect(await r.accountId('prod-2')).toBe(PROD2_ID);
    expect(org.commandCalls(ListRootsCommand)).toHaveLength(1);
  });

  it('finds a policy by name and type, never an AWS managed one', async () => {
    org.on(ListPoliciesCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
      Policies: [
        {
          Id: 'p-FullAWSAccess',
          Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
          Name: 'orgward-quarantine',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: true,
        },
        {
          Id: 'p-quar1234',
          Arn: 'arn:p',
          Name: 'orgward-quarantine',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: false,
        },
      ],
    });
    expect(await resolver().policyId('quarantine')).toBe('p-quar1234');
    expect(await resolver().policyId('p-given123')).toBe('p-given123');
  });

  it('reads the organization id from AWS when the blueprint has none', async () => {
    org.on(DescribeOrganizationCommand).resolves({
      Organization: {
        Id: 'o-zyxwvu9876',
        Arn: 'arn:org',
        FeatureSet: 'ALL',
        MasterAccountId: MGMT_ID,
        MasterAccountEmail: 'mgmt@example.com',
      },
    });
    const noId = testIndex();
    delete noId.bp.organization.organizationId;
    const r = createParamResolver({
      index: noId,
      manifest,
      clients: testClients(),
      env: { clock: testClock(), random: () => 0.5 },
    });
    expect(await r.value({ kind: 'organization-id' }, entry)).toBe('o-zyxwvu9876');
  });

  it('says what it could not find', async () => {
    org.on(ListAccountsCommand).resolves({ Accounts: [] });
    await expect(resolver().accountId('prod-2')).rejects.toThrow(UnresolvedParameterError);
    await expect(resolver().accountId('prod-2')).rejects.toThrow(/orgward-account-prod-2-id/);
  });

  it('gives the assets bucket and content-addressed keys', async () => {
    const r = resolver({}, { bucket: 'orgward-assets', region: 'eu-west-1' });
    const withAsset = {
      ...entry,
      assets: [{ id: 'responder', file: 'responder.zip', hash: 'abc123' }],
    };
    expect(await r.value({ kind: 'asset-bucket' }, withAsset)).toBe('orgward-assets');
    expect(await r.value({ kind: 'asset-key', asset: 'responder' }, withAsset)).toBe(
      'orgward/assets/abc123/responder.zip',
    );
    await expect(resolver().value({ kind: 'asset-bucket' }, withAsset)).rejects.toThrow(
      /no.*configured|none is configured/,
    );
  });
});

describe('knownFromSnapshot', () => {
  it('maps accounts by e-mail, OUs by name along the path and policies by name and type', () => {
    const snapshot = {
      organization: {
        id: 'o-abcdef1234',
        arn: 'arn:org',
        featureSet: 'ALL',
        managementAccountId: MGMT_ID,
        root: { id: ROOT_ID, arn: 'arn:root', name: 'Root', policyTypes: [] },
        organizationalUnits: [
          { id: OU_WORKLOADS, arn: 'a', name: 'Workloads', parentId: ROOT_ID },
          { id: 'ou-ab12-elsewhere', arn: 'b', name: 'Security', parentId: OU_WORKLOADS },
          { id: OU_SECURITY, arn: 'c', name: 'Security', parentId: ROOT_ID },
        ],
        accounts: [
          {
            id: PROD2_ID,
            arn: 'x',
            name: 'Prod 2',
            email: 'Prod2@Example.com',
            status: 'ACTIVE',
            parentId: OU_WORKLOADS,
          },
        ],
        policies: [
          {
            id: 'p-quar1234',
            arn: 'p',
            name: 'orgward-quarantine',
            description: '',
            type: 'SERVICE_CONTROL_POLICY',
            awsManaged: false,
            content: {},
            targets: [],
          },
        ],
        delegatedAdministrators: [],
        trustedServices: [],
      },
    } as unknown as Snapshot;
    const known = knownFromSnapshot(index, snapshot);
    expect(known.accounts?.['prod-2']).toBe(PROD2_ID);
    expect(known.accounts?.['log-archive']).toBe('222222222222');
    expect(known.ous).toMatchObject({
      root: ROOT_ID,
      security: OU_SECURITY,
      workloads: OU_WORKLOADS,
    });
    expect(known.policies).toEqual({ quarantine: 'p-quar1234' });
    expect(known.organizationId).toBe('o-abcdef1234');
  });
});

describe('Identity Center parameters', () => {
  const sso = mockClient(SSOAdminClient);
  const store = mockClient(IdentitystoreClient);
  const mgmtEntry = { ...entry, accounts: ['management'], regions: ['eu-west-1'] };
  beforeEach(() => {
    sso.reset();
    store.reset();
    sso.on(ListInstancesCommand).resolves({
      Instances: [
        {
          InstanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
          IdentityStoreId: 'd-1234567890',
        },
      ],
    });
  });

  it('reads the instance ARN and resolves groups by display name and users by user name', async () => {
    store.on(GetGroupIdCommand).resolves({
      GroupId: '11111111-2222-3333-4444-555555555555',
      IdentityStoreId: 'd-1234567890',
    });
    store.on(GetUserIdCommand).resolves({
      UserId: '99999999-2222-3333-4444-555555555555',
      IdentityStoreId: 'd-1234567890',
    });
    const r = resolver();
    expect(await r.value({ kind: 'sso-instance-arn' }, mgmtEntry)).toBe(
      'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    );
    expect(await r.value({ kind: 'sso-user-id', user: 'alice@example.com' }, mgmtEntry)).toBe(
      '99999999-2222-3333-4444-555555555555',
    );
    expect(await r.value({ kind: 'sso-group-id', group: 'no-such-group' }, mgmtEntry)).toBe(
      '11111111-2222-3333-4444-555555555555',
    );
    const groupCall = store.commandCalls(GetGroupIdCommand)[0]?.args[0].input;
    expect(groupCall?.AlternateIdentifier).toEqual({
      UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'no-such-group' },
    });
    expect(groupCall?.IdentityStoreId).toBe('d-1234567890');
    expect(sso.commandCalls(ListInstancesCommand)).toHaveLength(1);
  });

  it('says so when the account has no Identity Center instance', async () => {
    sso.on(ListInstancesCommand).resolves({ Instances: [] });
    await expect(resolver().value({ kind: 'sso-instance-arn' }, mgmtEntry)).rejects.toThrow(
      UnresolvedParameterError,
    );
  });
});
