import { z } from 'zod';
import { conditions, exemptCondition, one, statement } from '../conditions.js';
import { ArnPattern, exemptPrincipalArnsParam, resolveExemptions, unique } from '../params.js';
import { defineGuardrail, type Statement } from '../types.js';

const EXEMPT_FROM = ['breakGlass'] as const;

/**
 * Since January 2023 S3 encrypts every new object (SSE-S3 at least), so the old "deny
 * PutObject without an encryption header" SCP only breaks clients that rely on bucket
 * default encryption. What remains worth enforcing: no upload may *ask* for weaker
 * encryption than KMS, no upload may use customer-provided keys (SSE-C, which S3 cannot
 * audit or rotate and which ransomware has used), and, optionally, only approved keys.
 * Uploads without a header get the bucket default, which the blueprint sets to KMS.
 */
export const requireS3KmsEncryption = defineGuardrail({
  id: 'require-s3-kms-encryption',
  title: 'Require KMS encryption for S3 uploads',
  description:
    'Denies s3:PutObject requests that ask for SSE-S3 (AES256) when KMS is required, requests ' +
    'that use customer-provided keys (SSE-C), and, when allowedKmsKeyArns is set, requests that ' +
    'name another KMS key. Uploads without an encryption header use the bucket default.',
  policyType: 'scp',
  params: z
    .strictObject({
      requireKms: z
        .boolean()
        .default(true)
        .describe('deny uploads that request SSE-S3 (x-amz-server-side-encryption: AES256)'),
      denySseC: z
        .boolean()
        .default(true)
        .describe('deny uploads with customer-provided keys (SSE-C)'),
      allowedKmsKeyArns: z
        .array(ArnPattern)
        .default([])
        .describe('when set, deny uploads that name a KMS key not matching these ARN patterns'),
      exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
    })
    .refine((p) => p.requireKms || p.denySseC || p.allowedKmsKeyArns.length > 0, {
      message: 'enforces nothing: set requireKms, denySseC or allowedKmsKeyArns',
    }),
  frameworks: { AFSBP: ['S3.17'], 'NIST-800-53': ['SC-12', 'SC-28'] },
  statements(p, ctx) {
    const exempt = exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM));
    const out: Statement[] = [];
    if (p.requireKms) {
      out.push(
        statement({
          Sid: 'DenyS3UploadWithoutKms',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Resource: '*',
          Condition: conditions(
            { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
            exempt,
          ),
        }),
      );
    }
    if (p.denySseC) {
      out.push(
        statement({
          Sid: 'DenyS3UploadWithSseC',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Resource: '*',
          Condition: conditions(
            { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
            exempt,
          ),
        }),
      );
    }
    if (p.allowedKmsKeyArns.length > 0) {
      out.push(
        statement({
          Sid: 'DenyS3UploadWithOtherKmsKey',
          Effect: 'Deny',
          Action: 's3:PutObject',
          Resource: '*',
          Condition: conditions(
            {
              ArnNotLike: {
                's3:x-amz-server-side-encryption-aws-kms-key-id': one(unique(p.allowedKmsKeyArns)),
              },
            },
            // Only when a key is named: uploads without one use the bucket's default key.
            { Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' } },
            exempt,
          ),
        }),
      );
    }
    return out;
  },
});
