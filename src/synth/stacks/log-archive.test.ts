import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleContext } from '../../../test/helpers/synth.js';
import { nag } from '../../../test/helpers/nag.js';
import type { CfnResource, CfnTemplate, CfnValue } from '../cfn.js';
import type { SynthContext } from '../context.js';
import type { StackUnit } from '../types.js';
import { ACCESS_LOG_BUCKET, CENTRAL_BUCKET, logArchiveBuilder } from './log-archive.js';

type Statement = Record<string, CfnValue> & {
  Sid?: string;
  Condition?: Record<string, Record<string, CfnValue>>;
};

const EXAMPLES = ['minimal', 'standard', 'regulated'] as const;
const ctxs = new Map<string, SynthContext>();
beforeAll(async () => {
  for (const e of EXAMPLES) ctxs.set(e, await exampleContext(e));
});
const ctxOf = (name: string): SynthContext => {
  const c = ctxs.get(name);
  if (!c) throw new Error(name);
  return c;
};

function unitOf(ctx: SynthContext): StackUnit {
  const [u, ...rest] = logArchiveBuilder.build(ctx);
  expect(rest).toEqual([]);
  if (u?.kind !== 'stack') throw new Error('expected one stack');
  return u;
}
const res = (t: CfnTemplate, id: string): CfnResource => {
  const r = t.Resources[id];
  if (!r) throw new Error(`no ${id}`);
  return r;
};
const props = (t: CfnTemplate, id: string): Record<string, CfnValue> => res(t, id).Properties ?? {};
const policyOf = (t: CfnTemplate): Statement[] =>
  (props(t, 'CentralBucketPolicy').PolicyDocument as { Statement: Statement[] }).Statement;
const sid = (t: CfnTemplate, name: string): Statement => {
  const s = policyOf(t).find((x) => x.Sid === name);
  if (!s) throw new Error(`no statement ${name}`);
  return s;
};
/** A context whose blueprint differs only in the central bucket settings. */
function withBucket(ctx: SynthContext, patch: Record<string, unknown>): SynthContext {
  const logging = ctx.bp.logging;
  if (!logging) throw new Error('no logging');
  return {
    ...ctx,
    bp: {
      ...ctx.bp,
      logging: { ...logging, centralBucket: { ...logging.centralBucket, ...patch } },
    },
  };
}

