/**
 * The organization's structure: OUs created, moved or renamed, accounts created, moved
 * between OUs or renamed. Live OUs and accounts the blueprint does not name are handled in
 * `removal.ts`.
 */
import { ROOT_OU } from '../../blueprint/model.js';
import { compared, kindFor, type DiffContext } from './context.js';
import { count, emptyResult, type DiffResult } from './draft.js';

/** A blueprint OU's name in a sentence: its id, or `the root`. */
function bpOuName(ou: string): string {
  return ou === ROOT_OU ? 'the root' : ou;
}

/** Diff OUs and accounts. */
export function diffStructure(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const { idx, match } = ctx;
  const live = match.live;
  const gap = ctx.coverage.organization('structure');
  if (!live || gap) {
    out.warnings.push(
      `organization not compared (${gap ?? 'not read'}): OUs, accounts, policies, delegated administrators, trusted access and policy types may differ`,
    );
    return out;
  }
  for (const ou of idx.bp.organizationalUnits) {
    if (!compared(ou)) continue;
    const entity = `ou:${ou.id}`;
    const parent = ou.parent ?? ROOT_OU;
    const liveId = match.ouLive.get(ou.id);
    const accounts = idx.accountsUnder(ou.id).length;
    if (liveId === undefined) {
      out.changes.push({
        kind: kindFor(ou, 'create'),
        entity,
        summary: `OU ${ou.id} is created under ${bpOuName(parent)}`,
        details: [
          `name ${ou.name}`,
          ...(accounts ? [`will hold ${count(accounts, 'account')}`] : []),
        ],
        destructive: false,
      });
      continue;
    }
    const liveOu = live.ous.get(liveId);
    if (!liveOu) continue;
    const wantParent = match.ouLive.get(parent);
    if (wantParent !== liveOu.parentId) {
      const to = wantParent === undefined ? `${bpOuName(parent)} (a new OU)` : bpOuName(parent);
      out.changes.push({
        kind: kindFor(ou, 'move'),
        entity,
        summary: `OU ${ou.id} moves from ${fromLabel(match.nodeName(liveOu.parentId))} to ${to}`,
        details: [`its ${count(accounts, 'account')} inherit the new parent's policies`],
        accountsAffected: accounts,
        destructive: false,
      });
    }
    if (liveOu.name !== ou.name)
      out.changes.push({
        kind: kindFor(ou, 'update'),
        entity,
        summary: `OU ${ou.id} is renamed from ${liveOu.name} to ${ou.name}`,
        details: [],
        destructive: false,
      });
  }
  diffAccounts(ctx, out);
  return out;
}

function diffAccounts(ctx: DiffContext, out: DiffResult): void {
  const { idx, match } = ctx;
  const unknownParent: string[] = [];
  for (const a of idx.bp.accounts) {
    if (!compared(a)) continue;
    const entity = `account:${a.id}`;
    const liveAccount = match.accountLive.get(a.id);
    if (!liveAccount) {
      if (a.accountId) {
        out.warnings.push(
          `account ${a.id} gives accountId ${a.accountId}, but the organization has no such account: nothing is created for it (remove accountId to create a new account)`,
        );
        continue;
      }
      out.changes.push({
        kind: kindFor(a, 'create'),
        entity,
        summary: `account ${a.id} is created in ${a.ou === ROOT_OU ? 'the root' : `OU ${a.ou}`}`,
        details: [`name ${a.name}`, `e-mail ${a.email}`, `role ${a.role}`],
        accountsAffected: 1,
        destructive: false,
      });
      continue;
    }
    if (liveAccount.status !== 'ACTIVE')
      out.warnings.push(
        `account ${a.id} (${liveAccount.id}) is ${liveAccount.status} in AWS Organizations: its stacks cannot be deployed`,
      );
    const wantParent = match.ouLive.get(a.ou);
    if (liveAccount.parentId === '') unknownParent.push(a.id);
    else if (wantParent !== liveAccount.parentId) {
      const to = wantParent === undefined ? `${bpOuName(a.ou)} (a new OU)` : bpOuName(a.ou);
      out.changes.push({
        kind: kindFor(a, 'move'),
        entity,
        summary: `account ${a.id} moves from ${fromLabel(match.nodeName(liveAccount.parentId))} to ${to}`,
        details: ['it inherits the policies of its new OU and leaves those of the old one'],
        accountsAffected: 1,
        destructive: false,
      });
    }
    if (liveAccount.name !== a.name)
      out.changes.push({
        kind: kindFor(a, 'update'),
        entity,
        summary: `account ${a.id} is renamed from ${liveAccount.name} to ${a.name}`,
        details: [],
        destructive: false,
      });
  }
  if (unknownParent.length)
    out.warnings.push(
      `the snapshot does not say which OU ${count(unknownParent.length, 'account')} ${unknownParent.length === 1 ? 'is' : 'are'} in (${unknownParent.join(', ')}): account moves not compared`,
    );
}

/** `OU dev` for an OU, `the root` for the root. */
function fromLabel(name: string): string {
  return name === 'the root' ? name : `OU ${name}`;
}
