/**
 * The regional security services of the delegated administrator, one Region at a time:
 * GuardDuty (custom resource: detector plus organization auto-enable, and findings
 * export), Access Analyzer, Macie, Detective, Inspector v2, and the Config aggregator.
 * Each service is created only in the Regions of its blueprint `regions`.
 */
import { getAtt, nagMetadata, ref, sub, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import { customProvider } from '../custom/provider.js';
import {
  guardDutyOrgHandler,
  inspectorOrgHandler,
  macieOrgHandler,
} from '../custom/security-gaps.js';
import {
  GUARDDUTY_SUPERSEDES,
  INSPECTOR_SCAN_TYPES,
  type GuardDutyFeature,
} from '../data/standards.js';
import { GUARDDUTY_FEATURES } from '../../blueprint/schema/security.js';
import { managedPolicySuppression } from './security-nag.js';
import { centralBucketArn, keyArn, serviceRegions } from './security-refs.js';

/** Logical id of the GuardDuty custom resource (its `DetectorId` attribute is the detector). */
export const GUARDDUTY = 'GuardDutyOrganization';

/** Whether a service with these settings runs in the Region. */
function runsIn(
  t: TemplateBuilder,
  svc: { enabled: boolean; regions: 'governed' | string[] } | undefined,
  region: string,
): boolean {
  return !!svc?.enabled && serviceRegions(t.ctx, svc.regions).includes(region);
}

/**
 * GuardDuty feature settings: every plan of the API, ENABLED and auto-enabled as the
 * blueprint says when listed, DISABLED and NONE otherwise (explicit, so removing a plan
 * from the blueprint turns it off). A superseded plan is left out when its successor is on.
 */
export function guardDutyFeatures(
  listed: readonly GuardDutyFeature[],
  autoEnable: 'ALL' | 'NEW' | 'NONE',
): { Name: string; Status: string; AutoEnable: string }[] {
  const on = new Set(listed);
  const superseded = new Set(
    Object.entries(GUARDDUTY_SUPERSEDES).flatMap(([newer, older]) =>
      on.has(newer as GuardDutyFeature) || !on.has(older) ? [older] : [],
    ),
  );
  return GUARDDUTY_FEATURES.filter((f) => !superseded.has(f)).map((f) => ({
    Name: f,
    Status: on.has(f) ? 'ENABLED' : 'DISABLED',
    AutoEnable: on.has(f) ? autoEnable : 'NONE',
  }));
}

/** GuardDuty in one Region. */
export function addGuardDuty(t: TemplateBuilder, region: string): void {
  const gd = t.ctx.bp.security?.guardDuty;
  if (!gd || !runsIn(t, gd, region)) return;
  t.add(
    GUARDDUTY,
    {
      Type: 'Custom::OrgwardGuardDuty',
      Properties: {
        ServiceToken: customProvider(t, guardDutyOrgHandler),
        AutoEnable: gd.autoEnable,
        Frequency: 'FIFTEEN_MINUTES',
        Features: guardDutyFeatures(gd.features, gd.autoEnable),
      },
    },
    'guardduty',
  );
  const logging = t.ctx.bp.logging;
  if (gd.findingsExport && logging) {
    // Findings go to the central bucket, encrypted with its key (same Region as the bucket).
    t.add('GuardDutyFindingsExport', {
      Type: 'AWS::GuardDuty::PublishingDestination',
      Properties: {
        DetectorId: getAtt(GUARDDUTY, 'DetectorId'),
        DestinationType: 'S3',
        DestinationProperties: {
          DestinationArn: centralBucketArn(t),
          KmsKeyArn: keyArn(t, logging.centralBucket.kmsKey, t.ctx.homeRegion),
        },
      },
    });
  }
}

/** IAM Access Analyzer: the organization analyzer per Region, unused access once (IAM is global). */
export function addAccessAnalyzer(t: TemplateBuilder, region: string): void {
  const aa = t.ctx.bp.security?.accessAnalyzer;
  if (!aa || !serviceRegions(t.ctx, aa.regions).includes(region)) return;
  if (aa.organizationAnalyzer)
    t.add(
      'AccessAnalyzerOrganization',
      {
        Type: 'AWS::AccessAnalyzer::Analyzer',
        Properties: { AnalyzerName: `${t.ctx.prefix}-organization`, Type: 'ORGANIZATION' },
      },
      'access-analyzer',
    );
  if (aa.unusedAccess && region === t.ctx.homeRegion)
    t.add(
      'AccessAnalyzerUnusedAccess',
      {
        Type: 'AWS::AccessAnalyzer::Analyzer',
        Properties: {
          AnalyzerName: `${t.ctx.prefix}-organization-unused-access`,
          Type: 'ORGANIZATION_UNUSED_ACCESS',
          AnalyzerConfiguration: {
            UnusedAccessConfiguration: { UnusedAccessAge: aa.unusedAccess.ageDays },
          },
        },
      },
      'access-analyzer',
    );
}

/** Macie session plus organization auto-enable. */
export function addMacie(t: TemplateBuilder, region: string): void {
  const m = t.ctx.bp.security?.macie;
  if (!runsIn(t, m, region)) return;
  t.add(
    'MacieSession',
    {
      Type: 'AWS::Macie::Session',
      Properties: { Status: 'ENABLED', FindingPublishingFrequency: 'FIFTEEN_MINUTES' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    'macie',
  );
  t.add('MacieOrganization', {
    Type: 'Custom::OrgwardMacie',
    Properties: { ServiceToken: customProvider(t, macieOrgHandler), AutoEnable: 'true' },
    DependsOn: ['MacieSession'],
  });
}

/** Detective behavior graph with organization auto-enable. */
export function addDetective(t: TemplateBuilder, region: string): void {
  if (!runsIn(t, t.ctx.bp.security?.detective, region)) return;
  t.add(
    'DetectiveGraph',
    {
      Type: 'AWS::Detective::Graph',
      Properties: { AutoEnableMembers: true },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    'detective',
  );
}

/** Inspector v2 scan types, for the administrator and auto-enabled for the organization. */
export function addInspector(t: TemplateBuilder, region: string): void {
  const ins = t.ctx.bp.security?.inspector;
  if (!ins || !runsIn(t, ins, region)) return;
  const types = [...new Set(ins.scanTypes)];
  t.add(
    'InspectorOrganization',
    {
      Type: 'Custom::OrgwardInspector',
      Properties: {
        ServiceToken: customProvider(t, inspectorOrgHandler),
        ResourceTypes: types.map((s) => INSPECTOR_SCAN_TYPES[s].resourceType),
        AutoEnable: types.map((s) => INSPECTOR_SCAN_TYPES[s].autoEnable),
      },
    },
    'inspector',
  );
}

/** The organization Config aggregator and its role (in the template's account and Region). */
export function addConfigAggregator(t: TemplateBuilder): void {
  const role = 'ConfigAggregatorRole';
  const managed = sub(
    'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations',
  );
  t.add(role, {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'AWS Config reads the organization for the aggregator',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
      ManagedPolicyArns: [managed],
    },
    Metadata: nagMetadata(
      managedPolicySuppression(
        managed,
        'AWSConfigRoleForOrganizations is the AWS-maintained policy for organization aggregators (read-only Organizations calls); AWS updates it as Config needs',
      ),
    ),
  });
  const regions: CfnValue[] = [...t.ctx.bp.organization.governedRegions];
  t.add(
    'ConfigAggregator',
    {
      Type: 'AWS::Config::ConfigurationAggregator',
      Properties: {
        ConfigurationAggregatorName: `${t.ctx.prefix}-organization`,
        OrganizationAggregationSource: {
          RoleArn: getAtt(role, 'Arn'),
          // The governed Regions: the others are denied by the organization's guardrails.
          AwsRegions: regions,
          AllAwsRegions: false,
        },
      },
    },
    'config-aggregator',
  );
}
