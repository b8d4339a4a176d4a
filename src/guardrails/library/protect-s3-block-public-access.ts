import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/**
 * The account-level block overrides every bucket, so protecting it is the control that
 * matters. The bucket-level action is opt-in: CloudFormation calls
 * PutBucketPublicAccessBlock whenever a template sets PublicAccessBlockConfiguration,
 * so denying it by default would break ordinary (and safe) bucket deployments.
 */
export const protectS3BlockPublicAccess = defineGuardrail({
  id: 'protect-s3-block-public-access',
  title: 'Deny turning off S3 Block Public Access',
  description:
    'Denies s3:PutAccountPublicAccessBlock (and, with includeBucketLevel, ' +
    's3:PutBucketPublicAccessBlock), so the account-wide S3 Block Public Access set by the ' +
    'baseline cannot be turned off, except by the pipeline and break-glass roles.',
  policyType: 'scp',
  params: z.strictObject({
    includeBucketLevel: z
      .boolean()
      .default(false)
      .describe('also deny s3:PutBucketPublicAccessBlock (breaks templates that set it)'),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: {
    'CIS-AWS-v7': ['3.1.4'],
    AFSBP: ['S3.1'],
    'NIST-800-53': ['AC-3', 'AC-21', 'SC-7'],
  },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'ProtectS3BlockPublicAccess',
        Effect: 'Deny',
        Action: [
          's3:PutAccountPublicAccessBlock',
          ...(p.includeBucketLevel ? ['s3:PutBucketPublicAccessBlock'] : []),
        ],
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
