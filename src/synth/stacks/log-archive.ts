/**
 * The log-archive unit: the central bucket the organization trail, AWS Config (and, when
 * the blueprint says so, VPC flow logs and GuardDuty findings) deliver to, its access-log
 * bucket, and the KMS keys the log-archive account owns in the home Region.
 */
import {
  cfnTags,
  getAtt,
  join,
  nagMetadata,
  ref,
  type CfnResource,
  type CfnValue,
} from '../cfn.js';
import { TemplateBuilder, type SynthContext, type UnitBuilder } from '../context.js';
import type { Unit } from '../types.js';
import { centralBucketPolicy } from './log-archive-policy.js';
import { addKmsKey } from './security-keys.js';
import {
  blueprintKey,
  cat,
  centralBucketName,
  keyArn,
  keyRegions,
  LOG_ARCHIVE_UNIT,
} from './security-refs.js';

/** Logical id of the central bucket. */
export const CENTRAL_BUCKET = 'CentralBucket';
/** Logical id of the access-log bucket. */
export const ACCESS_LOG_BUCKET = 'AccessLogBucket';

/** Noncurrent versions are kept this long after they stop being current (then expire). */
const NONCURRENT_DAYS = 30;

/** Block Public Access, all four settings. */
const BLOCK_PUBLIC_ACCESS = {
  BlockPublicAcls: true,
  BlockPublicPolicy: true,
  IgnorePublicAcls: true,
  RestrictPublicBuckets: true,
};

/** Builds the `log-archive` unit. */
export const logArchiveBuilder: UnitBuilder = {
  id: 'log-archive',
  concern: 'log-archive',
  description:
    'Central log bucket (versioned, object lock, SSE-KMS, lifecycle, access logging, TLS- and organization-only policy) and the log-archive account keys',
  build: (ctx) => buildLogArchive(ctx),
};

function buildLogArchive(ctx: SynthContext): Unit[] {
  const logging = ctx.bp.logging;
  if (!logging || !ctx.logArchive) return [];
  const account = ctx.logArchive;
  const t = new TemplateBuilder(ctx, 'orgward log archive: central log bucket and its KMS keys');
  const bucketKey = logging.centralBucket.kmsKey;
  for (const key of ctx.bp.keys) {
    // Keys of this account in other Regions are not deployed by orgward (yet).
    if (key.account !== account || !keyRegions(ctx, key).includes(ctx.homeRegion)) continue;
    addKmsKey(t, key, ctx.homeRegion, key.id === bucketKey ? guardDutyKeyStatements(t) : []);
  }
  if (!blueprintKey(ctx, bucketKey))
    throw new Error(`central bucket key ${bucketKey} is not in keys[]`);
  const accessLogs = logging.centralBucket.accessLogging ? addAccessLogBucket(t) : undefined;
  t.add(CENTRAL_BUCKET, centralBucket(t, accessLogs), 'central-bucket');
  t.add('CentralBucketPolicy', {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref(CENTRAL_BUCKET),
      PolicyDocument: centralBucketPolicy(t, CENTRAL_BUCKET),
    },
  });
  t.output('CentralBucketName', ref(CENTRAL_BUCKET), 'Name of the central log bucket');
  t.output('CentralBucketArn', getAtt(CENTRAL_BUCKET, 'Arn'), 'ARN of the central log bucket');
  t.output(
    'CentralBucketKeyArn',
    keyArn(t, bucketKey, ctx.homeRegion),
    'ARN of the central bucket key',
  );
  return [
    t.stack(
      LOG_ARCHIVE_UNIT,
      'log-archive',
      'Log archive: central bucket and keys',
      account,
      ctx.homeRegion,
    ),
  ];
}

