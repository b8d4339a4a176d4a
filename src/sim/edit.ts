/**
 * Copy-on-write edits of a snapshot for drift injection: only the objects on the path to a
 * change are copied, so injecting drift into a 1,000-account snapshot stays cheap and the
 * input snapshot is never modified.
 */
import type {
  AccountSnapshot,
  IamSnapshot,
  OrganizationSnapshot,
  RegionSnapshot,
  Snapshot,
} from '../snapshot/types.js';

/** Replace one account (copied by `fn`). Throws when the account is not in the snapshot. */
export function editAccount(
  s: Snapshot,
  accountId: string,
  fn: (a: AccountSnapshot) => AccountSnapshot,
): Snapshot {
  const a = s.accounts[accountId];
  if (!a) throw new Error(`drift: account ${accountId} is not in the snapshot`);
  return { ...s, accounts: { ...s.accounts, [accountId]: fn({ ...a }) } };
}

/** Replace one region of one account. */
export function editRegion(
  s: Snapshot,
  accountId: string,
  region: string,
  fn: (r: RegionSnapshot) => RegionSnapshot,
): Snapshot {
  return editAccount(s, accountId, (a) => {
    const r = a.regions[region];
    if (!r)
      throw new Error(`drift: region ${region} of account ${accountId} is not in the snapshot`);
    return { ...a, regions: { ...a.regions, [region]: fn({ ...r }) } };
  });
}

/** Replace the IAM section of one account. */
export function editIam(
  s: Snapshot,
  accountId: string,
  fn: (iam: IamSnapshot, a: AccountSnapshot) => IamSnapshot,
): Snapshot {
  return editAccount(s, accountId, (a) => {
    if (!a.iam) throw new Error(`drift: account ${accountId} has no IAM section`);
    return { ...a, iam: fn({ ...a.iam }, a) };
  });
}

/** Replace the organization section. */
export function editOrganization(
  s: Snapshot,
  fn: (o: OrganizationSnapshot) => OrganizationSnapshot,
): Snapshot {
  if (!s.organization) throw new Error('drift: the snapshot has no organization');
  return { ...s, organization: fn({ ...s.organization }) };
}

/** The management account id (from the organization, else the first account). */
export function managementOf(s: Snapshot): string {
  return s.organization?.managementAccountId ?? Object.keys(s.accounts)[0] ?? '';
}

/**
 * A workload account to inject drift into when none is named: the first account (in
 * organization order) below an OU whose name or whose ancestors' names mention workloads,
 * else the first member account.
 */
export function defaultWorkloadAccount(s: Snapshot): string {
  const org = s.organization;
  const mgmt = managementOf(s);
  if (org) {
    const ous = new Map(org.organizationalUnits.map((o) => [o.id, o]));
    const underWorkloads = (parentId: string): boolean => {
      for (let cur = ous.get(parentId), n = 0; cur && n < 10; cur = ous.get(cur.parentId), n++)
        if (/workload/i.test(cur.name)) return true;
      return false;
    };
    const hit = org.accounts.find(
      (a) => a.id !== mgmt && underWorkloads(a.parentId) && s.accounts[a.id],
    );
    if (hit) return hit.id;
  }
  const member = Object.keys(s.accounts).find((id) => id !== mgmt);
  if (!member) throw new Error('drift: the snapshot has no member account');
  return member;
}

/** The home Region: the region of the organization trail, else the first snapshot region. */
export function homeRegionOf(s: Snapshot): string {
  for (const a of Object.values(s.accounts))
    for (const r of Object.values(a.regions))
      for (const t of r.trails ?? []) if (t.isOrganizationTrail) return t.homeRegion;
  return s.source.regions[0] ?? 'us-east-1';
}
