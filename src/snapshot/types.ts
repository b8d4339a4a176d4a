/**
 * The snapshot: one faithful, read-only picture of a live AWS organization, as `collect`
 * reads it through the SDK, `snapshot import` builds it from AWS CLI output, or the
 * simulator (`src/sim`) generates it. Every analysis (verify, access, plan) is a pure
 * function of a blueprint and a snapshot.
 *
 * Conventions:
 * - Field names follow the AWS API's own names in camelCase, so a reader of the API
 *   reference recognises them; times are ISO 8601 strings.
 * - Policy documents are parsed JSON objects (decoded once, whether the API returned them
 *   URL-encoded, as IAM does, or as strings).
 * - A section that could not be read is absent (or null where "none" is meaningful, e.g.
 *   no password policy), and a {@link CoverageGap} says why. Absent never means "fine".
 * - No secret value is ever stored: no access key secrets, no secret values, no
 *   parameters, no tokens. Only metadata and resource policies.
 */

/** Bump when the format changes incompatibly; readers reject other versions. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** A policy document as parsed JSON. */
export type PolicyDocument = Record<string, unknown>;

/** The whole snapshot. */
export interface Snapshot {
  /** Always `orgward-snapshot`, to recognise the file. */
  kind: 'orgward-snapshot';
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** When collection started (ISO 8601). */
  takenAt: string;
  source: SnapshotSource;
  partition: string;
  /** Absent when the organization could not be read (e.g. a single-account import). */
  organization?: OrganizationSnapshot;
  identityCenter?: IdentityCenterSnapshot;
  /** Per AWS account id. */
  accounts: Record<string, AccountSnapshot>;
  /** Everything that could not be read, and why. */
  coverage: CoverageGap[];
  /** Which API produced each section, keyed by section path (see {@link Provenance}). */
  provenance: Provenance[];
}

/** How the snapshot was made. */
export interface SnapshotSource {
  tool: 'orgward';
  toolVersion: string;
  method: 'collect' | 'import' | 'sim' | 'merge';
  /** The principal that collected it (ARN), when known. */
  principalArn?: string;
  /** Set when this is one shard of a split collection. */
  shard?: { index: number; count: number };
  regions: string[];
}

/** What could not be read: an account, a region or an API, with the error. */
export interface CoverageGap {
  accountId?: string;
  region?: string;
  /** Service prefix and operation, e.g. `iam:GetAccountAuthorizationDetails`. */
  api: string;
  /** AWS error code (AccessDenied, OptInRequired, ...) or a short reason. */
  code: string;
  message: string;
  /** What the gap means for analysis: the section left out. */
  section: string;
}

/** Where a section of the snapshot came from. */
export interface Provenance {
  /** Section path, e.g. `accounts.111122223333.regions.eu-west-1.kms`. */
  section: string;
  /** The API operations read, e.g. `kms:ListKeys`, `kms:GetKeyPolicy`. */
  apis: string[];
  /** When the section was read (ISO 8601); for an import, the input file's modification time. */
  at: string;
  /** For `snapshot import`: the AWS CLI commands and the files their output was read from. */
  inputs?: { command: string; file: string }[];
}

// ---------------------------------------------------------------------------------------
// Organization

/** AWS Organizations as read from the management (or a delegated) account. */
export interface OrganizationSnapshot {
  id: string;
  arn: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  managementAccountId: string;
  managementAccountEmail?: string;
  root: { id: string; arn: string; name: string; policyTypes: { type: string; status: string }[] };
  organizationalUnits: {
    id: string;
    arn: string;
    name: string;
    parentId: string;
    /** From ListTagsForResource (`{}`: none); absent when they could not be read (a gap says so). */
    tags?: Record<string, string>;
  }[];
  accounts: OrgAccount[];
  policies: OrgPolicySnapshot[];
  delegatedAdministrators: {
    accountId: string;
    servicePrincipal: string;
    delegationEnabledDate?: string;
  }[];
  /** Service principals with trusted access. */
  trustedServices: string[];
}

