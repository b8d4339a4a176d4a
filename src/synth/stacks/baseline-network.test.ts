import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { Unit } from '../types.js';
import { contextFor, orgBlueprint, props, unit } from './__fixtures__/baseline.js';
import { baselineBuilder } from './baseline.js';

const build = async (bp: BlueprintInput): Promise<Unit[]> =>
  baselineBuilder.build(await contextFor(bp));
const ids = (units: readonly Unit[]) => units.map((u) => u.id);

describe('baseline-network', () => {
  it('enables flow logs on existing VPCs at deploy and on new ones by event and daily', async () => {
    const ctx = await exampleContext('standard');
    const u = unit(baselineBuilder.build(ctx), 'baseline-network');
    const flow = props(u, 'VpcFlowLogs');
    expect(flow).toMatchObject({
      LogDestinationType: 's3',
      TrafficType: 'ALL',
      LogDestination: 'arn:aws:s3:::example-org-log-archive-eu-west-1',
    });
    const sweep = props(u, 'FlowLogsSweepFunction');
    expect(sweep.Handler).toBe('index.sweep');
    const env = Object.fromEntries(Object.entries(flow).filter(([k]) => k !== 'ServiceToken'));
    expect(sweep.Environment).toEqual({ Variables: env });
    expect(props(u, 'FlowLogsOnNewVpc').EventPattern).toEqual({
      source: ['aws.ec2'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['CreateVpc', 'CreateDefaultVpc'] },
    });
    expect(props(u, 'FlowLogsDailySweep').ScheduleExpression).toBe('rate(1 day)');
    expect(props(u, 'FlowLogsOnNewVpcPermission')).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['FlowLogsOnNewVpc', 'Arn'] },
    });
    expect(u.entities).toEqual(['flow-logs']);
    expect(u.kind === 'stackset' && u.accounts).not.toContain('management');
    expect(u.dependsOn).toEqual(['log-archive']);
  });

  it('delivers to a log group of an accepted retention through its own role', async () => {
    const bp = orgBlueprint();
    const units = await build({
      ...bp,
      network: {
        targets: { ous: ['workloads'] },
        flowLogs: { destination: 'cloudwatch-logs', trafficType: 'REJECT' },
      },
    });
    const u = unit(units, 'baseline-network');
    // The central bucket keeps 365 days in the minimal example.
    expect(props(u, 'FlowLogsLogGroup')).toEqual({
      LogGroupName: 'orgward-vpc-flow-logs',
      RetentionInDays: 365,
    });
    expect(props(u, 'VpcFlowLogs')).toMatchObject({
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: 'orgward-vpc-flow-logs',
      DeliverLogsPermissionArn: { 'Fn::GetAtt': ['FlowLogsDeliveryRole', 'Arn'] },
      TrafficType: 'REJECT',
    });
    expect(JSON.stringify(props(u, 'FlowLogsDeliveryRole').AssumeRolePolicyDocument)).toContain(
      'vpc-flow-logs.amazonaws.com',
    );
  });

  it('is left out without network settings or with flow logs off, and refuses a missing bucket', async () => {
    const bp = orgBlueprint();
    expect(ids(await build(bp))).not.toContain('baseline-network');
    expect(ids(await build({ ...bp, network: { flowLogs: { enabled: false } } }))).not.toContain(
      'baseline-network',
    );
    await expect(build({ ...bp, logging: undefined, network: {} })).rejects.toThrow(
      /central-bucket/,
    );
  });
});
