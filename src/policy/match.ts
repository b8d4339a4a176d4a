/**
 * A small, exact matcher for single statements: Action/NotAction, Resource/NotResource and
 * Condition against one request. It answers 'unknown' instead of guessing when the request
 * context does not say (the blueprint's self-lockout check relies on that). The full
 * authorization engine (policy layers, principals) is a separate module.
 */
import { parseOperator, type OperatorInfo } from './data/operators.js';
import { compileGlob, globMatch, LIT_QMARK, LIT_STAR, type GlobMatcher } from './glob.js';
import type { NormalizedPrincipal, NormalizedStatement } from './types.js';
import { isObject, NUMBER_RE, scalar } from './util.js';
import { scanVariables, splitOutsideVariables, SPECIAL_VARIABLES } from './variables.js';

export { compileGlob, globMatch, type GlobMatcher };

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
  /**
   * The request context, or a {@link ContextView} of it. A plain object is read once per
   * object and its view reused (see {@link contextView}), so do not mutate a context after
   * matching with it: build a new object instead.
   */
  context: RequestContext | ContextView;
}

/** Action matching: case-insensitive, `*` and `?` wildcards (rule B1). */
export function matchAction(pattern: string, action: string): boolean {
  return pattern === '*' || globMatch(pattern, action, true);
}

/** An ARN pattern split once: six segment matchers, or one matcher for a non-ARN pattern. */
type ArnPattern = { whole: GlobMatcher } | { segments: GlobMatcher[] };

const arnPatterns = new Map<string, ArnPattern>();

function arnPattern(pattern: string): ArnPattern {
  let compiled = arnPatterns.get(pattern);
  if (compiled) return compiled;
  const p = splitOutsideVariables(pattern, 6);
  compiled =
    p.length < 6
      ? { whole: compileGlob(pattern) }
      : { segments: p.map((segment) => compileGlob(segment)) };
  // Patterns come from user documents; bound the cache rather than grow without limit.
  if (arnPatterns.size >= 10_000) arnPatterns.clear();
  arnPatterns.set(pattern, compiled);
  return compiled;
}

/**
 * ARN matching: case-sensitive, compared segment by segment (partition, service, region,
 * account), with `*`/`?` wildcards; in the resource part `*` also spans `:` and `/` (rule B3).
 * A value that is not an ARN (fewer than six segments) only matches a pattern that matches
 * it as a whole (`*`).
 */
export function matchArn(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const compiled = arnPattern(pattern);
  if ('whole' in compiled) return compiled.whole.test(arn);
  const a = arn.split(':');
  if (a.length < 6) return compileGlob(pattern).test(arn);
  const aParts = [...a.slice(0, 5), a.slice(5).join(':')];
  return compiled.segments.every((seg, i) => seg.test(aParts[i] ?? ''));
}

/** `arn:partition:service:region:account:resource` (the resource may contain more colons). */
function isArn(s: string): boolean {
  return s.startsWith('arn:') && s.split(':', 6).length === 6;
}

type Lookup =
  { state: 'absent' } | { state: 'unknown' } | { state: 'value'; values: string[]; multi: boolean };

/**
 * Case-insensitive view of a request context (condition keys are case-insensitive). Build
 * it once per request with {@link contextView} and pass it instead of the context to match
 * many statements against the same request.
 */
export class ContextView {
  private readonly map = new Map<string, RequestContext[string]>();
  constructor(ctx: RequestContext) {
    for (const [k, v] of Object.entries(ctx)) this.map.set(k.toLowerCase(), v);
  }
  /** What the request says about `key` (any case). */
  get(key: string): Lookup {
    const k = key.toLowerCase();
    if (!this.map.has(k)) return { state: 'absent' };
    const v = this.map.get(k);
    if (v === undefined) return { state: 'unknown' };
    if (Array.isArray(v)) return { state: 'value', values: v, multi: true };
    return { state: 'value', values: [typeof v === 'boolean' ? String(v) : v], multi: false };
  }
}

// Callers match many statements against one context object (the lockout check: every
// statement of every SCP level); lower-casing its keys once per object rather than once per
// statement is most of the matcher's cost. Weak, so contexts are not kept alive.
const views = new WeakMap<RequestContext, ContextView>();

/**
 * The case-insensitive view of `context`, built on first use and then reused for the same
 * object (so a context must not be mutated after it has been matched against).
 */
export function contextView(context: RequestContext | ContextView): ContextView {
  if (context instanceof ContextView) return context;
  let view = views.get(context);
  if (!view) {
    view = new ContextView(context);
    views.set(context, view);
  }
  return view;
}

/**
 * Substitute policy variables (rule B8). Returns null when a variable cannot be resolved
 * (the element then does not match), undefined when the context does not say. With
 * `enabled` false (policy Version 2008-10-17 or none) the text is taken literally.
 */
function substitute(s: string, ctx: ContextView, enabled: boolean): string | null | undefined {
  if (!enabled || !s.includes('${')) return s;
  const scan = scanVariables(s);
  if (scan.unterminated) return null;
  // Built from offsets, not with String#replace: a context value is data, and `$&`, `$1`
  // or text looking like a later variable in it must come out unchanged.
  let out = '';
  let from = 0;
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
    out += s.slice(from, v.start) + value;
    from = v.start + v.raw.length;
  }
  return out + s.slice(from);
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

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * A Date condition value as epoch milliseconds: epoch seconds, or an ISO 8601 date or
 * date-time. A date-time without an offset is UTC, as AWS reads it; `Date.parse` would read
 * it in the machine's time zone. NaN when the value is neither.
 */
