/**
 * Actions that region-deny must never deny, because the services are global (their
 * requests arrive in us-east-1 or another fixed Region whatever the caller's Region) or
 * because consoles call them from any Region.
 *
 * Source: AWS's example SCP "Deny access to AWS based on the requested AWS Region"
 * (aws-samples/service-control-policy-examples, Region-controls), as of commit 35a50b0.
 * Kept as data, grouped by reason, so a change in AWS's list is a one-line diff.
 */
export const REGION_DENY_GLOBAL_ACTIONS: readonly {
  readonly reason: string;
  readonly actions: readonly string[];
}[] = [
  {
    reason: 'identity, organization and access (global endpoints)',
    actions: ['iam:*', 'organizations:*', 'sts:*', 'kms:*'],
  },
  {
    reason: 'billing, cost and support',
    actions: [
      'aws-portal:*',
      'budgets:*',
      'ce:*',
      'cur:*',
      'pricing:*',
      'support:*',
      'trustedadvisor:*',
      'aws-marketplace:*',
      'aws-marketplace-management:*',
    ],
  },
  {
    reason: 'edge and DNS services',
    actions: [
      'cloudfront:*',
      'globalaccelerator:*',
      'route53:*',
      'route53domains:*',
      'route53-recovery-cluster:*',
      'route53-recovery-control-config:*',
      'route53-recovery-readiness:*',
      'shield:*',
      'waf:*',
      'waf-regional:*',
      'wafv2:*',
      'acm:*',
    ],
  },
  {
    reason: 'networking with a global control plane',
    actions: [
      'directconnect:*',
      'networkmanager:*',
      'ec2:DescribeRegions',
      'ec2:DescribeTransitGateways',
      'ec2:DescribeVpnGateways',
    ],
  },
  {
    reason: 'account-wide S3 settings and listings',
    actions: [
      's3:GetAccountPublic*',
      's3:PutAccountPublic*',
      's3:ListAllMyBuckets',
      's3:ListMultiRegionAccessPoints',
    ],
  },
  {
    reason: 'governance and health services called from any Region',
    actions: ['config:*', 'fms:*', 'health:*', 'wellarchitected:*'],
  },
  {
    reason: 'legacy global services',
    actions: ['a4b:*', 'chime:*', 'importexport:*', 'mobileanalytics:*'],
  },
];

/** The flat, sorted NotAction list of region-deny. */
export function regionDenyGlobalActions(): string[] {
  return REGION_DENY_GLOBAL_ACTIONS.flatMap((g) => g.actions).sort();
}
