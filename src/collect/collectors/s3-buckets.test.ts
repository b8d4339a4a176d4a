import {
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  NoSuchBucket,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { s3BucketsCollector } from './s3-buckets.js';

const s3 = mockClient(S3Client);
beforeEach(() => s3.reset());

const policy = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' },
  ],
};

/** Every "not configured" answer, as S3 gives them. */
function notConfigured(Bucket: string): void {
  s3.on(GetBucketPolicyCommand, { Bucket }).rejects(
    awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404),
  );
  s3.on(GetPublicAccessBlockCommand, { Bucket }).rejects(
    awsError(
      'NoSuchPublicAccessBlockConfiguration',
      'The public access block configuration was not found',
      404,
    ),
  );
  s3.on(GetBucketOwnershipControlsCommand, { Bucket }).rejects(
    awsError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404),
  );
  s3.on(GetBucketEncryptionCommand, { Bucket }).rejects(
    awsError(
      'ServerSideEncryptionConfigurationNotFoundError',
      'The server side encryption configuration was not found',
      404,
    ),
  );
  s3.on(GetBucketVersioningCommand, { Bucket }).resolves({});
  s3.on(GetObjectLockConfigurationCommand, { Bucket }).rejects(
    awsError(
      'ObjectLockConfigurationNotFoundError',
      'Object Lock configuration does not exist for this bucket',
      404,
    ),
  );
  s3.on(GetBucketLoggingCommand, { Bucket }).resolves({});
}

describe('s3.buckets', () => {
  it('lists buckets across pages and reads each in its Region', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({
        Buckets: [
          {
            Name: 'logs',
            CreationDate: new Date('2020-01-01T00:00:00Z'),
            BucketRegion: 'us-east-1',
          },
        ],
        Owner: { ID: 'abc' },
        ContinuationToken: 'c1',
      })
      .resolvesOnce({
        Buckets: [
          {
            Name: 'plain',
            CreationDate: new Date('2020-01-01T00:00:00Z'),
            BucketRegion: 'eu-west-2',
          },
          {
            Name: 'denied',
            CreationDate: new Date('2020-01-01T00:00:00Z'),
            BucketRegion: 'eu-west-1',
          },
        ],
        Owner: { ID: 'abc' },
      });
    // Fully configured bucket.
    s3.on(GetBucketPolicyCommand, { Bucket: 'logs' }).resolves({ Policy: JSON.stringify(policy) });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'logs' }).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: false,
      },
    });
    s3.on(GetBucketOwnershipControlsCommand, { Bucket: 'logs' }).resolves({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    s3.on(GetBucketEncryptionCommand, { Bucket: 'logs' }).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: 'arn:aws:kms:us-east-1:111122223333:key/k1',
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    s3.on(GetBucketVersioningCommand, { Bucket: 'logs' }).resolves({
      Status: 'Enabled',
      MFADelete: 'Disabled',
    });
    s3.on(GetObjectLockConfigurationCommand, { Bucket: 'logs' }).resolves({
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Years: 1 } },
      },
    });
    s3.on(GetBucketLoggingCommand, { Bucket: 'logs' }).resolves({
      LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'logs/' },
    });
    notConfigured('plain');
    notConfigured('denied');
    s3.on(GetBucketPolicyCommand, { Bucket: 'denied' }).rejects(
      awsError('AccessDenied', 'Access Denied', 403),
    );
    s3.on(GetBucketVersioningCommand, { Bucket: 'denied' }).rejects(
      new NoSuchBucket({ message: 'gone', $metadata: {} }),
    );

    const ctx = fakeContext('111122223333', 'eu-west-1');
    const result = await s3BucketsCollector.run(ctx);
    expect(result).toEqual({
      kind: 'account',
      account: {
        s3Buckets: [
          {
            name: 'logs',
            region: 'us-east-1',
            arn: 'arn:aws:s3:::logs',
            policy,
            publicAccessBlock: {
              blockPublicAcls: true,
              ignorePublicAcls: true,
              blockPublicPolicy: false,
              restrictPublicBuckets: false,
            },
            ownership: 'BucketOwnerEnforced',
            encryption: [
              {
                algorithm: 'aws:kms',
                kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/k1',
                bucketKeyEnabled: true,
              },
            ],
            versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
            objectLock: { enabled: true, mode: 'COMPLIANCE', years: 1 },
            logging: { targetBucket: 'access-logs', targetPrefix: 'logs/' },
          },
          {
            name: 'plain',
            region: 'eu-west-2',
            arn: 'arn:aws:s3:::plain',
            policy: null,
            publicAccessBlock: null,
            ownership: null,
            encryption: null,
            versioning: {},
            objectLock: null,
            logging: null,
          },
          {
            name: 'denied',
            region: 'eu-west-1',
            arn: 'arn:aws:s3:::denied',
            publicAccessBlock: null,
            ownership: null,
            encryption: null,
            objectLock: null,
            logging: null,
          },
        ],
      },
    });
    expect(ctx.gaps).toEqual([
      { api: 's3:GetBucketPolicy', code: 'AccessDenied', section: 's3Buckets.denied.policy' },
      {
        api: 's3:GetBucketVersioning',
        code: 'NoSuchBucket',
        section: 's3Buckets.denied.versioning',
      },
    ]);
    expect(s3.commandCalls(ListBucketsCommand)[1]?.args[0].input).toEqual({
      MaxBuckets: 1000,
      ContinuationToken: 'c1',
    });
    // The list in the home Region, then one client per bucket Region.
    expect(ctx.clientRegions).toEqual(['eu-west-1', 'us-east-1', 'eu-west-2', 'eu-west-1']);
  });

  it('a bucket policy that is not JSON is a gap, not "no policy"', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'odd', BucketRegion: 'eu-west-1' }] });
    notConfigured('odd');
    s3.on(GetBucketPolicyCommand, { Bucket: 'odd' }).resolves({ Policy: '{"Version":' });
    const ctx = fakeContext();
    const result = await s3BucketsCollector.run(ctx);
    const bucket = result.kind === 'account' ? result.account.s3Buckets?.[0] : undefined;
    expect(bucket && 'policy' in bucket).toBe(false);
    expect(ctx.gaps.map((g) => [g.api, g.code])).toEqual([
      ['s3:GetBucketPolicy', 'MalformedPolicyDocument'],
    ]);
  });

  it('throws when ListBuckets is denied', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(s3BucketsCollector.run(fakeContext())).rejects.toThrow('Access Denied');
  });
});
