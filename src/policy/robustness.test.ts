import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintPolicy } from './lint.js';
import { normalizeStatements, statementApplies } from './match.js';
import { parsePolicyText } from './parse.js';
import { POLICY_KINDS } from './types.js';

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
});
