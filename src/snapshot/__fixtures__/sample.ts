/**
 * A synthetic snapshot touching every section of the format, for the file-format tests
 * (round trips, canonical order, scale). Deterministic for a given account count.
 */
import type { AccountSnapshot, RegionSnapshot, Snapshot } from '../types.js';

const doc = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});

function region(accountId: string, name: string): RegionSnapshot {
  const arn = (svc: string, res: string) => `arn:aws:${svc}:${name}:${accountId}:${res}`;
  return {
    kmsKeys: [
      {
        keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
        arn: arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab'),
        keyManager: 'CUSTOMER',
        keyState: 'Enabled',
        keySpec: 'SYMMETRIC_DEFAULT',
        rotationEnabled: true,
        policy: doc('kms:*'),
        aliases: ['alias/app'],
      },
    ],
    snsTopics: [{ arn: arn('sns', 'alerts'), policy: doc('sns:Publish') }],
    sqsQueues: [],
    trails: [
      {
        name: 'org-trail',
        arn: arn('cloudtrail', 'trail/org-trail'),
        homeRegion: name,
        isMultiRegionTrail: true,
        isOrganizationTrail: true,
        includeGlobalServiceEvents: true,
        logFileValidationEnabled: true,
        s3BucketName: 'org-logs',
        status: { isLogging: true },
        eventSelectors: [{ ReadWriteType: 'All' }],
      },
    ],
    config: {
      recorders: [{ name: 'default', allSupported: true, recording: true }],
      deliveryChannels: [{ name: 'default', s3BucketName: 'config-logs' }],
      aggregators: [],
      rules: [],
    },
    guardDuty: {
      detectors: [{ id: 'abc123', status: 'ENABLED', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] }],
      administrator: null,
    },
    securityHub: null,
    accessAnalyzers: [{ name: 'org', arn: arn('access-analyzer', 'analyzer/org'), type: 'ORGANIZATION', status: 'ACTIVE' }],
    ec2: {
      vpcs: [{ vpcId: 'vpc-1', isDefault: true, cidrBlock: '172.31.0.0/16' }],
      securityGroups: [
        {
          groupId: 'sg-1',
          groupName: 'default',
          vpcId: 'vpc-1',
          ingress: [
            {
              ipProtocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              ipv4Ranges: ['0.0.0.0/0'],
              ipv6Ranges: [],
              prefixListIds: [],
              groupPairs: [],
            },
          ],
          egress: [],
        },
      ],
      networkAcls: [],
      flowLogs: [],
      ebsEncryptionByDefault: false,
      imdsDefaults: { httpTokens: 'required' },
    },
  };
}

function account(i: number): AccountSnapshot {
  const id = String(100000000000 + i * 7919);
  const iamArn = (res: string) => `arn:aws:iam::${id}:${res}`;
  const roles = Array.from({ length: 5 }, (_, r) => ({
    arn: iamArn(`role/role-${r}`),
    roleName: `role-${r}`,
    roleId: `AROA${id}${r}`,
    path: '/',
    createDate: '2024-01-01T00:00:00.000Z',
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    inlinePolicies: [{ name: 'inline', document: doc(`s3:Get${r}`) }],
    tags: { team: 'platform', app: `a${r}` },
    instanceProfiles: [],
  }));
  return {
    accountId: id,
    enabledRegions: ['eu-west-1', 'us-east-1'],
    iam: {
      users: [
        {
          arn: iamArn('user/alice'),
          userName: 'alice',
          userId: `AIDA${id}`,
          path: '/',
          groups: ['admins'],
          attachedPolicies: [],
          inlinePolicies: [],
          tags: {},
          hasConsolePassword: true,
          mfaDevices: [],
        },
      ],
      groups: [
        {
          arn: iamArn('group/admins'),
          groupName: 'admins',
          groupId: `AGPA${id}`,
          path: '/',
          attachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          inlinePolicies: [],
        },
      ],
      roles,
      policies: [
        {
          arn: iamArn('policy/Boundary'),
          policyName: 'Boundary',
          path: '/',
          defaultVersionId: 'v2',
          attachmentCount: 0,
          isAttachable: true,
          document: doc('s3:*'),
          awsManaged: false,
        },
      ],
    },
    passwordPolicy: null,
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
    accessKeys: [{ userName: 'alice', accessKeyId: 'AKIAEXAMPLE', status: 'Active' }],
    s3AccountPublicAccessBlock: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
    s3Buckets: [
      {
        name: `logs-${id}`,
        region: 'eu-west-1',
        arn: `arn:aws:s3:::logs-${id}`,
        policy: null,
        publicAccessBlock: null,
        ownership: 'BucketOwnerEnforced',
        encryption: [{ algorithm: 'aws:kms', bucketKeyEnabled: true }],
        versioning: { status: 'Enabled' },
        objectLock: null,
        logging: null,
      },
    ],
    // Deliberately out of order: the written file sorts map keys.
    regions: { 'us-east-1': region(id, 'us-east-1'), 'eu-west-1': region(id, 'eu-west-1') },
  };
}

