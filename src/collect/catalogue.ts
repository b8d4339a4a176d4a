/**
 * Every collector and the AWS API operations it calls, as data. The collectors implement
 * exactly these; the simulator (`src/sim/aws.ts`) answers exactly these; a test keeps the
 * three in step. Operations are `service:Operation` with the IAM service prefix.
 */
export interface CatalogueEntry {
  id: string;
  scope: 'organization' | 'account' | 'region';
  /** Snapshot section written. */
  section: string;
  apis: readonly string[];
  /**
   * IAM actions the calls need besides their own (the collection role's policy grants
   * them), where AWS documents one: cloudformation:DescribeStacks without a stack name also
   * needs cloudformation:ListStacks.
   */
  permissions?: readonly string[];
  /** Why it is read, for docs/collect.md. */
  purpose: string;
}

export const COLLECTOR_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'organizations.structure',
    scope: 'organization',
    section: 'organization',
    apis: [
      'organizations:DescribeOrganization',
      'organizations:ListRoots',
      'organizations:ListOrganizationalUnitsForParent',
      'organizations:ListAccountsForParent',
      'organizations:ListPolicies',
      'organizations:DescribePolicy',
      'organizations:ListTargetsForPolicy',
      'organizations:ListDelegatedAdministrators',
      'organizations:ListDelegatedServicesForAccount',
      'organizations:ListAWSServiceAccessForOrganization',
      'organizations:ListTagsForResource',
    ],
    purpose:
      'OU tree, accounts and status, policies of every type with content and targets, tags of OUs and customer-managed policies, delegated administrators, trusted access',
  },
  {
    id: 'sso.identity-center',
    scope: 'organization',
    section: 'identityCenter',
    apis: [
      'sso:ListInstances',
      'sso:ListPermissionSets',
      'sso:DescribePermissionSet',
      'sso:ListManagedPoliciesInPermissionSet',
      'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
      'sso:GetInlinePolicyForPermissionSet',
      'sso:GetPermissionsBoundaryForPermissionSet',
      'sso:ListAccountsForProvisionedPermissionSet',
      'sso:ListAccountAssignments',
    ],
    purpose: 'permission sets and account assignments',
  },
  {
    id: 'account.regions',
    scope: 'account',
    section: 'enabledRegions',
    apis: ['account:ListRegions'],
    purpose: 'which Regions are enabled, so opted-out Regions are skipped and reported',
  },
  {
    id: 'iam.authorization-details',
    scope: 'account',
    section: 'iam',
    apis: ['iam:GetAccountAuthorizationDetails'],
    purpose:
      'users, groups, roles (trust policies, last used), managed policies (default versions), inline policies, boundaries',
  },
  {
    id: 'iam.account-settings',
    scope: 'account',
    section: 'passwordPolicy',
    apis: ['iam:GetAccountPasswordPolicy', 'iam:GetAccountSummary'],
    purpose: 'password policy; root MFA and root access keys (summary map)',
  },
  {
    id: 'iam.identity-providers',
    scope: 'account',
    section: 'samlProviders',
    apis: [
      'iam:ListSAMLProviders',
      'iam:ListOpenIDConnectProviders',
      'iam:GetOpenIDConnectProvider',
    ],
    purpose: 'federation into the account (SAML and OIDC, e.g. GitHub Actions)',
  },
  {
    id: 'iam.access-keys',
    scope: 'account',
    section: 'accessKeys',
    apis: ['iam:ListUsers', 'iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
    purpose: 'access key metadata and last use (never the secret)',
  },
  {
    id: 's3.account-public-access-block',
    scope: 'account',
    section: 's3AccountPublicAccessBlock',
    apis: ['s3:GetAccountPublicAccessBlock'],
    purpose: 'account-level S3 Block Public Access',
  },
  {
    id: 's3.buckets',
    scope: 'account',
    section: 's3Buckets',
    apis: [
      's3:ListAllMyBuckets',
      's3:GetBucketPolicy',
      's3:GetBucketPublicAccessBlock',
      's3:GetBucketOwnershipControls',
      's3:GetEncryptionConfiguration',
      's3:GetBucketVersioning',
      's3:GetBucketObjectLockConfiguration',
      's3:GetBucketLogging',
    ],
    purpose: 'bucket policies and the settings that decide public access, encryption and retention',
  },
  {
    id: 'kms.keys',
    scope: 'region',
    section: 'kmsKeys',
    apis: [
      'kms:ListKeys',
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListAliases',
    ],
    purpose: 'key policies, rotation and state',
  },
  {
    id: 'sns.topics',
    scope: 'region',
    section: 'snsTopics',
    apis: ['sns:ListTopics', 'sns:GetTopicAttributes'],
    purpose: 'topic policies',
  },
  {
    id: 'sqs.queues',
    scope: 'region',
    section: 'sqsQueues',
    apis: ['sqs:ListQueues', 'sqs:GetQueueAttributes'],
    purpose: 'queue policies',
  },
  {
    id: 'secretsmanager.secrets',
    scope: 'region',
    section: 'secrets',
    apis: ['secretsmanager:ListSecrets', 'secretsmanager:GetResourcePolicy'],
    purpose: 'secret resource policies (never the value)',
  },
  {
    id: 'lambda.functions',
    scope: 'region',
    section: 'lambdaFunctions',
    apis: ['lambda:ListFunctions', 'lambda:GetPolicy'],
    purpose: 'function resource policies and execution roles',
  },
  {
    id: 'ecr.repositories',
    scope: 'region',
    section: 'ecrRepositories',
    apis: ['ecr:DescribeRepositories', 'ecr:GetRepositoryPolicy'],
    purpose: 'repository policies',
  },
  {
    id: 'cloudtrail.trails',
    scope: 'region',
    section: 'trails',
    apis: [
      'cloudtrail:DescribeTrails',
      'cloudtrail:GetTrailStatus',
      'cloudtrail:GetEventSelectors',
      'cloudtrail:GetInsightSelectors',
    ],
    purpose: 'trails whose home is this Region, with logging status and selectors',
  },
  {
    id: 'config.recording',
    scope: 'region',
    section: 'config',
    apis: [
      'config:DescribeConfigurationRecorders',
      'config:DescribeConfigurationRecorderStatus',
      'config:DescribeDeliveryChannels',
      'config:DescribeConfigurationAggregators',
      'config:DescribeConfigRules',
    ],
    purpose: 'recorders and their status, delivery channels, aggregators, rules',
  },
  {
    id: 'guardduty.detectors',
    scope: 'region',
    section: 'guardDuty',
    apis: [
      'guardduty:ListDetectors',
      'guardduty:GetDetector',
      'guardduty:GetAdministratorAccount',
      'guardduty:ListMembers',
      'guardduty:DescribeOrganizationConfiguration',
    ],
    purpose: 'detectors and protection plans, administrator, members, organization auto-enable',
  },
  {
    id: 'securityhub.hub',
    scope: 'region',
    section: 'securityHub',
    apis: [
      'securityhub:DescribeHub',
      'securityhub:GetEnabledStandards',
      'securityhub:GetAdministratorAccount',
    ],
    purpose: 'hub, enabled standards, administrator',
  },
  {
    id: 'access-analyzer.analyzers',
    scope: 'region',
    section: 'accessAnalyzers',
    apis: ['access-analyzer:ListAnalyzers'],
    purpose: 'analyzers (account and organization)',
  },
  {
    id: 'ec2.network',
    scope: 'region',
    section: 'ec2',
    apis: [
      'ec2:DescribeVpcs',
      'ec2:DescribeSecurityGroups',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeFlowLogs',
      'ec2:GetEbsEncryptionByDefault',
      'ec2:GetEbsDefaultKmsKeyId',
      'ec2:GetInstanceMetadataDefaults',
      'ec2:GetSnapshotBlockPublicAccessState',
    ],
    purpose:
      'default VPCs, security group and NACL rules, flow logs, EBS default encryption, IMDS defaults, snapshot block public access',
  },
  {
    id: 'cloudformation.stacks',
    scope: 'region',
    section: 'cloudFormation',
    apis: ['cloudformation:DescribeStacks'],
    permissions: ['cloudformation:ListStacks'],
    purpose:
      "stacks (deleted ones left out) with status, last update and drift status, and orgward's unit and content-hash outputs; no other output value is kept. DescribeStacks without a stack name also needs the cloudformation:ListStacks permission",
  },
];

/** Operations the engine itself calls (credentials), answered by the simulator too. */
export const ENGINE_APIS: readonly string[] = ['sts:GetCallerIdentity', 'sts:AssumeRole'];

/**
 * The catalogue entry a collector implements, to spread into its definition, so that a
 * collector's id, scope, section and API list are written once, here.
 */
export function fromCatalogue(
  id: string,
): Pick<CatalogueEntry, 'id' | 'scope' | 'section' | 'apis'> {
  const e = COLLECTOR_CATALOGUE.find((x) => x.id === id);
  if (!e) throw new Error(`no collector '${id}' in the catalogue`);
  return { id: e.id, scope: e.scope, section: e.section, apis: e.apis };
}