describe('log-archive unit', () => {
  it.each(EXAMPLES)(
    '%s: one stack in the log-archive account, home Region, with its entities',
    (name) => {
      const ctx = ctxOf(name);
      const u = unitOf(ctx);
      expect(u).toMatchObject({
        id: 'log-archive',
        concern: 'log-archive',
        account: ctx.logArchive,
        region: ctx.homeRegion,
      });
      expect(u.entities).toContain('central-bucket');
      expect(u.entities).toContain(`kms-key:${ctx.bp.logging?.centralBucket.kmsKey ?? ''}`);
      expect(Object.keys(u.template.Outputs ?? {})).toEqual(
        expect.arrayContaining(['CentralBucketName', 'CentralBucketArn', 'CentralBucketKeyArn']),
      );
    },
  );

  it.each(EXAMPLES)(
    '%s: the bucket is versioned, private, owner-enforced, SSE-KMS with its key and retained',
    (name) => {
      const ctx = ctxOf(name);
      const t = unitOf(ctx).template;
      const b = props(t, CENTRAL_BUCKET);
      expect(b.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(b.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(b.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
      const keyId = `Key${(ctx.bp.logging?.centralBucket.kmsKey ?? '').replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`;
      expect(b.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
            BucketKeyEnabled: true,
          },
        ],
      });
      expect(res(t, CENTRAL_BUCKET).DeletionPolicy).toBe('Retain');
      expect(b.LoggingConfiguration).toEqual({
        DestinationBucketName: { Ref: ACCESS_LOG_BUCKET },
        LogFilePrefix: 'central/',
      });
    },
  );

  it.each([
    [
      'minimal',
      {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 90 } },
      },
    ],
    [
      'standard',
      {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
      },
    ],
    [
      'regulated',
      {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2557 } },
      },
    ],
  ])('%s: object lock as declared', (name, lock) => {
    const b = props(unitOf(ctxOf(name)).template, CENTRAL_BUCKET);
    expect(b.ObjectLockEnabled).toBe(true);
    expect(b.ObjectLockConfiguration).toEqual(lock);
  });

  it('names the bucket as declared, or <prefix>-logs-<account id>-<home> from a deploy-time id', () => {
    expect(props(unitOf(ctxOf('standard')).template, CENTRAL_BUCKET).BucketName).toBe(
      'example-org-log-archive-eu-west-1',
    );
    const minimal = unitOf(ctxOf('minimal'));
    expect(props(minimal.template, CENTRAL_BUCKET).BucketName).toEqual({
      'Fn::Join': ['', ['orgward-logs-', { Ref: 'AccountIdLogArchive' }, '-eu-west-1']],
    });
    expect(minimal.parameters.AccountIdLogArchive).toEqual({
      kind: 'account-id',
      account: 'log-archive',
    });
  });

  it('lifecycle follows retention, Glacier transition and noncurrent expiry (property)', () => {
    const base = ctxOf('minimal');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4000 }),
        fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
        fc.option(
          fc.record({
            mode: fc.constantFrom('GOVERNANCE', 'COMPLIANCE'),
            days: fc.integer({ min: 1, max: 3000 }),
          }),
          { nil: undefined },
        ),
        (retentionDays, transitionToGlacierDays, objectLock) => {
          const ctx = withBucket(base, { retentionDays, transitionToGlacierDays, objectLock });
          const b = props(unitOf(ctx).template, CENTRAL_BUCKET);
          const [rule] = (b.LifecycleConfiguration as { Rules: Record<string, CfnValue>[] }).Rules;
          expect(rule?.ExpirationInDays).toBe(retentionDays);
          expect(rule?.NoncurrentVersionExpiration).toEqual({ NoncurrentDays: 30 });
          const glacier =
            transitionToGlacierDays !== undefined && transitionToGlacierDays < retentionDays;
          expect(rule?.Transitions).toEqual(
            glacier
              ? [{ StorageClass: 'GLACIER', TransitionInDays: transitionToGlacierDays }]
              : undefined,
          );
          expect(b.ObjectLockEnabled).toBe(objectLock ? true : undefined);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('central bucket policy', () => {
  it.each(EXAMPLES)('%s: denies non-TLS requests on the bucket and its objects', (name) => {
    const s = sid(unitOf(ctxOf(name)).template, 'DenyInsecureTransport');
    expect(s).toMatchObject({
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(s.Resource).toEqual([
      { 'Fn::GetAtt': [CENTRAL_BUCKET, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [CENTRAL_BUCKET, 'Arn'] }, '/*']] },
    ]);
  });

  it.each(EXAMPLES)(
    '%s: denies identities outside the organization, AWS services excepted',
    (name) => {
      const t = unitOf(ctxOf(name)).template;
      const s = sid(t, 'DenyOutsideOrganization');
      expect(s.Effect).toBe('Deny');
      expect(s.Condition).toEqual({
        StringNotEqualsIfExists: {
          'aws:PrincipalOrgID': name === 'minimal' ? { Ref: 'OrganizationId' } : 'o-a1b2c3d4e5',
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      });
    },
  );

  it('lets CloudTrail check the ACL and write AWSLogs/<org>/ and AWSLogs/<management>/ for the org trail only', () => {
    const t = unitOf(ctxOf('standard')).template;
    const trailArn = 'arn:aws:cloudtrail:eu-west-1:111111111111:trail/example-org-trail';
    const acl = sid(t, 'AWSCloudTrailAclCheck20150319');
    expect(acl).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
    });
    expect(acl.Condition?.StringEquals?.['aws:SourceArn']).toContain(trailArn);
    const write = sid(t, 'AWSCloudTrailWrite20150319');
    expect(write.Action).toBe('s3:PutObject');
    expect(write.Resource).toEqual([
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [CENTRAL_BUCKET, 'Arn'] }, '/AWSLogs/111111111111/*']] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [CENTRAL_BUCKET, 'Arn'] }, '/AWSLogs/o-a1b2c3d4e5/*']] },
    ]);
    expect(write.Condition?.StringEquals?.['s3:x-amz-acl']).toBe('bucket-owner-full-control');
    expect(write.Condition?.StringEquals?.['aws:SourceArn']).toContain(trailArn);
  });

  it('lets AWS Config of the organization check the bucket and deliver under AWSLogs/*/Config/', () => {
    const t = unitOf(ctxOf('regulated')).template;
    const check = sid(t, 'AWSConfigBucketPermissionsCheck');
    expect(check).toMatchObject({
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
    });
    expect(check.Condition).toEqual({ StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } });
    const put = sid(t, 'AWSConfigBucketDelivery');
    expect(put.Action).toBe('s3:PutObject');
    expect(put.Resource).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [CENTRAL_BUCKET, 'Arn'] }, '/AWSLogs/*/Config/*']],
    });
    expect(put.Condition).toEqual({
      StringEquals: {
        's3:x-amz-acl': 'bucket-owner-full-control',
        'aws:SourceOrgID': 'o-a1b2c3d4e5',
      },
    });
  });

  it('every Allow is for an AWS service principal with a source condition', () => {
    for (const name of EXAMPLES)
      for (const s of policyOf(unitOf(ctxOf(name)).template).filter((x) => x.Effect === 'Allow')) {
        expect(Object.keys(s.Principal as object)).toEqual(['Service']);
        expect(JSON.stringify(s.Condition)).toMatch(/aws:Source(Arn|OrgID|Account)/);
      }
  });

  it('adds flow-log and GuardDuty export statements only when the blueprint asks', () => {
    const sids = (ctx: SynthContext) => policyOf(unitOf(ctx).template).map((s) => s.Sid);
    expect(sids(ctxOf('standard'))).toEqual(
      expect.arrayContaining(['AWSLogDeliveryWrite', 'GuardDutyFindingsExport']),
    );
    expect(sids(ctxOf('minimal'))).not.toContain('AWSLogDeliveryWrite');
    expect(sids(ctxOf('minimal'))).not.toContain('GuardDutyFindingsExport');
  });
});

