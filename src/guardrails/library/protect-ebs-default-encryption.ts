import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/**
 * EBS encryption by default is a per-Region account setting; once on, every new volume
 * and snapshot copy is encrypted. Turning it off (or resetting its key to the AWS managed
 * key) is the one change that undoes it.
 */
export const protectEbsDefaultEncryption = defineGuardrail({
  id: 'protect-ebs-default-encryption',
  title: 'Deny turning off EBS encryption by default',
  description:
    'Denies ec2:DisableEbsEncryptionByDefault and, by default, changing or resetting the ' +
    "default EBS KMS key, except to the pipeline and break-glass roles, so the baseline's " +
    'EBS encryption stays on.',
  policyType: 'scp',
  params: z.strictObject({
    protectDefaultKey: z
      .boolean()
      .default(true)
      .describe('also deny ec2:ModifyEbsDefaultKmsKeyId and ec2:ResetEbsDefaultKmsKeyId'),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { 'CIS-AWS-v7': ['6.1.1'], AFSBP: ['EC2.7'], 'NIST-800-53': ['SC-28'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'ProtectEbsDefaultEncryption',
        Effect: 'Deny',
        Action: [
          'ec2:DisableEbsEncryptionByDefault',
          ...(p.protectDefaultKey
            ? ['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId']
            : []),
        ],
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
