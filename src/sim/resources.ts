/**
 * Resources inside a simulated account: the log-archive bucket and the blueprint's KMS keys
 * (compliant: locked, encrypted, rotated), plus synthetic workload content (buckets, keys,
 * topics, queues, secrets, functions, repositories) in the numbers `SimOptions.workload`
 * asks for, so pagination and call volumes look like a real organization's.
 */
import type { Account, KmsKey } from '../blueprint/schema/blueprint.js';
import type { KmsKeySnapshot, PolicyDocument, S3Bucket } from '../snapshot/types.js';
import { accountIdOf, regionsOf, type SimContext } from './context.js';
import { rng } from './random.js';

const BPA_ON = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

const denyInsecureTransport = (arn: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn, `${arn}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** The KMS key id of a blueprint key in one region (multi-Region keys share one `mrk-` id). */
export function keyIdOf(ctx: SimContext, key: KmsKey, region: string): string {
  return key.multiRegion
    ? `mrk-${ctx.ids.hex(32, 'mrk', key.id)}`
    : ctx.ids.uuid('kms', key.id, region);
}

/** ARN of a blueprint key in its first region. */
export function blueprintKeyArn(ctx: SimContext, keyLogicalId: string): string | undefined {
  const key = ctx.bp.keys.find((k) => k.id === keyLogicalId);
  if (!key) return undefined;
  const region = regionsOf(ctx, key.regions)[0] ?? ctx.homeRegion;
  return `arn:${ctx.partition}:kms:${region}:${accountIdOf(ctx, key.account)}:key/${keyIdOf(ctx, key, region)}`;
}

/** Name of the central log bucket (the blueprint's, or the documented default). */
export function centralBucketName(ctx: SimContext): string | undefined {
  const logging = ctx.bp.logging;
  if (!logging) return undefined;
  const archive = ctx.accountWithRole('log-archive') ?? ctx.managementId;
  return (
    logging.centralBucket.name ??
    `${ctx.bp.deployment.stackPrefix.toLowerCase()}-logs-${archive}-${ctx.homeRegion}`
  );
}

/** Buckets of one account: the log archive (in the log-archive account) and workload buckets. */
export function simulateBuckets(ctx: SimContext, account: Account): S3Bucket[] {
  const id = accountIdOf(ctx, account.id);
  const p = ctx.partition;
  const out: S3Bucket[] = [];
  const central = centralBucketName(ctx);
  const logging = ctx.bp.logging;
  if (logging && central && id === (ctx.accountWithRole('log-archive') ?? ctx.managementId)) {
    const arn = `arn:${p}:s3:::${central}`;
    const accessLogs = `${central.slice(0, 50)}-access-logs`;
    const keyArn = blueprintKeyArn(ctx, logging.centralBucket.kmsKey);
    const org = ctx.organizationId;
    const svc = (
      sid: string,
      service: string,
      action: string | string[],
      resource: string,
      cond?: unknown,
    ) => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: action,
      Resource: resource,
      ...(cond ? { Condition: cond } : {}),
    });
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        svc('AWSCloudTrailAclCheck', 'cloudtrail.amazonaws.com', 's3:GetBucketAcl', arn),
        svc(
          'AWSCloudTrailWrite',
          'cloudtrail.amazonaws.com',
          's3:PutObject',
          `${arn}/AWSLogs/${org}/*`,
          {
            StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' },
          },
        ),
        svc(
          'AWSConfigBucketPermissionsCheck',
          'config.amazonaws.com',
          ['s3:GetBucketAcl', 's3:ListBucket'],
          arn,
        ),
        svc(
          'AWSConfigBucketDelivery',
          'config.amazonaws.com',
          's3:PutObject',
          `${arn}/AWSLogs/*/Config/*`,
          {
            StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceOrgID': org },
          },
        ),
        svc(
          'AWSLogDeliveryWrite',
          'delivery.logs.amazonaws.com',
          's3:PutObject',
          `${arn}/AWSLogs/*`,
          {
            StringEquals: { 'aws:SourceOrgID': org },
          },
        ),
        denyInsecureTransport(arn),
      ],
    };
    const lock = logging.centralBucket.objectLock;
    out.push({
      name: central,
      region: ctx.homeRegion,
      arn,
      policy,
      publicAccessBlock: BPA_ON,
      ownership: 'BucketOwnerEnforced',
      encryption: [
        { algorithm: 'aws:kms', ...(keyArn ? { kmsKeyId: keyArn } : {}), bucketKeyEnabled: true },
      ],
      versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
      objectLock: lock ? { enabled: true, mode: lock.mode, days: lock.days } : null,
      logging: logging.centralBucket.accessLogging
        ? { targetBucket: accessLogs, targetPrefix: `${central}/` }
        : null,
    });
    if (logging.centralBucket.accessLogging) {
      const logsArn = `arn:${p}:s3:::${accessLogs}`;
      out.push({
        name: accessLogs,
        region: ctx.homeRegion,
        arn: logsArn,
        policy: {
          Version: '2012-10-17',
          Statement: [
            svc(
              'S3ServerAccessLogsPolicy',
              'logging.s3.amazonaws.com',
              's3:PutObject',
              `${logsArn}/*`,
              {
                StringEquals: { 'aws:SourceAccount': id },
              },
            ),
            denyInsecureTransport(logsArn),
          ],
        },
        publicAccessBlock: BPA_ON,
        ownership: 'BucketOwnerEnforced',
        encryption: [{ algorithm: 'AES256', bucketKeyEnabled: false }],
        versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
        objectLock: null,
        logging: null,
      });
    }
  }
  if (id === ctx.managementId) return out;
  for (let i = 0; i < ctx.workload.buckets; i++) {
    const region = ctx.regions[i % ctx.regions.length] ?? ctx.homeRegion;
    const name = `sim-${id}-${region}-data-${i}`;
    const arn = `arn:${p}:s3:::${name}`;
    const r = rng(ctx.seed, 'bucket', id, i);
    const kms = r.next() < 0.5;
    out.push({
      name,
      region,
      arn,
      policy:
        r.next() < 0.7 ? { Version: '2012-10-17', Statement: [denyInsecureTransport(arn)] } : null,
      publicAccessBlock: BPA_ON,
      ownership: 'BucketOwnerEnforced',
      encryption: [
        kms
          ? {
              algorithm: 'aws:kms',
              kmsKeyId: `arn:${p}:kms:${region}:${id}:alias/aws/s3`,
              bucketKeyEnabled: true,
            }
          : { algorithm: 'AES256', bucketKeyEnabled: false },
      ],
      versioning: r.next() < 0.6 ? { status: 'Enabled', mfaDelete: 'Disabled' } : {},
      objectLock: null,
      logging: null,
    });
  }
  return out;
}

const rootStatement = (ctx: SimContext, accountId: string) => ({
  Sid: 'Enable IAM User Permissions',
  Effect: 'Allow',
  Principal: { AWS: `arn:${ctx.partition}:iam::${accountId}:root` },
  Action: 'kms:*',
  Resource: '*',
});

function keyPolicy(ctx: SimContext, key: KmsKey, accountId: string): PolicyDocument {
  const statements: unknown[] = [rootStatement(ctx, accountId)];
  key.grants.forEach((g, i) => {
    const base = { Sid: `Grant${i}`, Effect: 'Allow', Action: g.actions, Resource: '*' };
    if (g.to.service) statements.push({ ...base, Principal: { Service: g.to.service } });
    else if (g.to.account)
      statements.push({
        ...base,
        Principal: { AWS: `arn:${ctx.partition}:iam::${accountIdOf(ctx, g.to.account)}:root` },
      });
    else if (g.to.organization)
      statements.push({
        ...base,
        Principal: { AWS: '*' },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ctx.organizationId } },
      });
    else if (g.to.role) {
      const role = ctx.bp.identity.roles.find((r) => r.id === g.to.role);
      if (role)
        statements.push({
          ...base,
          Principal: { AWS: '*' },
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': ctx.organizationId },
            ArnLike: {
              'aws:PrincipalArn': `arn:${ctx.partition}:iam::*:role${role.path}${role.name}`,
            },
          },
        });
    }
  });
  return { Version: '2012-10-17', Statement: statements };
}

/** KMS keys of one account and region: blueprint keys, the AWS-managed EBS key, workload keys. */
export function simulateKeys(ctx: SimContext, account: Account, region: string): KmsKeySnapshot[] {
  const id = accountIdOf(ctx, account.id);
  const arnOf = (keyId: string) => `arn:${ctx.partition}:kms:${region}:${id}:key/${keyId}`;
  const out: KmsKeySnapshot[] = [];
  for (const key of ctx.bp.keys) {
    if (key.account !== account.id || !regionsOf(ctx, key.regions).includes(region)) continue;
    const keyId = keyIdOf(ctx, key, region);
    out.push({
      keyId,
      arn: arnOf(keyId),
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      multiRegion: key.multiRegion,
      rotationEnabled: true,
      rotationPeriodInDays: key.rotationPeriodDays,
      policy: keyPolicy(ctx, key, id),
      aliases: [key.alias],
    });
  }
  const ebsKey = ctx.ids.uuid('kms-aws-ebs', id, region);
  out.push({
    keyId: ebsKey,
    arn: arnOf(ebsKey),
    keyManager: 'AWS',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    multiRegion: false,
    rotationEnabled: true,
    rotationPeriodInDays: 365,
    policy: {
      Version: '2012-10-17',
      Id: 'auto-ebs-2',
      Statement: [
        {
          Sid: 'Allow access through EBS for all principals in the account that are authorized to use EBS',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:ReEncrypt*',
            'kms:GenerateDataKey*',
            'kms:CreateGrant',
            'kms:DescribeKey',
          ],
          Resource: '*',
          Condition: {
            StringEquals: {
              'kms:CallerAccount': id,
              'kms:ViaService': `ec2.${region}.amazonaws.com`,
            },
          },
        },
      ],
    },
    aliases: ['alias/aws/ebs'],
  });
  if (id === ctx.managementId) return out;
  for (let i = 0; i < ctx.workload.keys; i++) {
    const keyId = ctx.ids.uuid('kms-app', id, region, String(i));
    out.push({
      keyId,
      arn: arnOf(keyId),
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      multiRegion: false,
      rotationEnabled: true,
      rotationPeriodInDays: 365,
      policy: { Version: '2012-10-17', Id: 'key-default-1', Statement: [rootStatement(ctx, id)] },
      aliases: [`alias/app/key-${i}`],
    });
  }
  return out;
}
