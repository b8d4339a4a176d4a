/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`) and
 * template placeholders (`[PRIVILEGED_ROLE]`, `<my-vpc>`, `{example-region-1}`, `${Account}`)
 * found in policy strings. AWS substitutes the former; the latter are left by copy-pasted
 * examples and would match literally.
 */

/** One `${...}` occurrence. */
export interface PolicyVariable {
  /** The whole text, `${...}`. */
  raw: string;
  /** Offset of the `${` in the scanned string. */
  start: number;
  /** The key (or `*`, `?`, `$`), trimmed. */
  key: string;
  /** The default after the comma, if any. */
  defaultValue?: string;
}

/** Variables that stand for a literal character. */
export const SPECIAL_VARIABLES: ReadonlySet<string> = new Set(['*', '?', '$']);

/** Result of scanning a string for variables. */
export interface VariableScan {
  variables: PolicyVariable[];
  /** A `${` without its closing brace. */
  unterminated: boolean;
}

const DEFAULT_RE = /^\s*([^,]+?)\s*,\s*'([^']*)'\s*$/;

/** Find the `${...}` variables in a policy string. */
export function scanVariables(s: string): VariableScan {
  const variables: PolicyVariable[] = [];
  let i = s.indexOf('${');
  while (i >= 0) {
    const end = s.indexOf('}', i + 2);
    if (end < 0) return { variables, unterminated: true };
    const raw = s.slice(i, end + 1);
    const inner = s.slice(i + 2, end);
    const m = DEFAULT_RE.exec(inner);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      variables.push({ raw, start: i, key: m[1], defaultValue: m[2] });
    } else {
      variables.push({ raw, start: i, key: inner.trim() });
    }
    i = s.indexOf('${', end + 1);
  }
  return { variables, unterminated: false };
}

/** True when a variable looks like a template placeholder, not an IAM variable (`${Account}`). */
export function isPlaceholderVariable(v: PolicyVariable): boolean {
  return !SPECIAL_VARIABLES.has(v.key) && !v.key.includes(':');
}

const PLACEHOLDER_RE = /\[[A-Z0-9_\-/*.]+\]|<[^<>\s][^<>]*>|(?<!\$)\{[^{}\s][^{}]*\}/g;

/**
 * Template placeholders in a string: `[UPPER_CASE]`, `<name>`, `{name}` and `${Name}`
 * without a colon. Returned in order, without duplicates.
 */
export function findPlaceholders(s: string): string[] {
  const out = new Set<string>();
  for (const m of s.matchAll(PLACEHOLDER_RE)) out.add(m[0]);
  if (s.includes('${')) {
    for (const v of scanVariables(s).variables) if (isPlaceholderVariable(v)) out.add(v.raw);
  }
  return [...out];
}

/**
 * Split `s` on `:` at most `limit - 1` times, ignoring colons inside `${...}` (so
 * `arn:aws:s3:::b/${aws:username}` splits into six parts, not seven).
 */
export function splitOutsideVariables(s: string, limit: number): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '$' && s[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && depth > 0) depth--;
    else if (c === ':' && depth === 0 && parts.length < limit - 1) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}
