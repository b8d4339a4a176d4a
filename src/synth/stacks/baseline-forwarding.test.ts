import { describe, expect, it } from 'vitest';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { Unit } from '../types.js';
import { props, resource, unit } from './__fixtures__/baseline.js';
import { baselineBuilder } from './baseline.js';

const ids = (units: readonly Unit[]) => units.map((u) => u.id);

describe('baseline-forwarding', () => {
  it('forwards management events everywhere and the rest from accounts other than the security account', async () => {
    const units = baselineBuilder.build(await exampleContext('standard'));
    const set = unit(units, 'baseline-forwarding');
    const bus = {
      'Fn::Join': [
        '',
        [
          'arn:aws:events:eu-west-1:',
          { Ref: 'AccountIdSecurityTooling' },
          ':event-bus/orgward-security-events',
        ],
      ],
    };
    expect(props(set, 'ForwardManagementEvents')).toMatchObject({
      EventPattern: {
        'detail-type': ['AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'],
        detail: { managementEvent: [true] },
      },
      Targets: [
        { Arn: bus, Id: 'security-bus', RoleArn: { 'Fn::GetAtt': ['ForwardingRole', 'Arn'] } },
      ],
    });
    expect(resource(set, 'ForwardManagementEvents').Condition).toBeUndefined();
    for (const id of [
      'ForwardFindings',
      'ForwardConfigEvents',
      'ForwardHealthEvents',
      'ForwardCisAlarmEvents',
    ])
      expect(resource(set, id).Condition).toBe('IsNotSecurityAccount');
    expect(set.template.Conditions?.IsNotSecurityAccount).toEqual({
      'Fn::Not': [
        { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, { Ref: 'AccountIdSecurityTooling' }] },
      ],
    });
    expect(props(set, 'ForwardCisAlarmEvents').EventPattern).toMatchObject({
      detail: { alarmName: [{ prefix: 'orgward-cis-' }] },
    });
    expect(props(set, 'ForwardingRole').Policies).toEqual([
      {
        PolicyName: 'put-events',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'events:PutEvents', Resource: bus }],
        },
      },
    ]);
    expect(set.dependsOn).toEqual(['security-tooling']);
    // The management account is not the security account: no condition, which an import could not feed.
    const home = unit(units, 'baseline-forwarding-management-eu-west-1');
    expect(home.template.Conditions).toBeUndefined();
    expect(resource(home, 'ForwardFindings').Condition).toBeUndefined();
  });

  it('forwards only the routed alert sources, and nothing without a security account', async () => {
    const minimal = unit(
      baselineBuilder.build(await exampleContext('minimal')),
      'baseline-forwarding',
    );
    expect(Object.keys(minimal.template.Resources).sort()).toEqual([
      'ForwardFindings',
      'ForwardManagementEvents',
      'ForwardingRole',
    ]);
    // Validation requires a security-tooling account; the builder still copes without one.
    const ctx = await exampleContext('minimal');
    expect(ids(baselineBuilder.build({ ...ctx, security: undefined }))).not.toContain(
      'baseline-forwarding',
    );
  });
});
