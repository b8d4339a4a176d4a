/**
 * Merging snapshots: the shards of a split collection (`collect --shard i/n`), or
 * snapshots of disjoint parts of an organization, into one.
 */
import { isDeepStrictEqual } from 'node:util';
import { InputError } from '../core/errors.js';
import {
  SNAPSHOT_FORMAT_VERSION,
  type AccountSnapshot,
  type CoverageGap,
  type Snapshot,
} from './types.js';

/**
 * Merge snapshots: the union of their accounts; the organization and Identity Center from
 * whichever snapshot has them (InputError when two differ, or when one account appears
 * twice with different contents); coverage and provenance concatenated (exact duplicates
 * dropped: every shard reports the same organization-level gaps). When the organization is
 * known, each ACTIVE account that no snapshot read and no gap explains gets a gap, so a shard
 * that was never run does not pass unnoticed.
 */
export function mergeSnapshots(snaps: readonly Snapshot[], labels?: readonly string[]): Snapshot {
  const first = snaps[0];
  if (!first) throw new InputError('snapshot merge: no snapshots given');
  const name = (i: number) => labels?.[i] ?? `snapshot ${i + 1}`;
  const partition = first.partition;
  const accounts: Record<string, AccountSnapshot> = {};
  const from: Record<string, number> = {};
  let organization: Snapshot['organization'];
  let identityCenter: Snapshot['identityCenter'];
  let orgFrom = -1;
  let icFrom = -1;
  snaps.forEach((s, i) => {
    if (s.partition !== partition)
      throw new InputError(`${name(i)}: partition ${s.partition}, ${name(0)} has ${partition}`);
    if (s.organization) {
      if (organization && !isDeepStrictEqual(organization, s.organization))
        throw new InputError(
          `${name(i)} and ${name(orgFrom)} hold different organizations (taken at different times?); collect again`,
        );
      organization ??= s.organization;
      if (orgFrom < 0) orgFrom = i;
    }
    if (s.identityCenter) {
      if (identityCenter && !isDeepStrictEqual(identityCenter, s.identityCenter))
        throw new InputError(`${name(i)} and ${name(icFrom)} hold different Identity Center data`);
      identityCenter ??= s.identityCenter;
      if (icFrom < 0) icFrom = i;
    }
    for (const [id, a] of Object.entries(s.accounts)) {
      const prior = accounts[id];
      if (prior && !isDeepStrictEqual(prior, a))
        throw new InputError(
          `account ${id} is in ${name(from[id] ?? 0)} and ${name(i)} with different contents`,
        );
      accounts[id] = a;
      from[id] = i;
    }
  });
  const coverage = dedupe(snaps.flatMap((s) => s.coverage));
  const explained = new Set(coverage.map((g) => g.accountId));
  for (const a of organization?.accounts ?? [])
    if (a.status === 'ACTIVE' && !accounts[a.id] && !explained.has(a.id))
      coverage.push({
        accountId: a.id,
        api: 'collect',
        code: 'NotCollected',
        message: 'no merged snapshot holds this account (a shard missing?)',
        section: 'account',
      });
  const provenance = dedupe(snaps.flatMap((s) => s.provenance));
  const regions = [...new Set(snaps.flatMap((s) => s.source.regions))].sort();
  const principals = new Set(
    snaps.flatMap((s) => (s.source.principalArn ? [s.source.principalArn] : [])),
  );
  const takenAt = snaps.map((s) => s.takenAt).sort()[0] ?? first.takenAt;
  return {
    kind: 'orgward-snapshot',
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt,
    source: {
      tool: 'orgward',
      toolVersion: first.source.toolVersion,
      method: 'merge',
      ...(principals.size === 1 ? { principalArn: [...principals][0] ?? '' } : {}),
      regions,
    },
    partition,
    ...(organization ? { organization } : {}),
    ...(identityCenter ? { identityCenter } : {}),
    accounts: Object.fromEntries(Object.entries(accounts).sort(([a], [b]) => a.localeCompare(b))),
    coverage,
    provenance,
  };
}

function dedupe<T extends CoverageGap | Snapshot['provenance'][number]>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
