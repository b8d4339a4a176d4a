/**
 * Matching the blueprint to the live organization: which live OU, account and policy each
 * blueprint entity is. orgward's own tag (`orgward:entity`) wins; otherwise OUs match by
 * name path from the root (then, for a moved OU, by a name unique on both sides), accounts
 * by AWS account id when the blueprint gives one, else by e-mail (case-insensitive), and
 * policies by type and name.
 */
import { ROOT_OU, type BlueprintIndex } from '../../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../../blueprint/schema/organization.js';
import type { OrgAccount, OrgPolicySnapshot, OrganizationSnapshot } from '../../snapshot/types.js';
import { ENTITY_TAG, tagsOf } from './draft.js';

/** A live OU as the snapshot lists it. */
export type LiveOu = OrganizationSnapshot['organizationalUnits'][number];

/** Lookups over the live organization. */
export interface LiveOrg {
  org: OrganizationSnapshot;
  rootId: string;
  ous: ReadonlyMap<string, LiveOu>;
  accounts: ReadonlyMap<string, OrgAccount>;
  /** Parent id (root or OU) -> OUs directly below it. */
  childOus: ReadonlyMap<string, LiveOu[]>;
  /** Live accounts below a node (the root, an OU and its sub-OUs, or the account itself). */
  accountsUnder: (nodeId: string) => readonly OrgAccount[];
}

/** Blueprint <-> live pairs. */
export interface Matching {
  /** Undefined when the snapshot has no organization section. */
  live: LiveOrg | undefined;
  /** Blueprint OU id (`root` included) -> live OU (or root) id. */
  ouLive: ReadonlyMap<string, string>;
  /** Live OU (or root) id -> blueprint OU id. */
  ouBp: ReadonlyMap<string, string>;
  /** Blueprint account id -> live account. */
  accountLive: ReadonlyMap<string, OrgAccount>;
  /** Live account id -> blueprint account id. */
  accountBp: ReadonlyMap<string, string>;
  /** Blueprint policy id -> live policy. */
  policyLive: ReadonlyMap<string, OrgPolicySnapshot>;
  /** Live policy id -> blueprint policy id. */
  policyBp: ReadonlyMap<string, string>;
  /** The AWS account id of a blueprint account: matched, else as the blueprint gives it. */
  accountIdOf: (account: string) => string | undefined;
  /** Short name of a live node for sentences: blueprint id when matched, else its name. */
  nodeName: (liveId: string) => string;
  /** Label of a live node: `the root`, `OU prod`, `account data-prod`. */
  nodeLabel: (liveId: string) => string;
}

/** Build the live lookups. */
export function liveOrg(org: OrganizationSnapshot): LiveOrg {
  const ous = new Map(org.organizationalUnits.map((o) => [o.id, o]));
  const accounts = new Map(org.accounts.map((a) => [a.id, a]));
  const childOus = new Map<string, LiveOu[]>();
  for (const o of org.organizationalUnits)
    childOus.set(o.parentId, [...(childOus.get(o.parentId) ?? []), o]);
  const accountsIn = new Map<string, OrgAccount[]>();
  for (const a of org.accounts)
    accountsIn.set(a.parentId, [...(accountsIn.get(a.parentId) ?? []), a]);
  const cache = new Map<string, OrgAccount[]>();
  const accountsUnder = (nodeId: string): readonly OrgAccount[] => {
    const account = accounts.get(nodeId);
    if (account) return [account];
    const hit = cache.get(nodeId);
    if (hit) return hit;
    const out: OrgAccount[] = [];
    const seen = new Set<string>();
    const stack = [nodeId];
    while (stack.length) {
      const cur = stack.pop() ?? '';
      if (seen.has(cur)) continue;
      seen.add(cur);
      out.push(...(accountsIn.get(cur) ?? []));
      for (const c of childOus.get(cur) ?? []) stack.push(c.id);
    }
    cache.set(nodeId, out);
    return out;
  };
  return { org, rootId: org.root.id, ous, accounts, childOus, accountsUnder };
}

/** Match the blueprint to the live organization (or to nothing, when it was not read). */
export function matchBlueprint(idx: BlueprintIndex, live: LiveOrg | undefined): Matching {
  const ouLive = new Map<string, string>();
  const ouBp = new Map<string, string>();
  const accountLive = new Map<string, OrgAccount>();
  const accountBp = new Map<string, string>();
  const policyLive = new Map<string, OrgPolicySnapshot>();
  const policyBp = new Map<string, string>();
  if (live) {
    pair(ouLive, ouBp, ROOT_OU, live.rootId);
    matchOus(idx, live, ouLive, ouBp);
    matchAccounts(idx, live, accountLive, accountBp);
    matchPolicies(idx, live, policyLive, policyBp);
  }
  const nodeName = (liveId: string): string => {
    if (live && liveId === live.rootId) return 'the root';
    const bp = ouBp.get(liveId) ?? accountBp.get(liveId);
    if (bp) return bp;
    return live?.ous.get(liveId)?.name ?? live?.accounts.get(liveId)?.name ?? liveId;
  };
  return {
    live,
    ouLive,
    ouBp,
    accountLive,
    accountBp,
    policyLive,
    policyBp,
    accountIdOf: (account) => accountLive.get(account)?.id ?? idx.accounts.get(account)?.accountId,
    nodeName,
    nodeLabel: (liveId) => {
      if (live && liveId === live.rootId) return 'the root';
      if (live?.ous.has(liveId)) return `OU ${nodeName(liveId)}`;
      const bp = accountBp.get(liveId);
      if (bp) return `account ${bp}`;
      const a = live?.accounts.get(liveId);
      return a ? `account ${a.name} (${a.id})` : liveId;
    },
  };
}

