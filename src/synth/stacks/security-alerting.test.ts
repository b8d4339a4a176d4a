import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleContext } from '../../../test/helpers/synth.js';
import { InputError } from '../../core/errors.js';
import type { CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import {
  GUARDDUTY_SEVERITY_FLOOR,
  ORGWARD_SEVERITIES,
  ROUTE_SEVERITIES,
  SECURITY_HUB_LABELS,
  type RouteSeverity,
} from '../data/standards.js';
import { addAlerting, ROUTE_BUSES, routePattern, type RouteSource } from './security-alerting.js';
import type { Channel } from './security-channels.js';

/** EventBridge matching for the pattern features the routes use (literals, numeric >=, prefix). */
function matches(pattern: unknown, event: unknown): boolean {
  if (Array.isArray(pattern)) {
    const values = Array.isArray(event) ? event : [event];
    return values.some((v) =>
      pattern.some((p: unknown) => {
        if (p !== null && typeof p === 'object') {
          const o = p as { numeric?: [string, number]; prefix?: string };
          if (o.numeric) return typeof v === 'number' && o.numeric[0] === '>=' && v >= o.numeric[1];
          if (o.prefix !== undefined) return typeof v === 'string' && v.startsWith(o.prefix);
          return false;
        }
        return p === v;
      }),
    );
  }
  if (pattern !== null && typeof pattern === 'object') {
    return Object.entries(pattern).every(([k, p]) => {
      const sub =
        event === null || typeof event !== 'object'
          ? undefined
          : (event as Record<string, unknown>)[k];
      if (sub === undefined) return false;
      return Array.isArray(sub) && !Array.isArray(p)
        ? sub.some((s) => matches(p, s))
        : matches(p, sub);
    });
  }
  return false;
}

const sev = fc.constantFrom(...ROUTE_SEVERITIES);
const rank = (s: RouteSeverity) => ROUTE_SEVERITIES.indexOf(s);

describe('route patterns', () => {
  it('GuardDuty: a finding matches exactly when its severity reaches the floor (property)', () => {
    fc.assert(
      fc.property(sev, fc.double({ min: 0, max: 10, noNaN: true }), (min, severity) => {
        const event = {
          source: 'aws.guardduty',
          'detail-type': 'GuardDuty Finding',
          detail: { severity },
        };
        expect(matches(routePattern('guardduty', min, 'orgward'), event)).toBe(
          severity >= GUARDDUTY_SEVERITY_FLOOR[min],
        );
      }),
    );
  });

  it.each([
    ['LOW', 1],
    ['MEDIUM', 4],
    ['HIGH', 7],
    ['CRITICAL', 9],
  ] as const)('GuardDuty %s is numeric >= %d', (min, floor) => {
    expect(routePattern('guardduty', min, 'p').detail).toEqual({
      severity: [{ numeric: ['>=', floor] }],
    });
  });

  it('Security Hub: an imported, new, active finding matches when its label is at least the minimum (property)', () => {
    fc.assert(
      fc.property(sev, fc.constantFrom(...SECURITY_HUB_LABELS), (min, label) => {
        const event = {
          source: 'aws.securityhub',
          'detail-type': 'Security Hub Findings - Imported',
          detail: {
            findings: [
              { Severity: { Label: label }, Workflow: { Status: 'NEW' }, RecordState: 'ACTIVE' },
            ],
          },
        };
        const want = SECURITY_HUB_LABELS.indexOf(label) >= SECURITY_HUB_LABELS.indexOf(min);
        expect(matches(routePattern('securityhub', min, 'p'), event)).toBe(want);
      }),
    );
  });

  it('orgward: alerts at or above the minimum, in the detect severity scale (property)', () => {
    fc.assert(
      fc.property(sev, fc.constantFrom(...ORGWARD_SEVERITIES), (min, severity) => {
        const event = { source: 'orgward', 'detail-type': 'orgward Alert', detail: { severity } };
        expect(matches(routePattern('orgward', min, 'p'), event)).toBe(
          ORGWARD_SEVERITIES.indexOf(severity) >= rank(min),
        );
      }),
    );
  });

  it('Config: NON_COMPLIANT changes only', () => {
    const p = routePattern('config', 'HIGH', 'p');
    const ev = (complianceType: string) => ({
      source: 'aws.config',
      'detail-type': 'Config Rules Compliance Change',
      detail: { newEvaluationResult: { complianceType } },
    });
    expect(matches(p, ev('NON_COMPLIANT'))).toBe(true);
    expect(matches(p, ev('COMPLIANT'))).toBe(false);
  });

  it('cloudtrail-metric: CIS alarms (by name prefix) entering ALARM', () => {
    const p = routePattern('cloudtrail-metric', 'LOW', 'acme');
    const ev = (alarmName: string, value: string) => ({
      source: 'aws.cloudwatch',
      'detail-type': 'CloudWatch Alarm State Change',
      detail: { alarmName, state: { value } },
    });
    expect(matches(p, ev('acme-cis-root-usage', 'ALARM'))).toBe(true);
    expect(matches(p, ev('acme-cis-root-usage', 'OK'))).toBe(false);
    expect(matches(p, ev('someone-else', 'ALARM'))).toBe(false);
  });

  it('health: operational issues always, account notifications only from LOW', () => {
    const ev = (eventTypeCategory: string) => ({
      source: 'aws.health',
      'detail-type': 'AWS Health Event',
      detail: { eventTypeCategory },
    });
    expect(matches(routePattern('health', 'CRITICAL', 'p'), ev('issue'))).toBe(true);
    expect(matches(routePattern('health', 'CRITICAL', 'p'), ev('scheduledChange'))).toBe(false);
    expect(matches(routePattern('health', 'LOW', 'p'), ev('accountNotification'))).toBe(true);
  });

  it('every source has a bus', () => {
    for (const b of Object.values(ROUTE_BUSES)) expect(b.default || b.security).toBe(true);
  });
});

describe('channels and routes', () => {
  let base: SynthContext;
  beforeAll(async () => {
    base = await exampleContext('minimal');
  });
  const build = (
    channels: Channel[],
    routes: { source: RouteSource; minSeverity: RouteSeverity; to: string[] }[],
  ) => {
    const ctx: SynthContext = {
      ...base,
      bp: { ...base.bp, alerting: { channels, routes, cisMetricAlarms: true } },
    };
    const t = new TemplateBuilder(ctx, 'test');
    t.add('Bus', { Type: 'AWS::Events::EventBus', Properties: { Name: 'b' } });
    const targets = addAlerting(t, 'Bus', 'arn:aws:kms:eu-west-1:111111111111:key/k');
    return { t: t.template(), targets };
  };
  const typed = (tpl: ReturnType<typeof build>['t'], type: string) =>
    Object.entries(tpl.Resources).filter(([, r]) => r.Type === type);

  it('email: encrypted topic, TLS-only policy for this account, email subscription', () => {
    const { t } = build([{ id: 'ops', type: 'email', endpoint: 'ops@example.com' }], []);
    const topic = t.Resources.AlertTopicOps;
    expect(topic?.Properties).toMatchObject({
      TopicName: 'orgward-alerts-ops',
      KmsMasterKeyId: 'arn:aws:kms:eu-west-1:111111111111:key/k',
    });
    expect(t.Resources.AlertTopicOpsSubscription?.Properties).toEqual({
      TopicArn: { Ref: 'AlertTopicOps' },
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    const statements = (
      t.Resources.AlertTopicOpsPolicy?.Properties?.PolicyDocument as {
        Statement: Record<string, CfnValue>[];
      }
    ).Statement;
    expect(statements[0]).toMatchObject({
      Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(statements[1]).toMatchObject({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('webhook: https subscription; plain http is refused', () => {
    const { t } = build(
      [{ id: 'hook', type: 'webhook', endpoint: 'https://hooks.example.com/x' }],
      [],
    );
    expect(t.Resources.AlertTopicHookSubscription?.Properties?.Protocol).toBe('https');
    expect(() =>
      build([{ id: 'hook', type: 'webhook', endpoint: 'http://hooks.example.com/x' }], []),
    ).toThrow(InputError);
  });

  it('chatbot: Slack configuration with a deny-all guardrail; Teams without a tenant id becomes a manual step', () => {
    const { t } = build(
      [
        { id: 'slack', type: 'chatbot-slack', endpoint: 'T0001/C0002' },
        { id: 'teams', type: 'chatbot-teams', endpoint: 'TEAM/CHANNEL' },
        { id: 'teams3', type: 'chatbot-teams', endpoint: 'TENANT/TEAM/CHANNEL' },
      ],
      [],
    );
    expect(t.Resources.ChatbotSlack?.Properties).toMatchObject({
      SlackWorkspaceId: 'T0001',
      SlackChannelId: 'C0002',
      SnsTopicArns: [{ Ref: 'AlertTopicSlack' }],
    });
    expect(JSON.stringify(t.Resources.ChatbotSlack?.Properties?.GuardrailPolicies)).toContain(
      'AWSDenyAll',
    );
    expect(t.Resources.ChatbotTeams).toBeUndefined();
    expect(t.Outputs?.AlertTopicTeamsTodo?.Value).toContain('TEAM/CHANNEL');
    expect(t.Resources.ChatbotTeams3?.Properties).toMatchObject({
      TeamsTenantId: 'TENANT',
      TeamId: 'TEAM',
      TeamsChannelId: 'CHANNEL',
    });
  });

  it('sns: no topic, rules publish to the given topic; a non-topic endpoint is refused', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:existing';
    const { t, targets } = build(
      [{ id: 'ext', type: 'sns', endpoint: arn }],
      [{ source: 'guardduty', minSeverity: 'HIGH', to: ['ext'] }],
    );
    expect(typed(t, 'AWS::SNS::Topic')).toEqual([]);
    expect(targets.get('ext')).toEqual({ topicArn: arn, owned: false });
    expect(t.Resources.AlertRoute0?.Properties?.Targets).toEqual([{ Id: 'ChannelExt', Arn: arn }]);
    expect(() =>
      build([{ id: 'ext', type: 'sns', endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q' }], []),
    ).toThrow(InputError);
  });

  it('a route gets a rule on each bus its events arrive on, targeting its channels', () => {
    const { t } = build(
      [{ id: 'a', type: 'email', endpoint: 'a@example.com' }],
      [
        { source: 'guardduty', minSeverity: 'HIGH', to: ['a'] },
        { source: 'config', minSeverity: 'HIGH', to: ['a'] },
        { source: 'orgward', minSeverity: 'HIGH', to: ['a'] },
      ],
    );
    expect(
      Object.keys(t.Resources)
        .filter((k) => k.startsWith('AlertRoute'))
        .sort(),
    ).toEqual(['AlertRoute0', 'AlertRoute1', 'AlertRoute1Forwarded', 'AlertRoute2Forwarded']);
    expect(t.Resources.AlertRoute1Forwarded?.Properties?.EventBusName).toEqual({ Ref: 'Bus' });
    expect(t.Resources.AlertRoute0?.Properties?.EventBusName).toBeUndefined();
  });

  it('splits a route over several rules past five targets', () => {
    const channels: Channel[] = Array.from({ length: 7 }, (_v, i) => ({
      id: `c${String(i)}`,
      type: 'email',
      endpoint: `c${String(i)}@example.com`,
    }));
    const { t } = build(channels, [
      { source: 'securityhub', minSeverity: 'LOW', to: channels.map((c) => c.id) },
    ]);
    expect((t.Resources.AlertRoute0?.Properties?.Targets as unknown[]).length).toBe(5);
    expect((t.Resources.AlertRoute02?.Properties?.Targets as unknown[]).length).toBe(2);
  });

  it('an unknown channel is bad input', () => {
    expect(() => build([], [{ source: 'health', minSeverity: 'LOW', to: ['nope'] }])).toThrow(
      /nope/,
    );
  });
});
