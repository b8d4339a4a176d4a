/**
 * Policy size as AWS measures it. Organizations counts every character of an SCP or RCP,
 * whitespace included ("All characters in your SCP count against its maximum size"); IAM
 * does not count whitespace for managed, inline and trust policies.
 */
import type { Limits } from '../blueprint/limits.js';
import { KIND_RULES } from './data/policy-kinds.js';
import type { PolicyKind } from './types.js';

/** Sizes of one policy text. */
export interface PolicySize {
  /** The size AWS compares with the quota of this kind. */
  size: number;
  /** Every character. */
  total: number;
  /** Without whitespace outside strings (what a minified document would count). */
  minified: number;
  /** The quota that applies. */
  limit: keyof Limits;
}

/** Characters (code points) in `s`, as AWS counts them. */
function chars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate is the second half of one character
  }
  return n;
}

/** `text` without JSON whitespace outside string literals. */
export function minifyJsonText(text: string): string {
  let out = '';
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
      out += text.slice(start, i);
      start = i + 1;
    }
  }
  return out + text.slice(start);
}

/** Measure `text` as a policy of `kind`. */
export function policySize(text: string, kind: PolicyKind): PolicySize {
  const rules = KIND_RULES[kind];
  const total = chars(text);
  const minified = chars(minifyJsonText(text));
  return {
    size: rules.whitespaceCounts ? total : minified,
    total,
    minified,
    limit: rules.sizeLimit,
  };
}
