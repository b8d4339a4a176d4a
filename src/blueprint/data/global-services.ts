import type { Partition } from './regions.js';

/**
 * Services whose API is served from one Region of the partition, so that
 * `aws:RequestedRegion` is that Region whatever Region the caller works in (IAM,
 * Organizations, ...). A region-deny SCP without these exemptions blocks them.
 */
export const GLOBAL_SERVICES: ReadonlySet<string> = new Set([
  'iam',
  'organizations',
  'account',
  'cloudfront',
  'route53',
  'route53domains',
  'waf',
  'health',
  'support',
  'budgets',
  'ce',
  'shield',
]);

/** The Region global services are signed for, per partition. */
export const GLOBAL_REGION: Readonly<Record<Partition, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
};
