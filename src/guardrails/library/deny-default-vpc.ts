import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['breakGlass'] as const;

/**
 * Default VPCs have public subnets and an internet gateway; the baseline deletes them,
 * and this keeps them from coming back.
 */
export const denyDefaultVpc = defineGuardrail({
  id: 'deny-default-vpc',
  title: 'Deny re-creating default VPCs',
  description:
    'Denies ec2:CreateDefaultVpc and ec2:CreateDefaultSubnet, so the default VPCs (public ' +
    'subnets, internet gateway) that the baseline deletes cannot be re-created.',
  policyType: 'scp',
  params: z.strictObject({ exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM) }),
  frameworks: { 'NIST-800-53': ['CM-7', 'SC-7'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'DenyDefaultVpc',
        Effect: 'Deny',
        Action: ['ec2:CreateDefaultVpc', 'ec2:CreateDefaultSubnet'],
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
