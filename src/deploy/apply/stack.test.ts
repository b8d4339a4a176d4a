import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListExportsCommand,
  UpdateTerminationProtectionCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collect/collectors/__fixtures__/context.js';
import { AwsAccessError } from '../../core/errors.js';
import { unitContext } from './__fixtures__/context.js';
import { body, LOG_ID, MGMT_ID, OU_SECURITY, SEC_ID, testManifest } from './__fixtures__/deploy.js';
import { deleteStack, deployStack, type StackJob } from './stack.js';

const cfn = mockClient(CloudFormationClient);
const s3 = mockClient(S3Client);

const STACK_ID = `arn:aws:cloudformation:eu-west-1:${LOG_ID}:stack/orgward-log-archive/3f8d3c70-0a5b-11ef-8a2d-0a8b2c1d9e01`;
const CHANGE_SET_ARN = `arn:aws:cloudformation:eu-west-1:${LOG_ID}:changeSet/orgward-cs/5d1c2b3a-0a5b-11ef-9c3e-0a1b2c3d4e5f`;
const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

const manifest = testManifest();
const entryOf = (id: string) => manifest.units.find((u) => u.id === id)!;

function job(over: Partial<StackJob> = {}): StackJob {
  const entry = entryOf('log-archive');
  return {
    unit: entry.id,
    name: entry.name,
    hash: entry.hash,
    entry,
    body: body(entry.id),
    assets: [],
    target: { account: 'log-archive', accountId: LOG_ID },
    region: 'eu-west-1',
    action: 'create',
    ...over,
  };
}

/** A DescribeStacks response, as the API reference shapes it. */
function stacks(status: StackStatus, extra: Record<string, unknown> = {}) {
  return {
    Stacks: [
      {
        StackId: STACK_ID,
        StackName: 'orgward-log-archive',
        CreationTime: new Date('2026-11-23T12:00:00Z'),
        StackStatus: status,
        DisableRollback: false,
        EnableTerminationProtection: false,
        ...extra,
      },
    ],
  };
}

const notFound = () =>
  awsError('ValidationError', 'Stack with id orgward-log-archive does not exist');

/** DescribeChangeSet: pending once, then `status`. */
function changeSet(status: 'CREATE_COMPLETE' | 'FAILED', reason?: string) {
  cfn
    .on(DescribeChangeSetCommand)
    .resolvesOnce({
      ChangeSetName: 'orgward-cs',
      ChangeSetId: CHANGE_SET_ARN,
      StackId: STACK_ID,
      StackName: 'orgward-log-archive',
      Status: 'CREATE_PENDING',
      ExecutionStatus: 'UNAVAILABLE',
    })
    .resolves({
      ChangeSetName: 'orgward-cs',
      ChangeSetId: CHANGE_SET_ARN,
      StackId: STACK_ID,
      StackName: 'orgward-log-archive',
      Status: status,
      ExecutionStatus: status === 'FAILED' ? 'UNAVAILABLE' : 'AVAILABLE',
      ...(reason ? { StatusReason: reason } : {}),
      Changes: [],
    });
}

beforeEach(() => {
  cfn.reset();
  s3.reset();
  cfn.on(CreateChangeSetCommand).resolves({ Id: CHANGE_SET_ARN, StackId: STACK_ID });
  cfn.on(ExecuteChangeSetCommand).resolves({});
  cfn.on(UpdateTerminationProtectionCommand).resolves({ StackId: STACK_ID });
  cfn.on(DeleteChangeSetCommand).resolves({});
  cfn.on(ListExportsCommand).resolves({
    Exports: [
      {
        ExportingStackId: `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:stack/orgward-organization/1`,
        Name: 'orgward-ou-security-id',
        Value: OU_SECURITY,
      },
    ],
  });
});

