/**
 * Security Hub in the delegated administrator: the hub in every Region of the service,
 * and in the aggregation Region the finding aggregator plus, with central configuration,
 * the organization configuration (CENTRAL), one configuration policy (standards and
 * disabled controls) and its association with the organization root.
 */
import { partitionRegions } from '../../blueprint/selectors.js';
import { getAtt, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';
import { securityHubStandardArn } from '../data/standards.js';
import { serviceRegions } from './security-refs.js';

/** Logical id of the hub. */
export const HUB = 'SecurityHub';

/** The aggregation Region (default: home). */
export function securityHubAggregationRegion(ctx: SynthContext): string {
  return ctx.bp.security?.securityHub?.aggregationRegion ?? ctx.homeRegion;
}

/** Regions Security Hub is enabled in (aggregation Region included). */
export function securityHubRegions(ctx: SynthContext): string[] {
  const sh = ctx.bp.security?.securityHub;
  if (!sh?.enabled) return [];
  const regions = serviceRegions(ctx, sh.regions);
  const agg = securityHubAggregationRegion(ctx);
  return regions.includes(agg) ? regions : [...regions, agg];
}

/** Add Security Hub's resources for one Region of the security account. */
export function addSecurityHub(t: TemplateBuilder, region: string): void {
  const sh = t.ctx.bp.security?.securityHub;
  if (!sh?.enabled || !securityHubRegions(t.ctx).includes(region)) return;
  t.add(
    HUB,
    {
      Type: 'AWS::SecurityHub::Hub',
      Properties: {
        // Standards come from the configuration policy (central) or Standard resources.
        EnableDefaultStandards: false,
        ControlFindingGenerator: 'SECURITY_CONTROL',
        AutoEnableControls: true,
      },
      // Disabling Security Hub drops its findings: never as a side effect of a stack.
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    'securityhub',
  );
  if (region !== securityHubAggregationRegion(t.ctx)) {
    if (!sh.centralConfiguration) addStandards(t, region);
    return;
  }
  const linked = securityHubRegions(t.ctx).filter((r) => r !== region);
  t.add('SecurityHubFindingAggregator', {
    Type: 'AWS::SecurityHub::FindingAggregator',
    // With no other Region, every other Region of the partition is excluded instead
    // (CloudFormation's schema does not accept NO_REGIONS).
    Properties: linked.length
      ? { RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: linked }
      : {
          RegionLinkingMode: 'ALL_REGIONS_EXCEPT_SPECIFIED',
          Regions: partitionRegions(t.ctx.idx).filter((r) => r !== region),
        },
    DependsOn: [HUB],
  });
  if (!sh.centralConfiguration) {
    // Local configuration: new accounts get Security Hub and the default standards; the
    // administrator enables the blueprint's standards for itself, Region by Region.
    t.add('SecurityHubOrganizationConfiguration', {
      Type: 'AWS::SecurityHub::OrganizationConfiguration',
      Properties: { AutoEnable: true, AutoEnableStandards: 'DEFAULT', ConfigurationType: 'LOCAL' },
      DependsOn: ['SecurityHubFindingAggregator'],
    });
    addStandards(t, region);
    return;
  }
  t.add('SecurityHubOrganizationConfiguration', {
    Type: 'AWS::SecurityHub::OrganizationConfiguration',
    // Central configuration requires AutoEnable false and AutoEnableStandards NONE.
    Properties: { AutoEnable: false, AutoEnableStandards: 'NONE', ConfigurationType: 'CENTRAL' },
    DependsOn: ['SecurityHubFindingAggregator'],
  });
  const disabled = [...new Set(sh.disabledControls.map((c) => c.control))].sort();
  t.add('SecurityHubConfigurationPolicy', {
    Type: 'AWS::SecurityHub::ConfigurationPolicy',
    Properties: {
      Name: `${t.ctx.prefix}-organization`,
      Description: `orgward: Security Hub for every account (${sh.standards.join(', ')})`,
      ConfigurationPolicy: {
        SecurityHub: {
          ServiceEnabled: true,
          EnabledStandardIdentifiers: standardArns(t, region),
          // A disabled list (not an enabled one) so new controls are turned on as AWS adds them.
          SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: disabled },
        },
      },
    },
    DependsOn: ['SecurityHubOrganizationConfiguration'],
  });
  t.add('SecurityHubPolicyAssociation', {
    Type: 'AWS::SecurityHub::PolicyAssociation',
    Properties: {
      ConfigurationPolicyId: getAtt('SecurityHubConfigurationPolicy', 'Id'),
      TargetId: t.rootId(),
      TargetType: 'ROOT',
    },
  });
}

/** The blueprint's standards as ARNs of a Region. */
function standardArns(t: TemplateBuilder, region: string): CfnValue[] {
  const sh = t.ctx.bp.security?.securityHub;
  return [...new Set(sh?.standards ?? [])].map((s) =>
    securityHubStandardArn(s, t.ctx.partition, region),
  );
}

/** AWS::SecurityHub::Standard per standard (local configuration only). */
function addStandards(t: TemplateBuilder, region: string): void {
  const sh = t.ctx.bp.security?.securityHub;
  for (const s of [...new Set(sh?.standards ?? [])]) {
    t.add(`SecurityHubStandard${String(sh?.standards.indexOf(s) ?? 0)}`, {
      Type: 'AWS::SecurityHub::Standard',
      Properties: { StandardsArn: securityHubStandardArn(s, t.ctx.partition, region) },
      DependsOn: [HUB],
    });
  }
}
