/**
 * Splitting one organization across machines (`--shard i/n`).
 *
 * An account belongs to shard `accountId mod n`. Account ids are 12-digit numbers spread
 * evenly enough that shards are balanced for the organizations sharding is for (hundreds
 * of accounts and more), and, unlike an index in the sorted account list, the assignment
 * does not move when an account joins or leaves between the shards' runs (CI matrix jobs
 * start minutes apart), so no account is read twice or missed.
 */
import { InputError } from '../core/errors.js';

/** One shard of a split collection. */
export interface Shard {
  index: number;
  count: number;
}

/** Parse `i/n` (0 ≤ i < n). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new InputError(`--shard '${text}': expected i/n with 0 <= i < n, e.g. 0/4`);
  return { index, count };
}

/** Whether the account belongs to the shard (every account when there is no shard). */
export function inShard(accountId: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  return shardOf(accountId, shard.count) === shard.index;
}

/** The shard index of an account id. */
export function shardOf(accountId: string, count: number): number {
  if (/^\d{1,15}$/.test(accountId)) return Number(accountId) % count;
  // Not an AWS account id (tests, simulators): a stable string hash (FNV-1a).
  let h = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) {
    h ^= accountId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}
