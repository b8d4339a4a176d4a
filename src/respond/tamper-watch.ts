/**
 * The responder's first-line watch list: control-plane calls that switch off the
 * organization's guardrails or telemetry (catalogue D16, D18-D20, D22-D24 of
 * docs/detections). It is deliberately small and exact, because it runs in the
 * real-time Lambda on every forwarded management event; the full rule engine (Sigma,
 * correlation) runs in `orgward detect`.
 */

/** One watched call. */
export interface WatchEntry {
  /** Catalogue id. */
  catalog: string;
  title: string;
  severity: 'medium' | 'high' | 'critical';
  /** `eventSource` without `.amazonaws.com`. */
  source: string;
  names: readonly string[];
}

/** The watch list, as data. */
export const TAMPER_WATCH: readonly WatchEntry[] = [
  {
    catalog: 'D16',
    title: 'CloudTrail stopped or deleted',
    severity: 'critical',
    source: 'cloudtrail',
    names: ['StopLogging', 'DeleteTrail'],
  },
  {
    catalog: 'D18',
    title: 'GuardDuty disabled or impaired',
    severity: 'high',
    source: 'guardduty',
    names: [
      'DeleteDetector',
      'DisassociateFromAdministratorAccount',
      'DisassociateFromMasterAccount',
      'DisassociateMembers',
      'DeleteMembers',
      'StopMonitoringMembers',
    ],
  },
  {
    catalog: 'D19',
    title: 'Security Hub disabled',
    severity: 'high',
    source: 'securityhub',
    names: [
      'DisableSecurityHub',
      'BatchDisableStandards',
      'DisassociateFromAdministratorAccount',
      'DeleteMembers',
    ],
  },
  {
    catalog: 'D20',
    title: 'AWS Config disabled',
    severity: 'high',
    source: 'config',
    names: [
      'StopConfigurationRecorder',
      'DeleteConfigurationRecorder',
      'DeleteDeliveryChannel',
      'DeleteConfigurationAggregator',
    ],
  },
  {
    catalog: 'D22',
    title: 'SCP / RCP tampering',
    severity: 'critical',
    source: 'organizations',
    names: ['DetachPolicy', 'DeletePolicy', 'UpdatePolicy', 'DisablePolicyType'],
  },
  {
    catalog: 'D23',
    title: 'Account leaves, is removed, closed or moved',
    severity: 'critical',
    source: 'organizations',
    names: ['LeaveOrganization', 'RemoveAccountFromOrganization', 'CloseAccount', 'MoveAccount'],
  },
  {
    catalog: 'D24',
    title: 'Trusted access or delegated administrator removed',
    severity: 'critical',
    source: 'organizations',
    names: ['DisableAWSServiceAccess', 'DeregisterDelegatedAdministrator'],
  },
];

/** The part of a CloudTrail record the watch reads. */
export interface WatchedRecord {
  eventSource?: string;
  eventName?: string;
  eventID?: string;
  eventTime?: string;
  awsRegion?: string;
  recipientAccountId?: string;
  errorCode?: string;
  userIdentity?: {
    type?: string;
    arn?: string;
    sessionContext?: { sessionIssuer?: { arn?: string } };
  };
}

/** An alert the responder publishes. */
export interface WatchAlert {
  catalog: string;
  title: string;
  severity: WatchEntry['severity'];
  eventID: string;
  eventName: string;
  eventSource: string;
  eventTime: string;
  accountId: string;
  region: string;
  principal: string;
  failed: boolean;
}

const INDEX = new Map<string, WatchEntry>(
  TAMPER_WATCH.flatMap((w) => w.names.map((n) => [`${w.source}:${n}`, w] as const)),
);

/**
 * Match one record. Calls by AWS services and service-linked roles never alert, nor do
 * the trusted principals (the deployment pipeline; ARN patterns with `*`). Failed
 * attempts alert too (an attacker probing the guardrails), one level lower.
 */
export function watch(record: WatchedRecord, trusted: readonly string[]): WatchAlert | undefined {
  const source = (record.eventSource ?? '').replace(/\.amazonaws\.com$/, '');
  const entry = INDEX.get(`${source}:${record.eventName ?? ''}`);
  if (!entry) return undefined;
  const id = record.userIdentity;
  if (id?.type === 'AWSService') return undefined;
  const principal = id?.sessionContext?.sessionIssuer?.arn ?? id?.arn ?? 'unknown';
  if (principal.includes(':role/aws-service-role/')) return undefined;
  if (trusted.some((p) => globMatch(p, principal))) return undefined;
  const failed = record.errorCode !== undefined;
  return {
    catalog: entry.catalog,
    title: entry.title,
    severity:
      failed && entry.severity !== 'medium'
        ? entry.severity === 'critical'
          ? 'high'
          : 'medium'
        : entry.severity,
    eventID: record.eventID ?? '',
    eventName: record.eventName ?? '',
    eventSource: record.eventSource ?? '',
    eventTime: record.eventTime ?? '',
    accountId: record.recipientAccountId ?? '',
    region: record.awsRegion ?? '',
    principal,
    failed,
  };
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}
