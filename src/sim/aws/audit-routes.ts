/**
 * CloudTrail and AWS Config responders. DescribeTrails lists the organization trail's shadow
 * copies in every account and Region (and a multi-Region trail's in its own account's other
 * Regions) unless includeShadowTrails=false, as AWS does: a collector keeps only trails whose
 * HomeRegion is the Region read and whose ARN names the account read. Config's recorder
 * fields are lower-case (`name`, `roleARN`, `recordingGroup`) as the API spells them.
 */
import * as ct from '@aws-sdk/client-cloudtrail';
import * as cfg from '@aws-sdk/client-config-service';
import type { TrailSnapshot } from '../../snapshot/types.js';
import { awsError } from './errors.js';
import { nextField, num, page, str, strs, type Call, type Route } from './route.js';

const route = (
  api: string,
  client: Route['client'],
  command: Route['command'],
  handle: (c: Call) => unknown,
): Route => ({
  api,
  client,
  command,
  regional: true,
  handle,
});
const iso = (c: Call, days: number) =>
  new Date(Date.parse(c.idx.snapshot.takenAt) - days * 86_400_000);

interface OwnedTrail {
  trail: TrailSnapshot;
  accountId: string;
  region: string;
}

function allTrails(c: Call): OwnedTrail[] {
  return c.idx.memo('trails', () =>
    Object.values(c.idx.snapshot.accounts).flatMap((a) =>
      Object.entries(a.regions).flatMap(([region, r]) =>
        (r.trails ?? []).map((trail) => ({ trail, accountId: a.accountId, region })),
      ),
    ),
  );
}

function visibleTrails(c: Call, shadows: boolean): TrailSnapshot[] {
  const own = c.regionData?.trails ?? [];
  if (!shadows) return own;
  const extra = allTrails(c)
    .filter(
      (t) => t.trail.isMultiRegionTrail && !(t.accountId === c.accountId && t.region === c.region),
    )
    .filter(
      (t) =>
        t.accountId === c.accountId ||
        (t.trail.isOrganizationTrail && c.idx.orgAccounts.has(c.accountId)),
    )
    .map((t) => t.trail);
  return [...own, ...extra];
}

function findTrail(c: Call, key: string): TrailSnapshot {
  const t = key.startsWith('arn:')
    ? allTrails(c).find((x) => x.trail.arn === key)?.trail
    : (c.regionData?.trails ?? []).find((x) => x.name === key);
  if (!t)
    throw awsError(
      'cloudtrail',
      'TrailNotFoundException',
      400,
      `Unknown trail: ${key} for the user: ${c.accountId}`,
      ct.TrailNotFoundException,
    );
  return t;
}

export function cloudtrailRoutes(): Route[] {
  const C = ct.CloudTrailClient;
  return [
    route('cloudtrail:DescribeTrails', C, ct.DescribeTrailsCommand, (c) => {
      const names = strs(c.input, 'trailNameList');
      const list = visibleTrails(c, c.input.includeShadowTrails !== false).filter(
        (t) => !names.length || names.includes(t.name) || names.includes(t.arn),
      );
      return {
        trailList: list.map((t) => ({
          Name: t.name,
          S3BucketName: t.s3BucketName,
          S3KeyPrefix: t.s3KeyPrefix,
          SnsTopicARN: t.snsTopicArn,
          IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
          IsMultiRegionTrail: t.isMultiRegionTrail,
          HomeRegion: t.homeRegion,
          TrailARN: t.arn,
          LogFileValidationEnabled: t.logFileValidationEnabled,
          CloudWatchLogsLogGroupArn: t.cloudWatchLogsLogGroupArn,
          ...(t.cloudWatchLogsLogGroupArn
            ? {
                CloudWatchLogsRoleArn: t.arn.replace(
                  /:cloudtrail:[^:]+:(\d+):trail\/.*/,
                  ':iam::$1:role/CloudTrailRoleForCloudWatchLogs',
                ),
              }
            : {}),
          KmsKeyId: t.kmsKeyId,
          HasCustomEventSelectors: !!(t.eventSelectors ?? t.advancedEventSelectors)?.length,
          HasInsightSelectors: !!t.insightSelectors?.length,
          IsOrganizationTrail: t.isOrganizationTrail,
        })),
      };
    }),
    route('cloudtrail:GetTrailStatus', C, ct.GetTrailStatusCommand, (c) => {
      const t = findTrail(c, str(c.input, 'Name') ?? '');
      const s = t.status;
      return {
        IsLogging: s?.isLogging ?? false,
        ...(s?.latestDeliveryTime ? { LatestDeliveryTime: new Date(s.latestDeliveryTime) } : {}),
        ...(s?.latestDeliveryError ? { LatestDeliveryError: s.latestDeliveryError } : {}),
        StartLoggingTime: iso(c, 365),
      };
    }),
    route('cloudtrail:GetEventSelectors', C, ct.GetEventSelectorsCommand, (c) => {
      const t = findTrail(c, str(c.input, 'TrailName') ?? '');
      return {
        TrailARN: t.arn,
        ...(t.advancedEventSelectors ? { AdvancedEventSelectors: t.advancedEventSelectors } : {}),
        ...(t.eventSelectors ? { EventSelectors: t.eventSelectors } : {}),
      };
    }),
    route('cloudtrail:GetInsightSelectors', C, ct.GetInsightSelectorsCommand, (c) => {
      const t = findTrail(c, str(c.input, 'TrailName') ?? '');
      if (!t.insightSelectors?.length)
        throw awsError(
          'cloudtrail',
          'InsightNotEnabledException',
          400,
          `Trail ${t.arn} does not have Insights enabled.`,
          ct.InsightNotEnabledException,
        );
      return {
        TrailARN: t.arn,
        InsightSelectors: t.insightSelectors.map((x) => ({ InsightType: x })),
      };
    }),
  ];
}