/** One account as AWS Organizations lists it. */
export interface OrgAccount {
  id: string;
  arn: string;
  name: string;
  email: string;
  /** ACTIVE, SUSPENDED or PENDING_CLOSURE (the newer State field when present). */
  status: string;
  joinedMethod?: string;
  joinedTimestamp?: string;
  /**
   * Root or OU id. Empty when unknown: an import given only `list-accounts` output (no
   * `list-accounts-for-parent`); a coverage gap then says so.
   */
  parentId: string;
  tags?: Record<string, string>;
}

/** An organization policy with its content and where it is attached. */
export interface OrgPolicySnapshot {
  id: string;
  arn: string;
  name: string;
  description: string;
  /** API name: SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY, TAG_POLICY, ... */
  type: string;
  awsManaged: boolean;
  /** Parsed content (JSON for every policy type). */
  content: PolicyDocument;
  /** Root, OU and account ids the policy is attached to. */
  targets: string[];
  /**
   * Customer-managed policies: from ListTagsForResource (`{}`: none); absent for AWS-managed
   * policies (not read) and when they could not be read (a gap says so).
   */
  tags?: Record<string, string>;
}

/** IAM Identity Center: permission sets and account assignments. */
export interface IdentityCenterSnapshot {
  instanceArn: string;
  identityStoreId: string;
  permissionSets: {
    arn: string;
    name: string;
    description?: string;
    sessionDuration?: string;
    managedPolicies: string[];
    customerManagedPolicies: { name: string; path?: string }[];
    inlinePolicy?: PolicyDocument;
    permissionsBoundary?: {
      managedPolicyArn?: string;
      customerManagedPolicy?: { name: string; path?: string };
    };
    /** Accounts the permission set is provisioned to. */
    provisionedTo: string[];
  }[];
  assignments: {
    accountId: string;
    permissionSetArn: string;
    principalType: 'USER' | 'GROUP';
    principalId: string;
  }[];
}

// ---------------------------------------------------------------------------------------
// Account

/** Everything read inside one member account. */
export interface AccountSnapshot {
  accountId: string;
  /** Regions enabled for the account (opted-in ones included) when known. */
  enabledRegions?: string[];
  iam?: IamSnapshot;
  /** Null when the account has no password policy (NoSuchEntity). */
  passwordPolicy?: Record<string, unknown> | null;
  /** GetAccountSummary's SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, ...). */
  accountSummary?: Record<string, number>;
  samlProviders?: { arn: string; validUntil?: string; createDate?: string }[];
  oidcProviders?: { arn: string; url?: string; clientIds: string[]; thumbprints: string[] }[];
  /** Access key metadata and last use; never the secret. */
  accessKeys?: AccessKeyMeta[];
  /** Account-level S3 Block Public Access; null when not configured. */
  s3AccountPublicAccessBlock?: PublicAccessBlock | null;
  s3Buckets?: S3Bucket[];
  /** Per region. */
  regions: Record<string, RegionSnapshot>;
}

/** The IAM authorization details of one account (GetAccountAuthorizationDetails). */
export interface IamSnapshot {
  users: IamUser[];
  groups: IamGroup[];
  roles: IamRole[];
  /** Managed policies in use or defined in the account (customer and AWS managed). */
  policies: IamManagedPolicy[];
}

/** An inline policy. */
export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

/** An IAM user. */
export interface IamUser {
  arn: string;
  userName: string;
  userId: string;
  path: string;
  createDate?: string;
  groups: string[];
  attachedPolicies: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundary?: string;
  tags: Record<string, string>;
  /** From the credential report or login profile: whether console sign-in is enabled. */
  hasConsolePassword?: boolean;
  mfaDevices?: string[];
}

/** An IAM group. */
export interface IamGroup {
  arn: string;
  groupName: string;
  groupId: string;
  path: string;
  attachedPolicies: string[];
  inlinePolicies: InlinePolicy[];
}

