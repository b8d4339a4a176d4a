/**
 * The organization trail: multi-Region, global events, log file validation, KMS, into
 * the central bucket, with the blueprint's data events and Insights, and optionally a
 * CloudWatch Logs log group (KMS-encrypted, with the delivery role) for the CIS metric
 * filters. It lives in the security account when CloudTrail is delegated to it,
 * otherwise in its own unit in the management account.
 */
import { cfnTags, getAtt, join, logicalId, nagMetadata, ref, sub, type CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import type { StackUnit } from '../types.js';
import { wildcardSuppressions } from './security-nag.js';
import {
  centralBucketArn,
  centralBucketName,
  keyArn,
  LOG_ARCHIVE_UNIT,
  ORGANIZATION_TRAIL_UNIT,
  trailAccount,
  trailArns,
} from './security-refs.js';

/** Logical id of the trail. */
export const TRAIL = 'OrganizationTrail';

/** CloudTrail data event resource types by blueprint name. */
export const DATA_EVENT_TYPES: Readonly<Record<'s3' | 'lambda' | 'dynamodb', string>> = {
  s3: 'AWS::S3::Object',
  lambda: 'AWS::Lambda::Function',
  dynamodb: 'AWS::DynamoDB::Table',
};

/** Retention periods CloudWatch Logs accepts (RetentionInDays), ascending. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

/** The smallest accepted retention at least `days` long (never shorter than asked). */
export function logRetention(days: number): number {
  return LOG_RETENTION_DAYS.find((d) => d >= days) ?? 3653;
}

/** Name of the trail's log group (the CIS metric filters are created on it). */
export function trailLogGroupName(ctx: SynthContext): string {
  return `/${ctx.prefix}/cloudtrail/${ctx.bp.logging?.organizationTrail.name ?? 'organization-trail'}`;
}

/**
 * The `organization-trail` unit in the management account (home Region), or nothing
 * when the trail lives in the security-tooling unit.
 */
export function organizationTrailUnit(ctx: SynthContext): StackUnit[] {
  if (!ctx.bp.logging || trailAccount(ctx) !== ctx.management) return [];
  const t = new TemplateBuilder(ctx, 'orgward organization trail (management account)', true);
  addOrganizationTrail(t);
  return [
    t.stack(
      ORGANIZATION_TRAIL_UNIT,
      'security-tooling',
      'Organization trail',
      ctx.management,
      ctx.homeRegion,
    ),
  ];
}

/** Add the trail (and its log group, key and role when CloudWatch Logs is on). */
export function addOrganizationTrail(t: TemplateBuilder): void {
  const { ctx } = t;
  const logging = ctx.bp.logging;
  if (!logging) return;
  const trail = logging.organizationTrail;
  t.dependsOn(LOG_ARCHIVE_UNIT);
  const cwl = trail.cloudWatchLogs
    ? addTrailLogGroup(t, trail.cloudWatchLogs.retentionDays)
    : undefined;
  const key = trail.kmsKey ?? logging.centralBucket.kmsKey;
  t.add(
    TRAIL,
    {
      Type: 'AWS::CloudTrail::Trail',
      Properties: {
        TrailName: trail.name,
        IsOrganizationTrail: true,
        IsMultiRegionTrail: trail.multiRegion,
        IncludeGlobalServiceEvents: trail.includeGlobalEvents,
        EnableLogFileValidation: trail.logFileValidation,
        IsLogging: true,
        S3BucketName: centralBucketName(t),
        KMSKeyId: keyArn(t, key, ctx.homeRegion),
        AdvancedEventSelectors: eventSelectors(t),
        ...(trail.insights?.length
          ? { InsightSelectors: trail.insights.map((i) => ({ InsightType: i })) }
          : {}),
        ...(cwl
          ? {
              CloudWatchLogsLogGroupArn: getAtt(cwl.group, 'Arn'),
              CloudWatchLogsRoleArn: getAtt(cwl.role, 'Arn'),
            }
          : {}),
        Tags: cfnTags({ 'orgward:purpose': 'organization-trail' }),
      },
      ...(cwl ? { DependsOn: [cwl.policy] } : {}),
    },
    'trail',
  );
  t.output('TrailArn', getAtt(TRAIL, 'Arn'), 'ARN of the organization trail');
  if (cwl) t.output('TrailLogGroupName', ref(cwl.group), 'Log group the trail delivers to');
}

/** Management events always; the blueprint's data events (the central bucket excluded). */
function eventSelectors(t: TemplateBuilder): CfnValue[] {
  const trail = t.ctx.bp.logging?.organizationTrail;
  const selectors: CfnValue[] = [
    {
      Name: 'Management events',
      FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
    },
  ];
  for (const d of trail?.dataEvents ?? []) {
    const fields: CfnValue[] = [
      { Field: 'eventCategory', Equals: ['Data'] },
      { Field: 'resources.type', Equals: [DATA_EVENT_TYPES[d]] },
    ];
    // Logging reads and writes of the log bucket itself would log the logging.
    if (d === 's3')
      fields.push({ Field: 'resources.ARN', NotStartsWith: [centralBucketArn(t, '/')] });
    selectors.push({ Name: `${d} data events`, FieldSelectors: fields });
  }
  return selectors;
}

/** The log group, its key and CloudTrail's delivery role. */
function addTrailLogGroup(
  t: TemplateBuilder,
  retentionDays: number,
): { group: string; role: string; policy: string } {
  const { ctx } = t;
  const name = trailLogGroupName(ctx);
  const groupArn = sub(
    `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${name}`,
  );
  const key = 'TrailLogsKey';
  t.add(
    key,
    {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `orgward: encrypts log group ${name}`,
        EnableKeyRotation: true,
        RotationPeriodInDays: 365,
        PendingWindowInDays: 30,
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AccountAdmin',
              Effect: 'Allow',
              Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
              Action: 'kms:*',
              Resource: '*',
            },
            {
              Sid: 'CloudWatchLogs',
              Effect: 'Allow',
              Principal: { Service: sub('logs.${AWS::Region}.amazonaws.com') },
              Action: [
                'kms:Encrypt*',
                'kms:Decrypt*',
                'kms:ReEncrypt*',
                'kms:GenerateDataKey*',
                'kms:Describe*',
              ],
              Resource: '*',
              Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': groupArn } },
            },
          ],
        },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    'trail',
  );
  const group = 'TrailLogGroup';
  t.add(group, {
    Type: 'AWS::Logs::LogGroup',
    Properties: {
      LogGroupName: name,
      RetentionInDays: logRetention(retentionDays),
      KmsKeyId: getAtt(key, 'Arn'),
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
  });
  const role = 'TrailLogsRole';
  t.add(role, {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'CloudTrail delivers the organization trail to CloudWatch Logs',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceArn': trailArns(t) } },
          },
        ],
      },
    },
  });
  const policy = logicalId('TrailLogsPolicy');
  const statements = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: join('', [groupArn, ':log-stream:*']),
    },
  ];
  t.add(policy, {
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: 'deliver-to-log-group',
      Roles: [ref(role)],
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
    Metadata: nagMetadata(
      ...wildcardSuppressions(
        statements,
        'CloudTrail names one log stream per account and Region of the organization (<account>_CloudTrail_<region>); the wildcard covers streams of this one log group only',
      ),
    ),
  });
  return { group, role, policy };
}
