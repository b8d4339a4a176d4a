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

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Show a JSON value briefly inside a message. */
export function show(v: unknown): string {
  const s = JSON.stringify(v) as string | undefined;
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
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
