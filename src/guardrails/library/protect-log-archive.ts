import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions, unique } from '../params.js';
import { defineGuardrail, GuardrailConfigError } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/** Bucket-level changes that would delete, expose or shorten the retention of the logs. */
const BUCKET_ACTIONS = [
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:PutBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketOwnershipControls',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketVersioning',
  's3:PutBucketLogging',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutReplicationConfiguration',
] as const;

/** Object-level changes: deleting log files, or lifting their retention. */
const OBJECT_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:BypassGovernanceRetention',
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
] as const;

const BucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'not an S3 bucket name' });

/** The central log archive cannot be deleted, opened up or have its retention shortened. */
export const protectLogArchive = defineGuardrail({
  id: 'protect-log-archive',
  title: 'Protect the log-archive bucket',
  description:
    'Denies deleting the log-archive bucket or its objects and changing its policy, ACLs, ' +
    'public access block, versioning, encryption, lifecycle, Object Lock, replication or ' +
    'logging, except to the pipeline and break-glass roles. (Lifecycle expiration by S3 ' +
    'itself is not affected.)',
  policyType: 'scp',
  params: z.strictObject({
    bucketNames: z
      .array(BucketName)
      .min(1)
      .optional()
      .describe("buckets to protect; default: the blueprint's log-archive bucket"),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { 'NIST-800-53': ['AU-9', 'AU-11', 'SI-12'] },
  statements(p, ctx) {
    const buckets = unique(
      p.bucketNames ?? (ctx.logArchiveBucket !== undefined ? [ctx.logArchiveBucket] : []),
    );
    if (buckets.length === 0) {
      throw new GuardrailConfigError(
        'no bucket to protect: the blueprint declares no log-archive bucket; set bucketNames',
        'with.bucketNames',
      );
    }
    const exempt = exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM));
    const arn = (b: string) => `arn:${ctx.partition}:s3:::${b}`;
    return [
      statement({
        Sid: 'ProtectLogArchiveBucket',
        Effect: 'Deny',
        Action: [...BUCKET_ACTIONS],
        Resource: buckets.map(arn),
        Condition: conditions(exempt),
      }),
      statement({
        Sid: 'ProtectLogArchiveObjects',
        Effect: 'Deny',
        Action: [...OBJECT_ACTIONS],
        Resource: buckets.map((b) => `${arn(b)}/*`),
        Condition: conditions(exempt),
      }),
    ];
  },
});