describe('deployStack', () => {
  it('creates a stack that does not exist: CREATE change set, parameters, tags, termination protection', async () => {
    const { ctx, clients } = unitContext();
    cfn
      .on(DescribeStacksCommand)
      .rejectsOnce(notFound())
      .resolvesOnce(stacks('CREATE_IN_PROGRESS'))
      .resolves(
        stacks('CREATE_COMPLETE', {
          Outputs: [
            { OutputKey: 'BucketName', OutputValue: 'org-logs', ExportName: 'orgward-log-bucket' },
          ],
        }),
      );
    changeSet('CREATE_COMPLETE');
    const r = await deployStack(ctx, job());
    expect(r.outcome).toBe('created');
    expect(r.outputs).toEqual([
      { OutputKey: 'BucketName', OutputValue: 'org-logs', ExportName: 'orgward-log-bucket' },
    ]);
    const [create] = cfn.commandCalls(CreateChangeSetCommand);
    const input = create!.args[0].input;
    expect(input).toMatchObject({
      StackName: 'orgward-log-archive',
      ChangeSetType: 'CREATE',
      TemplateBody: body('log-archive'),
      Tags: [{ Key: 'orgward:unit', Value: 'log-archive' }],
      Parameters: [
        { ParameterKey: 'OrganizationId', ParameterValue: 'o-abcdef1234' },
        { ParameterKey: 'OuIdSecurity', ParameterValue: OU_SECURITY },
      ],
    });
    expect(input.DeploymentMode).toBeUndefined();
    expect(input.ChangeSetName).toMatch(/^[a-zA-Z][-a-zA-Z0-9]*$/);
    // The change set was created in the log-archive account's client.
    expect(clients.accountOf(create!.thisValue)).toBe('log-archive');
    expect(cfn.commandCalls(ExecuteChangeSetCommand)[0]!.args[0].input.ChangeSetName).toBe(
      CHANGE_SET_ARN,
    );
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)[0]!.args[0].input).toEqual({
      StackName: 'orgward-log-archive',
      EnableTerminationProtection: true,
    });
  });

  it('updates an existing stack with an UPDATE change set and leaves termination protection alone', async () => {
    const { ctx } = unitContext();
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stacks('UPDATE_COMPLETE'))
      .resolvesOnce(stacks('UPDATE_IN_PROGRESS'))
      .resolvesOnce(stacks('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'))
      .resolves(stacks('UPDATE_COMPLETE'));
    changeSet('CREATE_COMPLETE');
    const r = await deployStack(ctx, job({ action: 'update' }));
    expect(r.outcome).toBe('updated');
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.ChangeSetType).toBe('UPDATE');
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(4);
  });

  it('waits until the stack shows the executed change set, not the previous operation', async () => {
    const { ctx } = unitContext();
    const before = { ChangeSetId: `${CHANGE_SET_ARN}-previous` };
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stacks('UPDATE_ROLLBACK_COMPLETE', before))
      // Stale: still the previous (failed) operation right after ExecuteChangeSet.
      .resolvesOnce(stacks('UPDATE_ROLLBACK_COMPLETE', before))
      .resolvesOnce(stacks('UPDATE_IN_PROGRESS', { ChangeSetId: CHANGE_SET_ARN }))
      .resolves(stacks('UPDATE_COMPLETE', { ChangeSetId: CHANGE_SET_ARN }));
    changeSet('CREATE_COMPLETE');
    const r = await deployStack(ctx, job({ action: 'update' }));
    expect(r.outcome).toBe('updated');
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(4);
  });

  it('drops a change set that holds no changes and reports the stack unchanged', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStacksCommand).resolves(stacks('UPDATE_COMPLETE', { Outputs: [] }));
    changeSet('FAILED', NO_CHANGES);
    const r = await deployStack(ctx, job({ action: 'update' }));
    expect(r).toMatchObject({ outcome: 'unchanged', reason: 'no changes' });
    expect(cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(0);
    expect(cfn.commandCalls(DeleteChangeSetCommand)[0]!.args[0].input).toEqual({
      ChangeSetName: CHANGE_SET_ARN,
    });
  });

  it('reports any other failed change set as a failure', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStacksCommand).resolves(stacks('UPDATE_COMPLETE'));
    changeSet(
      'FAILED',
      'Template format error: Unresolved resource dependencies [Key] in the Resources block of the template',
    );
    const r = await deployStack(ctx, job({ action: 'update' }));
    expect(r.outcome).toBe('failed');
    expect(r.reason).toContain('Unresolved resource dependencies');
    expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(0);
  });

  it('reverts drift with a drift-aware change set (DeploymentMode REVERT_DRIFT)', async () => {
    const { ctx } = unitContext();
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stacks('UPDATE_COMPLETE'))
      .resolves(stacks('UPDATE_COMPLETE'));
    changeSet('CREATE_COMPLETE');
    const r = await deployStack(ctx, job({ action: 'revert-drift' }));
    expect(r).toMatchObject({ outcome: 'updated', reason: 'drift reverted' });
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input).toMatchObject({
      ChangeSetType: 'UPDATE',
      DeploymentMode: 'REVERT_DRIFT',
    });
  });

  it.each([
    ['CREATE', 'ROLLBACK_COMPLETE'],
    ['UPDATE', 'UPDATE_ROLLBACK_COMPLETE'],
  ] as const)(
    'a %s that ends in %s fails with the first failed resource from the events',
    async (type, final) => {
      const { ctx } = unitContext();
      const first = type === 'CREATE' ? notFound() : undefined;
      const d = cfn.on(DescribeStacksCommand);
      if (first) d.rejectsOnce(first);
      else d.resolvesOnce(stacks('UPDATE_COMPLETE'));
      d.resolvesOnce(
        stacks(type === 'CREATE' ? 'ROLLBACK_IN_PROGRESS' : 'UPDATE_ROLLBACK_IN_PROGRESS'),
      ).resolves(
        stacks(final, {
          StackStatusReason: 'The following resource(s) failed to create: [Bucket].',
        }),
      );
      changeSet('CREATE_COMPLETE');
      const token = () =>
        cfn.commandCalls(ExecuteChangeSetCommand)[0]!.args[0].input.ClientRequestToken;
      cfn.on(DescribeStackEventsCommand).callsFake(() => ({
        StackEvents: [
          event(6, 'orgward-log-archive', 'AWS::CloudFormation::Stack', final),
          event(5, 'Key', 'AWS::KMS::Key', 'DELETE_COMPLETE'),
          event(4, 'Key', 'AWS::KMS::Key', 'CREATE_FAILED', 'Resource creation cancelled'),
          event(3, 'Bucket', 'AWS::S3::Bucket', 'CREATE_FAILED', 'org-logs already exists'),
          event(
            2,
            'Policy',
            'AWS::S3::BucketPolicy',
            'CREATE_FAILED',
            'Policy has invalid resource',
          ),
          event(
            1,
            'orgward-log-archive',
            'AWS::CloudFormation::Stack',
            `${type}_IN_PROGRESS`,
            'User Initiated',
          ),
          // An earlier operation's failure (other token): not this run's.
          {
            ...event(0, 'Old', 'AWS::SNS::Topic', 'CREATE_FAILED', 'old failure'),
            ClientRequestToken: 'other',
          },
        ].map((e) => ({ ClientRequestToken: token(), ...e })),
      }));
      const r = await deployStack(ctx, job({ action: type === 'CREATE' ? 'create' : 'update' }));
      expect(r.outcome).toBe('failed');
      expect(r.failures).toEqual([
        'Policy (AWS::S3::BucketPolicy): Policy has invalid resource',
        'Bucket (AWS::S3::Bucket): org-logs already exists',
      ]);
      expect(r.reason).toContain(final);
      expect(r.reason).toContain('Policy has invalid resource');
      expect(cfn.commandCalls(UpdateTerminationProtectionCommand)).toHaveLength(0);
    },
  );

  it('deletes a stack left in ROLLBACK_COMPLETE by a failed create, then creates it', async () => {
    const { ctx } = unitContext();
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce(stacks('ROLLBACK_COMPLETE'))
      .resolvesOnce(stacks('DELETE_IN_PROGRESS'))
      .rejectsOnce(notFound())
      .resolves(stacks('CREATE_COMPLETE'));
    cfn.on(DeleteStackCommand).resolves({});
    changeSet('CREATE_COMPLETE');
    const r = await deployStack(ctx, job());
    expect(r.outcome).toBe('created');
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.ChangeSetType).toBe('CREATE');
  });

  it('uploads a template over the inline limit to the assets bucket and passes its URL', async () => {
    const assets = { bucket: 'orgward-assets-111111111111', region: 'eu-west-1' };
    const { ctx } = unitContext({ assets });
    s3.on(PutObjectCommand).resolves({ ETag: '"9b2cf535f27731c974343645a3985328"' });
    cfn.on(DescribeStacksCommand).rejectsOnce(notFound()).resolves(stacks('CREATE_COMPLETE'));
    changeSet('CREATE_COMPLETE');
    const big = body('log-archive', 51_201);
    expect(Buffer.byteLength(big)).toBeGreaterThan(51_200);
    const r = await deployStack(ctx, job({ body: big }));
    expect(r.outcome).toBe('created');
    const key = `orgward/templates/log-archive/${entryOf('log-archive').hash}.json`;
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: assets.bucket,
      Key: key,
      Body: big,
      ContentType: 'application/json',
      ExpectedBucketOwner: MGMT_ID,
    });
    const input = cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input;
    expect(input.TemplateBody).toBeUndefined();
    expect(input.TemplateURL).toBe(`https://${assets.bucket}.s3.eu-west-1.amazonaws.com/${key}`);
  });

  it('keeps a template of exactly the inline limit inline', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStacksCommand).rejectsOnce(notFound()).resolves(stacks('CREATE_COMPLETE'));
    changeSet('CREATE_COMPLETE');
    const edge = body('log-archive', 51_200);
    expect(Buffer.byteLength(edge)).toBe(51_200);
    await deployStack(ctx, job({ body: edge }));
    expect(cfn.commandCalls(CreateChangeSetCommand)[0]!.args[0].input.TemplateBody).toBe(edge);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses a large template when no assets bucket is configured', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStacksCommand).rejects(notFound());
    await expect(deployStack(ctx, job({ body: body('log-archive', 60_000) }))).rejects.toThrow(
      /assets bucket/,
    );
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
  });

  it.each(['Throttling', 'ThrottlingException'])(
    'retries %s with backoff on the clock',
    async (code) => {
      const { ctx, clock } = unitContext();
      cfn
        .on(DescribeStacksCommand)
        .rejectsOnce(awsError(code, 'Rate exceeded'))
        .rejectsOnce(awsError(code, 'Rate exceeded'))
        .resolves(stacks('UPDATE_COMPLETE'));
      changeSet('CREATE_COMPLETE');
      const r = await deployStack(ctx, job({ action: 'update' }));
      expect(r.outcome).toBe('updated');
      // Full jitter (random 0.5): half of 100 ms, then half of 200 ms.
      expect(clock.sleeps.slice(0, 2)).toEqual([50, 100]);
    },
  );

  it('turns AccessDenied into an AwsAccessError naming account, role and API', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStacksCommand).resolves(stacks('UPDATE_COMPLETE'));
    cfn
      .on(CreateChangeSetCommand)
      .rejects(
        awsError(
          'AccessDenied',
          `User: arn:aws:sts::${LOG_ID}:assumed-role/OrgwardDeploy/orgward-deploy is not authorized to perform: cloudformation:CreateChangeSet`,
          403,
        ),
      );
    const err = await deployStack(ctx, job({ action: 'update' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsAccessError);
    expect((err as AwsAccessError).details).toEqual({
      accountId: LOG_ID,
      role: 'OrgwardDeploy',
      api: 'cloudformation:CreateChangeSet',
    });
    expect((err as Error).message).toContain('log-archive');
  });
});

