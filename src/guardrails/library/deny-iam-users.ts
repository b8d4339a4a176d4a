import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['breakGlass'] as const;

/** Long-lived credentials are the most leaked kind: people sign in through Identity Center. */
const USER_ACTIONS = [
  'iam:CreateUser',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
] as const;

/** Service-specific credentials (CodeCommit, Keyspaces, Bedrock API keys) are also long-lived. */
const SERVICE_CREDENTIAL_ACTIONS = ['iam:CreateServiceSpecificCredential'] as const;

/** IAM users and access keys are not created: identities come from Identity Center. */
export const denyIamUsers = defineGuardrail({
  id: 'deny-iam-users',
  title: 'Deny IAM users and access keys (SSO only)',
  description:
    'Denies creating IAM users, access keys and console passwords (and, by default, ' +
    'service-specific credentials), so that people sign in through IAM Identity Center and ' +
    'workloads use roles. The break-glass roles stay exempt for emergencies.',
  policyType: 'scp',
  params: z.strictObject({
    includeServiceSpecificCredentials: z
      .boolean()
      .default(true)
      .describe('also deny iam:CreateServiceSpecificCredential'),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: {
    'CIS-AWS-v7': ['2.19'],
    'NIST-800-53': ['AC-2', 'IA-2', 'IA-5'],
  },
  statements(p, ctx) {
    return [
      statement({
        Sid: 'DenyIamUserCredentials',
        Effect: 'Deny',
        Action: [
          ...USER_ACTIONS,
          ...(p.includeServiceSpecificCredentials ? SERVICE_CREDENTIAL_ACTIONS : []),
        ],
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
