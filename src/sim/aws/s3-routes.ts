/**
 * S3 and S3 Control responders. S3 command names differ from the IAM action names the
 * catalogue uses (s3:ListAllMyBuckets -> ListBucketsCommand, s3:GetEncryptionConfiguration
 * -> GetBucketEncryptionCommand, ...). Bucket calls must go to the bucket's Region
 * (ListBuckets gives BucketRegion); another Region answers PermanentRedirect (301) as S3
 * does. "Not configured" answers are S3's real errors: NoSuchBucketPolicy,
 * NoSuchPublicAccessBlockConfiguration, OwnershipControlsNotFoundError,
 * ServerSideEncryptionConfigurationNotFoundError, ObjectLockConfigurationNotFoundError.
 */
import * as s3 from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPabCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import type { PublicAccessBlock, S3Bucket } from '../../snapshot/types.js';
import { accessDeniedError, awsError } from './errors.js';
import { decodeToken, encodeToken, num, str, type Call, type Route } from './route.js';

const S = 's3';

const pab = (p: PublicAccessBlock) => ({
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: p.blockPublicAcls,
    IgnorePublicAcls: p.ignorePublicAcls,
    BlockPublicPolicy: p.blockPublicPolicy,
    RestrictPublicBuckets: p.restrictPublicBuckets,
  },
});

const notFound = (name: string, message: string) => awsError(S, name, 404, message);

function visibleBuckets(c: Call, opted: ReadonlySet<string>): S3Bucket[] {
  return c.idx.memo(`buckets|${c.accountId}`, () =>
    (c.account?.s3Buckets ?? []).filter((b) => !opted.has(b.region)),
  );
}

function bucket(c: Call, opted: ReadonlySet<string>): S3Bucket {
  const name = str(c.input, 'Bucket') ?? '';
  const byName = c.idx.memo(
    `bucket-names|${c.accountId}`,
    () => new Map(visibleBuckets(c, opted).map((b) => [b.name, b])),
  );
  const b = byName.get(name);
  if (!b)
    throw awsError(S, 'NoSuchBucket', 404, 'The specified bucket does not exist', s3.NoSuchBucket);
  if (b.region !== c.region) {
    const err = awsError(
      S,
      'PermanentRedirect',
      301,
      'The bucket you are attempting to access must be addressed using the specified endpoint.',
    );
    Object.assign(err, { Endpoint: `${name}.s3.${b.region}.amazonaws.com`, Bucket: name });
    throw err;
  }
  return b;
}

/** S3 and S3 Control routes; `opted` are the opted-out Regions (no bucket lives there). */
export function s3Routes(opted: ReadonlySet<string>): Route[] {
  const r = (
    api: string,
    command: Route['command'],
    handle: (c: Call, b: S3Bucket) => unknown,
  ): Route => ({
    api,
    client: s3.S3Client,
    command,
    regional: true,
    handle: (c) => handle(c, bucket(c, opted)),
  });
  return [
    {
      api: 's3:ListAllMyBuckets',
      client: s3.S3Client,
      command: s3.ListBucketsCommand,
      regional: true,
      handle: (c) => {
        const all = visibleBuckets(c, opted);
        const start = decodeToken(S, str(c.input, 'ContinuationToken'), 'InvalidArgument');
        const size = num(c.input, 'MaxBuckets') ?? 10_000;
        const items = all.slice(start, start + size);
        const created = new Date(Date.parse(c.idx.snapshot.takenAt) - 100 * 86_400_000);
        return {
          Buckets: items.map((b) => ({
            Name: b.name,
            CreationDate: created,
            BucketRegion: b.region,
            BucketArn: b.arn,
          })),
          Owner: { ID: `${c.accountId}canonical`.padEnd(64, '0') },
          ...(start + size < all.length ? { ContinuationToken: encodeToken(start + size) } : {}),
        };
      },
    },
    r('s3:GetBucketPolicy', s3.GetBucketPolicyCommand, (_c, b) => {
      if (!b.policy) throw notFound('NoSuchBucketPolicy', 'The bucket policy does not exist');
      return { Policy: JSON.stringify(b.policy) };
    }),
    r('s3:GetBucketPublicAccessBlock', s3.GetPublicAccessBlockCommand, (_c, b) => {
      if (!b.publicAccessBlock)
        throw notFound(
          'NoSuchPublicAccessBlockConfiguration',
          'The public access block configuration was not found',
        );
      return pab(b.publicAccessBlock);
    }),
    r('s3:GetBucketOwnershipControls', s3.GetBucketOwnershipControlsCommand, (_c, b) => {
      if (!b.ownership)
        throw notFound(
          'OwnershipControlsNotFoundError',
          'The bucket ownership controls were not found',
        );
      return { OwnershipControls: { Rules: [{ ObjectOwnership: b.ownership }] } };
    }),
    r('s3:GetEncryptionConfiguration', s3.GetBucketEncryptionCommand, (_c, b) => {
      if (!b.encryption?.length)
        throw notFound(
          'ServerSideEncryptionConfigurationNotFoundError',
          'The server side encryption configuration was not found',
        );
      return {
        ServerSideEncryptionConfiguration: {
          Rules: b.encryption.map((e) => ({
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: e.algorithm,
              ...(e.kmsKeyId ? { KMSMasterKeyID: e.kmsKeyId } : {}),
            },
            ...(e.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: e.bucketKeyEnabled } : {}),
          })),
        },
      };
    }),
    r('s3:GetBucketVersioning', s3.GetBucketVersioningCommand, (_c, b) => ({
      ...(b.versioning?.status ? { Status: b.versioning.status } : {}),
      ...(b.versioning?.mfaDelete ? { MFADelete: b.versioning.mfaDelete } : {}),
    })),
    r('s3:GetBucketObjectLockConfiguration', s3.GetObjectLockConfigurationCommand, (_c, b) => {
      const l = b.objectLock;
      if (!l?.enabled)
        throw notFound(
          'ObjectLockConfigurationNotFoundError',
          'Object Lock configuration does not exist for this bucket',
        );
      return {
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          ...(l.mode
            ? {
                Rule: {
                  DefaultRetention: {
                    Mode: l.mode,
                    ...(l.days !== undefined ? { Days: l.days } : {}),
                    ...(l.years !== undefined ? { Years: l.years } : {}),
                  },
                },
              }
            : {}),
        },
      };
    }),
    r('s3:GetBucketLogging', s3.GetBucketLoggingCommand, (_c, b) =>
      b.logging
        ? {
            LoggingEnabled: {
              TargetBucket: b.logging.targetBucket,
              TargetPrefix: b.logging.targetPrefix ?? '',
            },
          }
        : {},
    ),
    {
      api: 's3:GetAccountPublicAccessBlock',
      service: 's3control',
      client: S3ControlClient,
      command: GetAccountPabCommand,
      regional: false,
      handle: (c) => {
        const id = str(c.input, 'AccountId');
        if (id !== c.accountId)
          throw accessDeniedError(
            's3control',
            's3:GetAccountPublicAccessBlock',
            `arn:aws:iam::${c.accountId}:root`,
          );
        const p = c.account?.s3AccountPublicAccessBlock;
        if (!p)
          throw awsError(
            's3control',
            'NoSuchPublicAccessBlockConfiguration',
            404,
            'The public access block configuration was not found',
          );
        return pab(p);
      },
    },
  ];
}
