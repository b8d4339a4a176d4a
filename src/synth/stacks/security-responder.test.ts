import { beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { CfnResource, CfnTemplate, CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import type { StackUnit, Unit } from '../types.js';
import { securityBusArn, securityToolingBuilder } from './security-tooling.js';

vi.mock('../assets.js', () => ({
  responderAsset: () => ({
    id: 'responder',
    file: 'responder-h.zip',
    hash: 'h',
    content: new Uint8Array(),
  }),
}));

type Statement = Record<string, CfnValue>;
const EXAMPLES = ['minimal', 'standard', 'regulated'] as const;
const ctxs = new Map<string, SynthContext>();
beforeAll(async () => {
  for (const e of EXAMPLES) ctxs.set(e, await exampleContext(e));
});
const ctxOf = (name: string): SynthContext => {
  const c = ctxs.get(name);
  if (!c) throw new Error(name);
  return c;
};
const build = (ctx: SynthContext): Unit[] => securityToolingBuilder.build(ctx);
const unit = (units: Unit[], id: string): StackUnit => {
  const u = units.find((x) => x.id === id);
  if (u?.kind !== 'stack')
    throw new Error(`no stack ${id} in ${units.map((x) => x.id).join(', ')}`);
  return u;
};
const res = (t: CfnTemplate, id: string): CfnResource => {
  const r = t.Resources[id];
  if (!r) throw new Error(`no resource ${id}`);
  return r;
};
const props = (t: CfnTemplate, id: string): Record<string, CfnValue> => res(t, id).Properties ?? {};

describe('responder', () => {
  it('an organization-wide bus and a rule for CloudTrail API calls feeding the function', () => {
    const t = unit(build(ctxOf('standard')), 'security-tooling').template;
    const bus = props(t, 'SecurityEventBus');
    expect(bus.Name).toBe('orgward-security-events');
    const [stmt] = (bus.Policy as { Statement: Statement[] }).Statement;
    expect(stmt).toMatchObject({
      Action: 'events:PutEvents',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
    });
    const rule = props(t, 'ResponderCloudTrailRule');
    expect(rule.EventBusName).toEqual({ Ref: 'SecurityEventBus' });
    expect(rule.EventPattern).toEqual({ 'detail-type': ['AWS API Call via CloudTrail'] });
    expect(props(t, 'ResponderCloudTrailRulePermission')).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['ResponderCloudTrailRule', 'Arn'] },
    });
  });

  it('the function: Node.js 22, index.handler, code from the asset, DLQ, reserved concurrency', () => {
    const u = unit(build(ctxOf('standard')), 'security-tooling');
    const fn = props(u.template, 'ResponderFunction');
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 10,
      Code: { S3Bucket: { Ref: 'AssetsBucket' }, S3Key: { Ref: 'AssetResponderKey' } },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['ResponderDeadLetterQueue', 'Arn'] } },
    });
    expect(u.assets.map((a) => a.id)).toEqual(['responder']);
    expect(props(u.template, 'ResponderDeadLetterQueue').SqsManagedSseEnabled).toBe(true);
    expect(u.entities).toContain('responder');
  });

  it('the role may assume the action role only where auto playbooks act', () => {
    const statements = (name: string) =>
      (
        props(unit(build(ctxOf(name)), 'security-tooling').template, 'ResponderRole').Policies as {
          PolicyDocument: { Statement: Statement[] };
        }[]
      )[0]?.PolicyDocument.Statement ?? [];
    const assume = (name: string) =>
      statements(name)
        .filter((s) => s.Action === 'sts:AssumeRole')
        .map((s) => s.Resource);
    // standard: revert-org-policy-change (management) and block-public-access (member accounts).
    expect(assume('standard')).toEqual([
      'arn:aws:iam::111111111111:role/orgward-responder-action',
      'arn:aws:iam::*:role/orgward-responder-action',
    ]);
    // regulated: only revert-org-policy-change runs automatically.
    expect(assume('regulated')).toEqual([
      'arn:aws:iam::111111111111:role/regulated-responder-action',
    ]);
    expect(assume('minimal')).toEqual([]);
    expect(
      props(unit(build(ctxOf('standard')), 'security-tooling').template, 'ResponderRole').RoleName,
    ).toBe('orgward-responder');
    expect(statements('minimal').some((s) => s.Action === 'sns:Publish')).toBe(false);
    const publish = statements('standard').find((s) => s.Action === 'sns:Publish');
    expect(publish?.Resource).toEqual([
      { Ref: 'AlertTopicSecurityOncall' },
      { Ref: 'AlertTopicSecopsSlack' },
      { Ref: 'AlertTopicIncidentWebhook' },
    ]);
  });

  it('the GuardDuty finding types of the playbooks reach the function too', () => {
    const rule = props(
      unit(build(ctxOf('standard')), 'security-tooling').template,
      'ResponderFindingsRule',
    );
    expect(rule.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: {
        type: [
          'Backdoor:EC2/C&CActivity.B',
          'CryptoCurrency:EC2/BitcoinTool.B!DNS',
          'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
        ],
      },
    });
  });

  it('securityBusArn is derivable in any template', () => {
    const ctx = ctxOf('standard');
    expect(securityBusArn(new TemplateBuilder(ctx, 't'))).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:aws:events:eu-west-1:',
          { Ref: 'AccountIdSecurityTooling' },
          ':event-bus/orgward-security-events',
        ],
      ],
    });
    const known = {
      ...ctx,
      account: (id: string) =>
        id === 'security-tooling'
          ? { ...ctx.idx.accounts.get(id), accountId: '333333333333' }
          : ctx.account(id),
    } as SynthContext;
    expect(securityBusArn(new TemplateBuilder(known, 't'))).toBe(
      'arn:aws:events:eu-west-1:333333333333:event-bus/orgward-security-events',
    );
  });
});
