/**
 * Error handling shared by the collectors. AWS reports "this is not configured" as an
 * error (NoSuchBucketPolicy, NoSuchEntity, ...): for the snapshot those are values (null,
 * no policy), not gaps. Anything else on a per-item call becomes a coverage gap and the
 * collector keeps going.
 */
import type { CollectContext } from '../types.js';

/** The AWS error code of an SDK error (its `name`), or of an error-like value. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; Code?: unknown; code?: unknown };
  for (const v of [e.Code, e.code, e.name]) {
    if (typeof v === 'string' && v !== '' && v !== 'Error') return v;
  }
  return undefined;
}

/** Whether `error` carries one of the given AWS error codes. */
export function hasErrorCode(error: unknown, codes: readonly string[]): boolean {
  const code = errorCode(error);
  return code !== undefined && codes.includes(code);
}

/**
 * Run one per-item call. Errors whose code is in `notConfigured` give `null` (the thing is
 * simply not set up); any other error is recorded as a gap (`api`, `section`) and gives
 * `undefined`, so the caller leaves the field out.
 */
export async function readItem<T>(
  ctx: CollectContext,
  api: string,
  section: string,
  call: () => Promise<T>,
  notConfigured: readonly string[] = [],
): Promise<T | null | undefined> {
  try {
    return await call();
  } catch (error) {
    if (hasErrorCode(error, notConfigured)) return null;
    if (ctx.signal.aborted) throw error;
    ctx.gap(api, error, section);
    return undefined;
  }
}
