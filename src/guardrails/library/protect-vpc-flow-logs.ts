import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/** Flow logs are the network evidence for an investigation: deleting them blinds it. */
export const protectVpcFlowLogs = defineGuardrail({
  id: 'protect-vpc-flow-logs',
  title: 'Deny deleting VPC flow logs',
  description:
    "Denies ec2:DeleteFlowLogs, so the network baseline's flow logs cannot be turned off, " +
    'except by the pipeline and break-glass roles.',
  policyType: 'scp',
  params: z.strictObject({ exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM) }),
  frameworks: { 'CIS-AWS-v7': ['4.7'], AFSBP: ['EC2.6'], 'NIST-800-53': ['AU-9', 'AU-12'] },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'ProtectVpcFlowLogs',
        Effect: 'Deny',
        Action: 'ec2:DeleteFlowLogs',
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
