/**
 * The assets bucket in the management account's home Region: templates over
 * CloudFormation's inline limit and Lambda bundles go there. Deploy creates it when it is
 * missing (the consent prompt lists that step): private, versioned, encrypted, TLS-only,
 * readable by the organization's principals (CloudFormation fetches a TemplateURL and
 * Lambda code with the deploying role's credentials in each member account).
 */
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketVersioningCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { awsCall, isCode, type CallEnv, type CallSite } from './call.js';

/** Default bucket name: `<prefix>-assets-<management account id>-<region>`. */
export function defaultAssetsBucket(prefix: string, accountId: string, region: string): string {
  return `${prefix.toLowerCase()}-assets-${accountId}-${region}`;
}

/** Whether the bucket exists (and is ours to use: a 403 means someone else owns the name). */
export async function assetsBucketExists(
  s3: S3Client,
  env: CallEnv,
  site: CallSite,
  bucket: string,
): Promise<boolean> {
  try {
    await awsCall(env, site, 's3:HeadBucket', () =>
      s3.send(new HeadBucketCommand({ Bucket: bucket })),
    );
    return true;
  } catch (error) {
    if (isCode(error, 'NotFound', 'NoSuchBucket')) return false;
    throw error;
  }
}

/** The bucket policy: TLS only; the organization may read. */
export function assetsBucketPolicy(
  partition: string,
  bucket: string,
  organizationId: string,
): Record<string, unknown> {
  const arn = `arn:${partition}:s3:::${bucket}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'OrganizationReadsAssets',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: `${arn}/*`,
        Condition: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      },
    ],
  };
}

/** Create and lock down the bucket. */
export async function createAssetsBucket(
  s3: S3Client,
  env: CallEnv,
  site: CallSite,
  opts: { bucket: string; region: string; partition: string; organizationId: string },
): Promise<void> {
  const { bucket, region } = opts;
  await awsCall(env, site, 's3:CreateBucket', () =>
    s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ObjectOwnership: 'BucketOwnerEnforced',
        // us-east-1 is the one Region that refuses an explicit location constraint.
        ...(region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
            }),
      }),
    ),
  );
  await awsCall(env, site, 's3:PutPublicAccessBlock', () =>
    s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    ),
  );
  await awsCall(env, site, 's3:PutEncryptionConfiguration', () =>
    s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    ),
  );
  await awsCall(env, site, 's3:PutBucketVersioning', () =>
    s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    ),
  );
  await awsCall(env, site, 's3:PutBucketPolicy', () =>
    s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket,
        Policy: JSON.stringify(assetsBucketPolicy(opts.partition, bucket, opts.organizationId)),
      }),
    ),
  );
}