/** The central bucket resource. */
function centralBucket(t: TemplateBuilder, accessLogs: string | undefined): CfnResource {
  const cb = t.ctx.bp.logging?.centralBucket;
  if (!cb) throw new Error('no central bucket');
  const glacier =
    cb.transitionToGlacierDays !== undefined && cb.transitionToGlacierDays < cb.retentionDays
      ? { Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: cb.transitionToGlacierDays }] }
      : {};
  const lock = cb.objectLock
    ? {
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: cb.objectLock.mode, Days: cb.objectLock.days } },
        },
      }
    : {};
  return {
    Type: 'AWS::S3::Bucket',
    Properties: {
      BucketName: centralBucketName(t),
      VersioningConfiguration: { Status: 'Enabled' },
      ...lock,
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: keyArn(t, cb.kmsKey, t.ctx.homeRegion),
            },
            BucketKeyEnabled: true,
          },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'retention',
            Status: 'Enabled',
            ExpirationInDays: cb.retentionDays,
            NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_DAYS },
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            ...glacier,
          },
        ],
      },
      ...(accessLogs
        ? {
            LoggingConfiguration: {
              DestinationBucketName: ref(accessLogs),
              LogFilePrefix: 'central/',
            },
          }
        : {}),
      PublicAccessBlockConfiguration: BLOCK_PUBLIC_ACCESS,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      Tags: cfnTags({ 'orgward:purpose': 'central-logs' }),
    },
    // Audit logs outlive the stack: deleting it must never delete them.
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    ...(accessLogs
      ? {}
      : {
          Metadata: nagMetadata({
            id: 'AwsSolutions-S1',
            reason:
              'the blueprint turns server access logging off (logging.centralBucket.accessLogging: false)',
          }),
        }),
  };
}

/**
 * The access-log bucket. S3 server access logs can only be delivered to a bucket with
 * SSE-S3 default encryption and no default object-lock retention, so this bucket uses
 * AES256 and relies on versioning plus the TLS-only policy.
 */
function addAccessLogBucket(t: TemplateBuilder): string {
  const cb = t.ctx.bp.logging?.centralBucket;
  const central = centralBucketName(t);
  const name = accessLogBucketName(t, central);
  t.add(ACCESS_LOG_BUCKET, {
    Type: 'AWS::S3::Bucket',
    Properties: {
      ...(name === undefined ? {} : { BucketName: name }),
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'retention',
            Status: 'Enabled',
            ExpirationInDays: cb?.retentionDays ?? 365,
            NoncurrentVersionExpiration: { NoncurrentDays: NONCURRENT_DAYS },
          },
        ],
      },
      PublicAccessBlockConfiguration: BLOCK_PUBLIC_ACCESS,
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      Tags: cfnTags({ 'orgward:purpose': 'access-logs' }),
    },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Metadata: nagMetadata({
      id: 'AwsSolutions-S1',
      reason:
        'this is the server access log destination of the central bucket; logging it to itself would loop and to another bucket would only move the problem',
    }),
  });
  const arn = getAtt(ACCESS_LOG_BUCKET, 'Arn');
  const objects = join('', [arn, '/*']);
  t.add('AccessLogBucketPolicy', {
    Type: 'AWS::S3::BucketPolicy',
    Properties: {
      Bucket: ref(ACCESS_LOG_BUCKET),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [arn, objects],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'S3ServerAccessLogs',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: join('', [arn, '/central/*']),
            Condition: {
              ArnLike: { 'aws:SourceArn': cat(`arn:${t.ctx.partition}:s3:::`, central) },
              StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') },
            },
          },
        ],
      },
    },
  });
  t.output('AccessLogBucketName', ref(ACCESS_LOG_BUCKET), 'Name of the access-log bucket');
  return ACCESS_LOG_BUCKET;
}

/** `<central>-access` when it fits S3's 63 characters; otherwise CloudFormation names it. */
function accessLogBucketName(t: TemplateBuilder, central: CfnValue): CfnValue | undefined {
  const suffix = '-access';
  // A default name with a deploy-time account id still has a known length (12 digits).
  const length =
    typeof central === 'string'
      ? central.length
      : `${t.ctx.prefix}-logs-000000000000-${t.ctx.homeRegion}`.length;
  if (length + suffix.length > 63) return undefined;
  return cat(central, suffix);
}

/**
 * GuardDuty exports findings encrypted with the central bucket key when the blueprint
 * asks for findings export (GuardDuty "Exporting findings": KMS key policy statement).
 */
function guardDutyKeyStatements(t: TemplateBuilder): Record<string, CfnValue>[] {
  const { ctx } = t;
  const gd = ctx.bp.security?.guardDuty;
  if (!gd?.enabled || !gd.findingsExport || !ctx.security) return [];
  return [
    {
      Sid: 'GuardDutyFindingsExport',
      Effect: 'Allow',
      Principal: { Service: 'guardduty.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': t.accountId(ctx.security) },
        ArnLike: {
          'aws:SourceArn': cat(
            `arn:${ctx.partition}:guardduty:*:`,
            t.accountId(ctx.security),
            ':detector/*',
          ),
        },
      },
    },
  ];
}
