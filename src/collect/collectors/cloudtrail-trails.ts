import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetInsightSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import type { TrailSnapshot } from '../../snapshot/types.js';
import type { CollectContext, Collector } from '../types.js';
import { fromCatalogue } from '../catalogue.js';
import { defined, isoDate, mapLimit } from './decode.js';
import { readItem } from './errors.js';

async function readTrail(
  ctx: CollectContext,
  client: CloudTrailClient,
  t: Trail,
): Promise<TrailSnapshot> {
  const opts = { abortSignal: ctx.signal };
  const arn = t.TrailARN ?? '';
  const name = arn === '' ? (t.Name ?? '') : arn;
  const section = `trails.${t.Name ?? arn}`;
  const [status, selectors, insights] = await Promise.all([
    readItem(ctx, 'cloudtrail:GetTrailStatus', `${section}.status`, () =>
      client.send(new GetTrailStatusCommand({ Name: name }), opts),
    ),
    readItem(ctx, 'cloudtrail:GetEventSelectors', `${section}.eventSelectors`, () =>
      client.send(new GetEventSelectorsCommand({ TrailName: name }), opts),
    ),
    readItem(
      ctx,
      'cloudtrail:GetInsightSelectors',
      `${section}.insightSelectors`,
      async () => {
        const r = await client.send(new GetInsightSelectorsCommand({ TrailName: name }), opts);
        return (r.InsightSelectors ?? []).flatMap((s) =>
          s.InsightType === undefined ? [] : [s.InsightType],
        );
      },
      ['InsightNotEnabledException'],
    ),
  ]);
  return {
    name: t.Name ?? '',
    arn,
    homeRegion: t.HomeRegion ?? ctx.region,
    isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    includeGlobalServiceEvents: t.IncludeGlobalServiceEvents ?? false,
    logFileValidationEnabled: t.LogFileValidationEnabled ?? false,
    ...defined({
      s3BucketName: t.S3BucketName,
      s3KeyPrefix: t.S3KeyPrefix,
      kmsKeyId: t.KmsKeyId,
      cloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
      snsTopicArn: t.SnsTopicARN,
      status:
        status == null
          ? undefined
          : {
              isLogging: status.IsLogging ?? false,
              ...defined({
                latestDeliveryError: status.LatestDeliveryError,
                latestDeliveryTime: isoDate(status.LatestDeliveryTime),
              }),
            },
      eventSelectors: selectors?.EventSelectors,
      advancedEventSelectors: selectors?.AdvancedEventSelectors,
      insightSelectors: insights === null ? [] : insights,
    }),
  };
}

/**
 * `cloudtrail.trails`: the trails whose home is this Region, with logging status, event
 * selectors (basic or advanced) and Insights selectors (InsightNotEnabledException: none).
 *
 * DescribeTrails is called with its default, shadow trails included: without them AWS
 * returns neither Region replicas nor, in a member account, the organization trail, so a
 * member account would look unlogged. Keeping the trails whose HomeRegion is the Region
 * read lists each trail once per account (a multi-Region trail in its home Region only),
 * the organization trail included in every member account (its ARN names the management
 * account). Status and selectors are read by ARN, which AWS requires for an organization
 * trail from a member account and allows for reading it there; a denial is a gap as for
 * any trail.
 */
export const cloudTrailTrailsCollector: Collector = {
  ...fromCatalogue('cloudtrail.trails'),
  service: 'cloudtrail',
  async run(ctx) {
    const client = ctx.client(CloudTrailClient);
    const r = await client.send(new DescribeTrailsCommand({}), { abortSignal: ctx.signal });
    const seen = new Set<string>();
    const home = (r.trailList ?? []).filter((t) => {
      if (t.HomeRegion !== undefined && t.HomeRegion !== ctx.region) return false;
      const key = t.TrailARN ?? t.Name ?? '';
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const trails = await mapLimit(home, 4, (t) => readTrail(ctx, client, t));
    return { kind: 'region', region: { trails } };
  },
};
