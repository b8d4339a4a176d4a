/**
 * Decoding of the values AWS APIs return: policy documents (URL-encoded JSON from IAM, JSON
 * strings from most resource policies, objects as the AWS CLI prints them), tags and dates.
 */
import type { PolicyDocument } from '../../snapshot/types.js';

function isRecord(v: unknown): v is PolicyDocument {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A policy document as a parsed JSON object, whatever form it came in: an object (as the
 * AWS CLI prints IAM documents), a JSON string (S3, KMS, SNS, SQS, Lambda, ECR, Secrets
 * Manager), a URL-encoded JSON string (IAM through the SDK, RFC 3986), or a JSON string
 * holding one of those. Undefined when the value is none of them.
 */
export function decodePolicyDocument(v: unknown): PolicyDocument | undefined {
  return decode(v, 0);
}

function decode(v: unknown, depth: number): PolicyDocument | undefined {
  if (isRecord(v)) return v;
  if (typeof v !== 'string' || depth > 2) return undefined;
  const text = v.trim();
  if (text === '') return undefined;
  if (text.startsWith('{') || text.startsWith('"')) {
    const parsed = parseJson(text);
    if (parsed !== undefined) return decode(parsed, depth + 1);
  }
  let unescaped: string;
  try {
    unescaped = decodeURIComponent(text);
  } catch {
    return undefined;
  }
  if (unescaped === text) return undefined;
  return decode(unescaped, depth + 1);
}

/** AWS tags (`[{ Key, Value }]`, any casing) as a record. */
export function tagRecord(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** A date as ISO 8601, or undefined. */
export function isoDate(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (typeof d === 'string') return d;
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * Copy only the defined values of `fields` onto a new object, so optional snapshot fields
 * are absent rather than `undefined` (as `exactOptionalPropertyTypes` requires).
 */
export function defined<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * Every item of a paginated listing: drains an SDK paginator (`paginateX(...)`) and
 * concatenates what `items` picks from each page (a missing list counts as empty).
 */
export async function allPages<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Map over items with at most `limit` calls in flight, keeping order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A policy document that cannot be decoded (coverage code `MalformedPolicyDocument`). */
export class MalformedPolicyError extends Error {
  override readonly name = 'MalformedPolicyDocument';
}

/**
 * A resource policy from a string attribute: undefined when there is none (absent or
 * empty), the document otherwise; throws when it cannot be decoded, so the caller records
 * a gap instead of reporting "no policy".
 */
export function resourcePolicy(v: string | undefined): PolicyDocument | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const document = decodePolicyDocument(v);
  if (document === undefined)
    throw new MalformedPolicyError('the policy document is not valid JSON');
  return document;
}
