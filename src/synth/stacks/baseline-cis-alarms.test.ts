import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import { CIS_METRIC_ALARMS } from '../data/cis-alarms.js';
import type { Unit } from '../types.js';
import { contextFor, orgBlueprint, props, unit } from './__fixtures__/baseline.js';
import { baselineBuilder } from './baseline.js';
import { trailAccount } from './security-refs.js';
import { trailLogGroupName } from './security-trail.js';

const build = async (bp: BlueprintInput): Promise<Unit[]> =>
  baselineBuilder.build(await contextFor(bp));
const ids = (units: readonly Unit[]) => units.map((u) => u.id);

describe('baseline-cis-alarms', () => {
  it('puts every CIS 5.x filter and alarm on the trail log group, notifying an encrypted topic', async () => {
    const ctx = await exampleContext('standard');
    const u = unit(baselineBuilder.build(ctx), 'baseline-cis-alarms');
    expect(u.kind === 'stack' && [u.account, u.region]).toEqual([trailAccount(ctx), 'eu-west-1']);
    const filters = Object.values(u.template.Resources).filter(
      (r) => r.Type === 'AWS::Logs::MetricFilter',
    );
    const alarms = Object.values(u.template.Resources).filter(
      (r) => r.Type === 'AWS::CloudWatch::Alarm',
    );
    expect(filters.map((f) => f.Properties?.FilterPattern)).toEqual(
      CIS_METRIC_ALARMS.map((a) => a.pattern),
    );
    for (const f of filters) expect(f.Properties?.LogGroupName).toBe(trailLogGroupName(ctx));
    expect(alarms).toHaveLength(CIS_METRIC_ALARMS.length);
    expect(props(u, 'CisRootUsageAlarm')).toMatchObject({
      AlarmName: 'orgward-cis-5.3-root-usage',
      MetricName: 'CIS-5.3-root-usage',
      Namespace: 'orgward/CISBenchmark',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: 'CisAlarmsTopic' }],
    });
    expect(props(u, 'CisRootUsageFilter').MetricTransformations).toEqual([
      {
        MetricName: 'CIS-5.3-root-usage',
        MetricNamespace: 'orgward/CISBenchmark',
        MetricValue: '1',
      },
    ]);
    expect(props(u, 'CisAlarmsTopic')).toMatchObject({
      TopicName: 'orgward-cis-alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': ['CisAlarmsKey', 'Arn'] },
    });
    expect(props(u, 'CisAlarmsKey').EnableKeyRotation).toBe(true);
    expect(JSON.stringify(props(u, 'CisAlarmsKey').KeyPolicy)).toContain(
      'cloudwatch.amazonaws.com',
    );
    expect(u.dependsOn).toEqual(['security-tooling']);
    expect(u.entities).toEqual(['cis-alarms']);
  });

  it('lives in the management account beside the trail when CloudTrail is not delegated', async () => {
    const bp = orgBlueprint();
    const logging = bp.logging;
    if (!logging) throw new Error('fixture has logging');
    const units = await build({
      ...bp,
      logging: {
        ...logging,
        organizationTrail: { ...logging.organizationTrail, cloudWatchLogs: { retentionDays: 365 } },
      },
    });
    const u = unit(units, 'baseline-cis-alarms');
    expect(u.kind === 'stack' && u.account).toBe('management');
    expect(u.dependsOn).toEqual(['organization-trail']);
  });

  it('is left out without a trail log group or when turned off', async () => {
    const minimal = baselineBuilder.build(await exampleContext('minimal'));
    expect(ids(minimal)).not.toContain('baseline-cis-alarms');
    const bp = orgBlueprint();
    const logging = bp.logging;
    if (!logging) throw new Error('fixture has logging');
    const off = await build({
      ...bp,
      alerting: { cisMetricAlarms: false },
      logging: {
        ...logging,
        organizationTrail: { ...logging.organizationTrail, cloudWatchLogs: { retentionDays: 365 } },
      },
    });
    expect(ids(off)).not.toContain('baseline-cis-alarms');
  });
});
