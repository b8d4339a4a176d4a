/**
 * CIS AWS Foundations Benchmark v7.0.0 section 5 (monitoring): the CloudWatch Logs
 * metric filters and alarms on the organization trail's log group, one row per
 * recommendation that is a metric filter (5.1-5.15; 5.16 "Security Hub is enabled" is
 * not). Patterns are the benchmark's own (unchanged since v1.5 apart from numbering,
 * and the ones Security Hub's CloudWatch.1-14 controls and Prowler look for), written
 * with explicit parentheses where the benchmark relies on `&&` binding tighter than `||`.
 */

/** One CIS monitoring recommendation implemented as a metric filter and an alarm. */
export interface CisMetricAlarm {
  /** CIS AWS Foundations v7.0.0 recommendation id (section 5). */
  cis: string;
  /** kebab-case slug; names the filter, metric and alarm. */
  slug: string;
  /** The recommendation's short title. */
  title: string;
  /** CloudWatch Logs filter pattern over CloudTrail JSON records. */
  pattern: string;
  /** How urgent an alarm is (shown in the alarm description). */
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
}

/** `($.eventName = A) || ($.eventName = B) ...` for a list of API names. */
function anyEvent(names: readonly string[], quoted = false): string {
  return names.map((n) => `($.eventName = ${quoted ? `"${n}"` : n})`).join(' || ');
}

/** Every CIS 5.x metric filter, in benchmark order. */
export const CIS_METRIC_ALARMS: readonly CisMetricAlarm[] = [
  {
    cis: '5.1',
    slug: 'unauthorized-api-calls',
    title: 'Unauthorized API calls',
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    severity: 'LOW',
  },
  {
    cis: '5.2',
    slug: 'console-signin-without-mfa',
    title: 'Management console sign-in without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    severity: 'HIGH',
  },
  {
    cis: '5.3',
    slug: 'root-usage',
    title: "Usage of the 'root' user",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    severity: 'CRITICAL',
  },
  {
    cis: '5.4',
    slug: 'iam-policy-changes',
    title: 'IAM policy changes',
    pattern: `{ ($.eventSource = iam.amazonaws.com) && (${anyEvent([
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ])}) }`,
    severity: 'MEDIUM',
  },
  {
    cis: '5.5',
    slug: 'cloudtrail-config-changes',
    title: 'CloudTrail configuration changes',
    pattern: `{ ${anyEvent(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])} }`,
    severity: 'HIGH',
  },
  {
    cis: '5.6',
    slug: 'console-auth-failures',
    title: 'Management console authentication failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    severity: 'MEDIUM',
  },
  {
    cis: '5.7',
    slug: 'cmk-disable-or-deletion',
    title: 'Disabling or scheduled deletion of customer managed keys',
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(['DisableKey', 'ScheduleKeyDeletion'])}) }`,
    severity: 'HIGH',
  },
  {
    cis: '5.8',
    slug: 's3-bucket-policy-changes',
    title: 'S3 bucket policy changes',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent([
      'PutBucketAcl',
      'PutBucketPolicy',
      'PutBucketCors',
      'PutBucketLifecycle',
      'PutBucketReplication',
      'DeleteBucketPolicy',
      'DeleteBucketCors',
      'DeleteBucketLifecycle',
      'DeleteBucketReplication',
    ])}) }`,
    severity: 'MEDIUM',
  },
  {
    cis: '5.9',
    slug: 'config-changes',
    title: 'AWS Config configuration changes',
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent([
      'StopConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'PutConfigurationRecorder',
    ])}) }`,
    severity: 'HIGH',
  },
  {
    cis: '5.10',
    slug: 'security-group-changes',
    title: 'Security group changes',
    pattern: `{ ${anyEvent([
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ])} }`,
    severity: 'LOW',
  },
  {
    cis: '5.11',
    slug: 'nacl-changes',
    title: 'Network ACL changes',
    pattern: `{ ${anyEvent([
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ])} }`,
    severity: 'LOW',
  },
  {
    cis: '5.12',
    slug: 'network-gateway-changes',
    title: 'Network gateway changes',
    pattern: `{ ${anyEvent([
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ])} }`,
    severity: 'MEDIUM',
  },
  {
    cis: '5.13',
    slug: 'route-table-changes',
    title: 'Route table changes',
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent([
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ])}) }`,
    severity: 'LOW',
  },
  {
    cis: '5.14',
    slug: 'vpc-changes',
    title: 'VPC changes',
    pattern: `{ ${anyEvent([
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ])} }`,
    severity: 'LOW',
  },
  {
    cis: '5.15',
    slug: 'organizations-changes',
    title: 'AWS Organizations changes',
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent(
      [
        'AcceptHandshake',
        'AttachPolicy',
        'CreateAccount',
        'CreateOrganizationalUnit',
        'CreatePolicy',
        'DeclineHandshake',
        'DeleteOrganization',
        'DeleteOrganizationalUnit',
        'DeletePolicy',
        'DetachPolicy',
        'DisablePolicyType',
        'EnablePolicyType',
        'InviteAccountToOrganization',
        'LeaveOrganization',
        'MoveAccount',
        'RemoveAccountFromOrganization',
        'UpdatePolicy',
        'UpdateOrganizationalUnit',
      ],
      true,
    )}) }`,
    severity: 'HIGH',
  },
];

/** Namespace of the CIS metrics. */
export const CIS_METRIC_NAMESPACE = 'orgward/CISBenchmark';
