/**
 * The security-tooling units, all in the delegated administrator (security) account:
 * `security-tooling` in the home Region (organization trail when CloudTrail is delegated
 * here, the security event bus, alerting, the responder, and the home Region's share of
 * the regional services) and `security-tooling-<region>` for every other Region a
 * service runs in. Also the `organization-trail` unit (management account) when
 * CloudTrail is not delegated, and `config-aggregator` when the aggregator lives in
 * another account.
 *
 * Regional units are plain stacks, not a StackSet: they target exactly one account (the
 * delegated administrator), which a service-managed StackSet can only reach through an
 * OU plus an account filter and never when that account is the management account; a
 * plain stack per Region also gives the plan one hash per Region and lets the unit that
 * holds Security Hub's aggregation wait for the hubs of the linked Regions.
 */
import type { KmsKey } from '../../blueprint/schema/blueprint.js';
import { join, type CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext, type UnitBuilder } from '../context.js';
import type { Unit } from '../types.js';
import { addAlerting, type RouteSource } from './security-alerting.js';
import {
  addSecurityHub,
  securityHubAggregationRegion,
  securityHubRegions,
} from './security-hub.js';
import { addKmsKey } from './security-keys.js';
import {
  CONFIG_AGGREGATOR_UNIT,
  keyArn,
  keyRegions,
  regionalUnitId,
  SECURITY_TOOLING_UNIT,
  serviceRegions,
  trailAccount,
} from './security-refs.js';
import { addResponder, addSecurityBus } from './security-responder.js';
import {
  addAccessAnalyzer,
  addConfigAggregator,
  addDetective,
  addGuardDuty,
  addInspector,
  addMacie,
} from './security-services.js';
import { addOrganizationTrail, organizationTrailUnit } from './security-trail.js';

export { securityBusArn } from './security-refs.js';

/** What CloudFormation has no type for, and the custom resource that covers it. */
export const SECURITY_TOOLING_GAPS: readonly { what: string; coveredBy: string }[] = [
  {
    what: "GuardDuty organization configuration (auto-enable, protection plans) and the delegated administrator's detector (GuardDuty creates it on delegation, so AWS::GuardDuty::Detector would fail)",
    coveredBy:
      'Custom::OrgwardGuardDuty (guardduty:ListDetectors, CreateDetector, UpdateDetector, UpdateOrganizationConfiguration), per GuardDuty Region',
  },
  {
    what: 'Inspector v2 enablement and organization auto-enable',
    coveredBy:
      'Custom::OrgwardInspector (inspector2:Enable, Disable, UpdateOrganizationConfiguration), per Inspector Region',
  },
  {
    what: 'Macie organization auto-enable',
    coveredBy: 'Custom::OrgwardMacie (macie2:UpdateOrganizationConfiguration), per Macie Region',
  },
];

/** Builds the security-tooling, organization-trail and config-aggregator units. */
export const securityToolingBuilder: UnitBuilder = {
  id: 'security-tooling',
  concern: 'security-tooling',
  description:
    'Organization trail, Config aggregator, GuardDuty / Security Hub / Access Analyzer / Macie / Detective / Inspector organization settings, alerting and the responder',
  build: (ctx) => buildSecurityTooling(ctx),
};

function buildSecurityTooling(ctx: SynthContext): Unit[] {
  const units: Unit[] = [...organizationTrailUnit(ctx)];
  const agg = ctx.bp.logging?.config.aggregator;
  if (agg && agg.account !== ctx.security) units.push(aggregatorUnit(ctx, agg.account, agg.region));
  const security = ctx.security;
  if (!security) return units;
  const regions = securityRegions(ctx, security);
  const aggregation = securityHubRegions(ctx).length
    ? securityHubAggregationRegion(ctx)
    : undefined;
  const ids = regions.map((r) =>
    r === ctx.homeRegion ? SECURITY_TOOLING_UNIT : regionalUnitId(r),
  );
  for (const region of regions) {
    const home = region === ctx.homeRegion;
    const beside = security === ctx.management && home;
    const t = new TemplateBuilder(
      ctx,
      home
        ? 'orgward security tooling (home Region): trail, services, alerting, responder'
        : `orgward security tooling (${region}): regional security services`,
      beside,
    );
    addSecurityKeys(t, security, region);
    if (home) addHome(t, security);
    else addForwarding(t, region, aggregation);
    addGuardDuty(t, region);
    addSecurityHub(t, region);
    addAccessAnalyzer(t, region);
    addMacie(t, region);
    addDetective(t, region);
    addInspector(t, region);
    if (agg && agg.account === security && agg.region === region) addConfigAggregator(t);
    if (!home && t.resourceCount() === 0) continue;
    // Security Hub's aggregation needs the hubs of the linked Regions deployed first.
    const id = home ? SECURITY_TOOLING_UNIT : regionalUnitId(region);
    if (region === aggregation) for (const other of ids) if (other !== id) t.dependsOn(other);
    units.push(
      t.stack(
        id,
        'security-tooling',
        home ? 'Security tooling' : `Security tooling (${region})`,
        security,
        region,
      ),
    );
  }
  // A unit may only wait for units that exist (a Region with nothing to deploy is skipped).
  const present = new Set(units.map((u) => u.id));
  for (const u of units)
    u.dependsOn = u.dependsOn.filter((d) => present.has(d) || !ids.includes(d));
  return units;
}

