/**
 * `baseline-forwarding`: EventBridge rules in every account and governed Region that
 * forward to the security account's bus (`<prefix>-security-events`, home Region):
 *
 * - CloudTrail management events and console sign-ins, for the real-time responder (its
 *   rule listens on the security bus). Every account, the security account included (its
 *   own API calls reach the responder the same way), and the management account
 *   (Organizations and Identity Center changes happen there).
 * - GuardDuty and Security Hub findings, and the events of the routed alert sources the
 *   security-tooling stack matches on the security bus (Config compliance changes, AWS
 *   Health, the CIS alarms' state changes). Not from the security account itself: there
 *   they already reach its default bus (its regional units forward to the home Region),
 *   and a second copy would alert twice.
 *
 * Data events (which the trail may also record) are not forwarded: their volume is not
 * for real-time detection. Cross-account and cross-Region bus targets need a role.
 */
import { getAtt, ref, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';
import type { Unit } from '../types.js';
import { baselineAccounts, baselineRegions, baselineUnits } from './baseline-targets.js';
import { cisAlarmPrefix, SECURITY_TOOLING_UNIT, securityBusArn } from './security-refs.js';

/** Unit id. */
export const FORWARDING_UNIT = 'baseline-forwarding';

/** Condition: the template is deployed in an account other than the security account. */
const NOT_SECURITY = 'IsNotSecurityAccount';

/** CloudTrail management events and console sign-ins (every account). */
export const MANAGEMENT_EVENTS: Record<string, CfnValue> = {
  'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
  detail: { managementEvent: [true] },
};

/** Findings (accounts other than the security account). */
export const FINDINGS: Record<string, CfnValue> = {
  source: ['aws.guardduty', 'aws.securityhub'],
  'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
};

/** Events of the alert route sources the alert routes match on the security bus. */
function alertPatterns(
  prefix: string,
): Readonly<Record<string, [string, Record<string, CfnValue>]>> {
  return {
    config: [
      'ForwardConfigEvents',
      { source: ['aws.config'], 'detail-type': ['Config Rules Compliance Change'] },
    ],
    health: [
      'ForwardHealthEvents',
      { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
    ],
    'cloudtrail-metric': [
      'ForwardCisAlarmEvents',
      {
        source: ['aws.cloudwatch'],
        'detail-type': ['CloudWatch Alarm State Change'],
        detail: { alarmName: [{ prefix: cisAlarmPrefix(prefix) }] },
      },
    ],
  };
}

/** Units of the forwarding baseline (none without a security account). */
export function forwardingUnits(ctx: SynthContext): Unit[] {
  if (!ctx.security) return [];
  const targets = { all: true, includeManagement: true };
  return baselineUnits(ctx, {
    id: FORWARDING_UNIT,
    title: 'Forward CloudTrail management events, findings and alert events to the security bus',
    description:
      'orgward account baseline: EventBridge rules forwarding CloudTrail management events, findings and alert events to the security account bus',
    accounts: baselineAccounts(ctx, targets),
    regions: baselineRegions(ctx, targets),
    build: (t, accounts) => {
      buildForwarding(t, accounts);
    },
  });
}

function buildForwarding(t: TemplateBuilder, accounts: readonly string[]): void {
  const { ctx } = t;
  const security = ctx.security;
  if (!security) return;
  // The bus and its organization-wide resource policy must exist first.
  t.dependsOn(SECURITY_TOOLING_UNIT);
  const bus = securityBusArn(t);
  // Rules for accounts other than the security account: unconditional where it is not a
  // target (the management stacks, whose account id may be an import, which conditions
  // cannot use), skipped where it is the only target, conditional otherwise.
  const others = accounts.some((a) => a !== security);
  let onlyOthers: string | undefined;
  if (others && accounts.includes(security))
    onlyOthers = t.condition(NOT_SECURITY, {
      'Fn::Not': [{ 'Fn::Equals': [ref('AWS::AccountId'), t.accountId(security)] }],
    });
  const role = t.add('ForwardingRole', {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'EventBridge: put events on the security account bus',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'put-events',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: bus }],
          },
        },
      ],
    },
  });
  const rule = (id: string, pattern: Record<string, CfnValue>, condition?: string) =>
    t.add(
      id,
      {
        Type: 'AWS::Events::Rule',
        ...(condition ? { Condition: condition } : {}),
        Properties: {
          Description: 'orgward: forward to the security account bus',
          State: 'ENABLED',
          EventPattern: pattern,
          Targets: [{ Arn: bus, Id: 'security-bus', RoleArn: getAtt(role, 'Arn') }],
        },
      },
      'responder',
    );
  rule('ForwardManagementEvents', MANAGEMENT_EVENTS);
  if (!others) return;
  rule('ForwardFindings', FINDINGS, onlyOthers);
  const alerts = alertPatterns(ctx.prefix);
  for (const source of [...new Set(ctx.bp.alerting.routes.map((r) => r.source))].sort()) {
    const forward = alerts[source];
    if (forward) rule(forward[0], forward[1], onlyOthers);
  }
}
