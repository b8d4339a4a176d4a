import { z } from 'zod';
import { Id, PolicyDocumentValue, Selector, ref } from './common.js';

const ManagedPolicyArn = z
  .string()
  .regex(/^arn:aws[a-z-]*:iam::(aws|\d{12}|\$\{AccountId\}):policy\/.+$/, 'not a managed policy ARN');

const PermissionSet = z.strictObject({
  id: Id,
  name: z.string().regex(/^[\w+=,.@-]{1,32}$/, 'a permission set name is 1-32 characters of [A-Za-z0-9+=,.@_-]'),
  description: z.string().max(700).optional(),
  sessionDuration: z
    .string()
    .regex(/^PT(\d+H)?(\d+M)?$/, 'an ISO 8601 duration from PT1H to PT12H, such as PT4H or PT1H30M')
    .default('PT1H'),
  awsManagedPolicies: z.array(ManagedPolicyArn).optional(),
  customerManagedPolicies: z.array(z.strictObject({ name: z.string().min(1), path: z.string().optional() })).optional(),
  inlinePolicy: PolicyDocumentValue.optional(),
  permissionsBoundary: ManagedPolicyArn.optional(),
});

const Assignment = z.strictObject({
  group: ref('group').optional(),
  user: z.string().min(1).optional().describe('an Identity Center user name'),
  permissionSet: ref('permission-set'),
  targets: Selector,
});

export const IdentityCenter = z.strictObject({
  instanceArn: z.string().regex(/^arn:aws[a-z-]*:sso:::instance\/.+$/).optional(),
  delegatedAdmin: ref('account').optional(),
  groups: z
    .array(
      z.strictObject({
        id: Id,
        displayName: z.string().min(1),
        source: z.enum(['identity-store', 'external-idp']).default('external-idp'),
      }),
    )
    .default([]),
  permissionSets: z.array(PermissionSet).default([]),
  assignments: z.array(Assignment).default([]),
});

/** Who a role trusts. Exactly one field per entry. */
const TrustEntry = z.strictObject({
  account: ref('account').optional().describe('an account of the organization (its IAM principals)'),
  role: ref('role').optional().describe('a blueprint role, in every account it is deployed to'),
  roleName: z.string().optional().describe('with account: only this role name in that account'),
  accountId: z.string().regex(/^\d{12}$/).optional().describe('an account outside the blueprint (e.g. a vendor)'),
  service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/).optional(),
  samlProvider: z.string().min(1).optional().describe('SAML provider name in the target account'),
  oidc: z
    .strictObject({
      provider: z.string().min(1).describe('issuer host, e.g. token.actions.githubusercontent.com'),
      audience: z.string().min(1),
      subjects: z.array(z.string().min(1)).min(1).describe('allowed sub claims (wildcards allowed)'),
    })
    .optional(),
});

/** What a role is for; pipeline and break-glass roles drive the SCP lockout check. */
export const RolePurpose = z.enum(['access', 'pipeline', 'break-glass', 'audit', 'workload', 'service']);

export const Role = z.strictObject({
  id: Id,
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'a role name is 1-64 characters of [A-Za-z0-9+=,.@_-]'),
  path: z.string().regex(/^\/([\w+=,.@-]+\/)*$/, 'a path starts and ends with /').default('/'),
  purpose: RolePurpose.default('access'),
  description: z.string().max(1000).optional(),
  targets: Selector.describe('accounts the role is deployed to'),
  trust: z.array(TrustEntry).min(1),
  requireMfa: z.boolean().default(false),
  externalId: z.string().min(2).max(1224).optional(),
  requireOrganization: z.boolean().default(true).describe('add aws:PrincipalOrgID to AWS-principal trust'),
  maxSessionDuration: z.number().int().min(3600).default(3600).describe('seconds'),
  managedPolicies: z.array(ManagedPolicyArn).optional(),
  inlinePolicies: z.array(z.strictObject({ name: z.string().min(1), document: PolicyDocumentValue })).optional(),
  permissionsBoundary: ManagedPolicyArn.optional(),
  needs: z
    .array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'an action such as organizations:CreateAccount'))
    .optional()
    .describe('actions this role must keep; SCPs that deny them are lockout errors'),
});

export const Identity = z.strictObject({
  identityCenter: IdentityCenter.optional(),
  roles: z.array(Role).default([]),
  passwordPolicy: z
    .strictObject({
      minimumLength: z.number().int().min(14).max(128),
      requireSymbols: z.boolean(),
      requireNumbers: z.boolean(),
      requireUppercase: z.boolean(),
      requireLowercase: z.boolean(),
      maxAgeDays: z.number().int().min(1).max(1095).optional(),
      reusePrevention: z.number().int().min(1).max(24),
    })
    .optional()
    .describe('IAM password policy (CIS 2.x: length >= 14, reuse prevention 24)'),
});
