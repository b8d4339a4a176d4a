import { COLLECTOR_CATALOGUE, ENGINE_APIS } from '../collect/catalogue.js';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/types.js';
import { allRoutes, mockAws, type MockAws } from './aws.js';
import { injectDrift } from './drift.js';
import { standardSnapshot } from './__fixtures__/simulated.js';

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

async function assume(accountId: string) {
  const sts = new STSClient({ region: HOME, credentials: BASE });
  const out = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
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

describe('mockAws: every operation through its SDK client', () => {
  it('answers each catalogue operation with a response object', async () => {
    const identity = idOf('Example Identity');
    const s = injectDrift(std, [{ id: 'backdoor', account: identity }]);
    mock = mockAws(s);
    const a = s.accounts[identity]!;
    const r = a.regions[HOME]!;
    const ic = s.identityCenter!;
    const ps = ic.permissionSets[0]!;
    const trail = s.accounts['111111111111']!.regions[HOME]!.trails![0]!.arn;
    const policyId = s.organization!.policies[2]!.id;
    const inputs: Record<string, Record<string, unknown>> = {
      'organizations:ListOrganizationalUnitsForParent': { ParentId: s.organization!.root.id },
      'organizations:ListAccountsForParent': { ParentId: s.organization!.root.id },
      'organizations:ListPolicies': { Filter: 'SERVICE_CONTROL_POLICY' },
      'organizations:DescribePolicy': { PolicyId: policyId },
      'organizations:ListTargetsForPolicy': { PolicyId: policyId },
      'organizations:ListTagsForResource': { ResourceId: policyId },
      'organizations:ListDelegatedServicesForAccount': {
        AccountId: idOf('Example Security Tooling'),
      },
      'iam:GetOpenIDConnectProvider': { OpenIDConnectProviderArn: a.oidcProviders![0]!.arn },
      'iam:ListAccessKeys': { UserName: 'svc-backup' },
      'iam:GetAccessKeyLastUsed': { AccessKeyId: a.accessKeys![0]!.accessKeyId },
      's3:GetAccountPublicAccessBlock': { AccountId: identity },
      'kms:DescribeKey': { KeyId: r.kmsKeys![0]!.keyId },
      'kms:GetKeyPolicy': { KeyId: r.kmsKeys![0]!.keyId },
      'kms:GetKeyRotationStatus': { KeyId: r.kmsKeys![0]!.keyId },
      'sns:GetTopicAttributes': { TopicArn: r.snsTopics![0]!.arn },
      'sqs:GetQueueAttributes': { QueueUrl: r.sqsQueues![0]!.url, AttributeNames: ['All'] },
      'secretsmanager:GetResourcePolicy': { SecretId: r.secrets![0]!.arn },
      'lambda:GetPolicy': { FunctionName: r.lambdaFunctions![0]!.name },
      'ecr:GetRepositoryPolicy': { repositoryName: r.ecrRepositories![0]!.name },
      'cloudtrail:GetTrailStatus': { Name: trail },
      'cloudtrail:GetEventSelectors': { TrailName: trail },
      'cloudtrail:GetInsightSelectors': { TrailName: trail },
      'sts:AssumeRole': {
        RoleArn: `arn:aws:iam::${identity}:role/orgward-audit`,
        RoleSessionName: 'x',
      },
    };
    for (const op of [
      'GetDetector',
      'GetAdministratorAccount',
      'ListMembers',
      'DescribeOrganizationConfiguration',
    ])
      inputs[`guardduty:${op}`] = { DetectorId: r.guardDuty!.detectors[0]!.id };
    for (const op of [
      'ListPermissionSets',
      'DescribePermissionSet',
      'ListManagedPoliciesInPermissionSet',
      'ListCustomerManagedPolicyReferencesInPermissionSet',
      'GetInlinePolicyForPermissionSet',
      'GetPermissionsBoundaryForPermissionSet',
      'ListAccountsForProvisionedPermissionSet',
      'ListAccountAssignments',
    ])
      inputs[`sso:${op}`] = {
        InstanceArn: ic.instanceArn,
        PermissionSetArn: ps.arn,
        AccountId: identity,
      };
    const bucket = a.s3Buckets!.find((b) => b.region === HOME)!.name;
    for (const api of COLLECTOR_CATALOGUE.find((e) => e.id === 's3.buckets')!.apis.slice(1))
      inputs[api] = { Bucket: bucket };
    // Not-configured answers in this account are errors by design.
    const allowed: Record<string, string> = {
      'guardduty:DescribeOrganizationConfiguration': 'BadRequestException',
      'sso:GetPermissionsBoundaryForPermissionSet': 'ResourceNotFoundException',
      's3:GetBucketObjectLockConfiguration': 'ObjectLockConfigurationNotFoundError',
      's3:GetBucketPolicy': 'NoSuchBucketPolicy',
    };
    const member = await assume(identity);
    const routes = allRoutes({
      deniedAccounts: new Set(),
      optedOutRegions: new Set(),
      issued: new Map(),
      planted: false,
      onDenied: () => undefined,
    });
    for (const api of [...COLLECTOR_CATALOGUE.flatMap((e) => e.apis), ...ENGINE_APIS]) {
      const route = routes.find((x) => x.api === api)!;
      const asManagement =
        api.startsWith('organizations:') || api.startsWith('sso:') || api.startsWith('sts:');
      const client = new (route.client as any)({
        region: HOME,
        credentials: asManagement ? BASE : member,
      });
      try {
        const out = await client.send(new (route.command as any)(inputs[api] ?? {}));
        expect(typeof out, api).toBe('object');
      } catch (e: any) {
        expect(e.name, api).toBe(allowed[api]);
        expect(e.$metadata.httpStatusCode, api).toBeGreaterThanOrEqual(400);
      }
    }
    expect(Object.keys(mock.stats.calls).length).toBeGreaterThanOrEqual(70);
  });
});
