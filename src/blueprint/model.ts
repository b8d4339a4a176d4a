import type { Account, Blueprint, OrganizationalUnit, OrgPolicy } from './schema/blueprint.js';

/** The id the blueprint uses for the organization root wherever an OU is expected. */
export const ROOT_OU = 'root';

/**
 * Lookup tables over a parsed blueprint, built once: entities by id, the OU tree, and
 * each account's path from the root. Analyses take this instead of rescanning arrays.
 */
export interface BlueprintIndex {
  bp: Blueprint;
  ous: Map<string, OrganizationalUnit>;
  accounts: Map<string, Account>;
  /** OU id -> direct child OU ids (`root` for top-level OUs). */
  childOus: Map<string, string[]>;
  /** OU id -> accounts directly inside it. */
  accountsInOu: Map<string, Account[]>;
  /** Node id (OU or account) -> OU ids from the root down to its parent, `root` first. */
  pathOf: (nodeId: string) => string[];
  /** Accounts of the OU and all OUs nested below it. */
  accountsUnder: (ouId: string) => Account[];
  managementAccount: Account | undefined;
  /** Node id (`root`, OU or account; one namespace) -> policies attached to it directly. */
  attached: Map<string, OrgPolicy[]>;
  byRole: (role: Account['role']) => Account[];
}

/** Build the index. Tolerates dangling parents and cycles (validation reports them). */
export function indexBlueprint(bp: Blueprint): BlueprintIndex {
  const ous = new Map(bp.organizationalUnits.map((o) => [o.id, o]));
  const accounts = new Map(bp.accounts.map((a) => [a.id, a]));
  const childOus = new Map<string, string[]>();
  for (const ou of bp.organizationalUnits) {
    const parent = ou.parent ?? ROOT_OU;
    const list = childOus.get(parent) ?? [];
    list.push(ou.id);
    childOus.set(parent, list);
  }
  const accountsInOu = new Map<string, Account[]>();
  for (const a of bp.accounts) {
    const list = accountsInOu.get(a.ou) ?? [];
    list.push(a);
    accountsInOu.set(a.ou, list);
  }
  const ouPathCache = new Map<string, string[]>();
  const ouPath = (ouId: string): string[] => {
    if (ouId === ROOT_OU) return [ROOT_OU];
    const cached = ouPathCache.get(ouId);
    if (cached) return cached;
    const chain: string[] = [];
    const seen = new Set<string>();
    let cur = ouId;
    while (cur !== ROOT_OU && !seen.has(cur)) {
      seen.add(cur);
      chain.unshift(cur);
      cur = ous.get(cur)?.parent ?? ROOT_OU;
    }
    const result = [ROOT_OU, ...chain];
    ouPathCache.set(ouId, result);
    return result;
  };
  const pathOf = (nodeId: string): string[] => {
    const acct = accounts.get(nodeId);
    if (acct) return ouPath(acct.ou);
    return ouPath(nodeId).slice(0, -1);
  };
  const underCache = new Map<string, Account[]>();
  const accountsUnder = (ouId: string): Account[] => {
    const cached = underCache.get(ouId);
    if (cached) return cached;
    const out: Account[] = [];
    const seen = new Set<string>();
    const stack = [ouId];
    while (stack.length) {
      const cur = stack.pop() ?? ROOT_OU;
      if (seen.has(cur)) continue;
      seen.add(cur);
      out.push(...(accountsInOu.get(cur) ?? []));
      stack.push(...(childOus.get(cur) ?? []));
    }
    underCache.set(ouId, out);
    return out;
  };
  const managementAccount = accounts.get(bp.organization.managementAccount);
  const attached = new Map<string, OrgPolicy[]>();
  for (const p of bp.policies) {
    const nodes = [
      ...(p.attachTo.root ? [ROOT_OU] : []),
      ...(p.attachTo.ous ?? []),
      ...(p.attachTo.accounts ?? []),
    ];
    for (const n of nodes) attached.set(n, [...(attached.get(n) ?? []), p]);
  }
  return {
    bp,
    ous,
    accounts,
    childOus,
    accountsInOu,
    pathOf,
    accountsUnder,
    managementAccount,
    attached,
    byRole: (role) => bp.accounts.filter((a) => a.role === role),
  };
}
