/**
 * `baseline-network`: VPC flow logs on every VPC (CIS 4.7). CloudFormation can only create
 * a flow log for a VPC id the template knows, and these VPCs belong to workload teams, so:
 *
 * - at deploy time a custom resource enables flow logs on every existing VPC of the
 *   account and Region (to the central bucket or a log group, with the blueprint's
 *   traffic type);
 * - afterwards the same code runs as a function on CloudTrail's `CreateVpc` and
 *   `CreateDefaultVpc` events and once a day, so new VPCs get flow logs within a minute
 *   and anything missed (an event lost, a flow log deleted) is repaired within a day.
 *
 * That is better than covering new VPCs only by detection: the gap closes by itself, and
 * `verify` still reports any VPC without flow logs.
 */
import { InputError } from '../../core/errors.js';
import { getAtt, nagMetadata, ref, sub, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';
import {
  flowLogsHandler,
  flowLogsProperties,
  type FlowLogsTarget,
} from '../custom/account-gaps.js';
import { customProvider, type CustomHandler } from '../custom/provider.js';
import type { Unit } from '../types.js';
import { addBaselineFunction } from './baseline-lambda.js';
import { baselineAccounts, baselineRegions, baselineUnits } from './baseline-targets.js';
import { wildcardSuppressions } from './security-nag.js';
import { centralBucketArn, LOG_ARCHIVE_UNIT } from './security-refs.js';
import { logRetention } from './security-trail.js';

/** Unit id. */
export const NETWORK_UNIT = 'baseline-network';

/** CloudTrail events after which the sweep runs (a VPC was created). */
export const NEW_VPC_EVENT_PATTERN: Record<string, CfnValue> = {
  source: ['aws.ec2'],
  'detail-type': ['AWS API Call via CloudTrail'],
  detail: { eventSource: ['ec2.amazonaws.com'], eventName: ['CreateVpc', 'CreateDefaultVpc'] },
};

/** Units of the network baseline (none without `network` or with flow logs off). */
export function networkUnits(ctx: SynthContext): Unit[] {
  const network = ctx.bp.network;
  if (!network?.flowLogs.enabled) return [];
  if (network.flowLogs.destination === 'central-bucket' && !ctx.bp.logging)
    throw new InputError(
      'synth: network.flowLogs.destination is central-bucket but the blueprint has no logging.centralBucket; add logging or use destination: cloudwatch-logs',
    );
  const targets = network.targets ?? { all: true };
  return baselineUnits(ctx, {
    id: NETWORK_UNIT,
    title: 'VPC flow logs on every VPC',
    description: `orgward account baseline: VPC flow logs (${network.flowLogs.trafficType}) on every VPC, existing and new`,
    accounts: baselineAccounts(ctx, targets),
    regions: baselineRegions(ctx, targets),
    build: (t) => {
      buildNetwork(t);
    },
  });
}

function buildNetwork(t: TemplateBuilder): void {
  const flowLogs = t.ctx.bp.network?.flowLogs;
  if (!flowLogs) return;
  const target = flowLogsTarget(t, flowLogs.destination);
  const handler = flowLogsHandler(target);
  const props = flowLogsProperties(target, flowLogs.trafficType);
  t.add(
    'VpcFlowLogs',
    {
      Type: 'Custom::VpcFlowLogs',
      Properties: { ServiceToken: customProvider(t, handler), ...props },
    },
    'flow-logs',
  );
  addSweep(t, handler, props);
}

/** The destination, creating the log group and delivery role for CloudWatch Logs. */
function flowLogsTarget(
  t: TemplateBuilder,
  destination: 'central-bucket' | 'cloudwatch-logs',
): FlowLogsTarget {
  if (destination === 'central-bucket') {
    // The central bucket (and its policy for log delivery) must exist first.
    t.dependsOn(LOG_ARCHIVE_UNIT);
    return { kind: 's3', bucketArn: centralBucketArn(t) };
  }
  const days = t.ctx.bp.logging?.centralBucket.retentionDays ?? 365;
  const group = t.add('FlowLogsLogGroup', {
    Type: 'AWS::Logs::LogGroup',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      LogGroupName: `${t.ctx.prefix}-vpc-flow-logs`,
      RetentionInDays: logRetention(days),
    },
  });
  const deliver: Record<string, CfnValue>[] = [
    {
      Effect: 'Allow',
      Action: [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogGroups',
        'logs:DescribeLogStreams',
      ],
      Resource: [getAtt(group, 'Arn'), sub('${' + group + '.Arn}:*')],
    },
  ];
  const role = t.add('FlowLogsDeliveryRole', {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'VPC flow logs delivery to CloudWatch Logs',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
      Policies: [
        { PolicyName: 'deliver', PolicyDocument: { Version: '2012-10-17', Statement: deliver } },
      ],
    },
    Metadata: nagMetadata(
      ...wildcardSuppressions(
        deliver,
        'log streams are created by the service with generated names inside this one log group (<group ARN>:*)',
      ),
    ),
  });
  return {
    kind: 'cloud-watch-logs',
    logGroupName: `${t.ctx.prefix}-vpc-flow-logs`,
    deliveryRoleArn: getAtt(role, 'Arn'),
  };
}

/** The function that runs the same sweep on new-VPC events and daily. */
function addSweep(t: TemplateBuilder, handler: CustomHandler, env: Record<string, CfnValue>): void {
  const fn = addBaselineFunction(t, {
    id: 'FlowLogsSweep',
    handler,
    entry: 'sweep',
    name: 'flow-logs-sweep',
    description: 'orgward: flow logs on VPCs created after deploy (CreateVpc events, daily)',
    environment: env,
  });
  const rules: [string, Record<string, CfnValue>][] = [
    ['FlowLogsOnNewVpc', { EventPattern: NEW_VPC_EVENT_PATTERN }],
    ['FlowLogsDailySweep', { ScheduleExpression: 'rate(1 day)' }],
  ];
  for (const [id, trigger] of rules) {
    t.add(id, {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description: 'orgward: enable flow logs on VPCs without them',
        State: 'ENABLED',
        ...trigger,
        Targets: [{ Arn: fn, Id: 'flow-logs-sweep' }],
      },
    });
    t.add(`${id}Permission`, {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: fn,
        Principal: 'events.amazonaws.com',
        SourceArn: getAtt(id, 'Arn'),
      },
    });
  }
}
