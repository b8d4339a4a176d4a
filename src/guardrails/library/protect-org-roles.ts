import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions, unique } from '../params.js';
import { defineGuardrail } from '../types.js';

const EXEMPT_FROM = ['pipeline', 'breakGlass'] as const;

/**
 * Changing a role that the organization uses to administer accounts is either a
 * backdoor (weaken its trust policy, attach a policy) or a lockout (delete it).
 * Source: AWS's example SCP "Deny modifications to specific IAM roles".
 */
const ROLE_ACTIONS = [
  'iam:AttachRolePolicy',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:TagRole',
  'iam:UntagRole',
] as const;

/** Role names (IAM role name patterns, `*` and `?` allowed, no path). */
const RoleNamePattern = z
  .string()
  .regex(/^[\w+=,.@*?-]{1,64}$/, { message: "not a role name pattern such as 'orgward-*'" });

/** Organization-managed roles can only be changed by the pipeline (and break-glass). */
export const protectOrgRoles = defineGuardrail({
  id: 'protect-org-roles',
  title: 'Deny changes to organization-managed roles',
  description:
    'Denies changing, tagging or deleting the IAM roles the organization uses to administer ' +
    'accounts (OrganizationAccountAccessRole, AWSControlTowerExecution, orgward-* by default), ' +
    'and creating roles with those names, except to the pipeline and break-glass roles.',
  policyType: 'scp',
  params: z.strictObject({
    roleNames: z
      .array(RoleNamePattern)
      .min(1)
      .default(['OrganizationAccountAccessRole', 'AWSControlTowerExecution', 'orgward-*'])
      .describe(
        'role names or name patterns to protect, under any path; `*` also spans `/`, so ' +
          '`orgward-*` also covers every role under a path starting `/orgward-`',
      ),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { 'NIST-800-53': ['AC-2', 'AC-6', 'CM-5'] },
  statements(p, ctx) {
    // A role's ARN includes its path (role/path/name), so each name gets two patterns: without
    // and with a path. In ARN patterns `*` also spans `/`, so a wildcard name reaches further
    // than its looks: `role/orgward-*` also matches `role/orgward-team/AnyName` (a role of any
    // name under a path starting `/orgward-`), and `role/*/n` matches n under any path depth.
    // Erring that way over-protects (such roles stay pipeline-managed); it never leaves a
    // protected name uncovered. IAM patterns cannot say "no `/`", so this is as tight as it gets.
    const resources = unique(p.roleNames).flatMap((n) => [
      `arn:${ctx.partition}:iam::*:role/${n}`,
      `arn:${ctx.partition}:iam::*:role/*/${n}`,
    ]);
    return [
      statement({
        Sid: 'ProtectOrgRoles',
        Effect: 'Deny',
        Action: [...ROLE_ACTIONS, 'iam:CreateRole'],
        Resource: resources,
        Condition: conditions(
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
