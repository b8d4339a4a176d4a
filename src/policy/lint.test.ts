import { describe, expect, it } from 'vitest';
import type { SourcePosition } from '../core/diagnostics.js';
import { policy } from './__fixtures__/helpers.js';
import { loadIamCatalog } from './catalog.js';
import { lintPolicy } from './lint.js';
import type { JsonPath } from './types.js';

describe('lintPolicy', () => {
  it('uses the caller-provided locator (documents embedded in a blueprint)', () => {
    const seen: JsonPath[] = [];
    const locate = (path: JsonPath): SourcePosition => {
      seen.push(path);
      return { file: 'blueprint.yaml', line: 10 + path.length, col: 3 };
    };
    const ds = lintPolicy(policy('scp', { Action: 's3:GetObjekt', Principal: '*' }), {
      kind: 'scp',
      locate,
    });
    expect(ds.map((d) => [d.code, d.path, d.at?.file])).toEqual([
      ['principal-forbidden', 'Statement[0].Principal', 'blueprint.yaml'],
      ['action-unknown', 'Statement[0].Action', 'blueprint.yaml'],
    ]);
    expect(seen).toContainEqual(['Statement', 0, 'Action']);
  });

  it('measures an embedded document as compact JSON when no text is given', () => {
    const doc = policy('trust', {
      Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(1700) } },
    });
    expect(lintPolicy(doc, { kind: 'trust' }).map((d) => d.code)).toEqual([]);
    expect(lintPolicy(doc, { kind: 'rcp' }).map((d) => d.code)).not.toContain('policy-size');
  });

  it('lints 50 policies in well under 100 ms after warm-up', async () => {
    await loadIamCatalog(['s3', 'ec2', 'iam', 'kms', 'sts', 'organizations']);
    const docs = Array.from({ length: 50 }, (_, i) =>
      policy('scp', {
        Sid: `S${i}`,
        Action: [
          's3:Delete*',
          'ec2:RunInstances',
          'iam:CreateUser',
          'kms:ScheduleKeyDeletion',
          'organizations:LeaveOrganization',
        ],
        Resource: ['arn:aws:s3:::b/*', 'arn:aws:iam::*:role/x'],
        Condition: {
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' },
          StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] },
        },
      }),
    );
    for (const d of docs) lintPolicy(d, { kind: 'scp' });
    const t0 = performance.now();
    for (const d of docs) expect(lintPolicy(d, { kind: 'scp' })).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it.each([
    ['identity', undefined, 'managedPolicyMaxSize'],
    ['identity', false, 'managedPolicyMaxSize'],
    ['identity', true, 'roleInlinePolicyMaxSize'],
    ['trust', true, 'trustPolicyMaxSize'],
  ] as const)('measures %s (inline %s) against %s', (kind, inline, limit) => {
    const doc = policy(kind, {
      Condition: { StringEquals: { 'aws:PrincipalTag/x': 'x'.repeat(20_000) } },
    });
    const opts = inline === undefined ? { kind } : { kind, inline };
    const size = lintPolicy(doc, opts).find((d) => d.code === 'policy-size');
    expect(size?.message).toContain(`(${limit})`);
  });

  it('inline identity policies get the 10,240 quota', () => {
    const doc = policy('identity', {
      Condition: { StringEquals: { 'aws:PrincipalTag/x': 'x'.repeat(8000) } },
    });
    const codes = (inline: boolean) =>
      lintPolicy(doc, { kind: 'identity', inline }).map((d) => d.code);
    expect(codes(false)).toContain('policy-size');
    expect(codes(true)).not.toContain('policy-size');
  });

  // The guard is vitest's timeout: the regex translation of these took seconds to forever.
  it.each(['ec2:******Q', 'ec2:********Q', 'ec2:' + '*?'.repeat(20) + 'Q'])(
    'lints the star-heavy action %s promptly',
    (action) => {
      const ds = lintPolicy(policy('scp', { Action: action }), { kind: 'scp' });
      expect(ds.map((d) => d.code)).toEqual(['action-wildcard-unmatched']);
    },
  );

  it('reports a cyclic document instead of throwing, and still checks the rest', () => {
    const doc: any = policy('scp', { Action: 's3:GetObjekt' });
    const loop: any[] = ['x'];
    loop.push(loop);
    doc.Statement[0].Condition = { StringEquals: { 'aws:x': loop } };
    doc.Self = doc;
    const ds = lintPolicy(doc, { kind: 'scp' });
    expect(ds.map((d) => d.code)).toEqual([
      'policy-cyclic',
      'unknown-key',
      'action-unknown',
      'condition-invalid',
      'condition-key-unknown',
    ]);
    expect(ds[0]?.message).toContain('the document is cyclic');
    expect(ds.find((d) => d.code === 'condition-invalid')?.message).toContain('not ["x",<cyclic>]');
  });

  it('skips the size of a document nested too deeply to serialize', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const ds = lintPolicy(policy('scp', { Condition: { StringEquals: { 'aws:x': deep } } }), {
      kind: 'scp',
    });
    expect(ds.map((d) => d.code)).toContain('condition-invalid');
  });
});
