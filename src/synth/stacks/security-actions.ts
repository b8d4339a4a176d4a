/**
 * What the responder's playbook actions need, as data: the IAM actions of each action
 * type and where they run, and the names of the responder's roles. The account baseline
 * deploys `<prefix>-responder-action` (trusting `<prefix>-responder` of the security
 * account) with the actions of the types the blueprint's auto playbooks use.
 */
import type { Blueprint } from '../../blueprint/schema/blueprint.js';

/** A playbook action type. */
export type ActionType = Blueprint['response'][number]['actions'][number]['type'];

/**
 * IAM actions each playbook action needs, and where: `management` (Organizations, in the
 * management account), `target` (the account the alert is about) or `local` (the
 * responder's own role).
 */
export const RESPONSE_ACTIONS: Readonly<
  Record<ActionType, { where: 'management' | 'target' | 'local'; actions: readonly string[] }>
> = {
  'quarantine-account-scp': {
    where: 'management',
    actions: [
      'organizations:AttachPolicy',
      'organizations:DescribePolicy',
      'organizations:ListPoliciesForTarget',
    ],
  },
  'revert-org-policy-change': {
    where: 'management',
    actions: [
      'organizations:UpdatePolicy',
      'organizations:AttachPolicy',
      'organizations:DetachPolicy',
      'organizations:DescribePolicy',
      'organizations:ListTargetsForPolicy',
    ],
  },
  'disable-access-key': { where: 'target', actions: ['iam:UpdateAccessKey', 'iam:ListAccessKeys'] },
  // Revoking sessions attaches AWS's AWSRevokeOlderSessions inline policy to the role.
  'revoke-role-sessions': { where: 'target', actions: ['iam:PutRolePolicy', 'iam:GetRole'] },
  'isolate-instance': {
    where: 'target',
    actions: [
      'ec2:DescribeInstances',
      'ec2:DescribeSecurityGroups',
      'ec2:CreateSecurityGroup',
      'ec2:RevokeSecurityGroupEgress',
      'ec2:ModifyInstanceAttribute',
      'ec2:CreateTags',
    ],
  },
  'block-public-access': {
    where: 'target',
    actions: [
      's3:GetAccountPublicAccessBlock',
      's3:PutAccountPublicAccessBlock',
      's3:PutBucketPublicAccessBlock',
    ],
  },
  'ssm-automation': { where: 'target', actions: ['ssm:StartAutomationExecution'] },
  notify: { where: 'local', actions: ['sns:Publish'] },
};

/** Name of the role the responder assumes in other accounts. */
export function responderActionRoleName(prefix: string): string {
  return `${prefix}-responder-action`;
}

/** Name of the responder function's own role (security account). */
export function responderRoleName(prefix: string): string {
  return `${prefix}-responder`;
}
