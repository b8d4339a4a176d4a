import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  DescribeConfigurationAggregatorsCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { aggregator, configRecordingCollector } from './config-recording.js';

const config = mockClient(ConfigServiceClient);
beforeEach(() => config.reset());

function base(): void {
  config.on(DescribeConfigurationRecordersCommand).resolves({
    ConfigurationRecorders: [
      {
        arn: 'arn:aws:config:eu-west-1:111122223333:configuration-recorder/default/abc',
        name: 'default',
        roleARN:
          'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
      },
    ],
  });
  config.on(DescribeDeliveryChannelsCommand).resolves({
    DeliveryChannels: [
      {
        name: 'default',
        s3BucketName: 'config-logs',
        snsTopicARN: 'arn:aws:sns:eu-west-1:111122223333:config',
        configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
      },
    ],
  });
  config
    .on(DescribeConfigurationAggregatorsCommand)
    .resolvesOnce({
      ConfigurationAggregators: [
        {
          ConfigurationAggregatorName: 'org',
          ConfigurationAggregatorArn:
            'arn:aws:config:eu-west-1:111122223333:config-aggregator/config-aggregator-1',
          OrganizationAggregationSource: {
            RoleArn: 'arn:aws:iam::111122223333:role/agg',
            AllAwsRegions: true,
          },
        },
      ],
      NextToken: 'a2',
    })
    .resolvesOnce({
      ConfigurationAggregators: [
        {
          ConfigurationAggregatorName: 'some',
          ConfigurationAggregatorArn:
            'arn:aws:config:eu-west-1:111122223333:config-aggregator/config-aggregator-2',
          AccountAggregationSources: [
            {
              AccountIds: ['444455556666'],
              AllAwsRegions: false,
              AwsRegions: ['eu-west-1', 'us-east-1'],
            },
          ],
        },
      ],
    });
  config
    .on(DescribeConfigRulesCommand)
    .resolvesOnce({
      ConfigRules: [
        {
          ConfigRuleName: 'root-mfa',
          ConfigRuleArn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-1',
          Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' },
          ConfigRuleState: 'ACTIVE',
        },
      ],
      NextToken: 'r2',
    })
    .resolvesOnce({
      ConfigRules: [
        {
          ConfigRuleName: 'custom',
          ConfigRuleArn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-2',
          Source: { Owner: 'CUSTOM_POLICY' },
        },
      ],
    });
}

describe('config.recording', () => {
  it.each([
    {
      name: 'recorders with status, channels, aggregators and rules across pages',
      status: () =>
        config.on(DescribeConfigurationRecorderStatusCommand).resolves({
          ConfigurationRecordersStatus: [
            { name: 'default', recording: true, lastStatus: 'Success' },
          ],
        }),
      recorder: { recording: true, lastStatus: 'Success' },
      gaps: [],
    },
    {
      name: 'recorder status denied: a gap, recorders kept',
      status: () =>
        config
          .on(DescribeConfigurationRecorderStatusCommand)
          .rejects(awsError('AccessDeniedException')),
      recorder: {},
      gaps: [
        {
          api: 'config:DescribeConfigurationRecorderStatus',
          code: 'AccessDeniedException',
          section: 'config.recorders.status',
        },
      ],
    },
  ])('$name', async ({ status, recorder, gaps }) => {
    base();
    status();
    const ctx = fakeContext();
    const result = await configRecordingCollector.run(ctx);
    expect(ctx.gaps).toEqual(gaps);
    expect(result).toEqual({
      kind: 'region',
      region: {
        config: {
          recorders: [
            {
              name: 'default',
              roleArn:
                'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
              allSupported: true,
              includeGlobalResourceTypes: true,
              recordingFrequency: 'CONTINUOUS',
              ...recorder,
            },
          ],
          deliveryChannels: [
            {
              name: 'default',
              s3BucketName: 'config-logs',
              snsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:config',
              frequency: 'TwentyFour_Hours',
            },
          ],
          aggregators: [
            {
              name: 'org',
              arn: 'arn:aws:config:eu-west-1:111122223333:config-aggregator/config-aggregator-1',
              organizationWide: true,
              accountIds: [],
              regions: [],
              allRegions: true,
            },
            {
              name: 'some',
              arn: 'arn:aws:config:eu-west-1:111122223333:config-aggregator/config-aggregator-2',
              organizationWide: false,
              accountIds: ['444455556666'],
              regions: ['eu-west-1', 'us-east-1'],
              allRegions: false,
            },
          ],
          rules: [
            {
              name: 'root-mfa',
              arn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-1',
              source: 'AWS',
              identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
              state: 'ACTIVE',
            },
            {
              name: 'custom',
              arn: 'arn:aws:config:eu-west-1:111122223333:config-rule/config-rule-2',
              source: 'CUSTOM_POLICY',
            },
          ],
        },
      },
    });
  });

  it('no recorder at all is an empty section, not a gap', async () => {
    config.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    config
      .on(DescribeConfigurationRecorderStatusCommand)
      .resolves({ ConfigurationRecordersStatus: [] });
    config.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    config.on(DescribeConfigurationAggregatorsCommand).resolves({ ConfigurationAggregators: [] });
    config.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
    const ctx = fakeContext();
    expect(await configRecordingCollector.run(ctx)).toEqual({
      kind: 'region',
      region: { config: { recorders: [], deliveryChannels: [], aggregators: [], rules: [] } },
    });
    expect(ctx.gaps).toEqual([]);
  });

  it('throws when a list is denied (the section is left out with a gap by the engine)', async () => {
    base();
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({});
    config.on(DescribeConfigRulesCommand).rejects(awsError('AccessDeniedException', 'denied'));
    await expect(configRecordingCollector.run(fakeContext())).rejects.toThrow('denied');
  });

  it('merges Regions of several account sources', () => {
    expect(
      aggregator({
        AccountAggregationSources: [
          { AccountIds: ['1'], AwsRegions: ['a'] },
          { AccountIds: ['2'], AwsRegions: ['a', 'b'], AllAwsRegions: true },
        ],
      }),
    ).toEqual({
      name: '',
      arn: '',
      organizationWide: false,
      accountIds: ['1', '2'],
      regions: ['a', 'b'],
      allRegions: true,
    });
  });
});
