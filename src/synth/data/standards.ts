/**
 * Security service data synth needs as tables: Security Hub standard ARNs, GuardDuty
 * protection plans, Inspector scan types, and the severity scales the alert routes match.
 * Kept as data so a new standard or scan type is one line, and tests can check each entry.
 */
import type {
  GUARDDUTY_FEATURES,
  SECURITY_HUB_STANDARDS,
} from '../../blueprint/schema/security.js';

/** A Security Hub standard by blueprint short name. */
export type SecurityHubStandard = (typeof SECURITY_HUB_STANDARDS)[number];

/**
 * Path of each standard's ARN after `arn:<partition>:securityhub:<region>::`. Regional
 * standards ARNs, as DescribeStandards returns them (Security Hub standards reference).
 */
export const SECURITY_HUB_STANDARD_PATHS: Readonly<Record<SecurityHubStandard, string>> = {
  'aws-foundational-security-best-practices':
    'standards/aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark-v3.0.0': 'standards/cis-aws-foundations-benchmark/v/3.0.0',
  'cis-aws-foundations-benchmark-v5.0.0': 'standards/cis-aws-foundations-benchmark/v/5.0.0',
  'nist-800-53-r5': 'standards/nist-800-53/v/5.0.0',
  'pci-dss-v4.0.1': 'standards/pci-dss/v/4.0.1',
  'aws-resource-tagging-standard': 'standards/aws-resource-tagging-standard/v/1.0.0',
};

/** The ARN of a Security Hub standard in a partition and Region. */
export function securityHubStandardArn(
  standard: SecurityHubStandard,
  partition: string,
  region: string,
): string {
  return `arn:${partition}:securityhub:${region}::${SECURITY_HUB_STANDARD_PATHS[standard]}`;
}

/** A GuardDuty protection plan (API feature name). */
export type GuardDutyFeature = (typeof GUARDDUTY_FEATURES)[number];

/**
 * Features that supersede another: GuardDuty Runtime Monitoring includes EKS Runtime
 * Monitoring, and the API rejects configuring both, so only the newer one is sent.
 */
export const GUARDDUTY_SUPERSEDES: Readonly<Partial<Record<GuardDutyFeature, GuardDutyFeature>>> = {
  RUNTIME_MONITORING: 'EKS_RUNTIME_MONITORING',
};

/** Inspector scan types: the `inspector2:Enable` resource type and the auto-enable key. */
export const INSPECTOR_SCAN_TYPES: Readonly<
  Record<'ec2' | 'ecr' | 'lambda' | 'lambda-code', { resourceType: string; autoEnable: string }>
> = {
  ec2: { resourceType: 'EC2', autoEnable: 'ec2' },
  ecr: { resourceType: 'ECR', autoEnable: 'ecr' },
  lambda: { resourceType: 'LAMBDA', autoEnable: 'lambda' },
  'lambda-code': { resourceType: 'LAMBDA_CODE', autoEnable: 'lambdaCode' },
};

/** Alert route severities, lowest first. */
export const ROUTE_SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
/** An alert route's minimum severity. */
export type RouteSeverity = (typeof ROUTE_SEVERITIES)[number];

/**
 * GuardDuty finding severity floors (GuardDuty severity levels: Low 1.0-3.9, Medium
 * 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0), matched with EventBridge numeric matching.
 */
export const GUARDDUTY_SEVERITY_FLOOR: Readonly<Record<RouteSeverity, number>> = {
  LOW: 1,
  MEDIUM: 4,
  HIGH: 7,
  CRITICAL: 9,
};

/** Security Hub `Severity.Label` values, lowest first (INFORMATIONAL is below LOW). */
export const SECURITY_HUB_LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/**
 * AWS Health event categories (`detail.eventTypeCategory`) a route forwards per minimum
 * severity: Health events carry no severity, so operational issues count as the most
 * severe and account notifications as the least.
 */
export const HEALTH_CATEGORIES: Readonly<Record<RouteSeverity, readonly string[]>> = {
  LOW: ['issue', 'investigation', 'scheduledChange', 'accountNotification'],
  MEDIUM: ['issue', 'investigation', 'scheduledChange'],
  HIGH: ['issue', 'investigation'],
  CRITICAL: ['issue'],
};

/** orgward alert severities (the detect/respond `severity` field), lowest first. */
export const ORGWARD_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** Labels at or above a minimum, from a scale ordered lowest first. */
export function atLeast<T extends string>(scale: readonly T[], min: T): T[] {
  const i = scale.indexOf(min);
  return i < 0 ? [...scale] : scale.slice(i);
}
