import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsAccessError } from '../../core/errors.js';
import { testClock } from './__fixtures__/deploy.js';
import {
  assetsBucketExists,
  assetsBucketPolicy,
  createAssetsBucket,
  defaultAssetsBucket,
} from './assets-bucket.js';

const s3 = mockClient(S3Client);
const env = { clock: testClock(), random: () => 0.5 };
const site = { target: { account: 'management' }, role: undefined, region: 'eu-west-1' };
const err = (name: string, status: number) =>
  new S3ServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

beforeEach(() => {
  s3.reset();
});

describe('assets bucket', () => {
  it('is named after the prefix, management account and Region', () => {
    expect(defaultAssetsBucket('Orgward', '111122223333', 'eu-west-1')).toBe(
      'orgward-assets-111122223333-eu-west-1',
    );
  });

  it.each([
    ['exists', () => s3.on(HeadBucketCommand).resolves({}), true],
    ['is missing', () => s3.on(HeadBucketCommand).rejects(err('NotFound', 404)), false],
  ])('HeadBucket tells whether it %s', async (_n, setup, exists) => {
    setup();
    expect(await assetsBucketExists(new S3Client({ region: 'eu-west-1' }), env, site, 'b')).toBe(
      exists,
    );
  });

  it('a bucket of that name owned by someone else is an access error, not a missing bucket', async () => {
    s3.on(HeadBucketCommand).rejects(err('Forbidden', 403));
    await expect(
      assetsBucketExists(new S3Client({ region: 'eu-west-1' }), env, site, 'b'),
    ).rejects.toThrow(AwsAccessError);
  });

  it('is created private, encrypted, versioned and TLS-only, readable by the organization', async () => {
    s3.onAnyCommand().resolves({});
    await createAssetsBucket(new S3Client({ region: 'eu-west-1' }), env, site, {
      bucket: 'b',
      region: 'eu-west-1',
      partition: 'aws',
      organizationId: 'o-abc123def4',
    });
    expect(s3.commandCalls(CreateBucketCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'b',
      ObjectOwnership: 'BucketOwnerEnforced',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
    });
    expect(
      s3.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input.PublicAccessBlockConfiguration,
    ).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(s3.commandCalls(PutBucketEncryptionCommand)).toHaveLength(1);
    expect(
      s3.commandCalls(PutBucketVersioningCommand)[0]?.args[0].input.VersioningConfiguration,
    ).toEqual({ Status: 'Enabled' });
    const policy = JSON.parse(
      s3.commandCalls(PutBucketPolicyCommand)[0]?.args[0].input.Policy ?? '{}',
    ) as unknown;
    expect(policy).toEqual(assetsBucketPolicy('aws', 'b', 'o-abc123def4'));
  });

  it('sends no location constraint in us-east-1 (S3 refuses one there)', async () => {
    s3.onAnyCommand().resolves({});
    await createAssetsBucket(
      new S3Client({ region: 'us-east-1' }),
      env,
      { ...site, region: 'us-east-1' },
      {
        bucket: 'b',
        region: 'us-east-1',
        partition: 'aws',
        organizationId: 'o-abc123def4',
      },
    );
    expect(
      s3.commandCalls(CreateBucketCommand)[0]?.args[0].input.CreateBucketConfiguration,
    ).toBeUndefined();
  });

  it('denies plain HTTP and lets only the organization read', () => {
    const p = assetsBucketPolicy('aws', 'b', 'o-abc123def4') as {
      Statement: Record<string, unknown>[];
    };
    expect(p.Statement[0]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(p.Statement[1]).toMatchObject({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
    });
  });
});
