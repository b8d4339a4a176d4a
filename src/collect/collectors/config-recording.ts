import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeConfigRules,
  paginateDescribeConfigurationAggregators,
  type ConfigRule,
  type ConfigurationAggregator,
} from '@aws-sdk/client-config-service';
import type { ConfigSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined } from './decode.js';
import { readItem } from './errors.js';

type Aggregator = ConfigSnapshot['aggregators'][number];

/** The snapshot's view of one configuration aggregator (account or organization sources). */
export function aggregator(a: ConfigurationAggregator): Aggregator {
  const org = a.OrganizationAggregationSource;
  const accounts = a.AccountAggregationSources ?? [];
  const regions = new Set<string>([
    ...(org?.AwsRegions ?? []),
    ...accounts.flatMap((s) => s.AwsRegions ?? []),
  ]);
  return {
    name: a.ConfigurationAggregatorName ?? '',
    arn: a.ConfigurationAggregatorArn ?? '',
    organizationWide: org !== undefined,
    accountIds: accounts.flatMap((s) => s.AccountIds ?? []),
    regions: [...regions],
    allRegions: org?.AllAwsRegions === true || accounts.some((s) => s.AllAwsRegions === true),
  };
}

function rule(r: ConfigRule): ConfigSnapshot['rules'][number] {
  return {
    name: r.ConfigRuleName ?? '',
    arn: r.ConfigRuleArn ?? '',
    source: r.Source?.Owner ?? '',
    ...defined({ identifier: r.Source?.SourceIdentifier, state: r.ConfigRuleState }),
  };
}

/**
 * `config.recording`: configuration recorders with their status, delivery channels,
 * aggregators and rules. The lists are the section (a failure leaves it out); the recorder
 * status is an addition (a failure is a gap, the recorders stay).
 */
export const configRecordingCollector: Collector = {
  ...fromCatalogue('config.recording'),
  service: 'config',
  async run(ctx) {
    const client = ctx.client(ConfigServiceClient);
    const opts = { abortSignal: ctx.signal };
    const listAggregators = async (): Promise<ConfigurationAggregator[]> => {
      const out: ConfigurationAggregator[] = [];
      for await (const page of paginateDescribeConfigurationAggregators({ client }, {}, opts)) {
        out.push(...(page.ConfigurationAggregators ?? []));
      }
      return out;
    };
    const listRules = async (): Promise<ConfigRule[]> => {
      const out: ConfigRule[] = [];
      for await (const page of paginateDescribeConfigRules({ client }, {}, opts)) {
        out.push(...(page.ConfigRules ?? []));
      }
      return out;
    };
    const [recorders, statuses, channels, aggregators, rules] = await Promise.all([
      client.send(new DescribeConfigurationRecordersCommand({}), opts),
      readItem(ctx, 'config:DescribeConfigurationRecorderStatus', 'config.recorders.status', () =>
        client.send(new DescribeConfigurationRecorderStatusCommand({}), opts),
      ),
      client.send(new DescribeDeliveryChannelsCommand({}), opts),
      listAggregators(),
      listRules(),
    ]);
    const status = new Map(
      (statuses?.ConfigurationRecordersStatus ?? []).map((s) => [s.name ?? '', s]),
    );
    const config: ConfigSnapshot = {
      recorders: (recorders.ConfigurationRecorders ?? []).map((r) => {
        const s = status.get(r.name ?? '');
        return {
          name: r.name ?? '',
          ...defined({
            roleArn: r.roleARN,
            allSupported: r.recordingGroup?.allSupported,
            includeGlobalResourceTypes: r.recordingGroup?.includeGlobalResourceTypes,
            recordingFrequency: r.recordingMode?.recordingFrequency,
            recording: s?.recording,
            lastStatus: s?.lastStatus,
          }),
        };
      }),
      deliveryChannels: (channels.DeliveryChannels ?? []).map((c) => ({
        name: c.name ?? '',
        ...defined({
          s3BucketName: c.s3BucketName,
          snsTopicArn: c.snsTopicARN,
          frequency: c.configSnapshotDeliveryProperties?.deliveryFrequency,
        }),
      })),
      aggregators: aggregators.map(aggregator),
      rules: rules.map(rule),
    };
    return { kind: 'region', region: { config } };
  },
};
