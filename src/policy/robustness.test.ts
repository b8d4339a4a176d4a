import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPolicy } from './lint.js';
import { normalizeStatements, statementApplies } from './match.js';
import { parsePolicyText } from './parse.js';
import { POLICY_KINDS } from './types.js';
import { isCyclic } from './util.js';

const kind = fc.constantFrom(...POLICY_KINDS);

/** Policy-shaped values: real element names with arbitrary contents, plus plain JSON. */
const element = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('*', 's3:Get*', 'arn:aws:s3:::b/${aws:username}', '${', 'Allow', 'Deny', '[X]'),
);
const statement = fc.dictionary(
  fc.constantFrom(
    'Sid',
    'Effect',
    'Action',
    'NotAction',
    'Resource',
    'NotResource',
    'Principal',
    'NotPrincipal',
    'Condition',
    'Other',
  ),
  fc.oneof(element, fc.dictionary(fc.string(), fc.dictionary(fc.string(), element))),
);
/** Object graphs with cycles and shared parts, as YAML aliases build them. */
const linked = fc
  .tuple(policyLike0(), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([doc, picks, asArray]) => {
    // Collect the containers, then point some of them at others (possibly ancestors).
    const containers: object[] = [];
    const collect = (v: unknown): void => {
      if (typeof v !== 'object' || v === null) return;
      containers.push(v);
      for (const c of Object.values(v)) collect(c);
    };
    const root: Record<string, unknown> = { Version: '2012-10-17', Statement: doc };
    collect(root);
    picks.forEach((p, i) => {
      const from = containers[p % containers.length];
      const to = containers[(p + i) % containers.length];
      if (!from || !to) return;
      if (Array.isArray(from)) from.push(asArray ? [to] : to);
      else (from as Record<string, unknown>)[`Link${i}`] = to;
    });
    return root;
  });

function policyLike0() {
  return fc.oneof(statement, fc.array(statement, { maxLength: 3 }));
}

const policyLike = fc.oneof(
  fc.jsonValue(),
  fc.record({
    Version: fc.constantFrom('2012-10-17', '2008-10-17', 1),
    Statement: fc.oneof(statement, fc.array(statement, { maxLength: 4 })),
  }),
);

describe('robustness', () => {
  it('parsePolicyText + lintPolicy never throw on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), kind, (text, k) => {
        const p = parsePolicyText(text, 'x.json');
        lintPolicy(p.value, { kind: k, locate: p.locate, text });
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on JSON texts (valid syntax, arbitrary shape)', () => {
    fc.assert(
      fc.property(policyLike, kind, fc.boolean(), (doc, k, pretty) => {
        const text = JSON.stringify(doc, null, pretty ? 2 : undefined);
        const p = parsePolicyText(text, 'x.json');
        expect(p.value).toEqual(JSON.parse(text));
        const ds = lintPolicy(p.value, { kind: k, locate: p.locate, text });
        for (const d of ds) expect(d.at?.file).toBe('x.json');
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on arbitrary values, and the matcher copes with what normalize returns', () => {
    fc.assert(
      fc.property(fc.oneof(policyLike, fc.anything()), kind, (doc, k) => {
        lintPolicy(doc, { kind: k });
        for (const s of normalizeStatements(doc)) {
          statementApplies(s, {
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context: { 'aws:username': 'a', 'aws:TagKeys': ['x'], 'aws:SourceVpc': undefined },
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on cyclic documents, and report them', () => {
    fc.assert(
      fc.property(linked, kind, (doc, k) => {
        const ds = lintPolicy(doc, { kind: k });
        expect(ds.some((d) => d.code === 'policy-cyclic')).toBe(isCyclic(doc));
        for (const s of normalizeStatements(doc)) {
          statementApplies(s, {
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context: {},
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'self',
      (): unknown => {
        const d: any = { Version: '2012-10-17' };
        d.Statement = d;
        return d;
      },
    ],
    [
      'statement list containing itself',
      (): unknown => {
        const list: any[] = [];
        list.push(
          { Effect: 'Deny', Action: list, Resource: list, Condition: { Bool: list } },
          list,
        );
        return { Version: '2012-10-17', Statement: list };
      },
    ],
    [
      'principal cycle',
      (): unknown => {
        const p: any = { AWS: [] };
        p.AWS.push(p);
        return {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Principal: p, NotPrincipal: p },
        };
      },
    ],
  ])('lints the cyclic document "%s" for every kind', (_note, make) => {
    for (const k of POLICY_KINDS) {
      const ds = lintPolicy(make(), { kind: k });
      expect(ds.map((d) => d.code)).toContain('policy-cyclic');
    }
    // With the original text the size is still measured (the text is what AWS would get).
    lintPolicy(make(), { kind: 'scp', text: '{}' });
  });

  it.each([
    ['arrays', (n: number) => '['.repeat(n) + ']'.repeat(n)],
    ['objects', (n: number) => '{"Statement":'.repeat(n) + '1' + '}'.repeat(n)],
    ['unbalanced', (n: number) => '[{"a":'.repeat(n)],
  ])('never throw on deeply nested text (%s)', (_note, make) => {
    for (const n of [10, 600, 5_000, 20_000, 100_000]) {
      const text = make(n);
      const p = parsePolicyText(text, 'x.json');
      lintPolicy(p.value, { kind: 'scp', text });
    }
  });

  it('never throw on deeply nested values (from YAML, not text)', () => {
    let v: unknown = 's3:GetObject';
    for (let i = 0; i < 100_000; i++) v = i % 2 ? [v] : { Action: v };
    for (const k of POLICY_KINDS) {
      lintPolicy({ Version: '2012-10-17', Statement: v }, { kind: k });
      lintPolicy({ Version: '2012-10-17', Statement: { Effect: 'Deny', Action: v } }, { kind: k });
    }
    expect(normalizeStatements({ Statement: v })).toEqual([]);
  });

  // The guard is vitest's timeout: with a regex translation of wildcards these took minutes.
  it('lints and matches star-heavy wildcards promptly', () => {
    const stars = fc
      .array(fc.constantFrom('*', '*a', '?', 'a', '*Q'), { minLength: 10, maxLength: 40 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(stars, kind, (w, k) => {
        const doc = {
          Version: '2012-10-17',
          Statement: {
            Effect: 'Deny',
            Principal: '*',
            Action: [`ec2:${w}`, `s3:${w}`],
            Resource: `arn:aws:s3:::${w}`,
            Condition: {
              StringLike: { 'aws:username': w },
              ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::*:role/${w}` },
            },
          },
        };
        lintPolicy(doc, { kind: k });
        for (const s of normalizeStatements(doc)) {
          statementApplies(s, {
            action: 'ec2:DescribeInstances' + 'a'.repeat(40),
            resource: 'arn:aws:s3:::' + 'a'.repeat(60),
            context: {
              'aws:username': 'a'.repeat(60),
              'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/' + 'a'.repeat(60),
            },
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});