/** Every Region something of the security account runs in, home first. */
function securityRegions(ctx: SynthContext, security: string): string[] {
  const s = ctx.bp.security;
  const set = new Set<string>([ctx.homeRegion]);
  const add = (svc: { enabled?: boolean; regions: 'governed' | string[] } | undefined) => {
    if (svc && svc.enabled !== false) for (const r of serviceRegions(ctx, svc.regions)) set.add(r);
  };
  add(s?.guardDuty);
  add(s?.accessAnalyzer);
  add(s?.macie);
  add(s?.detective);
  add(s?.inspector);
  for (const r of securityHubRegions(ctx)) set.add(r);
  for (const k of ctx.bp.keys)
    if (k.account === security) for (const r of keyRegions(ctx, k)) set.add(r);
  const agg = ctx.bp.logging?.config.aggregator;
  if (agg?.account === security) set.add(agg.region);
  return [...set];
}

/** Keys of the security account in a Region (a multi-Region key only in its first Region). */
function addSecurityKeys(t: TemplateBuilder, security: string, region: string): void {
  for (const key of t.ctx.bp.keys) {
    if (key.account !== security) continue;
    const regions = keyRegions(t.ctx, key);
    const inRegion = key.multiRegion ? regions[0] === region : regions.includes(region);
    if (inRegion) addKmsKey(t, key, region);
  }
}

/** Home Region only: trail, alerts key, bus, alerting and responder. */
function addHome(t: TemplateBuilder, security: string): void {
  const { ctx } = t;
  if (ctx.bp.logging && trailAccount(ctx) === security) addOrganizationTrail(t);
  const bus = addSecurityBus(t);
  const alertsKey = alertsKeyArn(t, security);
  const channels = addAlerting(t, bus, alertsKey);
  addResponder(t, channels, alertsKey);
}

/**
 * The key of the alert topics: a key of the security account with usage `sns` in the
 * home Region when the blueprint has one, otherwise one orgward adds for the purpose.
 */
function alertsKeyArn(t: TemplateBuilder, security: string): CfnValue {
  const { ctx } = t;
  const own = ctx.bp.keys.find(
    (k) =>
      k.account === security &&
      k.usage.includes('sns') &&
      keyRegions(ctx, k).includes(ctx.homeRegion),
  );
  if (own) return keyArn(t, own.id, ctx.homeRegion);
  const implicit: KmsKey = {
    id: 'orgward-alerts',
    alias: `alias/${ctx.prefix}/alerts`,
    account: security,
    regions: 'home',
    multiRegion: false,
    rotation: true,
    rotationPeriodDays: 365,
    deletionWindowDays: 30,
    usage: ['sns'],
    grants: [],
  };
  const id = addKmsKey(t, implicit, ctx.homeRegion, [], false);
  return { 'Fn::GetAtt': [id, 'Arn'] };
}

/** Alert sources whose events are regional (forwarded from other Regions to the home bus). */
const REGIONAL_SOURCES: Readonly<
  Partial<Record<RouteSource, { source: string; detailType: string }>>
> = {
  guardduty: { source: 'aws.guardduty', detailType: 'GuardDuty Finding' },
  config: { source: 'aws.config', detailType: 'Config Rules Compliance Change' },
  health: { source: 'aws.health', detailType: 'AWS Health Event' },
};

/**
 * Forward this Region's alert events to the home Region's default bus, where the alert
 * routes are (EventBridge rules can only target a bus, not a topic, in another Region).
 */
function addForwarding(t: TemplateBuilder, region: string, aggregation: string | undefined): void {
  const { ctx } = t;
  const routed = new Set(ctx.bp.alerting.routes.map((r) => r.source));
  const kinds = Object.entries(REGIONAL_SOURCES).flatMap(([k, v]) =>
    routed.has(k as RouteSource) ? [v] : [],
  );
  if (routed.has('securityhub') && region === aggregation)
    kinds.push({ source: 'aws.securityhub', detailType: 'Security Hub Findings - Imported' });
  if (!kinds.length) return;
  const homeBus = join('', [
    `arn:${ctx.partition}:events:${ctx.homeRegion}:`,
    { Ref: 'AWS::AccountId' },
    ':event-bus/default',
  ]);
  t.add('ForwardToHomeRole', {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `EventBridge forwards ${region} security events to the home Region`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'put-events-home',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: homeBus }],
          },
        },
      ],
    },
  });
  t.add('ForwardToHomeRule', {
    Type: 'AWS::Events::Rule',
    Properties: {
      Description: `orgward: forward ${region} security findings and events to ${ctx.homeRegion}`,
      State: 'ENABLED',
      EventPattern: {
        source: [...new Set(kinds.map((k) => k.source))],
        'detail-type': [...new Set(kinds.map((k) => k.detailType))],
      },
      Targets: [
        { Id: 'home-bus', Arn: homeBus, RoleArn: { 'Fn::GetAtt': ['ForwardToHomeRole', 'Arn'] } },
      ],
    },
  });
}

/** The Config aggregator in an account other than the security account. */
function aggregatorUnit(ctx: SynthContext, account: string, region: string): Unit {
  const beside = account === ctx.management && region === ctx.homeRegion;
  const t = new TemplateBuilder(ctx, 'orgward organization Config aggregator', beside);
  addConfigAggregator(t);
  return t.stack(CONFIG_AGGREGATOR_UNIT, 'security-tooling', 'Config aggregator', account, region);
}
