/**
 * The central bucket's policy: TLS only, nothing from outside the organization (AWS
 * services excepted, each allowed below only for its own delivery path with
 * confused-deputy conditions), CloudTrail (organization trail, as "Amazon S3 bucket
 * policy for CloudTrail" documents it), AWS Config, and optionally VPC flow logs and
 * GuardDuty findings export.
 */
import { getAtt, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import { cat, trailArns } from './security-refs.js';

type Statement = Record<string, CfnValue>;

/** The bucket policy document for the bucket with logical id `bucket`. */
export function centralBucketPolicy(t: TemplateBuilder, bucket: string): Record<string, CfnValue> {
  const { ctx } = t;
  const arn = getAtt(bucket, 'Arn');
  const under = (path: CfnValue[]): CfnValue => cat(arn, ...path);
  const orgId = t.organizationId();
  const bothArns = [arn, under(['/*'])];
  const aclOwner = { 's3:x-amz-acl': 'bucket-owner-full-control' };
  const statements: Statement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: bothArns,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
    {
      // Identities outside the organization get nothing; AWS service principals are
      // exempt here and scoped by the statements that allow them.
      Sid: 'DenyOutsideOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: bothArns,
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': orgId },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    },
  ];
  if (ctx.bp.logging) {
    const sourceArn = { 'aws:SourceArn': trailArns(t) };
    statements.push(
      {
        Sid: 'AWSCloudTrailAclCheck20150319',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: arn,
        Condition: { StringEquals: sourceArn },
      },
      {
        Sid: 'AWSCloudTrailWrite20150319',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: [
          under(['/AWSLogs/', t.accountId(ctx.management), '/*']),
          under(['/AWSLogs/', orgId, '/*']),
        ],
        Condition: { StringEquals: { ...aclOwner, ...sourceArn } },
      },
      {
        Sid: 'AWSConfigBucketPermissionsCheck',
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceOrgID': orgId } },
      },
      {
        // Config delivers without a key prefix: AWSLogs/<account>/Config/...
        Sid: 'AWSConfigBucketDelivery',
        Effect: 'Allow',
        Principal: { Service: 'config.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: under(['/AWSLogs/*/Config/*']),
        Condition: { StringEquals: { ...aclOwner, 'aws:SourceOrgID': orgId } },
      },
    );
  }
  const flow = ctx.bp.network?.flowLogs;
  if (flow?.enabled && flow.destination === 'central-bucket')
    statements.push(
      {
        Sid: 'AWSLogDeliveryAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: ['s3:GetBucketAcl', 's3:ListBucket'],
        Resource: arn,
        Condition: { StringEquals: { 'aws:SourceOrgID': orgId } },
      },
      {
        Sid: 'AWSLogDeliveryWrite',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: under(['/AWSLogs/*']),
        Condition: { StringEquals: { ...aclOwner, 'aws:SourceOrgID': orgId } },
      },
    );
  const gd = ctx.bp.security?.guardDuty;
  if (gd?.enabled && gd.findingsExport && ctx.security) {
    const source = {
      StringEquals: { 'aws:SourceAccount': t.accountId(ctx.security) },
      ArnLike: {
        'aws:SourceArn': cat(
          `arn:${ctx.partition}:guardduty:*:`,
          t.accountId(ctx.security),
          ':detector/*',
        ),
      },
    };
    statements.push(
      {
        Sid: 'GuardDutyGetBucketLocation',
        Effect: 'Allow',
        Principal: { Service: 'guardduty.amazonaws.com' },
        Action: 's3:GetBucketLocation',
        Resource: arn,
        Condition: source,
      },
      {
        Sid: 'GuardDutyFindingsExport',
        Effect: 'Allow',
        Principal: { Service: 'guardduty.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: under(['/AWSLogs/', t.accountId(ctx.security), '/GuardDuty/*']),
        Condition: source,
      },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}