function pair<K, V>(a: Map<K, V>, b: Map<V, K>, k: K, v: V): void {
  a.set(k, v);
  b.set(v, k);
}

/** `kind:id` from orgward's entity tag, when it names an entity of that kind. */
export function taggedId(item: object, kind: string): string | undefined {
  const value = tagsOf(item)?.[ENTITY_TAG];
  return value?.startsWith(`${kind}:`) ? value.slice(kind.length + 1) : undefined;
}

function matchOus(
  idx: BlueprintIndex,
  live: LiveOrg,
  ouLive: Map<string, string>,
  ouBp: Map<string, string>,
): void {
  for (const o of live.org.organizationalUnits) {
    const id = taggedId(o, 'ou');
    if (id !== undefined && idx.ous.has(id) && !ouLive.has(id)) pair(ouLive, ouBp, id, o.id);
  }
  // Top-down by name below the matched parent, then (for OUs moved elsewhere) by a name
  // unique among the unmatched on both sides; repeat while either finds a pair, so the
  // children of a moved OU match by path below it.
  const bpOus = [...idx.ous.values()];
  let progress = true;
  while (progress) {
    progress = false;
    for (const ou of bpOus) {
      if (ouLive.has(ou.id)) continue;
      const parentLive = ouLive.get(ou.parent ?? ROOT_OU);
      if (parentLive === undefined) continue;
      const siblings = (live.childOus.get(parentLive) ?? []).filter((c) => !ouBp.has(c.id));
      const hit =
        siblings.find((c) => c.name === ou.name) ??
        siblings.find((c) => c.name.toLowerCase() === ou.name.toLowerCase());
      if (hit) {
        pair(ouLive, ouBp, ou.id, hit.id);
        progress = true;
      }
    }
    if (progress) continue;
    const unmatchedBp = bpOus.filter((o) => !ouLive.has(o.id));
    const unmatchedLive = live.org.organizationalUnits.filter((o) => !ouBp.has(o.id));
    for (const ou of unmatchedBp) {
      const name = ou.name.toLowerCase();
      const bpSame = unmatchedBp.filter((o) => o.name.toLowerCase() === name);
      const liveSame = unmatchedLive.filter((o) => o.name.toLowerCase() === name);
      const only = liveSame[0];
      if (bpSame.length === 1 && liveSame.length === 1 && only && !ouBp.has(only.id)) {
        pair(ouLive, ouBp, ou.id, only.id);
        progress = true;
      }
    }
  }
}

function matchAccounts(
  idx: BlueprintIndex,
  live: LiveOrg,
  accountLive: Map<string, OrgAccount>,
  accountBp: Map<string, string>,
): void {
  const byEmail = new Map<string, OrgAccount>();
  for (const a of live.org.accounts) byEmail.set(a.email.toLowerCase(), a);
  const byTag = new Map<string, OrgAccount>();
  for (const a of live.org.accounts) {
    const id = taggedId(a, 'account');
    if (id !== undefined) byTag.set(id, a);
  }
  for (const a of idx.bp.accounts) {
    // An account id in the blueprint is authoritative: never fall back to the e-mail.
    const hit = a.accountId
      ? live.accounts.get(a.accountId)
      : (byTag.get(a.id) ?? byEmail.get(a.email.toLowerCase()));
    if (hit && !accountBp.has(hit.id)) {
      accountLive.set(a.id, hit);
      accountBp.set(hit.id, a.id);
    }
  }
}

function matchPolicies(
  idx: BlueprintIndex,
  live: LiveOrg,
  policyLive: Map<string, OrgPolicySnapshot>,
  policyBp: Map<string, string>,
): void {
  const customer = live.org.policies.filter((p) => !p.awsManaged);
  const byTag = new Map<string, OrgPolicySnapshot>();
  for (const p of customer) {
    const id = taggedId(p, 'policy');
    if (id !== undefined) byTag.set(id, p);
  }
  const byName = new Map<string, OrgPolicySnapshot>();
  for (const p of customer)
    if (!byName.has(`${p.type}|${p.name}`)) byName.set(`${p.type}|${p.name}`, p);
  for (const p of idx.bp.policies) {
    const tagged = byTag.get(p.id);
    const hit =
      tagged && !policyBp.has(tagged.id)
        ? tagged
        : byName.get(`${POLICY_TYPE_API_NAMES[p.type]}|${p.name}`);
    if (hit && !policyBp.has(hit.id)) {
      policyLive.set(p.id, hit);
      policyBp.set(hit.id, p.id);
    }
  }
}