describe('access-log bucket', () => {
  it('is encrypted (SSE-S3, as S3 server access logging requires), versioned, private, TLS-only', () => {
    const t = unitOf(ctxOf('standard')).template;
    const b = props(t, ACCESS_LOG_BUCKET);
    expect(b.BucketName).toBe('example-org-log-archive-eu-west-1-access');
    expect(b.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
      ],
    });
    expect(b.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(Object.values(b.PublicAccessBlockConfiguration as object)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const policy = props(t, 'AccessLogBucketPolicy').PolicyDocument as { Statement: Statement[] };
    expect(policy.Statement.map((s) => s.Sid)).toEqual([
      'DenyInsecureTransport',
      'S3ServerAccessLogs',
    ]);
    const suppressed = JSON.stringify(res(t, ACCESS_LOG_BUCKET).Metadata);
    expect(suppressed).toContain('AwsSolutions-S1');
  });

  it('is left out when access logging is off, and the central bucket says why', () => {
    const t = unitOf(withBucket(ctxOf('minimal'), { accessLogging: false })).template;
    expect(t.Resources[ACCESS_LOG_BUCKET]).toBeUndefined();
    expect(props(t, CENTRAL_BUCKET).LoggingConfiguration).toBeUndefined();
    expect(JSON.stringify(res(t, CENTRAL_BUCKET).Metadata)).toContain('accessLogging: false');
  });
});

describe('log-archive keys', () => {
  it.each([
    ['minimal', 'KeyLogs', 365, 'alias/org-logs'],
    ['regulated', 'KeyLogArchive', 180, 'alias/regulated/log-archive'],
  ])('%s: rotation, deletion window, alias', (name, id, rotation, alias) => {
    const t = unitOf(ctxOf(name)).template;
    const k = props(t, id);
    expect(k).toMatchObject({
      EnableKeyRotation: true,
      RotationPeriodInDays: rotation,
      PendingWindowInDays: 30,
    });
    expect(res(t, id).DeletionPolicy).toBe('Retain');
    const aliases = Object.values(t.Resources).filter((r) => r.Type === 'AWS::KMS::Alias');
    expect(aliases.map((a) => a.Properties?.AliasName)).toEqual([alias]);
  });

  it('lets CloudTrail encrypt only for the organization trail', () => {
    const t = unitOf(ctxOf('standard')).template;
    const policy = props(t, 'KeyLogArchive').KeyPolicy as { Statement: Statement[] };
    const ct = policy.Statement.find((s) => s.Sid === 'CloudTrailEncrypt');
    expect(ct?.Condition?.StringEquals?.['aws:SourceArn']).toContain(
      'arn:aws:cloudtrail:eu-west-1:111111111111:trail/example-org-trail',
    );
    expect(ct?.Condition?.StringLike).toEqual({
      'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111111111111:trail/*',
    });
    expect(policy.Statement[0]).toMatchObject({ Sid: 'AccountAdmin', Action: 'kms:*' });
  });

  it('is nothing without logging', () => {
    const ctx = ctxOf('minimal');
    const bp = { ...ctx.bp };
    delete bp.logging;
    expect(logArchiveBuilder.build({ ...ctx, bp })).toEqual([]);
  });
});

describe('cdk-nag', () => {
  it.each(EXAMPLES)('%s: no findings, every suppression justified', async (name) => {
    expect(await nag(unitOf(ctxOf(name)).template)).toEqual({ findings: [], unjustified: [] });
  });
});
