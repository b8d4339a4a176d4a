/**
 * `baseline-cis-alarms`: the CIS AWS Foundations 5.x metric filters and alarms, once,
 * on the organization trail's CloudWatch Logs group (the trail carries every account's
 * events, so one set of alarms covers the organization). Alarms notify an SNS topic
 * encrypted with its own key (the AWS managed SNS key does not let CloudWatch publish).
 * People are reached through the `cloudtrail-metric` alert routes of the security-tooling
 * stack, which match the alarms' state changes by name prefix (`<prefix>-cis-`) on the
 * security account's buses; subscribing the channels here as well would alert twice.
 */
import { getAtt, logicalId, ref, sub, type CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import {
  CIS_METRIC_ALARMS,
  CIS_METRIC_NAMESPACE,
  type CisMetricAlarm,
} from '../data/cis-alarms.js';
import type { Unit } from '../types.js';
import { cisAlarmPrefix, trailAccount, trailUnit } from './security-refs.js';
import { trailLogGroupName } from './security-trail.js';

/** Unit id. */
export const CIS_ALARMS_UNIT = 'baseline-cis-alarms';

/** Name of the CloudWatch alarm of a CIS item (the alert routes match its prefix). */
export function cisAlarmName(ctx: SynthContext, a: CisMetricAlarm): string {
  return `${cisAlarmPrefix(ctx.prefix)}${a.cis}-${a.slug}`;
}

/** The CIS alarms unit, when asked for and the trail delivers to CloudWatch Logs. */
export function cisAlarmUnits(ctx: SynthContext): Unit[] {
  if (!ctx.bp.alerting.cisMetricAlarms || !ctx.bp.logging?.organizationTrail.cloudWatchLogs)
    return [];
  // The log group lives with the trail (CloudTrail delivers only within its account).
  const account = trailAccount(ctx);
  const region = ctx.homeRegion;
  const beside = account === ctx.management;
  const t = new TemplateBuilder(
    ctx,
    'orgward: CIS AWS Foundations 5.x metric filters and alarms on the organization trail log group',
    beside,
  );
  t.dependsOn(trailUnit(ctx));
  const topic = addTopic(t);
  const logGroup = trailLogGroupName(ctx);
  for (const a of CIS_METRIC_ALARMS) {
    const metric = `CIS-${a.cis}-${a.slug}`;
    const id = logicalId('Cis', a.slug);
    t.add(
      `${id}Filter`,
      {
        Type: 'AWS::Logs::MetricFilter',
        Properties: {
          LogGroupName: logGroup,
          FilterName: `cis-${a.cis}-${a.slug}`,
          FilterPattern: a.pattern,
          MetricTransformations: [
            { MetricName: metric, MetricNamespace: CIS_METRIC_NAMESPACE, MetricValue: '1' },
          ],
        },
      },
      'cis-alarms',
    );
    t.add(`${id}Alarm`, {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: cisAlarmName(ctx, a),
        AlarmDescription: `CIS AWS Foundations v7.0.0 ${a.cis}: ${a.title} (severity ${a.severity})`,
        Namespace: CIS_METRIC_NAMESPACE,
        MetricName: metric,
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [topic],
      },
    });
  }
  t.output('CisAlarmsTopicArn', topic, 'SNS topic the CIS 5.x alarms notify');
  return [
    t.stack(
      CIS_ALARMS_UNIT,
      'baseline',
      'CIS 5.x metric filters and alarms on the organization trail log group',
      account,
      region,
    ),
  ];
}

/** The encrypted topic, its key and its policy; returns the topic ARN. */
function addTopic(t: TemplateBuilder): CfnValue {
  const name = `${t.ctx.prefix}-cis-alarms`;
  const key = t.add('CisAlarmsKey', {
    Type: 'AWS::KMS::Key',
    Properties: {
      Description: `orgward: encrypts SNS topic ${name}`,
      EnableKeyRotation: true,
      PendingWindowInDays: 30,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
    },
  });
  t.add('CisAlarmsKeyAlias', {
    Type: 'AWS::KMS::Alias',
    Properties: { AliasName: `alias/${t.ctx.prefix}/cis-alarms`, TargetKeyId: ref(key) },
  });
  const topic = t.add(
    'CisAlarmsTopic',
    {
      Type: 'AWS::SNS::Topic',
      Properties: {
        TopicName: name,
        DisplayName: 'orgward CIS alarms',
        KmsMasterKeyId: getAtt(key, 'Arn'),
      },
    },
    'cis-alarms',
  );
  t.add('CisAlarmsTopicPolicy', {
    Type: 'AWS::SNS::TopicPolicy',
    Properties: {
      Topics: [ref(topic)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: ref(topic),
            Condition: {
              StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
              ArnLike: {
                'aws:SourceArn': sub(
                  'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*',
                ),
              },
            },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: ref(topic),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  });
  return ref(topic);
}