/** An IAM role with its trust policy. */
export interface IamRole {
  arn: string;
  roleName: string;
  roleId: string;
  path: string;
  createDate?: string;
  trustPolicy: PolicyDocument;
  attachedPolicies: string[];
  inlinePolicies: InlinePolicy[];
  permissionsBoundary?: string;
  maxSessionDuration?: number;
  lastUsed?: { date?: string; region?: string };
  tags: Record<string, string>;
  instanceProfiles: string[];
}

/** A managed policy with its default version's document. */
export interface IamManagedPolicy {
  arn: string;
  policyName: string;
  path: string;
  defaultVersionId: string;
  attachmentCount: number;
  isAttachable: boolean;
  /** The default version's document. */
  document: PolicyDocument;
  awsManaged: boolean;
}

/** Access key metadata: never the secret access key. */
export interface AccessKeyMeta {
  userName: string;
  accessKeyId: string;
  status: string;
  createDate?: string;
  lastUsed?: { date?: string; serviceName?: string; region?: string };
}

/** S3 Block Public Access settings. */
export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

/** An S3 bucket and the settings access analysis and CIS need. */
export interface S3Bucket {
  name: string;
  region: string;
  arn: string;
  policy?: PolicyDocument | null;
  publicAccessBlock?: PublicAccessBlock | null;
  ownership?: string | null;
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean }[] | null;
  versioning?: { status?: string; mfaDelete?: string };
  objectLock?: { enabled: boolean; mode?: string; days?: number; years?: number } | null;
  logging?: { targetBucket: string; targetPrefix?: string } | null;
}

// ---------------------------------------------------------------------------------------
// Region

/** Everything read in one account and region. */
export interface RegionSnapshot {
  kmsKeys?: KmsKeySnapshot[];
  snsTopics?: { arn: string; policy?: PolicyDocument }[];
  sqsQueues?: { url: string; arn: string; policy?: PolicyDocument }[];
  /** Secrets Manager: name, ARN and resource policy only; never the value. */
  secrets?: { arn: string; name: string; policy?: PolicyDocument; kmsKeyId?: string }[];
  lambdaFunctions?: { name: string; arn: string; policy?: PolicyDocument; role?: string }[];
  ecrRepositories?: { name: string; arn: string; policy?: PolicyDocument }[];
  trails?: TrailSnapshot[];
  config?: ConfigSnapshot;
  guardDuty?: GuardDutySnapshot;
  /** Null when Security Hub is not enabled in the region. */
  securityHub?: SecurityHubSnapshot | null;
  accessAnalyzers?: { name: string; arn: string; type: string; status: string }[];
  ec2?: Ec2Snapshot;
  /** CloudFormation stacks (what deploy and the plan compare against). */
  cloudFormation?: { stacks: DeployedStack[] };
}

/**
 * A CloudFormation stack as DescribeStacks lists it. orgward's own stacks (and the
 * instances of its StackSets) carry the `OrgwardUnit` and `OrgwardHash` outputs, read
 * here so the plan knows what is deployed where without a state file.
 */
export interface DeployedStack {
  stackName: string;
  stackId: string;
  /** CREATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, ... */
  stackStatus: string;
  /** LastUpdatedTime, else CreationTime (a stack never updated). */
  lastUpdatedTime?: string;
  /**
   * DriftInformation.StackDriftStatus as DescribeStacks gives it: DRIFTED, IN_SYNC, UNKNOWN,
   * or NOT_CHECKED (no drift detection has run since the stack was last changed).
   */
  driftStatus?: string;
  /** The orgward unit id, from the OrgwardUnit output. */
  unit?: string;
  /** The deployed template's content hash, from the OrgwardHash output. */
  hash?: string;
}