describe('deleteStack', () => {
  it('turns termination protection off, deletes and waits until the stack is gone', async () => {
    const { ctx } = unitContext();
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce({
        Stacks: [
          {
            StackId: STACK_ID,
            StackName: 'orgward-security-tooling',
            CreationTime: new Date('2026-11-23T12:00:00Z'),
            StackStatus: 'UPDATE_COMPLETE',
            EnableTerminationProtection: true,
          },
        ],
      })
      .rejects(
        awsError('ValidationError', 'Stack with id orgward-security-tooling does not exist'),
      );
    cfn.on(DeleteStackCommand).resolves({});
    const r = await deleteStack(ctx, {
      name: 'orgward-security-tooling',
      target: { account: 'security-tooling', accountId: SEC_ID },
      region: 'eu-west-1',
    });
    expect(r.outcome).toBe('deleted');
    expect(cfn.commandCalls(UpdateTerminationProtectionCommand)[0]!.args[0].input).toEqual({
      StackName: 'orgward-security-tooling',
      EnableTerminationProtection: false,
    });
    expect(cfn.commandCalls(DeleteStackCommand)[0]!.args[0].input.StackName).toBe(
      'orgward-security-tooling',
    );
  });
});

function event(n: number, logical: string, type: string, status: string, reason?: string) {
  return {
    StackId: STACK_ID,
    EventId: `${logical}-${n}`,
    StackName: 'orgward-log-archive',
    LogicalResourceId: logical,
    PhysicalResourceId: '',
    ResourceType: type,
    Timestamp: new Date(Date.UTC(2026, 10, 23, 12, 0, n)),
    ResourceStatus: status as never,
    ...(reason ? { ResourceStatusReason: reason } : {}),
  };
}
