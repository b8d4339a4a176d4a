/**
 * The responder contract: each route answers one AWS operation (`service:Operation`, the
 * IAM action name the catalogue uses) for one SDK command class, from the indexed snapshot,
 * for the account and Region the calling client's credentials and Region resolve to.
 */
import type { AccountSnapshot, RegionSnapshot } from '../../snapshot/types.js';
import { awsError } from './errors.js';
import type { SimIndex } from './sim-index.js';

/** One call as a responder sees it. */
export interface Call {
  /** Command input (as the caller passed it). */
  input: Readonly<Record<string, unknown>>;
  /** Account the credentials belong to. */
  accountId: string;
  region: string;
  /** The account's snapshot (undefined: not in the snapshot). */
  account: AccountSnapshot | undefined;
  /** The Region's snapshot in that account (undefined: not simulated). */
  regionData: RegionSnapshot | undefined;
  idx: SimIndex;
  /** The STS-issued credentials of the caller (undefined: the base credentials). */
  principal?: { accountId: string; roleArn: string; sessionName: string } | undefined;
}

/** An SDK client class (constructor) as aws-sdk-client-mock takes it. */
export type ClientCtor = abstract new (...args: never[]) => unknown;
/** An SDK command class. */
export type CommandCtor = abstract new (...args: never[]) => unknown;

/** One operation's responder. */
export interface Route {
  /** `service:Operation` with the IAM service prefix, as in the collector catalogue. */
  api: string;
  /** Error table key (`SERVICE_ERRORS`); default: the api prefix. */
  service?: string;
  client: ClientCtor;
  command: CommandCtor;
  /** Regional services fail in opted-out Regions. */
  regional: boolean;
  handle(call: Call): unknown;
}

/** A string field of the input, or undefined. */
export function str(input: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

/** A number field of the input, or undefined. */
export function num(input: Readonly<Record<string, unknown>>, key: string): number | undefined {
  const v = input[key];
  return typeof v === 'number' ? v : undefined;
}

/** A string list field of the input (empty when absent). */
export function strs(input: Readonly<Record<string, unknown>>, key: string): string[] {
  const v = input[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Opaque pagination token for an offset. */
export function encodeToken(offset: number): string {
  return Buffer.from(`sim-page:${offset}`).toString('base64');
}

/** Offset of a token (0 when absent); a malformed token is an InvalidInput-style error. */
export function decodeToken(
  service: string,
  token: string | undefined,
  errorName = 'InvalidNextTokenException',
): number {
  if (token === undefined || token === '') return 0;
  const m = /^sim-page:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (!m?.[1])
    throw awsError(service, errorName, 400, 'The specified pagination token is not valid.');
  return Number(m[1]);
}

/** One page of `items`. `size` is clamped to [1, max]. */
export function page<T>(
  service: string,
  items: readonly T[],
  token: string | undefined,
  size: number | undefined,
  max: number,
  errorName?: string,
): { items: T[]; next: string | undefined } {
  const start = decodeToken(service, token, errorName);
  const n = Math.max(1, Math.min(size ?? max, max));
  const slice = items.slice(start, start + n);
  return { items: slice, next: start + n < items.length ? encodeToken(start + n) : undefined };
}

/** `{ [key]: token }` when there is a next page, else `{}`. */
export function nextField(key: string, token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { [key]: token };
}

/** Tags as the API lists them. */
export function tagList(
  tags: Readonly<Record<string, string>> | undefined,
): { Key: string; Value: string }[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** An ISO string as the SDK returns timestamps (a Date). */
export function date(iso: string | undefined): Date | undefined {
  return iso === undefined ? undefined : new Date(iso);
}

/** A route answered per Region (the usual case for the account's resources). */
export function regionalRoute(
  api: string,
  client: Route['client'],
  command: Route['command'],
  handle: (c: Call) => unknown,
): Route {
  return { api, client, command, regional: true, handle };
}

/** A list section of the calling account's Region, empty when absent. */
export function regionList<K extends keyof RegionSnapshot>(
  c: Call,
  key: K,
): NonNullable<RegionSnapshot[K]> {
  return (c.regionData?.[key] ?? []) as NonNullable<RegionSnapshot[K]>;
}

/** A creation time `days` before the snapshot was taken (deterministic). */
export function createdDaysAgo(c: Call, days: number): Date {
  return new Date(Date.parse(c.idx.snapshot.takenAt) - days * 86_400_000);
}
