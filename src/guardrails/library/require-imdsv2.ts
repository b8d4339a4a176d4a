import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail, type Statement } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/**
 * Follows the AWS EC2 User Guide's "Require the use of IMDSv2" example policies:
 * instances launch with HttpTokens=required, the hop limit stays small (containers on
 * the host need 2), only administrators change metadata options, and credentials that
 * were fetched through IMDSv1 (ec2:RoleDelivery < 2.0) are refused for every action,
 * which also covers instances launched before the guardrail.
 */
export const requireImdsv2 = defineGuardrail({
  id: 'require-imdsv2',
  title: 'Require IMDSv2 on EC2 instances',
  description:
    'Denies launching instances without HttpTokens=required or with a larger metadata hop ' +
    'limit, changing instance metadata options or the account defaults (except pipeline and ' +
    'break-glass roles), and every action made with role credentials delivered by IMDSv1.',
  policyType: 'scp',
  params: z.strictObject({
    maxHopLimit: z
      .int()
      .min(1)
      .max(64)
      .default(2)
      .describe('largest ec2:MetadataHttpPutResponseHopLimit allowed at launch'),
    denyImdsv1Credentials: z
      .boolean()
      .default(true)
      .describe(
        'deny every action made with credentials delivered by IMDSv1 (ec2:RoleDelivery < 2.0)',
      ),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { 'CIS-AWS-v7': ['6.7'], AFSBP: ['EC2.8'], 'NIST-800-53': ['AC-3', 'CM-6'] },
  statements(p, ctx) {
    const instances = `arn:${ctx.partition}:ec2:*:*:instance/*`;
    const out: Statement[] = [
      statement({
        Sid: 'RequireImdsv2AtLaunch',
        Effect: 'Deny',
        Action: 'ec2:RunInstances',
        Resource: instances,
        Condition: conditions({ StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } }),
      }),
      statement({
        Sid: 'LimitImdsHops',
        Effect: 'Deny',
        Action: 'ec2:RunInstances',
        Resource: instances,
        Condition: conditions({
          NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': String(p.maxHopLimit) },
        }),
      }),
      statement({
        Sid: 'ProtectImdsSettings',
        Effect: 'Deny',
        Action: ['ec2:ModifyInstanceMetadataOptions', 'ec2:ModifyInstanceMetadataDefaults'],
        Resource: '*',
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
    if (p.denyImdsv1Credentials) {
      out.push(
        statement({
          Sid: 'DenyImdsv1Credentials',
          Effect: 'Deny',
          Action: '*',
          Resource: '*',
          Condition: conditions({ NumericLessThan: { 'ec2:RoleDelivery': '2.0' } }),
        }),
      );
    }
    return out;
  },
});
