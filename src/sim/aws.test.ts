import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { EC2Client, DescribeSecurityGroupsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  IAMClient,
  paginateGetAccountAuthorizationDetails,
} from '@aws-sdk/client-iam';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import {
  DescribePolicyCommand,
  ListPoliciesCommand,
  OrganizationsClient,
  paginateListAccountsForParent,
} from '@aws-sdk/client-organizations';
import {
  GetBucketPolicyCommand,
  GetObjectLockConfigurationCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import {
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AdaptiveRetryStrategy, isThrottlingError } from '@smithy/core/retry';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE, ENGINE_APIS } from '../collect/catalogue.js';
import { fakeContext } from '../collect/collectors/__fixtures__/context.js';
import { kmsKeysCollector } from '../collect/collectors/kms-keys.js';
import type { Snapshot } from '../snapshot/types.js';
import { allRoutes, mockAws, PLANTED, type MockAws } from './aws.js';
import { standardSnapshot } from './__fixtures__/simulated.js';
import { injectDrift } from './drift.js';

const BASE = { accessKeyId: 'AKIABASECREDENTIALS1', secretAccessKey: 'base-secret' };
const HOME = 'eu-west-1';
let std: Snapshot;
let mock: MockAws | undefined;
beforeAll(async () => {
  std = await standardSnapshot();
});
afterEach(() => {
  mock?.restore();
  mock = undefined;
});

const idOf = (name: string) => std.organization!.accounts.find((a) => a.name === name)!.id;

async function assume(accountId: string, roleName = 'OrganizationAccountAccessRole') {
  const sts = new STSClient({ region: HOME, credentials: BASE });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: 'orgward',
    }),
  );
  const c = out.Credentials!;
  return {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  };
}

