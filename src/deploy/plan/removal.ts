/**
 * Live OUs, accounts and policies the blueprint no longer names. Only what orgward created
 * (tagged `orgward:entity`) is removed, as its `orgward:on-remove` tag says: OUs retain or
 * delete, policies detach-and-delete or retain, accounts retain, suspend or close. A
 * suspended or closed account first moves to the blueprint's suspended OU and gets its
 * quarantine policy; it is never closed before both.
 */
import { ROOT_OU } from '../../blueprint/model.js';
import type { OrgAccount, OrgPolicySnapshot } from '../../snapshot/types.js';
import type { PlanAction } from '../types.js';
import type { DiffContext } from './context.js';
import {
  count,
  emptyResult,
  ENTITY_TAG,
  ON_REMOVE_TAG,
  POLICY_LABEL,
  tagsOf,
  untaggedSentence,
  type DiffResult,
} from './draft.js';
import type { LiveOu } from './match.js';
import { POLICY_TYPE_API_NAMES, POLICY_TYPES } from '../../blueprint/schema/organization.js';

/** What each kind of entity may do on removal, the first being the blueprint's default. */
const ON_REMOVE = {
  ou: ['retain', 'delete'],
  account: ['retain', 'suspend', 'close'],
  policy: ['detach-and-delete', 'retain'],
} as const;

type Kind = keyof typeof ON_REMOVE;

/** The entity ref and removal choice of a tagged live item; undefined when orgward did not create it. */
function removalOf<K extends Kind>(
  item: object,
  kind: K,
  fallbackId: string,
  warnings: string[],
): { entity: string; onRemove: (typeof ON_REMOVE)[K][number] } | undefined {
  const tags = tagsOf(item);
  const entity = tags?.[ENTITY_TAG];
  if (entity === undefined) return undefined;
  const allowed: readonly string[] = ON_REMOVE[kind];
  const raw = tags?.[ON_REMOVE_TAG];
  const fallback = ON_REMOVE[kind][0];
  if (raw !== undefined && !allowed.includes(raw))
    warnings.push(
      `${kind} ${fallbackId} has ${ON_REMOVE_TAG}=${raw}, which is not one of ${allowed.join(', ')}: treated as ${fallback}`,
    );
  const onRemove = (
    raw !== undefined && allowed.includes(raw) ? raw : fallback
  ) as (typeof ON_REMOVE)[K][number];
  return { entity: entity.includes(':') ? entity : `${kind}:${entity}`, onRemove };
}

/** Removals of live OUs, accounts and policies absent from the blueprint. */
export function diffRemovals(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const live = ctx.match.live;
  if (!live || ctx.coverage.organization('structure')) return out;
  for (const ou of live.org.organizationalUnits)
    if (!ctx.match.ouBp.has(ou.id)) removeOu(ctx, ou, out);
  const quarantine = quarantineTarget(ctx);
  for (const a of live.org.accounts)
    if (!ctx.match.accountBp.has(a.id) && a.id !== live.org.managementAccountId)
      removeAccount(ctx, a, quarantine, out);
  if (!ctx.coverage.organization('policies'))
    for (const p of live.org.policies)
      if (!p.awsManaged && !ctx.match.policyBp.has(p.id)) removePolicy(ctx, p, out);
  return out;
}

function removeOu(ctx: DiffContext, ou: LiveOu, out: DiffResult): void {
  const live = ctx.match.live;
  if (!live) return;
  const label = `OU ${ou.name}`;
  const r = removalOf(ou, 'ou', ou.name, out.warnings);
  if (!r) {
    out.changes.push({
      kind: 'retain',
      entity: `ou:${ou.name}`,
      summary: untaggedSentence(label),
      details: [ou.id],
      destructive: false,
    });
    return;
  }
  const accounts = live.accountsUnder(ou.id);
  // Accounts the blueprint places elsewhere leave with this plan; the rest keep the OU busy.
  const staying = accounts.filter((a) => {
    const bp = ctx.match.accountBp.get(a.id);
    return (
      bp === undefined || ctx.match.ouLive.get(ctx.idx.accounts.get(bp)?.ou ?? ROOT_OU) === ou.id
    );
  });
  if (r.onRemove === 'retain') {
    out.changes.push({
      kind: 'retain',
      entity: r.entity,
      summary: `${label} is no longer in the blueprint: retained (on-remove retain)`,
      details: [ou.id, `holds ${count(accounts.length, 'account')}`],
      destructive: false,
    });
    return;
  }
  out.changes.push({
    kind: 'delete',
    entity: r.entity,
    summary: `${label} is deleted`,
    details: [ou.id],
    destructive: true,
  });
  if (staying.length)
    out.warnings.push(
      `${label} is to be deleted but still holds ${count(staying.length, 'account')} (${staying.map((a) => a.name).join(', ')}): deleting it fails until they move out`,
    );
}

/** The suspended OU and its quarantine policy, as the blueprint defines them. */
interface Quarantine {
  ou: string | undefined;
  policy: string | undefined;
}

