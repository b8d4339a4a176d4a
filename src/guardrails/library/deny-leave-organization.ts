import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

/** Member accounts cannot remove themselves from the organization (and from its guardrails). */
export const denyLeaveOrganization = defineGuardrail({
  id: 'deny-leave-organization',
  title: 'Deny leaving the organization',
  description:
    'Denies organizations:LeaveOrganization, so that a member account cannot escape every SCP, ' +
    'the organization trail and the delegated security services by leaving.',
  policyType: 'scp',
  params: z.strictObject({ exemptPrincipalArns: exemptPrincipalArnsParam([]) }),
  frameworks: { 'NIST-800-53': ['AC-2', 'CM-5'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'DenyLeaveOrganization',
        Effect: 'Deny',
        Action: 'organizations:LeaveOrganization',
        Resource: '*',
        Condition: conditions(exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, []))),
      }),
    ];
  },
});
