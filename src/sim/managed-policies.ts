/**
 * AWS managed policies the simulated accounts attach, with their documents. The common
 * job-function policies are abbreviated to their characteristic statements (enough for
 * access analysis to tell an administrator from a reader); AdministratorAccess and
 * PowerUserAccess are exact. Unknown ARNs get a read-only placeholder document.
 */
import type { PolicyDocument } from '../snapshot/types.js';

/** A managed policy definition: path and default-version document. */
export interface ManagedPolicyDef {
  path: string;
  versionId: string;
  document: PolicyDocument;
}

const allow = (Action: string | string[], extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action,
  Resource: '*',
  ...extra,
});
const doc = (...Statement: unknown[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

const READ = ['*:Describe*', '*:Get*', '*:List*'];

const KNOWN: Readonly<Record<string, ManagedPolicyDef>> = {
  AdministratorAccess: { path: '/', versionId: 'v1', document: doc(allow('*')) },
  PowerUserAccess: {
    path: '/',
    versionId: 'v5',
    document: doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      allow([
        'account:GetAccountInformation',
        'account:GetPrimaryEmail',
        'account:ListRegions',
        'iam:CreateServiceLinkedRole',
        'iam:DeleteServiceLinkedRole',
        'iam:ListRoles',
        'organizations:DescribeOrganization',
      ]),
    ),
  },
  ReadOnlyAccess: { path: '/', versionId: 'v120', document: doc(allow(READ)) },
  ViewOnlyAccess: {
    path: '/job-function/',
    versionId: 'v20',
    document: doc(allow(['*:List*', '*:Describe*', 's3:ListAllMyBuckets'])),
  },
  SecurityAudit: {
    path: '/',
    versionId: 'v45',
    document: doc(
      allow([
        'access-analyzer:Get*',
        'access-analyzer:List*',
        'cloudtrail:Describe*',
        'cloudtrail:Get*',
        'config:Describe*',
        'config:Get*',
        'ec2:Describe*',
        'ec2:Get*',
        'guardduty:Get*',
        'guardduty:List*',
        'iam:Get*',
        'iam:List*',
        'iam:GenerateCredentialReport',
        'kms:Describe*',
        'kms:Get*',
        'kms:List*',
        'organizations:Describe*',
        'organizations:List*',
        's3:GetBucket*',
        's3:GetAccountPublicAccessBlock',
        's3:ListAllMyBuckets',
        'securityhub:Describe*',
        'securityhub:Get*',
        'sso:Describe*',
        'sso:List*',
      ]),
    ),
  },
  Billing: {
    path: '/job-function/',
    versionId: 'v9',
    document: doc(allow(['aws-portal:*', 'billing:*', 'ce:*', 'cur:*', 'budgets:*', 'tax:*'])),
  },
  AWSLambdaBasicExecutionRole: {
    path: '/service-role/',
    versionId: 'v1',
    document: doc(allow(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'])),
  },
};

/** The service-linked role policies: a scoped read/write of their own service. */
function serviceRolePolicy(name: string): ManagedPolicyDef {
  const service =
    /^AWS(?:Config|SecurityHub|Support|TrustedAdvisor|Organizations|CloudTrail|SSO|AccessAnalyzer|GuardDuty)/
      .exec(name)?.[0]
      .slice(3)
      .toLowerCase() ?? 'support';
  return {
    path: '/aws-service-role/',
    versionId: 'v3',
    document: doc(allow([`${service}:*`, 'iam:GetRole', 'organizations:Describe*'])),
  };
}

/** The definition of an AWS managed policy ARN (`arn:aws:iam::aws:policy/...`). */
export function awsManagedPolicy(arn: string): ManagedPolicyDef {
  const name = arn.split('/').pop() ?? arn;
  const known = KNOWN[name];
  if (known) return known;
  if (arn.includes(':policy/aws-service-role/')) return serviceRolePolicy(name);
  const path = arn.slice(arn.indexOf(':policy/') + 7, arn.length - name.length) || '/';
  return { path, versionId: 'v1', document: doc(allow(READ, { Sid: 'SimulatedPlaceholder' })) };
}
