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
});
