/**
 * A small, exact matcher for single statements: Action/NotAction, Resource/NotResource and
 * Condition against one request. It answers 'unknown' instead of guessing when the request
 * context does not say (the blueprint's self-lockout check relies on that). The full
 * authorization engine (policy layers, principals) is a separate module.
 */
import { parseOperator, type OperatorInfo } from './data/operators.js';
import type { NormalizedPrincipal, NormalizedStatement } from './types.js';
import { scanVariables, splitOutsideVariables, SPECIAL_VARIABLES } from './variables.js';

/** Three-valued answer. */
export type Tri = 'yes' | 'no' | 'unknown';

/**
 * Request context: a key absent from the object is "not present in the request"; a key
 * present with value `undefined` is "present or not, value unknown".
 */
export type RequestContext = Record<string, string | string[] | boolean | undefined>;

/** The request a statement is matched against. */
export interface MatchRequest {
  action: string;
  resource: string;
  context: RequestContext;
}

// Literal `*` and `?` produced by ${*} and ${?}: private-use characters, so they survive
// wildcard compilation as literals.
const LIT_STAR = '\uE000';
const LIT_QMARK = '\uE001';

const regexCache = new Map<string, RegExp>();

/** Compile a `*`/`?` wildcard pattern to an anchored RegExp (cached). */
export function globRegex(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = regexCache.get(cacheKey);
  if (re) return re;
  let body = '';
  for (const c of pattern) {
    if (c === '*') body += '.*';
    else if (c === '?') body += '.';
    else if (c === LIT_STAR) body += '\\*';
    else if (c === LIT_QMARK) body += '\\?';
    else body += c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
  if (regexCache.size > 10_000) regexCache.clear();
  regexCache.set(cacheKey, re);
  return re;
}

/** Action matching: case-insensitive, `*` and `?` wildcards (rule B1). */
export function matchAction(pattern: string, action: string): boolean {
  return pattern === '*' || globRegex(pattern, true).test(action);
}

/**
 * ARN matching: case-sensitive, compared segment by segment (partition, service, region,
 * account), with `*`/`?` wildcards; in the resource part `*` also spans `:` and `/` (rule B3).
 */
export function matchArn(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitOutsideVariables(pattern, 6);
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return globRegex(pattern, false).test(arn);
  const aParts = [...a.slice(0, 5), a.slice(5).join(':')];
  for (let i = 0; i < 6; i++) {
    if (!globRegex(p[i] ?? '', false).test(aParts[i] ?? '')) return false;
  }
  return true;
}

type Lookup =
  { state: 'absent' } | { state: 'unknown' } | { state: 'value'; values: string[]; multi: boolean };

/** Case-insensitive view of a request context (condition keys are case-insensitive). */
class ContextView {
  private readonly map = new Map<string, RequestContext[string]>();
  private readonly present = new Set<string>();
  constructor(ctx: RequestContext) {
    for (const [k, v] of Object.entries(ctx)) {
      this.map.set(k.toLowerCase(), v);
      this.present.add(k.toLowerCase());
    }
  }
  get(key: string): Lookup {
    const k = key.toLowerCase();
    if (!this.present.has(k)) return { state: 'absent' };
    const v = this.map.get(k);
    if (v === undefined) return { state: 'unknown' };
    if (Array.isArray(v)) return { state: 'value', values: v, multi: true };
    return { state: 'value', values: [typeof v === 'boolean' ? String(v) : v], multi: false };
  }
}

/**
 * Substitute policy variables (rule B8). Returns null when a variable cannot be resolved
 * (the element then does not match), undefined when the context does not say.
 */
function substitute(s: string, ctx: ContextView): string | null | undefined {
  if (!s.includes('${')) return s;
  const scan = scanVariables(s);
  if (scan.unterminated) return null;
  let out = s;
  for (const v of scan.variables) {
    let value: string;
    if (SPECIAL_VARIABLES.has(v.key))
      value = v.key === '*' ? LIT_STAR : v.key === '?' ? LIT_QMARK : '$';
    else {
      const got = ctx.get(v.key);
      if (got.state === 'unknown') return undefined;
      if (got.state === 'value' && !got.multi && got.values[0] !== undefined) value = got.values[0];
      else if (v.defaultValue !== undefined) value = v.defaultValue;
      else return null;
    }
    out = out.replace(v.raw, value);
  }
  return out;
}

const unlit = (s: string): string => s.replaceAll(LIT_STAR, '*').replaceAll(LIT_QMARK, '?');

function or(values: Iterable<Tri>): Tri {
  let r: Tri = 'no';
  for (const v of values) {
    if (v === 'yes') return 'yes';
    if (v === 'unknown') r = 'unknown';
  }
  return r;
}

function and(values: Iterable<Tri>): Tri {
  let r: Tri = 'yes';
  for (const v of values) {
    if (v === 'no') return 'no';
    if (v === 'unknown') r = 'unknown';
  }
  return r;
}

const not = (t: Tri): Tri => (t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown');
const tri = (b: boolean): Tri => (b ? 'yes' : 'no');

function toDate(s: string): number {
  return /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
}

function compare(op: OperatorInfo, a: number, b: number): boolean {
  switch (op.match) {
    case 'lt':
      return a < b;
    case 'lte':
      return a <= b;
    case 'gt':
      return a > b;
    case 'gte':
      return a >= b;
    default:
      return a === b;
  }
}

/** Does request value `rv` match policy value `pv` (positive sense of the operator)? */
function matchValue(op: OperatorInfo, rv: string, pv: string, ctx: ContextView): Tri {
  switch (op.family) {
    case 'String':
    case 'Arn': {
      const sub = substitute(pv, ctx);
      if (sub === undefined) return 'unknown';
      if (sub === null) return 'no';
      if (op.family === 'Arn') return tri(matchArn(sub, rv));
      if (op.match === 'like') return tri(globRegex(sub, false).test(rv));
      if (op.match === 'ignoreCase') return tri(unlit(sub).toLowerCase() === rv.toLowerCase());
      return tri(unlit(sub) === rv);
    }
    case 'Bool':
      return tri(pv.toLowerCase() === rv.toLowerCase());
    case 'Binary':
      return tri(pv === rv);
    case 'Numeric': {
      const a = Number(rv);
      const b = Number(pv);
      if (rv.trim() === '' || pv.trim() === '' || Number.isNaN(a) || Number.isNaN(b)) return 'no';
      return tri(compare(op, a, b));
    }
    case 'Date': {
      const a = toDate(rv);
      const b = toDate(pv);
      if (Number.isNaN(a) || Number.isNaN(b)) return 'no';
      return tri(compare(op, a, b));
    }
    default:
      // IpAddress and anything else: not evaluated here.
      return 'unknown';
  }
}

/** One operator/key/values entry of a Condition block (rules C1, C2, C5). */
export function conditionApplies(
  operator: string,
  key: string,
  values: readonly string[],
  context: RequestContext | ContextView,
): Tri {
  const ctx = context instanceof ContextView ? context : new ContextView(context);
  const op = parseOperator(operator);
  if (!op) return 'unknown';
  const got = ctx.get(key);
  if (got.state === 'unknown') return 'unknown';
  if (got.state === 'absent' || got.values.length === 0) {
    if (op.base.family === 'Null') return tri(values.some((v) => v.toLowerCase() === 'true'));
    if (op.set === 'ForAllValues') return 'yes';
    if (op.set === 'ForAnyValue') return 'no';
    if (op.ifExists) return 'yes';
    return tri(op.base.negated);
  }
  if (op.base.family === 'Null') return tri(values.some((v) => v.toLowerCase() === 'false'));
  const one = (rv: string): Tri => {
    const m = or(values.map((pv) => matchValue(op.base, rv, pv, ctx)));
    return op.base.negated ? not(m) : m;
  };
  if (op.set === 'ForAnyValue') return or(got.values.map(one));
  if (op.set === 'ForAllValues') return and(got.values.map(one));
  if (got.multi && got.values.length !== 1) {
    // A plain operator on a multi-valued key does not match; its negation is not
    // documented, so say so rather than guess.
    return op.base.negated ? 'unknown' : 'no';
  }
  return one(got.values[0] ?? '');
}

/**
 * Whether `stmt` applies to `request`: Action/NotAction, Resource/NotResource and every
 * condition (rule B7 without the Principal part). Effect is not considered.
 */
export function statementApplies(stmt: NormalizedStatement, request: MatchRequest): Tri {
  const ctx = new ContextView(request.context);
  let action: Tri;
  if (stmt.action) action = tri(stmt.action.some((p) => matchAction(p, request.action)));
  else if (stmt.notAction)
    action = tri(!stmt.notAction.some((p) => matchAction(p, request.action)));
  else action = 'no';
  if (action === 'no') return 'no';

  const resourceMatch = (patterns: readonly string[]): Tri =>
    or(
      patterns.map((p) => {
        const sub = substitute(p, ctx);
        if (sub === undefined) return 'unknown';
        return sub === null ? 'no' : tri(matchArn(sub, request.resource));
      }),
    );
  let resource: Tri = 'yes';
  if (stmt.resource) resource = resourceMatch(stmt.resource);
  else if (stmt.notResource) resource = not(resourceMatch(stmt.notResource));
  if (resource === 'no') return 'no';

  const conds: Tri[] = [];
  for (const [op, block] of Object.entries(stmt.condition)) {
    for (const [key, values] of Object.entries(block))
      conds.push(conditionApplies(op, key, values, ctx));
  }
  return and([action, resource, and(conds)]);
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;
}

/** A prototype-less record, so keys such as `__proto__` from JSON stay plain data. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function principal(v: unknown): NormalizedPrincipal | undefined {
  if (v === '*') return '*';
  if (!isObj(v)) return undefined;
  const out = dict<string[]>();
  for (const [k, val] of Object.entries(v)) {
    const list = strings(val);
    if (list) out[k] = list;
  }
  return out;
}

/**
 * The statements of a policy document with every element as an array. Statements without a
 * valid Effect are skipped; malformed values are dropped. Never throws.
 */
export function normalizeStatements(doc: unknown): NormalizedStatement[] {
  if (!isObj(doc)) return [];
  const raw = Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : [doc.Statement];
  const out: NormalizedStatement[] = [];
  for (const s of raw) {
    if (!isObj(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) continue;
    const condition = dict<Record<string, string[]>>();
    if (isObj(s.Condition)) {
      for (const [op, block] of Object.entries(s.Condition)) {
        if (!isObj(block)) continue;
        const entries = dict<string[]>();
        for (const [key, val] of Object.entries(block)) {
          const list = Array.isArray(val) ? val.map(scalar) : [scalar(val)];
          entries[key] = list.filter((x): x is string => x !== undefined);
        }
        condition[op] = entries;
      }
    }
    const st: NormalizedStatement = { effect: s.Effect, condition };
    if (typeof s.Sid === 'string') st.sid = s.Sid;
    const set = (k: 'action' | 'notAction' | 'resource' | 'notResource', v: unknown): void => {
      const list = strings(v);
      if (list) st[k] = list;
    };
    set('action', s.Action);
    set('notAction', s.NotAction);
    set('resource', s.Resource);
    set('notResource', s.NotResource);
    const p = principal(s.Principal);
    if (p) st.principal = p;
    const np = principal(s.NotPrincipal);
    if (np) st.notPrincipal = np;
    out.push(st);
  }
  return out;
}
