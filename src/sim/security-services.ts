/**
 * The security services of a compliant organization, per account and region: the
 * organization trail (management account, home Region), AWS Config recorders where the
 * recorder selector targets and the aggregator in its account, GuardDuty detectors with
 * the blueprint's protection plans, Security Hub with its standards, and the organization
 * analyzers of IAM Access Analyzer in the delegated administrator.
 */
import { GUARDDUTY_FEATURES } from '../blueprint/schema/security.js';
import type { Account } from '../blueprint/schema/blueprint.js';
import type {
  ConfigSnapshot,
  GuardDutySnapshot,
  RegionSnapshot,
  SecurityHubSnapshot,
  TrailSnapshot,
} from '../snapshot/types.js';
import { accountIdOf, regionsOf, type SimContext } from './context.js';
import { blueprintKeyArn, centralBucketName } from './resources.js';

/** Security Hub standard short names -> the path after `standards/` in their ARNs. */
export const SECURITY_HUB_STANDARD_PATHS: Readonly<Record<string, string>> = {
  'aws-foundational-security-best-practices': 'aws-foundational-security-best-practices/v/1.0.0',
  'cis-aws-foundations-benchmark-v3.0.0': 'cis-aws-foundations-benchmark/v/3.0.0',
  'cis-aws-foundations-benchmark-v5.0.0': 'cis-aws-foundations-benchmark/v/5.0.0',
  'nist-800-53-r5': 'nist-800-53/v/5.0.0',
  'pci-dss-v4.0.1': 'pci-dss/v/4.0.1',
  'aws-resource-tagging-standard': 'aws-resource-tagging-standard/v/1.0.0',
};

/** The delegated administrator account (12 digits) of a service principal. */
export function delegatedAdminFor(ctx: SimContext, servicePrincipal: string): string | undefined {
  const d = ctx.bp.organization.delegatedAdministrators.find((x) => x.service === servicePrincipal);
  if (d) return accountIdOf(ctx, d.account);
  const sec = ctx.bp.security?.delegatedAdmin;
  return sec ? accountIdOf(ctx, sec) : ctx.accountWithRole('security-tooling');
}

/**
 * The organization trail, owned by the management account and homed in its home Region,
 * where every account of the organization lists it (the snapshot repeats it there).
 */
export function organizationTrail(ctx: SimContext): TrailSnapshot | undefined {
  const t = ctx.bp.logging?.organizationTrail;
  const bucket = centralBucketName(ctx);
  if (!t || !bucket) return undefined;
  const home = ctx.homeRegion;
  const mgmt = ctx.managementId;
  const keyArn = blueprintKeyArn(ctx, t.kmsKey ?? ctx.bp.logging?.centralBucket.kmsKey ?? '');
  const data = t.dataEvents ?? [];
  const resourceType: Record<string, string> = {
    s3: 'AWS::S3::Object',
    lambda: 'AWS::Lambda::Function',
    dynamodb: 'AWS::DynamoDB::Table',
  };
  return {
    name: t.name,
    arn: `arn:${ctx.partition}:cloudtrail:${home}:${mgmt}:trail/${t.name}`,
    homeRegion: home,
    isMultiRegionTrail: true,
    isOrganizationTrail: true,
    includeGlobalServiceEvents: true,
    logFileValidationEnabled: true,
    s3BucketName: bucket,
    ...(keyArn ? { kmsKeyId: keyArn } : {}),
    ...(t.cloudWatchLogs
      ? {
          cloudWatchLogsLogGroupArn: `arn:${ctx.partition}:logs:${home}:${mgmt}:log-group:aws-cloudtrail-logs-${ctx.organizationId}:*`,
        }
      : {}),
    status: { isLogging: true, latestDeliveryTime: ctx.dateBefore(0, 'trail-delivery') },
    advancedEventSelectors: [
      {
        Name: 'Management events',
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
      },
      ...data.map((d) => ({
        Name: `${d} data events`,
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: [resourceType[d] ?? d] },
        ],
      })),
    ],
    insightSelectors: [...(t.insights ?? [])],
  };
}

