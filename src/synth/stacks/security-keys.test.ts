import { beforeAll, describe, expect, it } from 'vitest';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { KmsKey } from '../../blueprint/schema/blueprint.js';
import type { CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import { keyPolicy } from './security-keys.js';

type Statement = Record<string, CfnValue>;
let ctx: SynthContext;
beforeAll(async () => {
  ctx = await exampleContext('standard');
});
const key = (over: Partial<KmsKey>): KmsKey => ({
  id: 'k',
  alias: 'alias/k',
  account: 'security-tooling',
  regions: 'home',
  multiRegion: false,
  rotation: true,
  rotationPeriodDays: 365,
  deletionWindowDays: 30,
  usage: ['generic'],
  grants: [],
  ...over,
});
const statements = (k: KmsKey): Statement[] =>
  (keyPolicy(new TemplateBuilder(ctx, 't'), k, 'eu-west-1') as { Statement: Statement[] })
    .Statement;

describe('key policy', () => {
  it('always starts with the account administering the key, and adds nothing for generic keys', () => {
    expect(statements(key({}))).toEqual([
      {
        Sid: 'AccountAdmin',
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
        Action: 'kms:*',
        Resource: '*',
      },
    ]);
  });

  it.each([
    ['cloudtrail', ['CloudTrailEncrypt', 'CloudTrailDescribe']],
    ['config', ['ConfigDelivery']],
    ['logs', ['LogDelivery', 'CloudWatchLogs']],
    ['sns', ['TopicPublishers']],
    ['backup', []],
    ['ebs', []],
  ] as const)('usage %s adds %j', (usage, sids) => {
    expect(
      statements(key({ usage: [usage] }))
        .slice(1)
        .map((s) => s.Sid),
    ).toEqual(sids);
  });

  it('scopes service statements with confused-deputy conditions', () => {
    const all = statements(key({ usage: ['cloudtrail', 'config', 'logs', 'sns'] })).slice(1);
    for (const s of all) expect(Object.keys(s.Condition as object).length).toBeGreaterThan(0);
    const config = all.find((s) => s.Sid === 'ConfigDelivery');
    expect(config?.Condition).toEqual({ StringEquals: { 'aws:SourceOrgID': 'o-a1b2c3d4e5' } });
    const logs = all.find((s) => s.Sid === 'CloudWatchLogs');
    expect(logs?.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
  });

  it('turns each grant into one statement for its grantee', () => {
    const s = statements(
      key({
        grants: [
          { to: { service: 'guardduty.amazonaws.com' }, actions: ['kms:GenerateDataKey'] },
          { to: { account: 'management' }, actions: ['kms:Decrypt'] },
          { to: { role: 'orgward-audit' }, actions: ['kms:Decrypt'] },
          { to: { organization: true }, actions: ['kms:DescribeKey'] },
        ],
      }),
    ).slice(1);
    expect(s.map((x) => x.Sid)).toEqual(['Grant1', 'Grant2', 'Grant3', 'Grant4']);
    expect(s[0]?.Principal).toEqual({ Service: 'guardduty.amazonaws.com' });
    expect(s[1]?.Principal).toEqual({
      AWS: { 'Fn::Sub': ['arn:${AWS::Partition}:iam::${Id}:root', { Id: '111111111111' }] },
    });
    expect(s[2]).toMatchObject({
      Principal: { AWS: '*' },
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/orgward-audit' },
      },
    });
    expect(s[3]).toMatchObject({
      Principal: { AWS: '*' },
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
  });
});
