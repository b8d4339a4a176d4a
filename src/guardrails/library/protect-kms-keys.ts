import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { ArnPattern, exemptPrincipalArnsParam, resolveExemptions, unique } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['security', 'pipeline', 'breakGlass'] as const;

/**
 * Destroying or locking a key destroys every object encrypted with it; changing its
 * policy can hand it to anyone. Source: AWS's example SCP "Deny KMS key deletion",
 * extended with DisableKey, PutKeyPolicy and DisableKeyRotation.
 */
const KEY_ACTIONS = [
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:PutKeyPolicy',
  'kms:DeleteImportedKeyMaterial',
] as const;

/** KMS keys are not deleted, disabled or re-permissioned except by security roles. */
export const protectKmsKeys = defineGuardrail({
  id: 'protect-kms-keys',
  title: 'Protect KMS keys from deletion and policy changes',
  description:
    'Denies scheduling deletion of, disabling, turning off rotation of, deleting imported ' +
    'key material of, or replacing the key policy of KMS keys, except to the security, pipeline ' +
    'and break-glass roles.',
  policyType: 'scp',
  params: z.strictObject({
    keyArns: z
      .array(ArnPattern)
      .min(1)
      .optional()
      .describe('key ARN patterns to protect; default: every key (arn:<partition>:kms:*:*:key/*)'),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { AFSBP: ['KMS.3'], 'NIST-800-53': ['SC-12', 'SC-28'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'ProtectKmsKeys',
        Effect: 'Deny',
        Action: [...KEY_ACTIONS],
        Resource: unique(p.keyArns ?? [`arn:${ctx.partition}:kms:*:*:key/*`]),
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