async function caught(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('mockAws: coverage of the catalogue', () => {
  it('answers every catalogue and engine operation', () => {
    const routes = allRoutes({
      deniedAccounts: new Set(),
      optedOutRegions: new Set(),
      issued: new Map(),
      planted: false,
      onDenied: () => undefined,
    });
    const served = new Set(routes.map((r) => r.api));
    for (const api of [...COLLECTOR_CATALOGUE.flatMap((e) => e.apis), ...ENGINE_APIS])
      expect(served, api).toContain(api);
  });
});

describe('mockAws: identity and shapes through the real SDK clients', () => {
  it('AssumeRole issues ASIA+account credentials that later calls answer for', async () => {
    mock = mockAws(std);
    const target = idOf('Payments Prod');
    const creds = await assume(target);
    expect(creds.accessKeyId).toMatch(new RegExp(`^ASIA${target}[0-9A-Z]{4}$`));
    const who = await new STSClient({ region: HOME, credentials: creds }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Account).toBe(target);
    const base = await new STSClient({ region: HOME, credentials: BASE }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(base.Account).toBe('111111111111');
  });

  it('GetAccountAuthorizationDetails pages with Marker and URL-encoded documents decode', async () => {
    mock = mockAws(std);
    const target = idOf('Payments Prod');
    const iam = new IAMClient({ region: HOME, credentials: await assume(target) });
    const roles: any[] = [];
    let pages = 0;
    for await (const p of paginateGetAccountAuthorizationDetails(
      { client: iam, pageSize: 5 },
      {},
    )) {
      pages++;
      roles.push(...(p.RoleDetailList ?? []));
      for (const pol of p.Policies ?? [])
        expect(JSON.parse(decodeURIComponent(pol.PolicyVersionList![0]!.Document!))).toHaveProperty(
          'Statement',
        );
    }
    const want = std.accounts[target]!.iam!;
    expect(pages).toBeGreaterThan(3);
    expect(roles.map((r) => r.RoleName)).toEqual(want.roles.map((r) => r.roleName));
    expect(JSON.parse(decodeURIComponent(roles[0].AssumeRolePolicyDocument))).toEqual(
      want.roles[0]!.trustPolicy,
    );
    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 5 }));
    expect(first.IsTruncated).toBe(true);
    expect(typeof first.Marker).toBe('string');
  });

  it('ListAccountsForParent pages 20 at a time over 1,000 accounts', async () => {
    const root = std.organization!.root.id;
    const accounts = Array.from({ length: 1000 }, (_, i) => ({
      ...std.organization!.accounts[1]!,
      id: String(100000000000 + i),
      parentId: root,
    }));
    mock = mockAws({ ...std, organization: { ...std.organization!, accounts } });
    const client = new OrganizationsClient({ region: HOME, credentials: BASE });
    const ids: string[] = [];
    let pages = 0;
    for await (const p of paginateListAccountsForParent({ client }, { ParentId: root })) {
      pages++;
      expect(p.Accounts!.length).toBeLessThanOrEqual(20);
      ids.push(...p.Accounts!.map((a) => a.Id!));
    }
    expect(ids).toHaveLength(1000);
    expect(pages).toBe(50);
    expect(mock.stats.calls['organizations:ListAccountsForParent']).toBe(50);
  });

  it.each([
    [
      'DescribePolicy content is a JSON string',
      async () => {
        const org = new OrganizationsClient({ region: HOME, credentials: BASE });
        const list = await org.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
        const d = await org.send(new DescribePolicyCommand({ PolicyId: list.Policies![2]!.Id! }));
        expect(JSON.parse(d.Policy!.Content!)).toHaveProperty('Statement');
      },
    ],
    [
      'ListBuckets gives BucketRegion; bucket calls answer in that Region',
      async () => {
        const creds = await assume(idOf('Example Log Archive'));
        const s3 = new S3Client({ region: HOME, credentials: creds });
        const list = await s3.send(new ListBucketsCommand({}));
        const b = list.Buckets!.find((x) => x.Name === 'example-org-log-archive-eu-west-1')!;
        expect(b.BucketRegion).toBe(HOME);
        const policy = await s3.send(new GetBucketPolicyCommand({ Bucket: b.Name! }));
        expect(JSON.parse(policy.Policy!)).toHaveProperty('Statement');
        const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: b.Name! }));
        expect(lock.ObjectLockConfiguration?.Rule?.DefaultRetention).toEqual({
          Mode: 'GOVERNANCE',
          Days: 365,
        });
        const wrong = await caught(
          new S3Client({ region: 'us-east-1', credentials: creds }).send(
            new GetBucketPolicyCommand({ Bucket: b.Name! }),
          ),
        );
        expect(wrong.name).toBe('PermanentRedirect');
        const access = list.Buckets!.find((x) => x.Name!.endsWith('-access-logs'))!;
        const err = await caught(
          s3.send(new GetObjectLockConfigurationCommand({ Bucket: access.Name! })),
        );
        expect(err.name).toBe('ObjectLockConfigurationNotFoundError');
        expect(err.$metadata.httpStatusCode).toBe(404);
      },
    ],
    [
      'account Block Public Access comes from S3 Control',
      async () => {
        const id = idOf('Web Dev');
        const out = await new S3ControlClient({ region: HOME, credentials: await assume(id) }).send(
          new GetPublicAccessBlockCommand({ AccountId: id }),
        );
        expect(out.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);
      },
    ],
    [
      'security groups and VPCs have the EC2 shapes',
      async () => {
        const ec2 = new EC2Client({ region: HOME, credentials: await assume(idOf('Web Dev')) });
        const vpcs = await ec2.send(new DescribeVpcsCommand({}));
        expect(vpcs.Vpcs!.every((v) => v.IsDefault === false)).toBe(true);
        const sgs = await ec2.send(new DescribeSecurityGroupsCommand({ MaxResults: 5 }));
        expect(sgs.SecurityGroups![0]).toHaveProperty('IpPermissionsEgress');
      },
    ],
    [
      'KMS lists keys with Truncated/NextMarker',
      async () => {
        const kms = new KMSClient({
          region: HOME,
          credentials: await assume(idOf('Example Log Archive')),
        });
        const one = await kms.send(new ListKeysCommand({ Limit: 1 }));
        expect(one.Truncated).toBe(true);
        expect(one.NextMarker).toBeDefined();
      },
    ],
  ])('%s', async (_name, run) => {
    mock = mockAws(std);
    await run();
  });

  it('answers "not configured" with the real error names', async () => {
    const drifted = injectDrift(std, [{ id: 'password-policy-weak' }]);
    const noPolicy: Snapshot = {
      ...drifted,
      accounts: {
        ...drifted.accounts,
        '222222222222': {
          ...drifted.accounts['222222222222']!,
          passwordPolicy: null,
          regions: {
            ...drifted.accounts['222222222222']!.regions,
            [HOME]: { ...drifted.accounts['222222222222']!.regions[HOME]!, securityHub: null },
          },
        },
      },
    };
    mock = mockAws(noPolicy);
    const creds = await assume('222222222222');
    const e1 = await caught(
      new IAMClient({ region: HOME, credentials: creds }).send(
        new GetAccountPasswordPolicyCommand({}),
      ),
    );
    expect([e1.name, e1.Code, e1.$metadata.httpStatusCode]).toEqual([
      'NoSuchEntityException',
      'NoSuchEntity',
      404,
    ]);
    const e2 = await caught(
      new SecurityHubClient({ region: HOME, credentials: creds }).send(new DescribeHubCommand({})),
    );
    expect(e2.name).toBe('InvalidAccessException');
  });
});

