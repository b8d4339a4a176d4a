/**
 * IAM wildcard matching (`*` any run of characters, `?` one character) in linear space and
 * O(pattern × text) time. A regular expression (`*` as `.*`) backtracks exponentially on
 * patterns with many stars, and patterns come from the policies being linted.
 */

/**
 * A literal `*` produced by the `${*}` policy variable: a private-use character, so it stays
 * a literal through wildcard matching.
 */
export const LIT_STAR = '\uE000';
/** A literal `?` produced by the `${?}` policy variable (see {@link LIT_STAR}). */
export const LIT_QMARK = '\uE001';

/** A compiled wildcard pattern. */
export interface GlobMatcher {
  /** Whether the whole of `text` matches the pattern. */
  test(text: string): boolean;
}

const STAR = -1;
const ANY = -2;
const STAR_CODE = 42; // '*'
const QMARK_CODE = 63; // '?'
const LIT_STAR_CODE = LIT_STAR.charCodeAt(0);
const LIT_QMARK_CODE = LIT_QMARK.charCodeAt(0);

/**
 * Case folding of one UTF-16 code unit, as a non-Unicode `/i` regular expression folds it
 * (upper-case when that is a single unit, and never a non-ASCII unit onto ASCII), so the
 * case-insensitive matcher accepts exactly what the former regex-based one did.
 */
function fold(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const upper = String.fromCharCode(c).toUpperCase();
  if (upper.length !== 1) return c;
  const u = upper.charCodeAt(0);
  return u < 128 ? c : u;
}

class Glob implements GlobMatcher {
  /** One entry per pattern unit: STAR, ANY, or a (folded) character code. */
  private readonly tokens: Int32Array;

  constructor(
    pattern: string,
    private readonly ignoreCase: boolean,
  ) {
    const tokens: number[] = [];
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      if (c === STAR_CODE) {
        // `**` means the same as `*`; one star keeps the backtracking below simple.
        if (tokens.at(-1) !== STAR) tokens.push(STAR);
      } else if (c === QMARK_CODE) tokens.push(ANY);
      else if (c === LIT_STAR_CODE) tokens.push(this.code(STAR_CODE));
      else if (c === LIT_QMARK_CODE) tokens.push(this.code(QMARK_CODE));
      else tokens.push(this.code(c));
    }
    this.tokens = Int32Array.from(tokens);
  }

  private code(c: number): number {
    return this.ignoreCase ? fold(c) : c;
  }

  test(text: string): boolean {
    const tokens = this.tokens;
    const m = tokens.length;
    const n = text.length;
    let p = 0;
    let t = 0;
    // The last `*` seen and the text position it currently ends at: on a mismatch, let that
    // star swallow one more character and retry. Earlier stars never need revisiting, so
    // this is O(m·n) rather than exponential.
    let star = -1;
    let starEnd = 0;
    while (t < n) {
      const tok = p < m ? tokens[p] : undefined;
      if (tok === STAR) {
        star = p++;
        starEnd = t;
      } else if (tok !== undefined && (tok === ANY || tok === this.code(text.charCodeAt(t)))) {
        p++;
        t++;
      } else if (star >= 0) {
        p = star + 1;
        t = ++starEnd;
      } else return false;
    }
    while (p < m && tokens[p] === STAR) p++;
    return p === m;
  }
}

const cache = new Map<string, GlobMatcher>();

/**
 * Compile a wildcard pattern (cached by pattern text and case mode). `*` matches any run of
 * characters (`/` and `:` included), `?` exactly one; {@link LIT_STAR} and
 * {@link LIT_QMARK} match a literal `*` and `?`; everything else matches itself.
 */
export function compileGlob(pattern: string, ignoreCase = false): GlobMatcher {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let g = cache.get(key);
  if (g) return g;
  g = new Glob(pattern, ignoreCase);
  // Patterns come from user documents; bound the cache rather than grow without limit.
  if (cache.size >= 10_000) cache.clear();
  cache.set(key, g);
  return g;
}

/** Whether all of `text` matches the wildcard `pattern` (see {@link compileGlob}). */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  return compileGlob(pattern, ignoreCase).test(text);
}
