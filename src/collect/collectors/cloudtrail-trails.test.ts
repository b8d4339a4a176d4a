import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
  InsightNotEnabledException,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { cloudTrailTrailsCollector } from './cloudtrail-trails.js';

const ct = mockClient(CloudTrailClient);
beforeEach(() => ct.reset());

const orgArn = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org';
const localArn = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/local';
const selectors = [
  { ReadWriteType: 'All' as const, IncludeManagementEvents: true, DataResources: [] },
];

describe('cloudtrail.trails', () => {
  it('reads trails homed here with status and selectors', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [
        {
          Name: 'org',
          S3BucketName: 'org-trail-logs',
          S3KeyPrefix: 'o-abc',
          IncludeGlobalServiceEvents: true,
          IsMultiRegionTrail: true,
          HomeRegion: 'eu-west-1',
          TrailARN: orgArn,
          LogFileValidationEnabled: true,
          CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*',
          KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
          HasCustomEventSelectors: false,
          HasInsightSelectors: true,
          IsOrganizationTrail: true,
        },
        {
          Name: 'local',
          S3BucketName: 'local-logs',
          IncludeGlobalServiceEvents: false,
          IsMultiRegionTrail: false,
          HomeRegion: 'eu-west-1',
          TrailARN: localArn,
          LogFileValidationEnabled: false,
          SnsTopicARN: 'arn:aws:sns:eu-west-1:111122223333:t',
          IsOrganizationTrail: false,
        },
        // A shadow (multi-Region trail homed elsewhere) is left to its home Region.
        {
          Name: 'elsewhere',
          HomeRegion: 'us-east-1',
          TrailARN: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/elsewhere',
          IsMultiRegionTrail: true,
        },
      ],
    });
    ct.on(GetTrailStatusCommand, { Name: orgArn }).resolves({
      IsLogging: true,
      LatestDeliveryTime: new Date('2024-05-01T00:00:00Z'),
    });
    ct.on(GetTrailStatusCommand, { Name: localArn }).resolves({
      IsLogging: false,
      LatestDeliveryError: 'AccessDenied',
    });
    ct.on(GetEventSelectorsCommand, { TrailName: orgArn }).resolves({
      TrailARN: orgArn,
      EventSelectors: selectors,
    });
    ct.on(GetEventSelectorsCommand, { TrailName: localArn }).resolves({
      TrailARN: localArn,
      AdvancedEventSelectors: [
        { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      ],
    });
    ct.on(GetInsightSelectorsCommand, { TrailName: orgArn }).resolves({
      TrailARN: orgArn,
      InsightSelectors: [
        { InsightType: 'ApiCallRateInsight' },
        { InsightType: 'ApiErrorRateInsight' },
      ],
    });
    ct.on(GetInsightSelectorsCommand, { TrailName: localArn }).rejects(
      new InsightNotEnabledException({ message: 'not enabled', $metadata: {} }),
    );
    const ctx = fakeContext('111122223333', 'eu-west-1');
    const result = await cloudTrailTrailsCollector.run(ctx);
    // The default (shadow trails included): false would hide the organization trail from
    // member accounts.
    expect(ct.commandCalls(DescribeTrailsCommand)[0]?.args[0].input).toEqual({});
    expect(ctx.gaps).toEqual([]);
    expect(result).toEqual({
      kind: 'region',
      region: {
        trails: [
          {
            name: 'org',
            arn: orgArn,
            homeRegion: 'eu-west-1',
            isMultiRegionTrail: true,
            isOrganizationTrail: true,
            includeGlobalServiceEvents: true,
            logFileValidationEnabled: true,
            s3BucketName: 'org-trail-logs',
            s3KeyPrefix: 'o-abc',
            kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/k1',
            cloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:trail:*',
            status: { isLogging: true, latestDeliveryTime: '2024-05-01T00:00:00.000Z' },
            eventSelectors: selectors,
            insightSelectors: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
          },
          {
            name: 'local',
            arn: localArn,
            homeRegion: 'eu-west-1',
            isMultiRegionTrail: false,
            isOrganizationTrail: false,
            includeGlobalServiceEvents: false,
            logFileValidationEnabled: false,
            s3BucketName: 'local-logs',
            snsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:t',
            status: { isLogging: false, latestDeliveryError: 'AccessDenied' },
            advancedEventSelectors: [
              {
                Name: 'mgmt',
                FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
              },
            ],
            insightSelectors: [],
          },
        ],
      },
    });
  });

  it('lists the organization trail in a member account, in its home Region only, read by ARN', async () => {
    const mgmtOrgArn = 'arn:aws:cloudtrail:eu-west-1:999988887777:trail/org';
    const orgTrail = {
      Name: 'org',
      S3BucketName: 'org-trail-logs',
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true,
      HomeRegion: 'eu-west-1',
      TrailARN: mgmtOrgArn,
      LogFileValidationEnabled: true,
      IsOrganizationTrail: true,
    };
    // What AWS answers a member account with shadow trails included: the organization trail
    // (owned by the management account) in every Region, with its HomeRegion.
    ct.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail] });
    ct.on(GetTrailStatusCommand, { Name: mgmtOrgArn }).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand, { TrailName: mgmtOrgArn }).resolves({
      TrailARN: mgmtOrgArn,
      EventSelectors: selectors,
    });
    ct.on(GetInsightSelectorsCommand).rejects(
      new InsightNotEnabledException({ message: 'not enabled', $metadata: {} }),
    );
    const member = fakeContext('111122223333', 'eu-west-1');
    const result = await cloudTrailTrailsCollector.run(member);
    expect(member.gaps).toEqual([]);
    expect(result).toEqual({
      kind: 'region',
      region: {
        trails: [
          {
            name: 'org',
            arn: mgmtOrgArn,
            homeRegion: 'eu-west-1',
            isMultiRegionTrail: true,
            isOrganizationTrail: true,
            includeGlobalServiceEvents: true,
            logFileValidationEnabled: true,
            s3BucketName: 'org-trail-logs',
            status: { isLogging: true },
            eventSelectors: selectors,
            insightSelectors: [],
          },
        ],
      },
    });
    // A member account must name an organization trail by its ARN.
    expect(ct.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input.Name)).toEqual([
      mgmtOrgArn,
    ]);
    // In another Region the same trail is a shadow: not listed again.
    const other = await cloudTrailTrailsCollector.run(fakeContext('111122223333', 'us-east-1'));
    expect(other).toEqual({ kind: 'region', region: { trails: [] } });
  });

  it('lists a trail once even if DescribeTrails repeats it', async () => {
    const t = { Name: 'local', HomeRegion: 'eu-west-1', TrailARN: localArn };
    ct.on(DescribeTrailsCommand).resolves({ trailList: [t, { ...t }] });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: selectors });
    ct.on(GetInsightSelectorsCommand).resolves({});
    const result = await cloudTrailTrailsCollector.run(fakeContext());
    expect(result.kind === 'region' ? result.region.trails?.map((x) => x.arn) : []).toEqual([
      localArn,
    ]);
  });

  it('a status denied is a gap; the trail stays without status', async () => {
    ct.on(DescribeTrailsCommand).resolves({
      trailList: [{ Name: 'local', HomeRegion: 'eu-west-1', TrailARN: localArn }],
    });
    ct.on(GetTrailStatusCommand).rejects(awsError('AccessDeniedException'));
    ct.on(GetEventSelectorsCommand).resolves({ EventSelectors: selectors });
    ct.on(GetInsightSelectorsCommand).resolves({});
    const ctx = fakeContext();
    const result = await cloudTrailTrailsCollector.run(ctx);
    const trail = result.kind === 'region' ? result.region.trails?.[0] : undefined;
    expect(trail && 'status' in trail).toBe(false);
    expect(trail?.insightSelectors).toEqual([]);
    expect(ctx.gaps).toEqual([
      {
        api: 'cloudtrail:GetTrailStatus',
        code: 'AccessDeniedException',
        section: 'trails.local.status',
      },
    ]);
  });
});
