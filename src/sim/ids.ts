/**
 * AWS identifier formats, generated deterministically from the simulation seed and a
 * logical key. Formats follow the AWS API references: `o-` + 10 lower-case alphanumerics,
 * `r-` + 4, `ou-<root suffix>-` + 8, `p-` + 8, 12-digit account ids, IAM unique ids
 * (`AROA`/`AIDA`/`ANPA`/`AGPA` + 17), access key ids (`AKIA` + 16), KMS key UUIDs.
 */
import { ALPHABET, rng, uuid } from './random.js';

/** Seeded id factory: every method is a pure function of the seed and its arguments. */
export interface IdFactory {
  seed: number | string;
  accountId(logicalId: string): string;
  organizationId(): string;
  rootId(): string;
  ouId(rootId: string, logicalId: string): string;
  policyId(logicalId: string): string;
  iamId(prefix: 'AROA' | 'AIDA' | 'ANPA' | 'AGPA', ...keys: string[]): string;
  accessKeyId(...keys: string[]): string;
  uuid(...keys: string[]): string;
  /** Lower-case hex of `n` characters (detector ids, VPC ids, ...). */
  hex(n: number, ...keys: string[]): string;
}

/** The id factory of one simulation seed. */
export function idFactory(seed: number | string): IdFactory {
  const chars = (n: number, alphabet: string, ...keys: string[]) =>
    rng(seed, ...keys).chars(n, alphabet);
  return {
    seed,
    accountId(logicalId) {
      // A leading 1-9 keeps the id 12 digits however it is printed.
      const r = rng(seed, 'account-id', logicalId);
      return String(r.int(1, 9)) + r.chars(11, ALPHABET.digits);
    },
    organizationId: () => `o-${chars(10, ALPHABET.lowerAlnum, 'organization')}`,
    rootId: () => `r-${chars(4, ALPHABET.lowerAlnum, 'root')}`,
    ouId: (rootId, logicalId) =>
      `ou-${rootId.slice(2)}-${chars(8, ALPHABET.lowerAlnum, 'ou', logicalId)}`,
    policyId: (logicalId) => `p-${chars(8, ALPHABET.lowerAlnum, 'policy', logicalId)}`,
    iamId: (prefix, ...keys) => prefix + chars(17, ALPHABET.upperAlnum, 'iam', prefix, ...keys),
    accessKeyId: (...keys) => `AKIA${chars(16, ALPHABET.upperAlnum, 'access-key', ...keys)}`,
    uuid: (...keys) => uuid(seed, ...keys),
    hex: (n, ...keys) => chars(n, ALPHABET.hex, 'hex', ...keys),
  };
}
