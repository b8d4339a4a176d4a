/**
 * The context every rule function receives: the policy kind, the catalog, and `report`,
 * which turns (code, path, message) into a Diagnostic with severity from the registry and
 * position from the caller's locator.
 */
import { formatPath, type Diagnostic } from '../../core/diagnostics.js';
import type { IamCatalog } from '../catalog.js';
import { KIND_RULES, type KindRules } from '../data/policy-kinds.js';
import type { JsonPath, Locate, PolicyKind } from '../types.js';
import { RULES, type RuleCode } from './registry.js';

/** What rule functions see. */
export interface LintContext {
  kind: PolicyKind;
  rules: KindRules;
  catalog: IamCatalog;
  /** The policy Version in effect, when valid. */
  version?: '2012-10-17' | '2008-10-17';
  report(code: RuleCode, path: JsonPath, message: string, hint?: string): void;
}

/** Make a context collecting into `out`. */
export function makeContext(
  kind: PolicyKind,
  catalog: IamCatalog,
  locate: Locate | undefined,
  out: Diagnostic[],
): LintContext {
  return {
    kind,
    rules: KIND_RULES[kind],
    catalog,
    report(code, path, message, hint) {
      const d: Diagnostic = {
        severity: RULES[code].severity,
        code,
        message,
        path: formatPath(path),
      };
      const at = locate?.(path);
      if (at) d.at = at;
      if (hint) d.hint = hint;
      out.push(d);
    },
  };
}

const SHOW_MAX = 60;

/**
 * Show a JSON value briefly inside a message: its JSON text, cut to 60 characters. Written
 * out only as far as the cut, so a huge, deeply nested or cyclic value (YAML aliases can make
 * one) costs little and cannot throw; a cycle shows as `<cyclic>`.
 */
export function show(v: unknown): string {
  let out = '';
  const path = new Set<object>();
  // Appends `x` as JSON.stringify would; false when it would be omitted (undefined, a
  // function). Recursion stops once the cut is reached, so its depth is bounded too.
  const write = (x: unknown, inArray: boolean): boolean => {
    if (out.length > SHOW_MAX) return true;
    let val = x;
    if (typeof val === 'object' && val !== null && 'toJSON' in val) {
      const toJSON: unknown = val.toJSON;
      if (typeof toJSON === 'function') {
        try {
          val = (toJSON as () => unknown).call(val);
        } catch {
          val = undefined;
        }
      }
    }
    if (typeof val === 'bigint') {
      out += String(val);
      return true;
    }
    if (val === undefined || typeof val === 'function' || typeof val === 'symbol') {
      if (inArray) out += 'null';
      return inArray;
    }
    if (typeof val !== 'object' || val === null) {
      out += JSON.stringify(val);
      return true;
    }
    if (path.has(val)) {
      out += '<cyclic>';
      return true;
    }
    path.add(val);
    if (Array.isArray(val)) {
      out += '[';
      for (let i = 0; i < val.length && out.length <= SHOW_MAX; i++) {
        if (i > 0) out += ',';
        write(val[i], true);
      }
      out += ']';
    } else {
      out += '{';
      let first = true;
      for (const k of Object.keys(val)) {
        if (out.length > SHOW_MAX) break;
        const mark = out.length;
        out += `${first ? '' : ','}${JSON.stringify(k)}:`;
        if (write((val as Record<string, unknown>)[k], false)) first = false;
        else out = out.slice(0, mark);
      }
      out += '}';
    }
    path.delete(val);
    return true;
  };
  if (!write(v, false)) return String(v);
  return out.length > SHOW_MAX ? `${out.slice(0, SHOW_MAX - 3)}...` : out;
}

/** A string or array of strings as [value, path] pairs; reports other shapes. */
export function stringList(
  ctx: LintContext,
  value: unknown,
  path: JsonPath,
  code: RuleCode,
  what: string,
): [string, JsonPath][] {
  if (typeof value === 'string') return [[value, path]];
  if (Array.isArray(value)) {
    if (value.length === 0) ctx.report(code, path, `${what} is an empty list`);
    const out: [string, JsonPath][] = [];
    value.forEach((v, i) => {
      if (typeof v === 'string') out.push([v, [...path, i]]);
      else ctx.report(code, [...path, i], `${what} must be a string, not ${show(v)}`);
    });
    return out;
  }
  ctx.report(code, path, `${what} must be a string or a list of strings, not ${show(value)}`);
  return [];
}
