/**
 * Cross-account roles: present in every account they target (matched by name), with the
 * trust the blueprint asks for; and roles orgward deployed (tagged) that the blueprint no
 * longer puts in an account.
 */
import type { Role } from '../../blueprint/schema/blueprint.js';
import { selectAccounts } from '../../blueprint/selectors.js';
import type { IamRole } from '../../snapshot/types.js';
import { compared, type DiffContext } from './context.js';
import {
  capped,
  count,
  emptyResult,
  ENTITY_TAG,
  ROLE_TAG,
  shortList,
  type DiffResult,
} from './draft.js';
import { liveTrust, trustDiff, wantedTrust, type TrustEnv } from './trust.js';

/** Diff the blueprint's roles in every account they target. */
export function diffRoles(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const { idx, match, snapshot } = ctx;
  const roles = idx.bp.identity.roles;
  const rolesByAccount = new Map<string, Map<string, IamRole>>();
  const liveRoles = (accountId: string) => {
    let m = rolesByAccount.get(accountId);
    if (!m) {
      m = new Map((snapshot.accounts[accountId]?.iam?.roles ?? []).map((r) => [r.roleName, r]));
      rolesByAccount.set(accountId, m);
    }
    return m;
  };
  const targetsOf = (role: Role) =>
    selectAccounts(idx, role.targets)
      .filter(compared)
      .map((a) => a.id);
  const env: TrustEnv = {
    accountIdOf: match.accountIdOf,
    role: (id) => roles.find((r) => r.id === id),
    roleAccounts: targetsOf,
  };
  const accountName = (id: string) => {
    // wantedTrust names an account still to be created `new-<blueprint id>`.
    if (id.startsWith('new-')) return `${id.slice(4)} (a new account)`;
    const bp = match.accountBp.get(id) ?? idx.bp.accounts.find((a) => a.accountId === id)?.id;
    return bp ? `${bp} (${id})` : id;
  };
  const uncovered = new Set<string>();
  const unresolved = new Set<string>();
  for (const role of roles) {
    const entity = `role:${role.id}`;
    const wanted = wantedTrust(role, env);
    const missing: string[] = [];
    const present: string[] = [];
    const byDiff = new Map<string, string[]>();
    const targets = targetsOf(role);
    for (const account of targets) {
      const accountId = match.accountIdOf(account);
      // Without the organization an account's id may be unknown: say so. Otherwise an
      // unmatched account is new and gets its roles with its first deployment.
      if (accountId === undefined && !match.live) unresolved.add(account);
      if (accountId === undefined || (match.live && !match.live.accounts.has(accountId))) continue;
      if (ctx.coverage.iam(accountId)) {
        uncovered.add(account);
        continue;
      }
      const live = liveRoles(accountId).get(role.name);
      if (!live) {
        missing.push(account);
        continue;
      }
      present.push(account);
      const phrases = trustDiff(liveTrust(live.trustPolicy), wanted, accountName);
      if (!phrases.length) continue;
      const key = phrases.join(', ');
      byDiff.set(key, [...(byDiff.get(key) ?? []), account]);
    }
    if (missing.length)
      out.changes.push({
        kind: 'create',
        entity,
        summary: present.length
          ? `role ${role.id} is missing in ${count(missing.length, 'account')}: ${shortList(missing)}`
          : `role ${role.id} is created in ${count(missing.length, 'account')}`,
        details: capped(missing.map((a) => `+ ${role.name} in ${a}`)),
        accountsAffected: missing.length,
        destructive: false,
        scope: missing,
      });
    for (const [phrases, accounts] of byDiff) {
      const where =
        accounts.length === present.length
          ? ''
          : accounts.length === 1
            ? ` in account ${accounts[0] ?? ''}`
            : ` in ${count(accounts.length, 'account')}: ${shortList(accounts)}`;
      out.changes.push({
        kind: 'update',
        entity,
        summary: `role ${role.id} trust ${phrases}${where}`,
        details: capped(accounts.map((a) => `~ trust of ${role.name} in ${a}`)),
        accountsAffected: accounts.length,
        destructive: phrases.includes('removes '),
        scope: accounts,
      });
    }
  }
  removedRoles(ctx, targetsOf, out);
  if (uncovered.size)
    out.warnings.push(
      `IAM not read in ${count(uncovered.size, 'account')} (${shortList([...uncovered])}): roles there not compared`,
    );
  if (unresolved.size)
    out.warnings.push(
      `no AWS account id for ${count(unresolved.size, 'account')} (${shortList([...unresolved])}) without the organization section: roles there not compared`,
    );
  return out;
}

/**
 * Roles orgward deployed (tagged with their blueprint role) in accounts the blueprint no
 * longer gives them: the role's StackSet instance there is deleted, and the role with it.
 */
function removedRoles(
  ctx: DiffContext,
  targetsOf: (role: Role) => string[],
  out: DiffResult,
): void {
  const { idx, match, snapshot } = ctx;
  const wantedIn = new Map<string, Set<string>>();
  for (const role of idx.bp.identity.roles) wantedIn.set(role.id, new Set(targetsOf(role)));
  const byAccountId = new Map(
    idx.bp.accounts.flatMap((a) => (a.accountId ? [[a.accountId, a.id] as const] : [])),
  );
  const bpAccountOf = (accountId: string) =>
    match.accountBp.get(accountId) ?? byAccountId.get(accountId);
  const removed = new Map<string, { name: string; accounts: string[] }>();
  for (const [accountId, account] of Object.entries(snapshot.accounts)) {
    for (const r of account.iam?.roles ?? []) {
      const tagged = r.tags[ENTITY_TAG];
      const roleId = tagged?.startsWith('role:') ? tagged.slice(5) : r.tags[ROLE_TAG];
      if (roleId === undefined) continue;
      // Only accounts of the blueprint: a live-only account's roles go with the account, and
      // an account that cannot be named (no organization section) cannot be judged.
      const bpAccount = bpAccountOf(accountId);
      if (bpAccount === undefined || wantedIn.get(roleId)?.has(bpAccount)) continue;
      // An ignored account keeps whatever it has.
      const a = idx.accounts.get(bpAccount);
      if (a && !compared(a)) continue;
      const entry = removed.get(roleId) ?? { name: r.roleName, accounts: [] };
      entry.accounts.push(bpAccount);
      removed.set(roleId, entry);
    }
  }
  for (const [roleId, { name, accounts }] of removed) {
    const still = wantedIn.has(roleId);
    out.changes.push({
      kind: 'delete',
      entity: `role:${roleId}`,
      summary: still
        ? `role ${roleId} is removed from ${count(accounts.length, 'account')} it no longer targets: ${shortList(accounts)}`
        : `role ${roleId} is no longer in the blueprint: deleted from ${count(accounts.length, 'account')}: ${shortList(accounts)}`,
      details: capped(accounts.map((a) => `- ${name} in ${a}`)),
      accountsAffected: accounts.length,
      destructive: true,
      scope: accounts,
    });
  }
}
