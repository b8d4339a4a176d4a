import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['breakGlass'] as const;

/**
 * Source: AWS's example SCP "Deny RAM from sharing resources to external accounts".
 * The condition key is true when the share is created or updated to allow principals
 * outside the organization.
 */
export const denyExternalRamSharing = defineGuardrail({
  id: 'deny-external-ram-sharing',
  title: 'Deny RAM sharing outside the organization',
  description:
    'Denies creating or updating AWS RAM resource shares that allow external principals ' +
    '(ram:RequestedAllowsExternalPrincipals), so subnets, Transit Gateways and other shared ' +
    'resources stay inside the organization.',
  policyType: 'scp',
  params: z.strictObject({ exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM) }),
  frameworks: { 'NIST-800-53': ['AC-3', 'AC-4', 'AC-21'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'DenyExternalRamSharing',
        Effect: 'Deny',
        Action: ['ram:CreateResourceShare', 'ram:UpdateResourceShare'],
        Resource: '*',
        Condition: conditions(
          { Bool: { 'ram:RequestedAllowsExternalPrincipals': 'true' } },
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
