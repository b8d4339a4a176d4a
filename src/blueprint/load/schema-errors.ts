import type { z } from 'zod';
import { didYouMean, formatPath, type Diagnostic } from '../../core/diagnostics.js';
import type { SourcePosition } from '../../core/diagnostics.js';
import { valueAt } from '../../core/positions.js';
import { objectShapeAt } from './schema-walk.js';
import type { DocPath } from './source-map.js';

/** Positions of values and keys (a SourceMap, or a translation of one). */
export interface Locator {
  locate(path: DocPath): SourcePosition | undefined;
  locateKey(path: DocPath): SourcePosition | undefined;
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
    if (
      (issue.code === 'invalid_type' || issue.code === 'invalid_value') &&
      actual === undefined &&
      typeof last === 'string'
    ) {
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
