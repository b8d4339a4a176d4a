import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, hasErrors } from '../core/diagnostics.js';
import { lintPolicy } from './lint.js';
import { lineIndex, MAX_NESTING, nestedLocator, parsePolicyText } from './parse.js';

const EXAMPLES = join(import.meta.dirname, '../../../shared/data/scp-examples');
const BAD_EXAMPLE =
  'Service-specific-controls/AWS-IAM/deny-service-specific-credential-by-type.json';

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return jsonFiles(p);
    return p.endsWith('.json') ? [p] : [];
  });
}

describe('parsePolicyText', () => {
  it.each([
    { text: '{\n  "a": 1,\n}', code: 'json-trailing-comma', line: 3, col: 1 },
    { text: '{\n  // note\n  "a": 1\n}', code: 'json-comment', line: 2, col: 3 },
    { text: '{"a": 1 "b": 2}', code: 'json-syntax', line: 1, col: 9 },
    { text: '{"a": }', code: 'json-syntax', line: 1, col: 7 },
    { text: '', code: 'json-syntax', line: 1, col: 1 },
    { text: '{"a": 1}\n{"b": 2}', code: 'json-syntax', line: 2, col: 1 },
  ])('reports $code at $line:$col', ({ text, code, line, col }) => {
    const p = parsePolicyText(text, 'p.json');
    expect(p.value).toBeUndefined();
    expect(p.diagnostics[0]).toMatchObject({
      code,
      severity: 'error',
      at: { file: 'p.json', line, col },
    });
  });

  it('explains why comments are rejected', () => {
    const p = parsePolicyText('/* x */ {}', 'p.json');
    expect(formatDiagnostic(p.diagnostics[0] ?? { severity: 'error', code: '', message: '' })).toBe(
      'p.json:1:1: error: comments are not allowed in JSON policies: IAM rejects them',
    );
  });

  it('reports duplicate keys with their position but still returns the value', () => {
    const p = parsePolicyText(
      '{\n "Version": "2012-10-17",\n "Version": "2008-10-17"\n}',
      'p.json',
    );
    expect(p.value).toEqual({ Version: '2008-10-17' });
    expect(p.diagnostics).toMatchObject([
      { code: 'json-duplicate-key', at: { line: 3, col: 2 }, path: 'Version' },
    ]);
  });

  it.each([
    ['arrays', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['objects', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
    ['unterminated', '['.repeat(20_000)],
    ['just over the limit', '['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1)],
  ])('reports deep nesting (%s) instead of overflowing the stack', (_note, text) => {
    const p = parsePolicyText(text, 'p.json');
    expect(p.value).toBeUndefined();
    expect(p.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'json-syntax',
        `invalid policy: the JSON is nested too deeply (more than ${MAX_NESTING} levels)`,
      ],
    ]);
  });

  it('reads nesting up to the limit, duplicate keys included, in document order', () => {
    const n = MAX_NESTING - 1;
    const text = '{"a":'.repeat(n) + '{"b":1,"b":2}' + '}'.repeat(n);
    const p = parsePolicyText(text, 'p.json');
    expect(p.value).toBeTypeOf('object');
    expect(p.diagnostics.map((d) => d.code)).toEqual(['json-duplicate-key']);
    const order = parsePolicyText('{"x":{"d":1,"d":2},"y":[{"e":1,"e":2}],"z":1,"z":2}', 'p.json');
    expect(order.diagnostics.map((d) => d.path)).toEqual(['x.d', 'y[0].e', 'z']);
  });

  it('does not count brackets inside strings as nesting', () => {
    const text = JSON.stringify({ Id: '['.repeat(MAX_NESTING * 2) + '\\"{' });
    expect(parsePolicyText(text, 'p.json').diagnostics).toEqual([]);
  });

  it('accepts a byte-order mark without shifting positions', () => {
    const p = parsePolicyText('\uFEFF{"Version": 1}', 'p.json');
    expect(p.diagnostics).toEqual([]);
    expect(p.locate(['Version'])).toEqual({ file: 'p.json', line: 1, col: 3 });
  });

  it('locates keys, array items and the nearest existing ancestor', () => {
    const text =
      '{\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["a:b", "c:d"]\n    }\n  ]\n}';
    const p = parsePolicyText(text, 'f.json');
    expect(p.locate(['Statement', 0, 'Effect'])).toEqual({ file: 'f.json', line: 4, col: 7 });
    expect(p.locate(['Statement', 0, 'Action', 1])).toEqual({ file: 'f.json', line: 5, col: 25 });
    expect(p.locate(['Statement', 0, 'Resource'])).toEqual({ file: 'f.json', line: 3, col: 5 });
    expect(p.locate([])).toEqual({ file: 'f.json', line: 1, col: 1 });
  });

  it('nestedLocator resolves policy paths inside an enclosing document', () => {
    const outer = parsePolicyText('{"guardrails": [{"policy": {"Statement": []}}]}', 'bp.json');
    const locate = nestedLocator(outer.locate, ['guardrails', 0, 'policy']);
    expect(locate(['Statement'])).toEqual({ file: 'bp.json', line: 1, col: 29 });
  });

  it('lineIndex maps offsets to 1-based positions', () => {
    const at = lineIndex('ab\ncd\n', 'x');
    expect([at(0), at(2), at(3), at(5)].map((p) => `${p.line}:${p.col}`)).toEqual([
      '1:1',
      '1:3',
      '2:1',
      '2:3',
    ]);
  });
});

describe('AWS example SCPs (shared/data/scp-examples)', () => {
  const files = jsonFiles(EXAMPLES);

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('rejects the one file with a // comment, with a clear message', () => {
    const file = join(EXAMPLES, BAD_EXAMPLE);
    const p = parsePolicyText(readFileSync(file, 'utf8'), BAD_EXAMPLE);
    expect(p.value).toBeUndefined();
    expect(p.diagnostics.map(formatDiagnostic)).toEqual([
      `${BAD_EXAMPLE}:15:13: error: comments are not allowed in JSON policies: IAM rejects them`,
    ]);
  });

  it.each(files.filter((f) => !f.endsWith(BAD_EXAMPLE)).map((f) => relative(EXAMPLES, f)))(
    'lints %s as an SCP with no errors',
    (name) => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const p = parsePolicyText(text, name);
      const ds = [
        ...p.diagnostics,
        ...lintPolicy(p.value, { kind: 'scp', locate: p.locate, text }),
      ];
      expect(ds.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
      for (const d of ds) expect(d.at?.file).toBe(name);
    },
  );

  it('warns about placeholders such as ${Account} and [PRIVILEGED_ROLE]', () => {
    const name = 'Privileged-access-controls/Deny-billing-modification-action.json';
    const text = readFileSync(join(EXAMPLES, name), 'utf8');
    const p = parsePolicyText(text, name);
    const ds = lintPolicy(p.value, { kind: 'scp', locate: p.locate, text });
    expect(hasErrors(ds)).toBe(false);
    expect(ds).toMatchObject([
      {
        code: 'placeholder',
        severity: 'warning',
        path: 'Statement[0].Condition.ArnNotLike.aws:PrincipalARN',
        at: { line: 24, col: 16 },
      },
    ]);
    expect(ds[0]?.message).toContain('[PRIVILEGED_ROLE], ${Account}');
  });
});