/** A KMS key. */
export interface KmsKeySnapshot {
  keyId: string;
  arn: string;
  /** `AWS` or `CUSTOMER`. */
  keyManager: string;
  keyState: string;
  keySpec?: string;
  keyUsage?: string;
  multiRegion?: boolean;
  rotationEnabled?: boolean;
  rotationPeriodInDays?: number;
  policy?: PolicyDocument;
  aliases: string[];
}

/** A CloudTrail trail with its status and selectors. */
export interface TrailSnapshot {
  name: string;
  arn: string;
  homeRegion: string;
  isMultiRegionTrail: boolean;
  isOrganizationTrail: boolean;
  includeGlobalServiceEvents: boolean;
  logFileValidationEnabled: boolean;
  s3BucketName?: string;
  s3KeyPrefix?: string;
  kmsKeyId?: string;
  cloudWatchLogsLogGroupArn?: string;
  snsTopicArn?: string;
  status?: { isLogging: boolean; latestDeliveryError?: string; latestDeliveryTime?: string };
  eventSelectors?: unknown[];
  advancedEventSelectors?: unknown[];
  insightSelectors?: string[];
}

/** AWS Config in one region. */
export interface ConfigSnapshot {
  recorders: {
    name: string;
    roleArn?: string;
    allSupported?: boolean;
    includeGlobalResourceTypes?: boolean;
    recordingFrequency?: string;
    recording?: boolean;
    lastStatus?: string;
  }[];
  deliveryChannels: {
    name: string;
    s3BucketName?: string;
    snsTopicArn?: string;
    frequency?: string;
  }[];
  aggregators: {
    name: string;
    arn: string;
    organizationWide: boolean;
    accountIds: string[];
    regions: string[];
    allRegions: boolean;
  }[];
  rules: { name: string; arn: string; source: string; identifier?: string; state?: string }[];
}

/** GuardDuty in one region. */
export interface GuardDutySnapshot {
  detectors: {
    id: string;
    /** `ENABLED` or `DISABLED`. */
    status: string;
    findingPublishingFrequency?: string;
    features: { name: string; status: string }[];
  }[];
  administrator?: { accountId: string; relationshipStatus?: string } | null;
  /** Member accounts (read in the administrator account). */
  members?: { accountId: string; relationshipStatus: string }[];
  /** Organization auto-enable (read in the administrator account). */
  organizationAutoEnable?: string;
}

/** Security Hub in one region. */
export interface SecurityHubSnapshot {
  hubArn: string;
  autoEnableControls?: boolean;
  standards: { standardsArn: string; subscriptionArn: string; status: string }[];
  administrator?: { accountId: string; status?: string } | null;
}

/** EC2 network and instance-defaults settings in one region. */
export interface Ec2Snapshot {
  vpcs: { vpcId: string; isDefault: boolean; cidrBlock?: string }[];
  securityGroups: {
    groupId: string;
    groupName: string;
    vpcId?: string;
    ingress: IpPermission[];
    egress: IpPermission[];
  }[];
  networkAcls: {
    networkAclId: string;
    vpcId?: string;
    isDefault: boolean;
    entries: {
      ruleNumber: number;
      egress: boolean;
      protocol: string;
      ruleAction: string;
      cidrBlock?: string;
      ipv6CidrBlock?: string;
      portRange?: { from?: number; to?: number };
    }[];
  }[];
  flowLogs: {
    flowLogId: string;
    resourceId: string;
    trafficType?: string;
    logDestinationType?: string;
    status?: string;
  }[];
  ebsEncryptionByDefault?: boolean;
  ebsDefaultKmsKeyId?: string;
  /** Account-level instance metadata defaults (GetInstanceMetadataDefaults). */
  imdsDefaults?: { httpTokens?: string; httpPutResponseHopLimit?: number; httpEndpoint?: string };
  /** GetSnapshotBlockPublicAccessState: block-all-sharing, block-new-sharing or unblocked. */
  snapshotBlockPublicAccess?: string;
}

/** One security group rule set, as EC2 returns it. */
export interface IpPermission {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  groupPairs: string[];
}