/** A snapshot with `n` accounts, every section filled somewhere. */
export function sampleSnapshot(n = 2): Snapshot {
  const accounts: Record<string, AccountSnapshot> = {};
  // Insert in descending order so the writer's sorting is exercised.
  for (let i = n - 1; i >= 0; i--) {
    const a = account(i);
    accounts[a.accountId] = a;
  }
  const ids = Object.keys(accounts).sort();
  return {
    kind: 'orgward-snapshot',
    formatVersion: 1,
    takenAt: '2026-11-23T12:00:00.000Z',
    source: { tool: 'orgward', toolVersion: '0.1.0', method: 'sim', regions: ['eu-west-1', 'us-east-1'] },
    partition: 'aws',
    organization: {
      id: 'o-exampleorgid',
      arn: 'arn:aws:organizations::100000000000:organization/o-exampleorgid',
      featureSet: 'ALL',
      managementAccountId: ids[0] ?? '',
      root: { id: 'r-ab12', arn: 'arn:aws:organizations::100000000000:root/o-exampleorgid/r-ab12', name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] },
      organizationalUnits: [{ id: 'ou-ab12-11111111', arn: 'arn:aws:organizations::100000000000:ou/o-exampleorgid/ou-ab12-11111111', name: 'Workloads', parentId: 'r-ab12' }],
      accounts: ids.map((id) => ({
        id,
        arn: `arn:aws:organizations::100000000000:account/o-exampleorgid/${id}`,
        name: `acct-${id}`,
        email: `${id}@example.com`,
        status: 'ACTIVE',
        parentId: 'ou-ab12-11111111',
        tags: { env: 'prod', owner: 'team' },
      })),
      policies: [
        {
          id: 'p-FullAWSAccess',
          arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
          name: 'FullAWSAccess',
          description: '',
          type: 'SERVICE_CONTROL_POLICY',
          awsManaged: true,
          content: doc('*'),
          targets: ['r-ab12'],
        },
      ],
      delegatedAdministrators: [{ accountId: ids[0] ?? '', servicePrincipal: 'guardduty.amazonaws.com' }],
      trustedServices: ['guardduty.amazonaws.com'],
    },
    identityCenter: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1',
      identityStoreId: 'd-1',
      permissionSets: [
        {
          arn: 'arn:aws:sso:::permissionSet/ssoins-1/ps-1',
          name: 'Admin',
          managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          customerManagedPolicies: [{ name: 'Boundary', path: '/' }],
          provisionedTo: ids.slice(0, 1),
        },
      ],
      assignments: [],
    },
    accounts,
    coverage: [
      { accountId: ids[0] ?? '', region: 'ap-east-1', api: 'kms:ListKeys', code: 'OptInRequired', message: 'region not enabled', section: 'kmsKeys' },
    ],
    provenance: [{ section: 'organization', apis: ['organizations:DescribeOrganization'], at: '2026-11-23T12:00:01.000Z' }],
  };
}
