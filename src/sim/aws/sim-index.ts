/**
 * Lookup tables over the served snapshot, built once (organization tree, policies, Identity
 * Center) or lazily once per account / Region (keys by id, GAAD pages), so every responder
 * answers in time proportional to the page it returns, never to the organization's size.
 * Nothing is copied: responders read the snapshot's own objects.
 */
import type {
  IdentityCenterSnapshot,
  OrgAccount,
  OrgPolicySnapshot,
  OrganizationSnapshot,
  Snapshot,
} from '../../snapshot/types.js';

type Ou = OrganizationSnapshot['organizationalUnits'][number];
type PermissionSet = IdentityCenterSnapshot['permissionSets'][number];
type Assignment = IdentityCenterSnapshot['assignments'][number];

/** The index. */
export interface SimIndex {
  snapshot: Snapshot;
  managementId: string;
  homeRegion: string;
  ousByParent: ReadonlyMap<string, Ou[]>;
  accountsByParent: ReadonlyMap<string, OrgAccount[]>;
  orgAccounts: ReadonlyMap<string, OrgAccount>;
  ous: ReadonlyMap<string, Ou>;
  policies: ReadonlyMap<string, OrgPolicySnapshot>;
  policiesByType: ReadonlyMap<string, OrgPolicySnapshot[]>;
  permissionSets: ReadonlyMap<string, PermissionSet>;
  /** `${accountId}|${permissionSetArn}` -> assignments. */
  assignments: ReadonlyMap<string, Assignment[]>;
  /** Memoise a per-key derived value (per account, Region, ...). */
  memo<T>(key: string, build: () => T): T;
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** Build the index of a snapshot; `homeRegion` is where Identity Center lives. */
export function indexSnapshot(snapshot: Snapshot, homeRegion: string): SimIndex {
  const org = snapshot.organization;
  const ic = snapshot.identityCenter;
  const cache = new Map<string, unknown>();
  return {
    snapshot,
    managementId: org?.managementAccountId ?? Object.keys(snapshot.accounts)[0] ?? '',
    homeRegion,
    ousByParent: group(org?.organizationalUnits ?? [], (o) => o.parentId),
    accountsByParent: group(org?.accounts ?? [], (a) => a.parentId),
    orgAccounts: new Map((org?.accounts ?? []).map((a) => [a.id, a])),
    ous: new Map((org?.organizationalUnits ?? []).map((o) => [o.id, o])),
    policies: new Map((org?.policies ?? []).map((p) => [p.id, p])),
    policiesByType: group(org?.policies ?? [], (p) => p.type),
    permissionSets: new Map((ic?.permissionSets ?? []).map((p) => [p.arn, p])),
    assignments: group(ic?.assignments ?? [], (a) => `${a.accountId}|${a.permissionSetArn}`),
    memo<T>(key: string, build: () => T): T {
      if (cache.has(key)) return cache.get(key) as T;
      const v = build();
      cache.set(key, v);
      return v;
    },
  };
}