/** AWS Config in one account and region. */
export function simulateConfig(ctx: SimContext, account: Account, region: string): ConfigSnapshot {
  const id = accountIdOf(ctx, account.id);
  const cfg = ctx.bp.logging?.config;
  const out: ConfigSnapshot = { recorders: [], deliveryChannels: [], aggregators: [], rules: [] };
  if (!cfg) return out;
  if (ctx.selected(cfg.recorder.targets).has(account.id)) {
    const global = cfg.recorder.includeGlobalResources;
    out.recorders.push({
      name: 'default',
      roleArn: `arn:${ctx.partition}:iam::${id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      allSupported: cfg.recorder.allSupported,
      includeGlobalResourceTypes:
        global === 'all' || (global === 'home-region-only' && region === ctx.homeRegion),
      recordingFrequency: cfg.recorder.recordingFrequency,
      recording: true,
      lastStatus: 'SUCCESS',
    });
    const bucket = centralBucketName(ctx);
    out.deliveryChannels.push({
      name: 'default',
      ...(bucket ? { s3BucketName: bucket } : {}),
      frequency: 'TwentyFour_Hours',
    });
    const identifiers = new Set<string>();
    for (const c of ctx.bp.controls)
      for (const impl of c.implementation)
        if (impl.via === 'config-rule') identifiers.add(impl.ref);
    for (const ident of identifiers) {
      const name = `orgward-${ident.toLowerCase().replace(/_/g, '-')}`;
      out.rules.push({
        name,
        arn: `arn:${ctx.partition}:config:${region}:${id}:config-rule/config-rule-${ctx.ids.hex(6, 'rule', id, region, ident)}`,
        source: 'AWS',
        identifier: ident,
        state: 'ACTIVE',
      });
    }
  }
  if (accountIdOf(ctx, cfg.aggregator.account) === id && cfg.aggregator.region === region) {
    out.aggregators.push({
      name: 'orgward-organization',
      arn: `arn:${ctx.partition}:config:${region}:${id}:config-aggregator/config-aggregator-${ctx.ids.hex(8, 'aggregator')}`,
      organizationWide: true,
      accountIds: [],
      regions: [],
      allRegions: true,
    });
  }
  return out;
}

/** GuardDuty in one account and region. */
export function simulateGuardDuty(
  ctx: SimContext,
  account: Account,
  region: string,
): GuardDutySnapshot {
  const gd = ctx.bp.security?.guardDuty;
  const id = accountIdOf(ctx, account.id);
  if (!gd?.enabled || !regionsOf(ctx, gd.regions).includes(region)) return { detectors: [] };
  const admin = delegatedAdminFor(ctx, 'guardduty.amazonaws.com');
  const features = [
    { name: 'CLOUD_TRAIL', status: 'ENABLED' },
    { name: 'DNS_LOGS', status: 'ENABLED' },
    { name: 'FLOW_LOGS', status: 'ENABLED' },
    ...GUARDDUTY_FEATURES.map((f) => ({
      name: f,
      status: (gd.features as readonly string[]).includes(f) ? 'ENABLED' : 'DISABLED',
    })),
  ];
  const out: GuardDutySnapshot = {
    detectors: [
      {
        id: ctx.ids.hex(32, 'detector', id, region),
        status: 'ENABLED',
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features,
      },
    ],
  };
  if (admin === id) {
    out.administrator = null;
    out.members = ctx.bp.accounts
      .map((a) => accountIdOf(ctx, a.id))
      .filter((a) => a !== id)
      .map((accountId) => ({ accountId, relationshipStatus: 'Enabled' }));
    out.organizationAutoEnable = gd.autoEnable;
  } else if (admin) {
    // A member account: its members are read in the administrator account, not here (an
    // account with an administrator cannot administer others).
    out.administrator = { accountId: admin, relationshipStatus: 'Enabled' };
  } else {
    out.administrator = null;
    out.members = [];
  }
  return out;
}

/** Security Hub in one account and region (null where it is not enabled). */
export function simulateSecurityHub(
  ctx: SimContext,
  account: Account,
  region: string,
): SecurityHubSnapshot | null {
  const sh = ctx.bp.security?.securityHub;
  const id = accountIdOf(ctx, account.id);
  if (!sh?.enabled || !regionsOf(ctx, sh.regions).includes(region)) return null;
  const admin = delegatedAdminFor(ctx, 'securityhub.amazonaws.com');
  const p = ctx.partition;
  return {
    hubArn: `arn:${p}:securityhub:${region}:${id}:hub/default`,
    autoEnableControls: true,
    standards: sh.standards.map((s) => {
      const path = SECURITY_HUB_STANDARD_PATHS[s] ?? s;
      return {
        standardsArn: `arn:${p}:securityhub:${region}::standards/${path}`,
        subscriptionArn: `arn:${p}:securityhub:${region}:${id}:subscription/${path}`,
        status: 'READY',
      };
    }),
    administrator: admin && admin !== id ? { accountId: admin, status: 'Enabled' } : null,
  };
}

/** IAM Access Analyzer analyzers in one account and region. */
export function simulateAnalyzers(
  ctx: SimContext,
  account: Account,
  region: string,
): NonNullable<RegionSnapshot['accessAnalyzers']> {
  const aa = ctx.bp.security?.accessAnalyzer;
  const id = accountIdOf(ctx, account.id);
  if (!aa || !regionsOf(ctx, aa.regions).includes(region)) return [];
  if (delegatedAdminFor(ctx, 'access-analyzer.amazonaws.com') !== id) return [];
  const arn = (name: string) =>
    `arn:${ctx.partition}:access-analyzer:${region}:${id}:analyzer/${name}`;
  const out: NonNullable<RegionSnapshot['accessAnalyzers']> = [];
  if (aa.organizationAnalyzer)
    out.push({
      name: 'orgward-organization',
      arn: arn('orgward-organization'),
      type: 'ORGANIZATION',
      status: 'ACTIVE',
    });
  if (aa.unusedAccess)
    out.push({
      name: 'orgward-unused-access',
      arn: arn('orgward-unused-access'),
      type: 'ORGANIZATION_UNUSED_ACCESS',
      status: 'ACTIVE',
    });
  return out;
}