export function parseDateValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  const m = ISO_DATE.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone, sign, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  const ms = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Math.floor(Number(`0${frac}`) * 1000),
  );
  const back = new Date(ms);
  // Date.UTC rolls over (February 30th becomes March 2nd); such a date is invalid.
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    Number(oh) > 23 ||
    Number(om) > 59
  )
    return NaN;
  const offset = zone === undefined || zone === 'Z' ? 0 : (Number(oh) * 60 + Number(om)) * 60_000;
  return sign === '-' ? ms + offset : ms - offset;
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
function matchValue(
  op: OperatorInfo,
  rv: string,
  pv: string,
  ctx: ContextView,
  substituteVariables: boolean,
): Tri {
  switch (op.family) {
    case 'String':
    case 'Arn': {
      const sub = substitute(pv, ctx, substituteVariables);
      if (sub === undefined) return 'unknown';
      if (sub === null) return 'no';
      // A value that is not an ARN never matches an Arn operator, whatever the pattern: the
      // operators compare ARN segments, and a plain string has none.
      if (op.family === 'Arn') return tri(isArn(rv) && matchArn(sub, rv));
      if (op.match === 'like') return tri(globMatch(sub, rv));
      if (op.match === 'ignoreCase') return tri(unlit(sub).toLowerCase() === rv.toLowerCase());
      return tri(unlit(sub) === rv);
    }
    case 'Bool':
      return tri(pv.toLowerCase() === rv.toLowerCase());
    case 'Binary':
      return tri(pv === rv);
    case 'Numeric': {
      // Only plain decimals are numbers to IAM; Number() would also take `0x10` or `1e3`.
      if (!NUMBER_RE.test(rv) || !NUMBER_RE.test(pv)) return 'no';
      return tri(compare(op, Number(rv), Number(pv)));
    }
    case 'Date': {
      const a = parseDateValue(rv);
      const b = parseDateValue(pv);
      if (Number.isNaN(a) || Number.isNaN(b)) return 'no';
      return tri(compare(op, a, b));
    }
    default:
      // IpAddress and anything else: not evaluated here.
      return 'unknown';
  }
}

/**
 * One operator/key/values entry of a Condition block (rules C1, C2, C5). Policy variables in
 * the values are substituted unless `substituteVariables` is false (rule B8: Version
 * 2008-10-17 or no Version).
 */
export function conditionApplies(
  operator: string,
  key: string,
  values: readonly string[],
  context: RequestContext | ContextView,
  substituteVariables = true,
): Tri {
  const ctx = contextView(context);
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
    const m = or(values.map((pv) => matchValue(op.base, rv, pv, ctx, substituteVariables)));
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
  const ctx = contextView(request.context);
  const substituteVariables = stmt.substituteVariables !== false;
  let action: Tri;
  if (stmt.action) action = tri(stmt.action.some((p) => matchAction(p, request.action)));
  else if (stmt.notAction)
    action = tri(!stmt.notAction.some((p) => matchAction(p, request.action)));
  else action = 'no';
  if (action === 'no') return 'no';

  const resourceMatch = (patterns: readonly string[]): Tri =>
    or(
      patterns.map((p) => {
        const sub = substitute(p, ctx, substituteVariables);
        if (sub === undefined) return 'unknown';
        // An unresolvable variable (null) has "no equal or like value" (IAM User Guide,
        // policy variables with no value): the pattern matches no resource. Under
        // NotResource that makes the statement apply to every resource, not to none.
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
      conds.push(conditionApplies(op, key, values, ctx, substituteVariables));
  }
  return and([action, resource, and(conds)]);
}

function strings(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return undefined;
}

/** A prototype-less record, so keys such as `__proto__` from JSON stay plain data. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function principal(v: unknown): NormalizedPrincipal | undefined {
  if (v === '*') return '*';
  if (!isObject(v)) return undefined;
  const out = dict<string[]>();
  for (const [k, val] of Object.entries(v)) {
    const list = strings(val);
    if (list) out[k] = list;
  }
  return out;
}

/**
 * The statements of a policy document with every element as an array. Statements without a
 * valid Effect are skipped; malformed values are dropped. Each statement records whether
 * its policy variables are substituted (only under Version 2012-10-17, rule B8). Never throws.
 */
export function normalizeStatements(doc: unknown): NormalizedStatement[] {
  if (!isObject(doc)) return [];
  // Without a Version IAM uses 2008-10-17, which takes `${...}` literally.
  const substituteVariables = doc.Version === '2012-10-17';
  const raw = Array.isArray(doc.Statement) ? (doc.Statement as unknown[]) : [doc.Statement];
  const out: NormalizedStatement[] = [];
  for (const s of raw) {
    if (!isObject(s) || (s.Effect !== 'Allow' && s.Effect !== 'Deny')) continue;
    const condition = dict<Record<string, string[]>>();
    if (isObject(s.Condition)) {
      for (const [op, block] of Object.entries(s.Condition)) {
        if (!isObject(block)) continue;
        const entries = dict<string[]>();
        for (const [key, val] of Object.entries(block)) {
          const list = Array.isArray(val) ? val.map(scalar) : [scalar(val)];
          entries[key] = list.filter((x): x is string => x !== undefined);
        }
        condition[op] = entries;
      }
    }
    const st: NormalizedStatement = { effect: s.Effect, condition, substituteVariables };
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
