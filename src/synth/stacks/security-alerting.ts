/**
 * Alerting in the security account: one KMS-encrypted SNS topic per channel (email and
 * webhook subscriptions, AWS Chatbot channel configurations) and one EventBridge rule per
 * alert route and bus, matching the route's source at or above its minimum severity.
 *
 * Where events arrive: GuardDuty and Security Hub findings of the whole organization
 * reach the delegated administrator's default bus (Security Hub through its aggregation
 * Region, GuardDuty through the regional units' forwarding rules); Config, Health and
 * CIS alarm events of member accounts are forwarded to the security bus by the account
 * baseline; orgward alerts are put on the security bus by the responder.
 */
import { InputError } from '../../core/errors.js';
import { logicalId, ref, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import {
  atLeast,
  GUARDDUTY_SEVERITY_FLOOR,
  HEALTH_CATEGORIES,
  ORGWARD_SEVERITIES,
  SECURITY_HUB_LABELS,
  type RouteSeverity,
} from '../data/standards.js';
import { addChannel, type ChannelTarget } from './security-channels.js';
import { cisAlarmPrefix } from './security-refs.js';

/** Source and detail-type of the alerts the responder puts on the security bus. */
export const ORGWARD_ALERT_SOURCE = 'orgward';
export const ORGWARD_ALERT_DETAIL_TYPE = 'orgward Alert';

/** An alert route source. */
export type RouteSource =
  'guardduty' | 'securityhub' | 'cloudtrail-metric' | 'config' | 'health' | 'orgward';

/** EventBridge rules accept at most five targets. */
const MAX_TARGETS = 5;

/** Which buses a source's events arrive on (see the module comment). */
export const ROUTE_BUSES: Readonly<Record<RouteSource, { default: boolean; security: boolean }>> = {
  guardduty: { default: true, security: false },
  securityhub: { default: true, security: false },
  config: { default: true, security: true },
  health: { default: true, security: true },
  'cloudtrail-metric': { default: true, security: true },
  orgward: { default: false, security: true },
};

/** The event pattern of a route (data per source; severity mapped to the source's scale). */
export function routePattern(
  source: RouteSource,
  min: RouteSeverity,
  prefix: string,
): Record<string, CfnValue> {
  switch (source) {
    case 'guardduty':
      return {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', GUARDDUTY_SEVERITY_FLOOR[min]] }] },
      };
    case 'securityhub':
      return {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: atLeast(SECURITY_HUB_LABELS, min) },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      };
    case 'config':
      // Config compliance changes carry no severity: every NON_COMPLIANT change matches.
      return {
        source: ['aws.config'],
        'detail-type': ['Config Rules Compliance Change'],
        detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } },
      };
    case 'health':
      return {
        source: ['aws.health'],
        'detail-type': ['AWS Health Event'],
        detail: { eventTypeCategory: [...HEALTH_CATEGORIES[min]] },
      };
    case 'cloudtrail-metric':
      // CIS metric alarms carry no severity: every transition into ALARM matches.
      return {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { alarmName: [{ prefix: cisAlarmPrefix(prefix) }], state: { value: ['ALARM'] } },
      };
    case 'orgward':
      return {
        source: [ORGWARD_ALERT_SOURCE],
        'detail-type': [ORGWARD_ALERT_DETAIL_TYPE],
        detail: {
          severity: atLeast(
            ORGWARD_SEVERITIES,
            min.toLowerCase() as (typeof ORGWARD_SEVERITIES)[number],
          ),
        },
      };
  }
}

/**
 * Add the channels and routes. `bus` is the logical id of the security bus in this
 * template. Returns each channel's publish target (for the responder's notify actions).
 */
export function addAlerting(
  t: TemplateBuilder,
  bus: string,
  keyArn: CfnValue,
): Map<string, ChannelTarget> {
  const alerting = t.ctx.bp.alerting;
  const channels = new Map<string, ChannelTarget>();
  for (const ch of alerting.channels) channels.set(ch.id, addChannel(t, ch, keyArn));
  alerting.routes.forEach((route, n) => {
    const targets = route.to.map((id) => {
      const c = channels.get(id);
      if (!c)
        throw new InputError(
          `alerting.routes[${String(n)}] names channel ${id}, which alerting.channels does not define`,
        );
      return { Id: logicalId('Channel', id), Arn: c.topicArn };
    });
    const buses = ROUTE_BUSES[route.source];
    const pattern = routePattern(route.source, route.minSeverity, t.ctx.prefix);
    for (let i = 0; i < targets.length; i += MAX_TARGETS) {
      const chunk = targets.slice(i, i + MAX_TARGETS);
      const part = i === 0 ? '' : String(i / MAX_TARGETS + 1);
      const describe = `orgward alert route ${String(n)}: ${route.source} >= ${route.minSeverity}`;
      if (buses.default)
        t.add(
          logicalId('AlertRoute', String(n), part),
          {
            Type: 'AWS::Events::Rule',
            Properties: {
              Description: describe,
              State: 'ENABLED',
              EventPattern: pattern,
              Targets: chunk,
            },
          },
          `alert-route:${String(n)}`,
        );
      if (buses.security)
        t.add(
          logicalId('AlertRoute', String(n), part, 'Forwarded'),
          {
            Type: 'AWS::Events::Rule',
            Properties: {
              Description: `${describe} (forwarded events)`,
              State: 'ENABLED',
              EventBusName: ref(bus),
              EventPattern: pattern,
              Targets: chunk,
            },
          },
          `alert-route:${String(n)}`,
        );
    }
  });
  return channels;
}