describe('mockAws: throttling, denial, opted-out Regions, secrets', () => {
  it('throttles a fraction of calls with retryable errors; adaptive retry gets through', async () => {
    mock = mockAws(std, { throttleRate: 0.25, seed: 3 });
    const client = new OrganizationsClient({ region: HOME, credentials: BASE });
    const strategy = new AdaptiveRetryStrategy(10);
    let ok = 0;
    for (let i = 0; i < 6; i++) {
      let token = await strategy.acquireInitialRetryToken('organizations');
      for (;;) {
        try {
          await client.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
          strategy.recordSuccess(token as any);
          ok++;
          break;
        } catch (e: any) {
          expect(isThrottlingError(e)).toBe(true);
          expect(e.$retryable).toEqual({ throttling: true });
          token = await strategy.refreshRetryTokenForRetry(token as any, {
            errorType: 'THROTTLING',
          });
        }
      }
    }
    expect(ok).toBe(6);
    expect(mock.stats.throttled).toBeGreaterThan(0);
  });

  it('denies AssumeRole into listed accounts and listed APIs, and expects the gaps', async () => {
    const denied = idOf('Web Prod');
    mock = mockAws(std, { accessDenied: { accounts: [denied], apis: ['kms:ListKeys'] } });
    const e = await caught(assume(denied));
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const kms = await caught(
      new KMSClient({ region: HOME, credentials: await assume(idOf('Web Dev')) }).send(
        new ListKeysCommand({}),
      ),
    );
    expect(kms.name).toBe('AccessDeniedException');
    expect(mock.expected.accounts[denied]).toBeUndefined();
    expect(mock.expected.coverage).toContainEqual(
      expect.objectContaining({ accountId: denied, api: 'sts:AssumeRole', code: 'AccessDenied' }),
    );
    const webDev = mock.expected.accounts[idOf('Web Dev')]!;
    expect(webDev.regions[HOME]!.kmsKeys).toBeUndefined();
    expect(mock.expected.coverage.filter((g) => g.api === 'kms:ListKeys')).toHaveLength(
      (Object.keys(std.accounts).length - 1) * 3,
    );
    expect(mock.stats.denied).toBe(2);
  });

  it('expects rotation gaps exactly where the KMS collector calls GetKeyRotationStatus', async () => {
    const mgmt = std.organization!.managementAccountId;
    const base = std.accounts[mgmt]!.regions[HOME]!.kmsKeys![0]!;
    // Served as AWS would: rotation status only on keys that have one.
    const noRotation = { ...base };
    delete noRotation.rotationEnabled;
    delete noRotation.rotationPeriodInDays;
    const variant = (keyId: string, keyState: string, keySpec: string, rotates: boolean) => ({
      ...(rotates ? base : noRotation),
      keyId,
      arn: base.arn.replace(base.keyId, keyId),
      keyState,
      keySpec,
      aliases: [],
    });
    const kmsKeys = [
      variant('k-enabled', 'Enabled', 'SYMMETRIC_DEFAULT', true),
      variant('k-disabled', 'Disabled', 'SYMMETRIC_DEFAULT', true),
      variant('k-import', 'PendingImport', 'SYMMETRIC_DEFAULT', false),
      variant('k-deleting', 'PendingDeletion', 'SYMMETRIC_DEFAULT', false),
      variant('k-replica-deleting', 'PendingReplicaDeletion', 'SYMMETRIC_DEFAULT', false),
      variant('k-rsa', 'Enabled', 'RSA_2048', false),
    ];
    const account = std.accounts[mgmt]!;
    const served: Snapshot = {
      ...std,
      accounts: {
        ...std.accounts,
        [mgmt]: {
          ...account,
          regions: { ...account.regions, [HOME]: { ...account.regions[HOME], kmsKeys } },
        },
      },
    };
    mock = mockAws(served, { accessDenied: { apis: ['kms:GetKeyRotationStatus'] } });
    // The base credentials answer for the management account.
    const ctx = fakeContext(mgmt, HOME);
    const collected = await kmsKeysCollector.run(ctx);
    const byId = (keys: readonly { keyId: string }[] | undefined) =>
      [...(keys ?? [])].sort((a, b) => a.keyId.localeCompare(b.keyId));
    expect(collected.kind).toBe('region');
    const keys = collected.kind === 'region' ? collected.region.kmsKeys : undefined;
    expect(byId(keys)).toEqual(byId(mock.expected.accounts[mgmt]!.regions[HOME]!.kmsKeys));
    const expectedSections = mock.expected.coverage
      .filter((g) => g.api === 'kms:GetKeyRotationStatus' && g.accountId === mgmt)
      .filter((g) => g.region === HOME)
      .map((g) => g.section)
      .sort();
    expect(ctx.gaps.map((g) => g.section).sort()).toEqual(expectedSections);
    // AWS's rule: symmetric, AWS-generated material, not pending deletion.
    expect(expectedSections).toEqual(['kmsKeys.k-disabled.rotation', 'kmsKeys.k-enabled.rotation']);
  });

  it('fails calls in an opted-out Region and reports it DISABLED', async () => {
    mock = mockAws(std, { optedOutRegions: ['eu-central-1'] });
    const creds = await assume(idOf('Web Dev'));
    const regions = await new AccountClient({ region: HOME, credentials: creds }).send(
      new ListRegionsCommand({}),
    );
    expect(regions.Regions).toContainEqual({
      RegionName: 'eu-central-1',
      RegionOptStatus: 'DISABLED',
    });
    const e = await caught(
      new EC2Client({ region: 'eu-central-1', credentials: creds }).send(
        new DescribeVpcsCommand({}),
      ),
    );
    expect([e.name, e.$metadata.httpStatusCode]).toEqual(['AuthFailure', 401]);
    const k = await caught(
      new KMSClient({ region: 'eu-central-1', credentials: creds }).send(new ListKeysCommand({})),
    );
    expect(k.name).toBe('UnrecognizedClientException');
    const exp = mock.expected.accounts[idOf('Web Dev')]!;
    expect(Object.keys(exp.regions).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(exp.enabledRegions).toEqual(['eu-west-1', 'us-east-1']);
    expect(mock.expected.coverage.filter((g) => g.code === 'OptInRequired')).toHaveLength(
      Object.keys(std.accounts).length,
    );
  });

  it('plants secret values only where real APIs return them', async () => {
    mock = mockAws(std, { secretsPlanted: true });
    const sm = new SecretsManagerClient({
      region: HOME,
      credentials: await assume(idOf('Web Dev')),
    });
    const list = await sm.send(new ListSecretsCommand({}));
    expect(JSON.stringify(list)).not.toContain(PLANTED.secretString);
    const value = await sm.send(new GetSecretValueCommand({ SecretId: list.SecretList![0]!.ARN! }));
    expect(value.SecretString).toContain(PLANTED.secretString);
    expect(mock.plantedSecrets.length).toBeGreaterThan(3);
    for (const v of mock.plantedSecrets) expect(JSON.stringify(mock.expected)).not.toContain(v);
  });
});
