import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { flowLogsHandler, flowLogsProperties } from './account-gaps.js';
import { invokeHandler } from './harness.js';
import { handlerCode } from './provider.js';

// The handler `require`s the SDK the way Lambda does; mock the same (CommonJS) class.
const req = createRequire(import.meta.url);
const Ec2 = req('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
const ec2 = mockClient(Ec2.EC2Client);
const meta = { $metadata: {} };

beforeEach(() => {
  ec2.reset();
});

describe('flow-logs handler', () => {
  const bucket = 'arn:aws:s3:::org-logs';
  const S3 = flowLogsHandler({ kind: 's3', bucketArn: bucket });
  const s3Props = { LogDestinationType: 's3', LogDestination: bucket, TrafficType: 'ALL' };
  const ids = (n: number) =>
    Array.from({ length: n }, (_, i) => `vpc-${String(i).padStart(3, '0')}`);

  it('creates flow logs on every VPC that has none to this destination, 25 at a time', async () => {
    const all = ids(30);
    ec2
      .on(Ec2.DescribeVpcsCommand)
      .resolvesOnce({ ...meta, Vpcs: all.slice(0, 20).map((VpcId) => ({ VpcId })), NextToken: 't' })
      .resolvesOnce({ ...meta, Vpcs: all.slice(20).map((VpcId) => ({ VpcId })) });
    ec2.on(Ec2.DescribeFlowLogsCommand).resolves({
      ...meta,
      FlowLogs: [
        // Covered: same destination and traffic type.
        { ResourceId: 'vpc-000', LogDestination: bucket, TrafficType: 'ALL' },
        // Not covered: another destination, another traffic type.
        { ResourceId: 'vpc-001', LogDestination: 'arn:aws:s3:::team-bucket', TrafficType: 'ALL' },
        { ResourceId: 'vpc-002', LogDestination: bucket, TrafficType: 'REJECT' },
      ],
    });
    ec2.on(Ec2.CreateFlowLogsCommand).resolves({ ...meta, Unsuccessful: [] });
    const r = await invokeHandler(S3, { RequestType: 'Create', ResourceProperties: s3Props });
    expect(r.Status).toBe('SUCCESS');
    expect(r.Data).toEqual({ Created: '29' });
    const calls = ec2.commandCalls(Ec2.CreateFlowLogsCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => c.ResourceIds?.length)).toEqual([25, 4]);
    expect(calls.flatMap((c) => c.ResourceIds)).not.toContain('vpc-000');
    expect(calls[0]).toMatchObject({
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: bucket,
    });
    expect(ec2.commandCalls(Ec2.DescribeVpcsCommand)[1]?.args[0].input).toEqual({ NextToken: 't' });
  });

  it('creates nothing when every VPC is covered (idempotent)', async () => {
    ec2.on(Ec2.DescribeVpcsCommand).resolves({ ...meta, Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2.on(Ec2.DescribeFlowLogsCommand).resolves({
      ...meta,
      FlowLogs: [{ ResourceId: 'vpc-1', LogDestination: bucket, TrafficType: 'ALL' }],
    });
    const r = await invokeHandler(S3, {
      RequestType: 'Update',
      ResourceProperties: s3Props,
      PhysicalResourceId: 'orgward-flow-logs',
    });
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.CreateFlowLogsCommand)).toHaveLength(0);
  });

  it('ignores a flow log that already exists but fails on any other refusal', async () => {
    ec2
      .on(Ec2.DescribeVpcsCommand)
      .resolves({ ...meta, Vpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }] });
    ec2.on(Ec2.DescribeFlowLogsCommand).resolves({ ...meta, FlowLogs: [] });
    ec2.on(Ec2.CreateFlowLogsCommand).resolves({
      ...meta,
      Unsuccessful: [
        { ResourceId: 'vpc-1', Error: { Code: 'FlowLogAlreadyExists', Message: 'exists' } },
        {
          ResourceId: 'vpc-2',
          Error: { Code: 'AccessDenied', Message: 'bucket policy denies delivery' },
        },
      ],
    });
    const r = await invokeHandler(S3, { RequestType: 'Create', ResourceProperties: s3Props });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('vpc-2: bucket policy denies delivery');
    expect(r.Reason).not.toContain('vpc-1');
  });

  it('delivers to a log group through the delivery role', async () => {
    const target = {
      kind: 'cloud-watch-logs',
      logGroupName: 'org-vpc-flow-logs',
      deliveryRoleArn: 'arn:aws:iam::1:role/d',
    } as const;
    const props = flowLogsProperties(target, 'REJECT') as Record<string, string>;
    ec2.on(Ec2.DescribeVpcsCommand).resolves({ ...meta, Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2.on(Ec2.DescribeFlowLogsCommand).resolves({ ...meta, FlowLogs: [] });
    ec2.on(Ec2.CreateFlowLogsCommand).resolves({ ...meta, Unsuccessful: [] });
    const r = await invokeHandler(flowLogsHandler(target), {
      RequestType: 'Create',
      ResourceProperties: props,
    });
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.CreateFlowLogsCommand)[0]?.args[0].input).toEqual({
      ResourceIds: ['vpc-1'],
      ResourceType: 'VPC',
      TrafficType: 'REJECT',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: 'org-vpc-flow-logs',
      DeliverLogsPermissionArn: 'arn:aws:iam::1:role/d',
    });
  });

  it('keeps the flow logs on Delete', async () => {
    const r = await invokeHandler(S3, {
      RequestType: 'Delete',
      ResourceProperties: s3Props,
      PhysicalResourceId: 'orgward-flow-logs',
    });
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.calls()).toHaveLength(0);
  });

  it('runs the same sweep from its environment as `index.sweep`', async () => {
    ec2.on(Ec2.DescribeVpcsCommand).resolves({ ...meta, Vpcs: [{ VpcId: 'vpc-new' }] });
    ec2.on(Ec2.DescribeFlowLogsCommand).resolves({ ...meta, FlowLogs: [] });
    ec2.on(Ec2.CreateFlowLogsCommand).resolves({ ...meta, Unsuccessful: [] });
    const mod: { exports: { sweep?: () => Promise<number> } } = { exports: {} };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the exact inline source Lambda runs
    new Function('require', 'exports', 'module', 'process', handlerCode(S3))(
      req,
      mod.exports,
      mod,
      {
        env: s3Props,
      },
    );
    expect(await mod.exports.sweep?.()).toBe(1);
    expect(ec2.commandCalls(Ec2.CreateFlowLogsCommand)[0]?.args[0].input).toMatchObject({
      ResourceIds: ['vpc-new'],
      LogDestination: bucket,
    });
  });

  it('grants PassRole on the delivery role only, to the flow logs service', () => {
    const h = flowLogsHandler({
      kind: 'cloud-watch-logs',
      logGroupName: 'g',
      deliveryRoleArn: 'arn:aws:iam::1:role/d',
    });
    const pass = h.statements.find((s) => (s.Action as string[]).includes('iam:PassRole'));
    expect(pass).toMatchObject({
      Resource: 'arn:aws:iam::1:role/d',
      Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
    });
    expect(h.statements.flatMap((s) => s.Action as string[])).not.toContain(
      'logs:CreateLogDelivery',
    );
  });
});
