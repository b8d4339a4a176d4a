/** Schema pieces shared by `schema.ts` and `schema-region.ts`. */
import { z } from 'zod';

/** A record whose output has its keys in sorted order. */
export function sortedRecord<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value).transform((r) => {
    const keys = Object.keys(r);
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] ?? '') <= (keys[i] ?? '');
    if (sorted) return r;
    const out: Record<string, z.output<T>> = {};
    for (const k of keys.sort()) out[k] = r[k] as z.output<T>;
    return out;
  });
}

/** A policy document: any JSON object (its grammar is checked by the policy linter). */
export const PolicyDocumentSchema = z.record(z.string(), z.unknown());