export function configRoutes(): Route[] {
  const C = cfg.ConfigServiceClient;
  const config = (c: Call) =>
    c.regionData?.config ?? { recorders: [], deliveryChannels: [], aggregators: [], rules: [] };
  return [
    route(
      'config:DescribeConfigurationRecorders',
      C,
      cfg.DescribeConfigurationRecordersCommand,
      (c) => ({
        ConfigurationRecorders: config(c).recorders.map((r) => ({
          arn: `arn:aws:config:${c.region}:${c.accountId}:configuration-recorder/${r.name}/sim`,
          name: r.name,
          roleARN: r.roleArn,
          recordingGroup: {
            allSupported: r.allSupported ?? false,
            includeGlobalResourceTypes: r.includeGlobalResourceTypes ?? false,
            resourceTypes: [],
            exclusionByResourceTypes: { resourceTypes: [] },
            recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' },
          },
          ...(r.recordingFrequency
            ? {
                recordingMode: {
                  recordingFrequency: r.recordingFrequency,
                  recordingModeOverrides: [],
                },
              }
            : {}),
        })),
      }),
    ),
    route(
      'config:DescribeConfigurationRecorderStatus',
      C,
      cfg.DescribeConfigurationRecorderStatusCommand,
      (c) => ({
        ConfigurationRecordersStatus: config(c).recorders.map((r) => ({
          name: r.name,
          lastStartTime: iso(c, 200),
          recording: r.recording ?? false,
          ...(r.lastStatus ? { lastStatus: r.lastStatus } : {}),
          lastStatusChangeTime: iso(c, 0),
        })),
      }),
    ),
    route('config:DescribeDeliveryChannels', C, cfg.DescribeDeliveryChannelsCommand, (c) => ({
      DeliveryChannels: config(c).deliveryChannels.map((d) => ({
        name: d.name,
        s3BucketName: d.s3BucketName,
        snsTopicARN: d.snsTopicArn,
        ...(d.frequency
          ? { configSnapshotDeliveryProperties: { deliveryFrequency: d.frequency } }
          : {}),
      })),
    })),
    route(
      'config:DescribeConfigurationAggregators',
      C,
      cfg.DescribeConfigurationAggregatorsCommand,
      (c) => {
        const p = page(
          'config',
          config(c).aggregators,
          str(c.input, 'NextToken'),
          num(c.input, 'Limit') ?? 100,
          100,
          'InvalidNextTokenException',
        );
        return {
          ConfigurationAggregators: p.items.map((a) => ({
            ConfigurationAggregatorName: a.name,
            ConfigurationAggregatorArn: a.arn,
            CreationTime: iso(c, 300),
            LastUpdatedTime: iso(c, 30),
            ...(a.organizationWide
              ? {
                  OrganizationAggregationSource: {
                    RoleArn: `arn:aws:iam::${c.accountId}:role/service-role/AWSConfigRoleForOrganizations`,
                    AwsRegions: a.regions,
                    AllAwsRegions: a.allRegions,
                  },
                }
              : {
                  AccountAggregationSources: [
                    {
                      AccountIds: a.accountIds,
                      AwsRegions: a.regions,
                      AllAwsRegions: a.allRegions,
                    },
                  ],
                }),
          })),
          ...nextField('NextToken', p.next),
        };
      },
    ),
    route('config:DescribeConfigRules', C, cfg.DescribeConfigRulesCommand, (c) => {
      const p = page(
        'config',
        config(c).rules,
        str(c.input, 'NextToken'),
        25,
        25,
        'InvalidNextTokenException',
      );
      return {
        ConfigRules: p.items.map((r) => ({
          ConfigRuleName: r.name,
          ConfigRuleArn: r.arn,
          ConfigRuleId: `config-rule-${r.arn.slice(-6)}`,
          Source: { Owner: r.source, ...(r.identifier ? { SourceIdentifier: r.identifier } : {}) },
          ...(r.state ? { ConfigRuleState: r.state } : {}),
        })),
        ...nextField('NextToken', p.next),
      };
    }),
  ];
}
