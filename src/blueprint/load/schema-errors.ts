import type { z } from 'zod';
import { didYouMean, formatPath, type Diagnostic } from '../../core/diagnostics.js';
import type { SourcePosition } from '../../core/diagnostics.js';
import { valueAt } from '../../core/positions.js';
import type { DocPath } from './source-map.js';

/** Positions of values and keys (a SourceMap, or a translation of one). */
export interface Locator {
  locate(path: DocPath): SourcePosition | undefined;
  locateKey(path: DocPath): SourcePosition | undefined;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  valueType?: z.ZodType;
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (
      d.innerType &&
      ['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch'].includes(d.type)
    ) {
      cur = d.innerType;
    } else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
}

/** Keys of the object schema that governs `path` in `value`, following unions by discriminator. */
export function objectShapeAt(
  schema: z.ZodType,
  value: unknown,
  path: DocPath,
): string[] | undefined {
  let s = unwrap(schema);
  let v = value;
  for (const seg of [...path, undefined]) {
    // Resolve unions first, by discriminator when there is one.
    let d = defOf(s);
    if (d.type === 'union' && d.options) {
      const disc = d.discriminator;
      const pick =
        disc && v && typeof v === 'object'
          ? d.options.find((o) => {
              const od = defOf(unwrap(o));
              const lit = od.shape?.[disc];
              return (
                lit !== undefined && lit.safeParse((v as Record<string, unknown>)[disc]).success
              );
            })
          : d.options.find((o) => defOf(unwrap(o)).type === 'object');
      if (!pick) return undefined;
      s = unwrap(pick);
      d = defOf(s);
    }
    if (seg === undefined) return d.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
    if (d.type === 'object' && d.shape && typeof seg === 'string') {
      const next = d.shape[seg];
      if (!next) return undefined;
      s = unwrap(next);
    } else if (d.type === 'array' && d.element) s = unwrap(d.element);
    else if (d.type === 'record' && d.valueType) s = unwrap(d.valueType);
    else return undefined;
    v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  }
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return typeof v;
}

/**
 * Turns zod issues into located diagnostics with plain messages: an unknown key points at
 * the key and suggests the closest valid one; a missing key points at its parent.
 */
export function schemaDiagnostics(
  schema: z.ZodType,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  map: Locator | undefined,
  file: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (p: DocPath, key = false) =>
    (key ? map?.locateKey(p) : map?.locate(p)) ?? { file, line: 1, col: 1 };
  // A misspelt key is one mistake: report the unknown key with its suggestion and not
  // also the required key it was meant to be.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const known = objectShapeAt(schema, value, path) ?? [];
    for (const key of issue.keys) {
      const s = didYouMean(key, known);
      if (s) suggested.add(JSON.stringify([...path, s]));
    }
  }
  for (const issue of issues) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (suggested.has(JSON.stringify(path)) && valueAt(value, path) === undefined) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = objectShapeAt(schema, value, path) ?? [];
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, known);
        out.push({
          severity: 'error',
          code: 'unknown-key',
          message: `unknown key '${key}'${path.length ? ` in ${formatPath(path)}` : ''}`,
          at: at([...path, key], true),
          path: formatPath([...path, key]),
          ...(suggestion
            ? { hint: `did you mean '${suggestion}'?` }
            : known.length
              ? { hint: `expected one of: ${known.filter((k) => k !== '$schema').join(', ')}` }
              : {}),
        });
      }
      continue;
    }
    const actual = valueAt(value, path);
    const parent = path.slice(0, -1);
    const last = path[path.length - 1];
    if (issue.code === 'invalid_type' && actual === undefined && typeof last === 'string') {
      out.push({
        severity: 'error',
        code: 'missing-key',
        message: `missing required key '${last}'${parent.length ? ` in ${formatPath(parent)}` : ''}`,
        at: at(parent),
        path: formatPath(path),
      });
      continue;
    }
    let message = issue.message;
    let hint: string | undefined;
    if (issue.code === 'invalid_type')
      message = `expected ${issue.expected}, got ${describe(actual)}`;
    if (issue.code === 'invalid_value') {
      const allowed = issue.values.map((x) => String(x));
      message = `${describe(actual)} is not one of: ${allowed.join(', ')}`;
      const s = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
      if (s) hint = `did you mean '${s}'?`;
    }
    if (issue.code === 'invalid_union') {
      const disc = (issue as { note?: string }).note;
      message = disc
        ? `${disc.toLowerCase()} (got ${describe(actual)})`
        : `${describe(actual)} matches none of the allowed forms`;
    }
    if (issue.code === 'invalid_format' || issue.code === 'custom')
      message = `${describe(actual)}: ${issue.message}`;
    out.push({
      severity: 'error',
      code: 'schema',
      message: `${formatPath(path) || 'document'}: ${message}`,
      at: at(path),
      path: formatPath(path),
      ...(hint ? { hint } : {}),
    });
  }
  return out;
}
