import type { z } from 'zod';
import type { DocPath } from './source-map.js';

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

/**
 * The schema that governs `path` in `value` (defaults and optionals unwrapped), following
 * unions by their discriminator, or the first object member for plain unions.
 */
export function schemaAt(schema: z.ZodType, value: unknown, path: DocPath): z.ZodType | undefined {
  let s = unwrap(schema);
  let v = value;
  for (const seg of [...path, undefined]) {
    let d = defOf(s);
    if (d.type === 'union' && d.options) {
      const disc = d.discriminator;
      const pick =
        disc && v && typeof v === 'object'
          ? d.options.find((o) => {
              const lit = defOf(unwrap(o)).shape?.[disc];
              return (
                lit !== undefined && lit.safeParse((v as Record<string, unknown>)[disc]).success
              );
            })
          : d.options.find((o) => defOf(unwrap(o)).type === 'object');
      if (!pick) return undefined;
      s = unwrap(pick);
      d = defOf(s);
    }
    if (seg === undefined) return s;
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

/** Keys of the object schema that governs `path` in `value`. */
export function objectShapeAt(
  schema: z.ZodType,
  value: unknown,
  path: DocPath,
): string[] | undefined {
  const s = schemaAt(schema, value, path);
  const d = s ? defOf(s) : undefined;
  return d?.type === 'object' && d.shape ? Object.keys(d.shape) : undefined;
}

// Values tried, in order, to stand in for a bad value so the rest of the blueprint can
// still be checked; the first one the field's schema accepts is used.
const PLACEHOLDERS: readonly unknown[] = [
  'placeholder',
  'x-placeholder',
  'placeholder@example.com',
  'us-east-1',
  '000000000000',
  'o-aaaaaaaaaa',
  'alias/placeholder',
  'PT1H',
  'arn:aws:iam::aws:policy/placeholder',
  '2000-01-01',
  '/',
  'Placeholder',
  1,
  3600,
  90,
  365,
  true,
  false,
  [],
  {},
];

/** A value the schema at this place accepts, or undefined when none of ours fits. */
export function placeholderFor(schema: z.ZodType | undefined): { value: unknown } | undefined {
  if (!schema) return undefined;
  const d = defOf(schema) as Def & { entries?: Record<string, unknown>; values?: unknown[] };
  if (d.type === 'enum' && d.entries) return { value: Object.values(d.entries)[0] };
  if (d.type === 'literal' && d.values) return { value: d.values[0] };
  for (const v of PLACEHOLDERS) if (schema.safeParse(v).success) return { value: v };
  return undefined;
}
