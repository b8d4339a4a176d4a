/**
 * Where StackSet operations go: the blueprint's waves (selectors over accounts, in order;
 * accounts in no wave go last) and the DeploymentTargets of each operation. Accounts are
 * targeted as `OrganizationalUnitIds` (their OUs) + `Accounts` + `AccountFilterType:
 * INTERSECTION`, so exactly those accounts are touched; a unit whose accounts are whole
 * OUs targets the OU ids alone (auto-deployment then follows the OUs). A call takes at most
 * 50 OUs, so larger sets are split; instances are grouped by their exact Region set so an
 * operation never touches an instance the plan did not name.
 */
import type { DeploymentTargets } from '@aws-sdk/client-cloudformation';
import type { BlueprintIndex } from '../../blueprint/model.js';
import { selectAccounts } from '../../blueprint/selectors.js';

/** Most OUs one StackSet operation accepts. */
export const MAX_OUS_PER_OPERATION = 50;

/** The waves of a deployment: a name per wave and each account's wave number. */
export interface Waves {
  /** Wave names in order; the last is `(rest)`, for accounts in no wave. */
  names: string[];
  /** The wave of a blueprint account (its first matching wave; else the last). */
  of(account: string): number;
}

/** The blueprint's waves. */
export function wavesOf(index: BlueprintIndex): Waves {
  const waves = index.bp.deployment.waves;
  const first = new Map<string, number>();
  waves.forEach((w, i) => {
    for (const a of selectAccounts(index, w.targets)) if (!first.has(a.id)) first.set(a.id, i);
  });
  return {
    names: [...waves.map((w) => w.name), '(rest)'],
    of: (account) => first.get(account) ?? waves.length,
  };
}

/** An instance the operation covers (AWS account id resolved). */
export interface TargetInstance {
  accountId: string;
  region: string;
}

/** One StackSet operation's targets and the instances they cover. */
export interface TargetGroup<I extends TargetInstance> {
  targets: DeploymentTargets;
  regions: string[];
  instances: I[];
}

/**
 * Targets by account: each account's OU (resolved by `ouOf`), the accounts, INTERSECTION;
 * one group per Region set and per 50 OUs.
 */
export async function accountTargets<I extends TargetInstance>(
  instances: readonly I[],
  ouOf: (instance: I) => Promise<string>,
): Promise<TargetGroup<I>[]> {
  const ouOfAccount = new Map<string, string>();
  for (const i of instances)
    if (!ouOfAccount.has(i.accountId)) ouOfAccount.set(i.accountId, await ouOf(i));
  const out: TargetGroup<I>[] = [];
  for (const [regions, members] of byRegionSet(instances, (i) => i.accountId)) {
    const byOu = new Map<string, Set<string>>();
    for (const i of members) {
      const ou = ouOfAccount.get(i.accountId) ?? '';
      const set = byOu.get(ou) ?? new Set<string>();
      set.add(i.accountId);
      byOu.set(ou, set);
    }
    for (const ous of chunks([...byOu.keys()].sort(), MAX_OUS_PER_OPERATION)) {
      const accounts = new Set(ous.flatMap((o) => [...(byOu.get(o) ?? [])]));
      out.push({
        targets: {
          OrganizationalUnitIds: ous,
          Accounts: [...accounts].sort(),
          AccountFilterType: 'INTERSECTION',
        },
        regions,
        instances: members.filter((i) => accounts.has(i.accountId)),
      });
    }
  }
  return out;
}

/** Targets by whole OU (`ouOf` gives the AWS OU id an instance belongs to). */
export function ouTargets<I extends TargetInstance>(
  instances: readonly I[],
  ouOf: (instance: I) => string,
): TargetGroup<I>[] {
  const out: TargetGroup<I>[] = [];
  for (const [regions, members] of byRegionSet(instances, ouOf)) {
    const ous = [...new Set(members.map(ouOf))].sort();
    for (const batch of chunks(ous, MAX_OUS_PER_OPERATION)) {
      const set = new Set(batch);
      out.push({
        targets: { OrganizationalUnitIds: batch },
        regions,
        instances: members.filter((i) => set.has(ouOf(i))),
      });
    }
  }
  return out;
}

/**
 * Group instances by the exact Region set of their key (account or OU): an operation
 * covers every key x every Region, so keys with different sets go to different calls.
 */
function byRegionSet<I extends TargetInstance>(
  instances: readonly I[],
  key: (i: I) => string,
): [string[], I[]][] {
  const regionsOf = new Map<string, Set<string>>();
  for (const i of instances) {
    const k = key(i);
    const set = regionsOf.get(k) ?? new Set<string>();
    set.add(i.region);
    regionsOf.set(k, set);
  }
  const groups = new Map<string, { regions: string[]; members: I[] }>();
  for (const i of instances) {
    const regions = [...(regionsOf.get(key(i)) ?? [])].sort();
    const id = regions.join(',');
    const g = groups.get(id) ?? { regions, members: [] };
    g.members.push(i);
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => [g.regions, g.members]);
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
