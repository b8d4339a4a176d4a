import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, globMatch, LIT_QMARK, LIT_STAR } from './glob.js';

/** The former regex translation: the reference semantics, fine on short inputs. */
function naive(pattern: string, text: string, ignoreCase: boolean): boolean {
  let body = '';
  for (const c of pattern) {
    if (c === '*') body += '.*';
    else if (c === '?') body += '.';
    else if (c === LIT_STAR) body += '\\*';
    else if (c === LIT_QMARK) body += '\\?';
    else body += c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, ignoreCase ? 'is' : 's').test(text);
}

describe('globMatch', () => {
  it.each([
    ['*', '', false, true],
    ['*', 'anything/at:all', false, true],
    ['', '', false, true],
    ['', 'a', false, false],
    ['a', 'a', false, true],
    ['a', 'A', false, false],
    ['a', 'A', true, true],
    ['?', '', false, false],
    ['?', 'x', false, true],
    ['??', 'x', false, false],
    ['a*', 'a', false, true],
    ['*a', 'ba', false, true],
    ['*a', 'ab', false, false],
    ['a*b*c', 'aXbYc', false, true],
    ['a*b*c', 'aXcYb', false, false],
    ['a**b', 'ab', false, true],
    ['*?*', '', false, false],
    ['*?*', 'z', false, true],
    ['s3:Get*', 'S3:getobject', true, true],
    ['s3:Get*', 'S3:getobject', false, false],
    ['iam:Get.*', 'iam:GetXuser', false, false],
    ['a+b', 'a+b', false, true],
    ['a+b', 'aab', false, false],
    ['(x)|[y]', '(x)|[y]', false, true],
    ['line*', 'line\nbreak', false, true],
    [`a${LIT_STAR}`, 'a*', false, true],
    [`a${LIT_STAR}`, 'ab', false, false],
    [`a${LIT_QMARK}`, 'a?', false, true],
    [`a${LIT_QMARK}`, 'ab', false, false],
    [`${LIT_STAR}*`, '*tail', false, true],
    ['ſ', 'S', true, false],
    ['é', 'É', true, true],
  ])('%j vs %j (ignoreCase %s) -> %s', (pattern, text, ignoreCase, want) => {
    expect(globMatch(pattern, text, ignoreCase)).toBe(want);
    expect(naive(pattern, text, ignoreCase)).toBe(want);
  });

  it('agrees with the regex semantics on random short patterns', () => {
    const unit = fc.constantFrom('a', 'b', 'A', '*', '?', ':', '/', LIT_STAR, LIT_QMARK);
    const pattern = fc.array(unit, { maxLength: 8 }).map((a) => a.join(''));
    const text = fc
      .array(fc.constantFrom('a', 'b', 'A', 'B', ':', '/', '*', '?'), { maxLength: 10 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(pattern, text, fc.boolean(), (p, t, ic) => {
        expect(globMatch(p, t, ic)).toBe(naive(p, t, ic));
      }),
      { numRuns: 2000 },
    );
  });

  // The guard is vitest's timeout: the regex translation took minutes on these.
  it.each([
    ['s3:' + '*a'.repeat(12) + 'b', 's3:' + 'a'.repeat(40)],
    ['*'.repeat(200) + 'Q', 'DescribeInstances'.repeat(20)],
    ['*a'.repeat(500) + 'b', 'a'.repeat(5000)],
  ])('pathological pattern %# completes and does not match', (pattern, text) => {
    expect(globMatch(pattern, text)).toBe(false);
    expect(globMatch(pattern, text, true)).toBe(false);
  });

  it('caches compiled patterns per pattern and case mode', () => {
    expect(compileGlob('x*', true)).toBe(compileGlob('x*', true));
    expect(compileGlob('x*', true)).not.toBe(compileGlob('x*', false));
  });
});
