/**
 * CloudTrail and AWS Config responders. DescribeTrails answers as AWS does: a trail is
 * owned by the account its ARN names (the simulated snapshot also lists the organization
 * trail in member accounts, where the collector reads it; those copies are not served, the
 * owner's is). In account A and Region R it lists A's trails homed in R and, with
 * includeShadowTrails (the default), the shadows: A's multi-Region trails homed elsewhere
 * and, when A is in the organization, the organization trail (every Region for a
 * multi-Region one). includeShadowTrails=false hides the shadows, the organization trail in
 * a member account included. A collector keeps the trails whose HomeRegion is R. Status and
 * selectors answer by name for A's own trails in R, by ARN for any trail A can see.
 * Config's recorder fields are lower-case (`name`, `roleARN`, `recordingGroup`) as the API
 * spells them.
 */
import * as ct from '@aws-sdk/client-cloudtrail';
import * as cfg from '@aws-sdk/client-config-service';
import type { TrailSnapshot } from '../../snapshot/types.js';
import { awsError } from './errors.js';
import {
  nextField,
  num,
  page,
  str,
  strs,
  type Call,
  type Route,
  regionalRoute,
  createdDaysAgo,
} from './route.js';

const route = regionalRoute;
const iso = createdDaysAgo;

interface OwnedTrail {
  trail: TrailSnapshot;
  /** The owner: the account the ARN names. */
  accountId: string;
}

/** The account an ARN names (`arn:partition:service:region:account:...`). */
function arnAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

/** Every trail once, in its owner's account (copies in other accounts are not trails). */
function ownedTrails(c: Call): OwnedTrail[] {
  return c.idx.memo('owned-trails', () => {
    const seen = new Set<string>();
    return Object.values(c.idx.snapshot.accounts).flatMap((a) =>
      Object.values(a.regions).flatMap((r) =>
        (r.trails ?? []).flatMap((trail) => {
          if (arnAccount(trail.arn) !== a.accountId || seen.has(trail.arn)) return [];
          seen.add(trail.arn);
          return [{ trail, accountId: a.accountId }];
        }),
      ),
    );
  });
}

/** Whether the caller's account can see `t` at all (its own, or its organization's trail). */
function canSee(c: Call, t: OwnedTrail): boolean {
  return (
    t.accountId === c.accountId ||
    (t.trail.isOrganizationTrail && c.idx.orgAccounts.has(c.accountId))
  );
}

function visibleTrails(c: Call, shadows: boolean): TrailSnapshot[] {
  return ownedTrails(c)
    .filter((t) => {
      if (!canSee(c, t)) return false;
      const ownHere = t.accountId === c.accountId && t.trail.homeRegion === c.region;
      if (ownHere) return true;
      return shadows && (t.trail.isMultiRegionTrail || t.trail.homeRegion === c.region);
    })
    .map((t) => t.trail);
}

function findTrail(c: Call, key: string): TrailSnapshot {
  const t = key.startsWith('arn:')
    ? ownedTrails(c).find((x) => x.trail.arn === key && canSee(c, x))?.trail
    : ownedTrails(c).find(
        (x) =>
          x.accountId === c.accountId && x.trail.homeRegion === c.region && x.trail.name === key,
      )?.trail;
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
