/**
 * The behavioural case table of the guardrail library tests (library.test.ts): for every
 * guardrail, a bad parameter and the requests its rendered policy must (not) deny. Kept
 * under __fixtures__ so the build leaves it out, like the tests that use it.
 */

import { RCP_IDENTITY_ACTIONS, RCP_TLS_SERVICES } from '../library/data/rcp-services.js';

/** One request and whether the rendered policy must deny it. */
export interface Probe {
  name: string;
  action: string;
  resource?: string;
  context?: Record<string, string>;
  deny: boolean;
}

export interface Case {
  /** Parameters for the behavioural probes (defaults when absent). */
  with?: Record<string, unknown>;
  /** A bad value and the parameter path its message must name. */
  bad: [Record<string, unknown>, string];
  probes: Probe[];
}

export const ACCOUNT = '111122223333';
export const APP = `arn:aws:iam::${ACCOUNT}:role/app-deployer`;
const SECURITY = `arn:aws:iam::${ACCOUNT}:role/orgward-security-audit`;
export const PIPELINE = `arn:aws:iam::${ACCOUNT}:role/orgward-pipeline`;
export const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/orgward-break-glass`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const INSTANCE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const LOGS = 'arn:aws:s3:::example-org-log-archive';
const EU_PROFILES = 'arn:aws:bedrock:*:*:inference-profile/eu.*';
const EU_PROFILE = `arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/eu.anthropic.claude-v2`;
const BAD_ARN: [Record<string, unknown>, string] = [
  { exemptPrincipalArns: ['orgward-pipeline'] },
  'with.exemptPrincipalArns[0]',
];

export const as = (principal: string, context: Record<string, string> = {}) => ({
  'aws:PrincipalArn': principal,
  'aws:RequestedRegion': 'eu-west-1',
  ...context,
});

/** Probes for protect-<service>: the app role is denied, the security/pipeline roles are not. */
const serviceProbes = (action: string, harmless: string): Probe[] => [
  { name: `${action} by an application role`, action, context: as(APP), deny: true },
  { name: `${action} by the security role`, action, context: as(SECURITY), deny: false },
  { name: `${action} by the pipeline`, action, context: as(PIPELINE), deny: false },
  { name: `${action} by break-glass`, action, context: as(BREAK_GLASS), deny: false },
  { name: `${harmless} (read)`, action: harmless, context: as(APP), deny: false },
];

export const CASES: Readonly<Record<string, Case>> = {
  'deny-leave-organization': {
    bad: BAD_ARN,
    probes: [
      { name: 'leave', action: 'organizations:LeaveOrganization', context: as(APP), deny: true },
      {
        name: 'describe',
        action: 'organizations:DescribeOrganization',
        context: as(APP),
        deny: false,
      },
    ],
  },
  'deny-root-user': {
    bad: [{ allowAssumedRoot: 'yes' }, 'with.allowAssumedRoot'],
    probes: [
      { name: 'root lists buckets', action: 's3:ListAllMyBuckets', context: as(ROOT), deny: true },
      { name: 'root creates a key', action: 'iam:CreateAccessKey', context: as(ROOT), deny: true },
      {
        name: 'centralized root session',
        action: 's3:DeleteBucketPolicy',
        context: as(ROOT, { 'aws:AssumedRoot': 'true' }),
        deny: false,
      },
      { name: 'a role', action: 's3:ListAllMyBuckets', context: as(APP), deny: false },
    ],
  },
  'region-deny': {
    with: { bedrockInferenceProfileArns: [EU_PROFILES] },
    bad: [{ allowedRegions: ['eu-west-1', 'mars-1'] }, 'with.allowedRegions[1]'],
    probes: [
      {
        name: 'Bedrock invoked through an approved (EU) inference profile, routed to eu-north-1',
        action: 'bedrock:InvokeModel',
        context: as(APP, {
          'aws:RequestedRegion': 'eu-north-1',
          'bedrock:InferenceProfileArn': EU_PROFILE,
        }),
        deny: false,
      },
      {
        name: 'Bedrock invoked through another (US) inference profile outside the Regions',
        action: 'bedrock:InvokeModelWithResponseStream',
        context: as(APP, {
          'aws:RequestedRegion': 'us-east-1',
          'bedrock:InferenceProfileArn': `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-v2`,
        }),
        deny: true,
      },
      {
        name: 'Bedrock invoked directly (no inference profile) outside the Regions',
        action: 'bedrock:InvokeModel',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: true,
      },
      {
        name: 'other Bedrock actions stay Region-bound (not bedrock:*)',
        action: 'bedrock:CreateKnowledgeBase',
        context: as(APP, { 'aws:RequestedRegion': 'eu-north-1' }),
        deny: true,
      },
      {
        name: 'Bedrock invoked in a governed Region',
        action: 'bedrock:InvokeModel',
        context: as(APP),
        deny: false,
      },
      {
        name: 'break-glass invokes Bedrock directly outside the Regions',
        action: 'bedrock:InvokeModel',
        context: as(BREAK_GLASS, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
      {
        name: 'EC2 in an ungoverned Region',
        action: 'ec2:RunInstances',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: true,
      },
      {
        name: 'EC2 in a governed Region',
        action: 'ec2:RunInstances',
        context: as(APP),
        deny: false,
      },
      {
        name: 'IAM (global) from us-east-1',
        action: 'iam:CreateRole',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
      {
        name: 'account public access block from us-east-1',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
      {
        name: 'break-glass in an ungoverned Region',
        action: 'ec2:RunInstances',
        context: as(BREAK_GLASS, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
    ],
  },
  'protect-cloudtrail': {
    bad: BAD_ARN,
    probes: [
      ...serviceProbes('cloudtrail:StopLogging', 'cloudtrail:DescribeTrails'),
      { name: 'own trail', action: 'cloudtrail:CreateTrail', context: as(APP), deny: false },
    ],
  },
  'protect-config': {
    bad: BAD_ARN,
    probes: [
      ...serviceProbes('config:StopConfigurationRecorder', 'config:DescribeConfigRules'),
      { name: 'own rule', action: 'config:PutConfigRule', context: as(APP), deny: false },
    ],
  },
  'protect-guardduty': {
    bad: BAD_ARN,
    probes: serviceProbes('guardduty:DeleteDetector', 'guardduty:GetFindings'),
  },
  'protect-securityhub': {
    bad: BAD_ARN,
    probes: serviceProbes('securityhub:DisableSecurityHub', 'securityhub:GetFindings'),
  },
  'protect-access-analyzer': {
    bad: BAD_ARN,
    probes: serviceProbes('access-analyzer:DeleteAnalyzer', 'access-analyzer:ListFindings'),
  },
  'protect-macie': {
    bad: BAD_ARN,
    probes: serviceProbes('macie2:DisableMacie', 'macie2:GetFindings'),
  },
  'deny-iam-users': {
    bad: [{ includeServiceSpecificCredentials: 1 }, 'with.includeServiceSpecificCredentials'],
    probes: [
      { name: 'create user', action: 'iam:CreateUser', context: as(APP), deny: true },
      { name: 'create key', action: 'iam:CreateAccessKey', context: as(PIPELINE), deny: true },
      { name: 'break-glass', action: 'iam:CreateUser', context: as(BREAK_GLASS), deny: false },
      { name: 'create role', action: 'iam:CreateRole', context: as(APP), deny: false },
    ],
  },
  'protect-org-roles': {
    bad: [{ roleNames: ['bad/name'] }, 'with.roleNames[0]'],
    probes: [
      {
        name: 'backdoor the access role',
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'orgward role under a path',
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/platform/orgward-pipeline`,
        context: as(APP),
        deny: true,
      },
      {
        name: "orgward-* also covers any role under an '/orgward-' path ('*' spans '/')",
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/orgward-team/AnyName`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'a look-alike name',
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/not-orgward-x`,
        context: as(APP),
        deny: false,
      },
      {
        name: 'own role',
        action: 'iam:PutRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/app-role`,
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline updates',
        action: 'iam:PutRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/orgward-readonly`,
        context: as(PIPELINE),
        deny: false,
      },
    ],
  },
  'protect-log-archive': {
    bad: [{ bucketNames: ['Bad_Bucket'] }, 'with.bucketNames[0]'],
    probes: [
      {
        name: 'policy',
        action: 's3:PutBucketPolicy',
        resource: LOGS,
        context: as(APP),
        deny: true,
      },
      {
        name: 'object lock',
        action: 's3:PutBucketObjectLockConfiguration',
        resource: LOGS,
        context: as(APP),
        deny: true,
      },
      {
        name: 'delete a log file',
        action: 's3:DeleteObject',
        resource: `${LOGS}/AWSLogs/o-exampleorg1/x.json.gz`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'another bucket',
        action: 's3:PutBucketPolicy',
        resource: 'arn:aws:s3:::app-data',
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline',
        action: 's3:PutBucketPolicy',
        resource: LOGS,
        context: as(PIPELINE),
        deny: false,
      },
      {
        name: 'read',
        action: 's3:GetObject',
        resource: `${LOGS}/x`,
        context: as(APP),
        deny: false,
      },
    ],
  },
  'protect-kms-keys': {
    bad: [{ keyArns: ['key/1'] }, 'with.keyArns[0]'],
    probes: [
      {
        name: 'schedule deletion',
        action: 'kms:ScheduleKeyDeletion',
        resource: KEY,
        context: as(APP),
        deny: true,
      },
      {
        name: 'key policy',
        action: 'kms:PutKeyPolicy',
        resource: KEY,
        context: as(APP),
        deny: true,
      },
      {
        name: 'security role',
        action: 'kms:DisableKey',
        resource: KEY,
        context: as(SECURITY),
        deny: false,
      },
      { name: 'decrypt', action: 'kms:Decrypt', resource: KEY, context: as(APP), deny: false },
    ],
  },
  'require-s3-kms-encryption': {
    bad: [{ requireKms: false, denySseC: false }, 'with'],
    probes: [
      {
        name: 'SSE-S3 requested',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption': 'AES256' }),
        deny: true,
      },
      {
        name: 'SSE-KMS requested',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption': 'aws:kms' }),
        deny: false,
      },
      {
        name: 'no header (bucket default)',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP),
        deny: false,
      },
      {
        name: 'SSE-C',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption-customer-algorithm': 'AES256' }),
        deny: true,
      },
    ],
  },
  'protect-s3-block-public-access': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'account BPA',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(APP),
        deny: true,
      },
      {
        name: 'bucket BPA (CloudFormation)',
        action: 's3:PutBucketPublicAccessBlock',
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(PIPELINE),
        deny: false,
      },
    ],
  },
  'protect-ebs-default-encryption': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'disable',
        action: 'ec2:DisableEbsEncryptionByDefault',
        context: as(APP),
        deny: true,
      },
      { name: 'reset key', action: 'ec2:ResetEbsDefaultKmsKeyId', context: as(APP), deny: true },
      { name: 'enable', action: 'ec2:EnableEbsEncryptionByDefault', context: as(APP), deny: false },
    ],
  },
  'require-imdsv2': {
    bad: [{ maxHopLimit: 0 }, 'with.maxHopLimit'],
    probes: [
      {
        name: 'launch with IMDSv1 allowed',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'optional',
          'ec2:MetadataHttpPutResponseHopLimit': '1',
        }),
        deny: true,
      },
      {
        name: 'launch with IMDSv2 required',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'required',
          'ec2:MetadataHttpPutResponseHopLimit': '2',
        }),
        deny: false,
      },
      {
        name: 'launch with a large hop limit',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'required',
          'ec2:MetadataHttpPutResponseHopLimit': '5',
        }),
        deny: true,
      },
      {
        name: 'change metadata options',
        action: 'ec2:ModifyInstanceMetadataOptions',
        resource: INSTANCE,
        context: as(APP),
        deny: true,
      },
      {
        name: 'IMDSv1 credentials',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 'ec2:RoleDelivery': '1.0' }),
        deny: true,
      },
      {
        name: 'IMDSv2 credentials',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 'ec2:RoleDelivery': '2.0' }),
        deny: false,
      },
    ],
  },
  'protect-vpc-flow-logs': {
    bad: BAD_ARN,
    probes: [
      { name: 'delete', action: 'ec2:DeleteFlowLogs', context: as(APP), deny: true },
      { name: 'create', action: 'ec2:CreateFlowLogs', context: as(APP), deny: false },
    ],
  },
  'deny-default-vpc': {
    bad: BAD_ARN,
    probes: [
      { name: 'default VPC', action: 'ec2:CreateDefaultVpc', context: as(PIPELINE), deny: true },
      { name: 'a VPC', action: 'ec2:CreateVpc', context: as(APP), deny: false },
    ],
  },
  'deny-external-ram-sharing': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'external share',
        action: 'ram:CreateResourceShare',
        context: as(APP, { 'ram:RequestedAllowsExternalPrincipals': 'true' }),
        deny: true,
      },
      {
        name: 'org-only share',
        action: 'ram:CreateResourceShare',
        context: as(APP, { 'ram:RequestedAllowsExternalPrincipals': 'false' }),
        deny: false,
      },
    ],
  },
  'rcp-org-identity-perimeter': {
    with: { trustedAccountIds: ['444455556666'] },
    bad: [{ services: ['ec2'] }, 'with.services[0]'],
    probes: [
      {
        name: 'outside principal',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalOrgID': 'o-otherorg99',
          'aws:PrincipalAccount': '999988887777',
          'aws:PrincipalIsAWSService': 'false',
        },
        deny: true,
      },
      {
        name: 'principal without an organization',
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`,
        context: { 'aws:PrincipalAccount': '999988887777', 'aws:PrincipalIsAWSService': 'false' },
        deny: true,
      },
      {
        name: 'organization principal',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalOrgID': 'o-exampleorg1',
          'aws:PrincipalAccount': ACCOUNT,
          'aws:PrincipalIsAWSService': 'false',
        },
        deny: false,
      },
      {
        name: 'trusted third party',
        action: 'kms:Decrypt',
        resource: KEY,
        context: { 'aws:PrincipalAccount': '444455556666', 'aws:PrincipalIsAWSService': 'false' },
        deny: false,
      },
      {
        name: 'AWS service on its own behalf',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:PrincipalIsAWSService': 'true' },
        deny: false,
      },
      {
        name: 'AWS service for another organization',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceAccount': '999988887777',
          'aws:SourceOrgID': 'o-otherorg99',
        },
        deny: true,
      },
      {
        name: 'AWS service for this organization',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceAccount': ACCOUNT,
          'aws:SourceOrgID': 'o-exampleorg1',
        },
        deny: false,
      },
      {
        name: 'web identity federation (not covered)',
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: `arn:aws:iam::${ACCOUNT}:role/ci`,
        context: { 'aws:PrincipalIsAWSService': 'false' },
        deny: false,
      },
    ],
  },
  'rcp-enforce-tls': {
    bad: [{ services: ['s3', 'ec2'] }, 'with.services[1]'],
    probes: [
      {
        name: 'plain HTTP',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:SecureTransport': 'false' },
        deny: true,
      },
      {
        name: 'TLS',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:SecureTransport': 'true' },
        deny: false,
      },
    ],
  },
};

/**
 * Parameters that make each guardrail emit everything it can (beyond its defaults); the
 * lint and IAM-reference tests render each guardrail with these as well as with defaults.
 */
export const WIDEST: Readonly<Record<string, Record<string, unknown>>> = {
  'deny-root-user': { allowedActions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy'] },
  'region-deny': {
    allowedRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
    additionalGlobalActions: ['account:*'],
    bedrockInferenceProfileArns: [
      EU_PROFILES,
      'arn:aws:bedrock:*:111122223333:application-inference-profile/*',
    ],
  },
  'protect-org-roles': { roleNames: ['OrganizationAccountAccessRole', 'orgward-*', 'platform-?'] },
  'protect-s3-block-public-access': { includeBucketLevel: true },
  'require-s3-kms-encryption': { allowedKmsKeyArns: ['arn:aws:kms:*:111122223333:key/*'] },
  'rcp-org-identity-perimeter': {
    services: Object.keys(RCP_IDENTITY_ACTIONS),
    trustedAccountIds: ['444455556666'],
    honorExclusionTag: true,
  },
  'rcp-enforce-tls': { services: [...RCP_TLS_SERVICES] },
};

/** The role Control Tower provisions and repairs accounts as (in one member account). */
export const CONTROL_TOWER = `arn:aws:iam::${ACCOUNT}:role/AWSControlTowerExecution`;
