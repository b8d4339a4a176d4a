/**
 * `baseline-config`: the AWS Config recorder and delivery channel in every target account
 * and Region (CIS 4.3), delivering to the central log bucket. The recorder uses the
 * service-linked role AWSServiceRoleForConfig (AWS's recommendation: AWS keeps its
 * permissions current, and the central bucket policy grants `config.amazonaws.com`), made
 * sure of by a small custom resource because the role often exists already.
 */
import { InputError } from '../../core/errors.js';
import { ifThen, sub, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';
import { serviceLinkedRoleHandler } from '../custom/account-gaps.js';
import { customProvider } from '../custom/provider.js';
import type { Unit } from '../types.js';
import {
  baselineAccounts,
  baselineRegions,
  baselineUnits,
  homeRegionCondition,
} from './baseline-targets.js';
import { centralBucketName, LOG_ARCHIVE_UNIT } from './security-refs.js';

/** Unit id. */
export const CONFIG_UNIT = 'baseline-config';

const CONFIG_SLR = serviceLinkedRoleHandler({
  id: 'config-slr',
  service: 'config.amazonaws.com',
  roleName: 'AWSServiceRoleForConfig',
});

/** Units of the Config baseline (none without `logging`). */
export function configUnits(ctx: SynthContext): Unit[] {
  const recorder = ctx.bp.logging?.config.recorder;
  if (!recorder) return [];
  if (!recorder.allSupported)
    throw new InputError(
      'synth: logging.config.recorder.allSupported: false needs a list of resource types, which the blueprint does not have; record all supported types (allSupported: true)',
    );
  return baselineUnits(ctx, {
    id: CONFIG_UNIT,
    title: 'AWS Config recorder and delivery channel',
    description:
      'orgward account baseline: AWS Config recorder and delivery channel to the central log bucket',
    accounts: baselineAccounts(ctx, recorder.targets),
    regions: baselineRegions(ctx, recorder.targets),
    build: (t) => {
      buildConfig(t);
    },
  });
}

function buildConfig(t: TemplateBuilder): void {
  const recorder = t.ctx.bp.logging?.config.recorder;
  if (!recorder) return;
  // The central bucket (and its policy for Config) must exist first.
  t.dependsOn(LOG_ARCHIVE_UNIT);
  const slr = t.add('ConfigServiceLinkedRole', {
    Type: 'Custom::ServiceLinkedRole',
    Properties: {
      ServiceToken: customProvider(t, CONFIG_SLR),
      ServiceName: 'config.amazonaws.com',
    },
  });
  const includeGlobal: CfnValue =
    recorder.includeGlobalResources === 'home-region-only'
      ? ifThen(homeRegionCondition(t), true, false)
      : recorder.includeGlobalResources === 'all';
  const rec = t.add(
    'ConfigRecorder',
    {
      Type: 'AWS::Config::ConfigurationRecorder',
      DependsOn: [slr],
      Properties: {
        Name: 'default',
        RoleARN: sub(
          'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        ),
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: includeGlobal },
        RecordingMode: { RecordingFrequency: recorder.recordingFrequency },
      },
    },
    'config-recorder',
  );
  t.add('ConfigDeliveryChannel', {
    Type: 'AWS::Config::DeliveryChannel',
    // Config needs a recorder before it accepts a delivery channel.
    DependsOn: [rec],
    Properties: {
      Name: 'default',
      S3BucketName: centralBucketName(t),
      ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' },
    },
  });
}
