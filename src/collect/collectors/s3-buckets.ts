import {
  GetBucketEncryptionCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3Bucket } from '../../snapshot/types.js';
import type { CollectContext, Collector } from '../types.js';
import { fromCatalogue } from '../catalogue.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';
import { publicAccessBlock } from './s3-account-public-access-block.js';

/** Buckets read at once (each takes seven calls). */
const BUCKET_CONCURRENCY = 8;

/** The seven per-bucket reads; "not configured" errors are null, other errors gaps. */
async function bucketDetails(ctx: CollectContext, name: string, region: string): Promise<S3Bucket> {
  const client = ctx.client(S3Client, region);
  const opts = { abortSignal: ctx.signal };
  const Bucket = name;
  const section = `s3Buckets.${name}`;
  const [policy, pab, ownership, encryption, versioning, objectLock, logging] = await Promise.all([
    readItem(
      ctx,
      's3:GetBucketPolicy',
      `${section}.policy`,
      async () => {
        const r = await client.send(new GetBucketPolicyCommand({ Bucket }), opts);
        return resourcePolicy(r.Policy) ?? null;
      },
      ['NoSuchBucketPolicy'],
    ),
    readItem(
      ctx,
      's3:GetBucketPublicAccessBlock',
      `${section}.publicAccessBlock`,
      async () => {
        const r = await client.send(new GetPublicAccessBlockCommand({ Bucket }), opts);
        const c = r.PublicAccessBlockConfiguration;
        return c === undefined ? null : publicAccessBlock(c);
      },
      ['NoSuchPublicAccessBlockConfiguration'],
    ),
    readItem(
      ctx,
      's3:GetBucketOwnershipControls',
      `${section}.ownership`,
      async () => {
        const r = await client.send(new GetBucketOwnershipControlsCommand({ Bucket }), opts);
        return r.OwnershipControls?.Rules?.[0]?.ObjectOwnership ?? null;
      },
      ['OwnershipControlsNotFoundError'],
    ),
    readItem(
      ctx,
      's3:GetEncryptionConfiguration',
      `${section}.encryption`,
      async () => {
        const r = await client.send(new GetBucketEncryptionCommand({ Bucket }), opts);
        return (r.ServerSideEncryptionConfiguration?.Rules ?? []).map((rule) => ({
          algorithm: rule.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '',
          ...defined({
            kmsKeyId: rule.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
            bucketKeyEnabled: rule.BucketKeyEnabled,
          }),
        }));
      },
      ['ServerSideEncryptionConfigurationNotFoundError'],
    ),
    readItem(ctx, 's3:GetBucketVersioning', `${section}.versioning`, async () => {
      const r = await client.send(new GetBucketVersioningCommand({ Bucket }), opts);
      return defined({ status: r.Status, mfaDelete: r.MFADelete });
    }),
    readItem(
      ctx,
      's3:GetBucketObjectLockConfiguration',
      `${section}.objectLock`,
      async () => {
        const r = await client.send(new GetObjectLockConfigurationCommand({ Bucket }), opts);
        const c = r.ObjectLockConfiguration;
        if (c === undefined) return null;
        const retention = c.Rule?.DefaultRetention;
        return {
          enabled: c.ObjectLockEnabled === 'Enabled',
          ...defined({ mode: retention?.Mode, days: retention?.Days, years: retention?.Years }),
        };
      },
      ['ObjectLockConfigurationNotFoundError'],
    ),
    readItem(ctx, 's3:GetBucketLogging', `${section}.logging`, async () => {
      const r = await client.send(new GetBucketLoggingCommand({ Bucket }), opts);
      const l = r.LoggingEnabled;
      if (l?.TargetBucket === undefined) return null;
      return { targetBucket: l.TargetBucket, ...defined({ targetPrefix: l.TargetPrefix }) };
    }),
  ]);
  return {
    name,
    region,
    arn: `arn:${ctx.partition}:s3:::${name}`,
    ...defined({
      policy,
      publicAccessBlock: pab,
      ownership,
      encryption,
      versioning: versioning ?? undefined,
      objectLock,
      logging,
    }),
  };
}

/**
 * `s3.buckets`: every bucket of the account (ListBuckets once, paginated, with each bucket's
 * Region), then its policy and settings through a client in the bucket's Region. A bucket
 * without BucketRegion (older endpoints) is read in the home Region.
 */
export const s3BucketsCollector: Collector = {
  ...fromCatalogue('s3.buckets'),
  service: 's3',
  async run(ctx) {
    const client = ctx.client(S3Client);
    const buckets: { name: string; region: string }[] = [];
    for await (const page of paginateListBuckets(
      { client },
      { MaxBuckets: 1000 },
      { abortSignal: ctx.signal },
    )) {
      for (const b of page.Buckets ?? []) {
        if (b.Name !== undefined)
          buckets.push({ name: b.Name, region: b.BucketRegion ?? ctx.region });
      }
    }
    const s3Buckets = await mapLimit(buckets, BUCKET_CONCURRENCY, (b) =>
      bucketDetails(ctx, b.name, b.region),
    );
    return { kind: 'account', account: { s3Buckets } };
  },
};
