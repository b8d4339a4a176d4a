import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../blueprint/limits.js';
import { lintPolicy } from './lint.js';
import { minifyJsonText, policySize } from './size.js';

describe('policySize', () => {
  const text = '{\n  "Version": "2012-10-17",\n  "Statement": {"Sid": "a b"}\n}';
  it.each([
    { kind: 'scp', size: text.length, limit: 'scpMaxSize' },
    { kind: 'rcp', size: text.length, limit: 'rcpMaxSize' },
    { kind: 'identity', size: minifyJsonText(text).length, limit: 'managedPolicyMaxSize' },
    { kind: 'trust', size: minifyJsonText(text).length, limit: 'trustPolicyMaxSize' },
  ] as const)('$kind counts as AWS does', ({ kind, size, limit }) => {
    expect(policySize(text, kind)).toMatchObject({ size, limit, total: text.length });
  });

  it('keeps whitespace inside strings and handles escapes', () => {
    expect(minifyJsonText('{ "a b" : "c \\" d" }')).toBe('{"a b":"c \\" d"}');
  });

  it('counts characters, not UTF-16 units', () => {
    expect(policySize('"😀"', 'scp').size).toBe(3);
  });

  it('explains an oversized SCP with numbers and the minified size', () => {
    const actions = Array.from({ length: 300 }, () => 's3:GetObject');
    const text = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: actions, Resource: '*' }] },
      null,
      8,
    );
    const ds = lintPolicy(JSON.parse(text) as unknown, { kind: 'scp', text });
    const size = policySize(text, 'scp');
    expect(size.size).toBeGreaterThan(DEFAULT_LIMITS.scpMaxSize);
    expect(size.minified).toBeLessThan(DEFAULT_LIMITS.scpMaxSize);
    expect(ds).toMatchObject([{ code: 'policy-size', path: '' }]);
    expect(ds[0]?.message).toBe(
      `the SCP is ${size.size} characters, whitespace included; the limit is 10240 (scpMaxSize)`,
    );
    expect(ds[0]?.hint).toContain(`minified it is ${size.minified} characters`);
  });
});
