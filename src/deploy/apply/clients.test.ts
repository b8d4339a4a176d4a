import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collect/collectors/__fixtures__/context.js';
import { AwsAccessError } from '../../core/errors.js';
import {
  LOG_ID,
  SEC_ID,
  testClock,
  testIndex,
  testManifest,
  testPlan,
  testSynth,
} from './__fixtures__/deploy.js';
import { createDeployClients, deployRoleName, deploySessionName } from './clients.js';
import { deploy } from './deploy.js';
import { memoryStateStore } from './state.js';

// Only STS is mocked: the CloudFormation client is real, so its credentials come from
// the AssumeRole the factory wires in.
const sts = mockClient(STSClient);
const base = () => Promise.resolve({ accessKeyId: 'AKIABASE', secretAccessKey: 'base' });

beforeEach(() => {
  sts.reset();
});

describe('deployRoleName', () => {
  it.each([
    [{}, 'log-archive', 'OrganizationAccountAccessRole'],
    [{}, 'security-tooling', 'SecurityAccess'],
    [{ deployRole: { name: 'OrgwardDeploy' } }, 'security-tooling', 'OrgwardDeploy'],
    [{ deployRole: { name: 'OrgwardDeploy', roles: ['workload'] } }, 'dev-1', 'OrgwardDeploy'],
    [
      { deployRole: { name: 'OrgwardDeploy', roles: ['workload'] } },
      'security-tooling',
      'SecurityAccess',
    ],
  ])('deployment %j, account %s: %s', (deployment, account, role) => {
    expect(deployRoleName(testIndex(deployment), account)).toBe(role);
  });
});

describe('createDeployClients', () => {
  it('names the session after the deploy and the minute', () => {
    expect(deploySessionName(new Date('2026-11-23T12:34:56Z'))).toBe('orgward-deploy-202611231234');
  });

  it('assumes the deploy role once per account, with the session name', async () => {
    sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAMEMBER',
        SecretAccessKey: 'secret',
        SessionToken: 'token',
        Expiration: new Date('2030-01-01T00:00:00Z'),
      },
      AssumedRoleUser: {
        AssumedRoleId: 'AROAEXAMPLE:orgward-deploy',
        Arn: `arn:aws:sts::${LOG_ID}:assumed-role/OrgwardDeploy/orgward-deploy`,
      },
    });
    const clients = createDeployClients({
      index: testIndex({ deployRole: { name: 'OrgwardDeploy' } }),
      credentials: base,
      now: () => new Date('2026-11-23T12:00:00Z'),
    });
    const target = { account: 'log-archive', accountId: LOG_ID };
    const a = clients.cloudFormation(target, 'eu-west-1');
    expect(clients.cloudFormation(target, 'eu-west-1')).toBe(a);
    const b = clients.cloudFormation(target, 'eu-central-1');
    const creds = await (a.config.credentials as () => Promise<{ accessKeyId: string }>)();
    await (b.config.credentials as () => Promise<unknown>)();
    expect(creds.accessKeyId).toBe('ASIAMEMBER');
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
    expect(sts.commandCalls(AssumeRoleCommand)[0]!.args[0].input).toEqual({
      RoleArn: `arn:aws:iam::${LOG_ID}:role/OrgwardDeploy`,
      RoleSessionName: 'orgward-deploy-202611231200',
      DurationSeconds: 3600,
    });
    expect(clients.roleFor(target)).toBe('OrgwardDeploy');
    expect(clients.roleFor({ account: 'management' })).toBeUndefined();
    clients.destroy?.();
  });

  it('a refused AssumeRole is an AwsAccessError naming account, role and sts:AssumeRole', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(
        awsError(
          'AccessDenied',
          `User: arn:aws:iam::111111111111:user/deployer is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${SEC_ID}:role/SecurityAccess`,
          403,
        ),
      );
    const clients = createDeployClients({ index: testIndex(), credentials: base });
    const cfn = clients.cloudFormation(
      { account: 'security-tooling', accountId: SEC_ID },
      'eu-west-1',
    );
    expect(cfn).toBeInstanceOf(CloudFormationClient);
    const err = await cfn
      .send(new DescribeStacksCommand({ StackName: 'x' }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsAccessError);
    expect((err as AwsAccessError).details).toEqual({
      accountId: SEC_ID,
      role: 'SecurityAccess',
      api: 'sts:AssumeRole',
    });
    expect((err as Error).message).toContain('security-tooling');
    clients.destroy?.();
  });

  it('deploy reports the refused account as failed and carries the access error for exit 3', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(awsError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403));
    const index = testIndex();
    const manifest = testManifest();
    const plan = testPlan(manifest, { 'security-tooling': 'update' }, 'unchanged');
    const clients = createDeployClients({ index, credentials: base });
    const r = await deploy({
      plan,
      synth: testSynth(manifest),
      manifest,
      index,
      clients,
      state: memoryStateStore(),
      clock: testClock(),
      random: () => 0.5,
    });
    clients.destroy?.();
    expect(r.ok).toBe(false);
    expect(r.instances).toEqual([
      expect.objectContaining({
        unit: 'security-tooling',
        outcome: 'failed',
        reason: expect.stringContaining('sts:AssumeRole'),
      }),
    ]);
    expect(r.accessErrors).toHaveLength(1);
    expect(r.accessErrors[0]!.details).toEqual({
      accountId: SEC_ID,
      role: 'SecurityAccess',
      api: 'sts:AssumeRole',
    });
  });
});
