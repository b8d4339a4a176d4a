import { describe, expect, it } from 'vitest';
import { exampleContext } from '../example-context.js';
import { renderGuardrails } from '../registry.js';
import { BEDROCK_INFERENCE_ACTIONS } from './region-deny.js';

const ctx = exampleContext();
const EU = 'arn:aws:bedrock:*:*:inference-profile/eu.*';

describe('region-deny', () => {
  it.each<[string, Record<string, unknown>, Partial<typeof ctx>, RegExp | null]>([
    ['defaults (governed Regions include the home Region)', {}, {}, null],
    ['allowedRegions with the home Region', { allowedRegions: ['eu-west-1'] }, {}, null],
    [
      'allowedRegions without the home Region',
      { allowedRegions: ['eu-central-1', 'us-east-1'] },
      {},
      /allowedRegions \(eu-central-1, us-east-1\) must include the home Region eu-west-1: IAM Identity Center \(sso:\*, identitystore:\*\)/,
    ],
    [
      'governed Regions without the home Region',
      {},
      { governedRegions: ['eu-central-1'] },
      /the governed Regions \(eu-central-1\) must include the home Region eu-west-1/,
    ],
  ])('%s', (_name, params, context, message) => {
    const r = renderGuardrails([{ id: 'region-deny', with: params }], { ...ctx, ...context });
    if (message === null) {
      expect(r.diagnostics).toEqual([]);
      expect(r.statements.length).toBe(1);
    } else {
      expect(r.statements).toEqual([]);
      expect(r.diagnostics).toMatchObject([{ index: 0, path: 'with.allowedRegions' }]);
      expect(r.diagnostics[0]?.message).toMatch(/^guardrail 'region-deny': with\.allowedRegions: /);
      expect(r.diagnostics[0]?.message).toMatch(message);
    }
  });

  it('exempts the Control Tower execution role only when the context names it', () => {
    const ct = 'arn:aws:iam::*:role/AWSControlTowerExecution';
    const arnsOf = (c: typeof ctx) =>
      JSON.stringify(renderGuardrails([{ id: 'region-deny' }], c).statements[0]?.Condition);
    expect(arnsOf({ ...ctx, controlTowerRoleArnPatterns: [ct] })).toContain(ct);
    expect(arnsOf({ ...ctx, controlTowerRoleArnPatterns: [] })).not.toContain(ct);
  });

  it('leaves Bedrock Region-bound by default', () => {
    const [deny, ...rest] = renderGuardrails([{ id: 'region-deny' }], ctx).statements;
    expect(rest).toEqual([]);
    expect(JSON.stringify(deny?.NotAction)).not.toContain('bedrock:');
  });

  it("renders bedrockInferenceProfileArns as AWS's Bedrock CRIS example does", () => {
    const r = renderGuardrails(
      [{ id: 'region-deny', with: { bedrockInferenceProfileArns: [EU], exemptPrincipalArns: [] } }],
      ctx,
    );
    expect(r.diagnostics).toEqual([]);
    const [regions, bedrock] = r.statements;
    for (const a of BEDROCK_INFERENCE_ACTIONS) expect(regions?.NotAction).toContain(a);
    expect(regions?.NotAction).not.toContain('bedrock:*');
    expect(bedrock).toEqual({
      Sid: 'DenyBedrockInferenceOutsideGovernedRegions',
      Effect: 'Deny',
      Action: [
        'bedrock:InvokeModel',
        'bedrock:InvokeModelWithResponseStream',
        'bedrock:CreateModelInvocationJob',
      ],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['eu-central-1', 'eu-west-1'] },
        ArnNotLike: { 'bedrock:InferenceProfileArn': EU },
      },
    });
  });

  it('exempts the same principals from both statements', () => {
    const r = renderGuardrails(
      [{ id: 'region-deny', with: { bedrockInferenceProfileArns: [EU] } }],
      ctx,
    );
    expect(r.statements.map((s) => s.Condition?.ArnNotLike?.['aws:PrincipalArn'])).toEqual([
      ctx.breakGlassRoleArnPatterns[0],
      ctx.breakGlassRoleArnPatterns[0],
    ]);
  });

  it.each([
    ['not an ARN', 'eu.*'],
    ['another service', 'arn:aws:iam::*:role/x'],
    ['a foundation model, not an inference profile', 'arn:aws:bedrock:*::foundation-model/*'],
  ])('rejects a bedrockInferenceProfileArns entry that is %s', (_name, arn) => {
    const r = renderGuardrails(
      [{ id: 'region-deny', with: { bedrockInferenceProfileArns: [arn] } }],
      ctx,
    );
    expect(r.statements).toEqual([]);
    expect(new Set(r.diagnostics.map((d) => d.path))).toEqual(
      new Set(['with.bedrockInferenceProfileArns[0]']),
    );
  });
});
