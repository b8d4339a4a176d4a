/**
 * A small seeded PRNG for the simulator. Every generated value comes from a stream keyed by
 * the seed and a purpose (`rng(seed, 'account', 'payments-prod')`), so a value does not
 * depend on how many other values were drawn before it: adding an account does not change
 * the ids of the others, and the same blueprint and seed always give the same snapshot.
 */

/** 32-bit FNV-1a hash of a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic random stream. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** `n` characters drawn from `alphabet`. */
  chars(n: number, alphabet: string): string;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

const LOWER_HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Alphabets of AWS identifiers. */
export const ALPHABET = {
  hex: LOWER_HEX,
  digits: DIGITS,
  lowerAlnum: LOWER_ALNUM,
  /** IAM unique ids and access key ids use upper-case base32. */
  upperAlnum: UPPER_ALNUM,
} as const;

/** A stream for `seed` and the given purpose keys (mulberry32 over an FNV-1a seed). */
export function rng(seed: number | string, ...keys: readonly (string | number)[]): Rng {
  let state = hash32(`${String(seed)}\u0000${keys.join('\u0000')}`) || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chars(n, alphabet) {
      let out = '';
      for (let i = 0; i < n; i++) out += alphabet.charAt(Math.floor(next() * alphabet.length));
      return out;
    },
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

/** A deterministic UUID (version 4 layout) for `seed` and keys. */
export function uuid(seed: number | string, ...keys: readonly (string | number)[]): string {
  const r = rng(seed, 'uuid', ...keys);
  const h = (n: number) => r.chars(n, LOWER_HEX);
  return `${h(8)}-${h(4)}-4${h(3)}-${r.pick(['8', '9', 'a', 'b'])}${h(3)}-${h(12)}`;
}