function quarantineTarget(ctx: DiffContext): Quarantine {
  const { idx } = ctx;
  // The OU of the accounts with role `suspended`; failing that, an OU called suspended.
  const ou =
    idx.byRole('suspended').find((a) => a.ou !== ROOT_OU)?.ou ??
    idx.bp.organizationalUnits.find((o) => o.id === 'suspended' || /^suspended$/i.test(o.name))?.id;
  const policy =
    ou === undefined ? undefined : idx.attached.get(ou)?.find((p) => p.type === 'scp')?.id;
  return { ou, policy };
}

function removeAccount(ctx: DiffContext, a: OrgAccount, q: Quarantine, out: DiffResult): void {
  const label = `account ${a.name} (${a.id})`;
  // Closed accounts stay listed for 90 days; nothing more can happen to them.
  if (a.status === 'SUSPENDED' || a.status === 'PENDING_CLOSURE') return;
  const r = removalOf(a, 'account', a.name, out.warnings);
  if (!r) {
    out.changes.push({
      kind: 'retain',
      entity: `account:${a.name}`,
      summary: untaggedSentence(label),
      details: [a.email],
      destructive: false,
    });
    return;
  }
  if (r.onRemove === 'retain') {
    out.changes.push({
      kind: 'retain',
      entity: r.entity,
      summary: `${label} is no longer in the blueprint: retained (on-remove retain)`,
      details: [],
      destructive: false,
    });
    return;
  }
  if (q.ou === undefined) {
    out.warnings.push(
      `${label} is to be ${r.onRemove === 'close' ? 'closed' : 'suspended'} (on-remove ${r.onRemove}), but the blueprint has no suspended OU (an OU holding an account with role suspended): nothing is done to it`,
    );
    return;
  }
  const liveSuspended = ctx.match.ouLive.get(q.ou);
  const actions: PlanAction[] = [];
  const reason = `no longer in the blueprint (on-remove ${r.onRemove})`;
  if (a.parentId !== liveSuspended)
    actions.push({
      type: 'move-account',
      account: a.name,
      accountId: a.id,
      fromOu: a.parentId,
      toOu: q.ou,
      reason,
    });
  if (q.policy === undefined)
    out.warnings.push(
      `${label} moves to OU ${q.ou}, but no SCP is attached to that OU to quarantine it${r.onRemove === 'close' ? ': it is not closed' : ''}`,
    );
  else {
    const livePolicy = ctx.match.policyLive.get(q.policy);
    if (!livePolicy?.targets.includes(a.id))
      actions.push({
        type: 'attach-quarantine',
        account: a.name,
        accountId: a.id,
        policy: q.policy,
        reason,
      });
    // Closing comes last: only an account already moved and quarantined is closed.
    if (r.onRemove === 'close')
      actions.push({ type: 'close-account', account: a.name, accountId: a.id, reason });
  }
  out.actions.push(...actions);
  const closing = r.onRemove === 'close' && q.policy !== undefined;
  out.changes.push({
    kind: closing ? 'delete' : 'move',
    entity: r.entity,
    summary: closing
      ? `${label} is closed after it moves to OU ${q.ou} under SCP ${q.policy ?? ''}`
      : `${label} is suspended: it moves to OU ${q.ou}${q.policy ? ` under SCP ${q.policy}` : ''}`,
    details: actions.map((x) =>
      x.type === 'move-account'
        ? `move from ${ctx.match.nodeLabel(x.fromOu)} to OU ${x.toOu}`
        : x.type === 'attach-quarantine'
          ? `attach SCP ${x.policy}`
          : 'close the account',
    ),
    accountsAffected: 1,
    destructive: true,
  });
}

function removePolicy(ctx: DiffContext, p: OrgPolicySnapshot, out: DiffResult): void {
  const type = POLICY_TYPES.find((t) => POLICY_TYPE_API_NAMES[t] === p.type);
  const label = `${type ? POLICY_LABEL[type] : p.type} ${p.name}`;
  const r = removalOf(p, 'policy', p.name, out.warnings);
  const targets = p.targets.map((t) => ctx.match.nodeLabel(t));
  if (!r) {
    out.changes.push({
      kind: 'retain',
      entity: `policy:${p.name}`,
      summary: untaggedSentence(label),
      details: targets.map((t) => `attached to ${t}`),
      destructive: false,
    });
    return;
  }
  if (r.onRemove === 'retain') {
    out.changes.push({
      kind: 'retain',
      entity: r.entity,
      summary: `${label} is no longer in the blueprint: retained (on-remove retain)${targets.length ? `, still attached to ${count(targets.length, 'target')}` : ''}`,
      details: targets.map((t) => `attached to ${t}`),
      destructive: false,
    });
    return;
  }
  const accounts = new Set(
    p.targets.flatMap((t) => ctx.match.live?.accountsUnder(t).map((a) => a.id) ?? []),
  );
  out.changes.push({
    kind: 'delete',
    entity: r.entity,
    summary: targets.length
      ? `${label} is detached from ${count(targets.length, 'target')} and deleted`
      : `${label} is deleted`,
    details: targets.map((t) => `- detach ${t}`),
    accountsAffected: accounts.size,
    destructive: true,
  });
}
