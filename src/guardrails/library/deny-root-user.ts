import { z } from 'zod';
import { conditions, exemptCondition, one, statement } from '../conditions.js';
import { ActionPattern, exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail } from '../types.js';

/**
 * Denies everything to the root user of member accounts. SCPs never apply to the
 * management account, so this is the member-account half of "no root use".
 */
export const denyRootUser = defineGuardrail({
  id: 'deny-root-user',
  title: 'Deny root user actions in member accounts',
  description:
    'Denies every action to the root user of member accounts (aws:PrincipalArn arn:<partition>:iam::*:root). ' +
    'By default, privileged root sessions taken through centralized root access (sts:AssumeRoot, ' +
    'aws:AssumedRoot present) stay possible, as AWS recommends, so a locked S3 bucket or SQS queue ' +
    'policy can still be repaired.',
  policyType: 'scp',
  params: z.strictObject({
    allowedActions: z
      .array(ActionPattern)
      .default([])
      .describe('actions the root user may still perform (rendered as NotAction)'),
    allowAssumedRoot: z
      .boolean()
      .default(true)
      .describe('leave centralized-root-access sessions (sts:AssumeRoot) out of the deny'),
    exemptPrincipalArns: exemptPrincipalArnsParam([]),
  }),
  frameworks: { 'CIS-AWS-v7': ['2.7'], 'NIST-800-53': ['AC-6(2)', 'AC-6(9)'] },
  statements(p, ctx) {
    const actions =
      p.allowedActions.length > 0 ? { NotAction: one([...p.allowedActions]) } : { Action: '*' };
    return [
      statement({
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        ...actions,
        Resource: '*',
        Condition: conditions(
          { ArnLike: { 'aws:PrincipalArn': `arn:${ctx.partition}:iam::*:root` } },
          p.allowAssumedRoot ? { Null: { 'aws:AssumedRoot': 'true' } } : {},
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, [])),
        ),
      }),
    ];
  },
});
