/**
 * Organization policies: created, content changed (statements added, removed, changed),
 * description, attachments added and removed with the accounts each newly covers; and the
 * AWS-managed FullAWSAccess SCP where the blueprint keeps or removes it.
 */
import { ROOT_OU, type BlueprintIndex } from '../../blueprint/model.js';
import type { OrgPolicy } from '../../blueprint/schema/blueprint.js';
import type { PolicyType } from '../../blueprint/schema/organization.js';
import { canonicalJson } from '../../synth/cfn.js';
import { compared, type DiffContext } from './context.js';
import { andList, count, emptyResult, POLICY_LABEL, type DiffResult } from './draft.js';
import type { Matching } from './match.js';
import { diffStatements, statementsDiffer } from './statements.js';

/** Name of the AWS-managed SCP that allows everything. */
export const FULL_AWS_ACCESS = 'FullAWSAccess';

/** One attachment target, as the blueprint names it and as it is live (when it exists). */
interface Target {
  /** Label for sentences: `the root`, `OU prod`, `account data-prod`. */
  label: string;
  /** Live id, or undefined for an OU or account still to be created. */
  liveId: string | undefined;
  /** Accounts the policy reaches through this target (keys: blueprint ids, or live ids). */
  accounts: readonly string[];
}

/** Whether a policy type applies to the management account (SCPs and RCPs do not). */
function reachesManagement(type: PolicyType): boolean {
  return type !== 'scp' && type !== 'rcp';
}

/** The accounts a policy of `type` reaches through a blueprint node. */
function bpAccounts(idx: BlueprintIndex, node: string, type: PolicyType): string[] {
  const mgmt = idx.bp.organization.managementAccount;
  const list = idx.accounts.has(node) ? [node] : idx.accountsUnder(node).map((a) => a.id);
  return reachesManagement(type) ? list : list.filter((a) => a !== mgmt);
}

/** The blueprint's targets of a policy, resolved to live ids where they exist. */
function wantedTargets(ctx: DiffContext, p: OrgPolicy): Target[] {
  const { idx, match } = ctx;
  const nodes = [
    ...(p.attachTo.root ? [ROOT_OU] : []),
    ...(p.attachTo.ous ?? []),
    ...(p.attachTo.accounts ?? []),
  ];
  return nodes.map((node) => bpTarget(idx, match, node, p.type));
}

function bpTarget(idx: BlueprintIndex, match: Matching, node: string, type: PolicyType): Target {
  const isAccount = idx.accounts.has(node);
  const liveId = isAccount ? match.accountLive.get(node)?.id : match.ouLive.get(node);
  const label = node === ROOT_OU ? 'the root' : `${isAccount ? 'account' : 'OU'} ${node}`;
  return { label, liveId, accounts: bpAccounts(idx, node, type) };
}

/** A live target's reach, in blueprint account ids where matched (so sets compare). */
function liveTarget(ctx: DiffContext, liveId: string, type: PolicyType): Target {
  const { match, idx } = ctx;
  const bpNode = match.ouBp.get(liveId) ?? match.accountBp.get(liveId);
  if (bpNode !== undefined) return bpTarget(idx, match, bpNode, type);
  const mgmt = match.live?.org.managementAccountId;
  const accounts = (match.live?.accountsUnder(liveId) ?? [])
    .filter((a) => reachesManagement(type) || a.id !== mgmt)
    .map((a) => match.accountBp.get(a.id) ?? a.id);
  return { label: match.nodeLabel(liveId), liveId, accounts };
}

/** `OU prod: 14 accounts`. */
function reach(t: Target): string {
  return t.label.startsWith('account ')
    ? t.label
    : `${t.label}: ${count(t.accounts.length, 'account')}`;
}

/** Diff the organization policies. */
export function diffPolicies(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const live = ctx.match.live;
  const gap = ctx.coverage.organization('policies');
  if (!live || ctx.coverage.organization('structure')) return out;
  if (gap) {
    out.warnings.push(`organization policies not compared (${gap})`);
    return out;
  }
  for (const rp of ctx.policies) diffPolicy(ctx, rp.policy, rp.document, out);
  diffFullAwsAccess(ctx, out);
  return out;
}

function diffPolicy(
  ctx: DiffContext,
  p: OrgPolicy,
  document: Record<string, unknown> | undefined,
  out: DiffResult,
): void {
  const label = `${POLICY_LABEL[p.type]} ${p.id}`;
  const entity = `policy:${p.id}`;
  const wanted = wantedTargets(ctx, p);
  const livePolicy = ctx.match.policyLive.get(p.id);
  if (!livePolicy) {
    const affected = new Set(wanted.flatMap((t) => t.accounts));
    out.changes.push({
      kind: 'create',
      entity,
      summary: wanted.length
        ? `${label} is created and applies to ${andList(wanted.map(reach))}`
        : `${label} is created (attached nowhere)`,
      details: wanted.map((t) => `attach ${t.label} (${count(t.accounts.length, 'account')})`),
      accountsAffected: affected.size,
      destructive: false,
    });
    return;
  }
  const clauses: string[] = [];
  const details: string[] = [];
  let contentChanged = false;
  if (document !== undefined) {
    if (p.type === 'scp' || p.type === 'rcp') {
      const d = diffStatements(livePolicy.content, document);
      contentChanged = statementsDiffer(d);
      const phrase = (verb: string, keys: string[]) =>
        keys.length === 1
          ? `${verb} a statement (${keys[0] ?? ''})`
          : `${verb} ${keys.length} statements (${keys.join(', ')})`;
      if (d.added.length) clauses.push(phrase('gains', d.added));
      if (d.removed.length) clauses.push(phrase('loses', d.removed));
      if (d.changed.length)
        clauses.push(
          d.changed.length === 1
            ? `changes statement ${d.changed[0] ?? ''}`
            : `changes ${d.changed.length} statements (${d.changed.join(', ')})`,
        );
      details.push(
        ...d.added.map((k) => `+ statement ${k}`),
        ...d.removed.map((k) => `- statement ${k}`),
        ...d.changed.map((k) => `~ statement ${k}`),
      );
    } else if (canonicalJson(livePolicy.content) !== canonicalJson(document)) {
      // Management policies (tag, backup, ...) have their own grammar, not statements.
      contentChanged = true;
      clauses.push('changes its content');
      details.push('~ content');
    }
  }
  if (livePolicy.name !== p.name) {
    clauses.push(`is renamed from ${livePolicy.name}`);
    details.push(`~ name ${livePolicy.name} -> ${p.name}`);
  }
  if (livePolicy.description !== p.description) {
    clauses.push('changes its description');
    details.push(
      `~ description: ${JSON.stringify(livePolicy.description)} -> ${JSON.stringify(p.description)}`,
    );
  }
  const liveTargets = new Set(livePolicy.targets);
  const wantedIds = new Set(wanted.flatMap((t) => (t.liveId === undefined ? [] : [t.liveId])));
  const added = wanted.filter((t) => t.liveId === undefined || !liveTargets.has(t.liveId));
  const removed = livePolicy.targets
    .filter((id) => !wantedIds.has(id))
    .map((id) => liveTarget(ctx, id, p.type));
  if (added.length) clauses.push(`now also applies to ${andList(added.map(reach))}`);
  if (removed.length) clauses.push(`no longer applies to ${andList(removed.map(reach))}`);
  details.push(
    ...added.map((t) => `+ attach ${t.label} (${count(t.accounts.length, 'account')})`),
    ...removed.map((t) => `- detach ${t.label} (${count(t.accounts.length, 'account')})`),
  );
  if (!clauses.length) return;
  const affected = new Set([
    ...(contentChanged ? wanted.flatMap((t) => t.accounts) : []),
    ...added.flatMap((t) => t.accounts),
    ...removed.flatMap((t) => t.accounts),
  ]);
  out.changes.push({
    kind: 'update',
    entity,
    summary: `${label} ${andList(clauses)}`,
    details,
    accountsAffected: affected.size,
    destructive: removed.length > 0,
  });
}

/**
 * FullAWSAccess where the blueprint keeps it (`rootFullAwsAccess`, `fullAwsAccess` of OUs
 * and accounts). AWS attaches it to every new OU and account, so a new one the blueprint
 * wants without it is a detach too.
 */
function diffFullAwsAccess(ctx: DiffContext, out: DiffResult): void {
  const { idx, match } = ctx;
  const bp = idx.bp;
  if (!bp.organization.enabledPolicyTypes.includes('scp')) return;
  const full = match.live?.org.policies.find(
    (p) => p.awsManaged && p.type === 'SERVICE_CONTROL_POLICY' && p.name === FULL_AWS_ACCESS,
  );
  // Without SCPs enabled there is no FullAWSAccess yet; enabling them attaches it everywhere.
  if (!full) return;
  const attached = new Set(full.targets);
  const nodes: { node: string; want: boolean; entity: string }[] = [
    { node: ROOT_OU, want: bp.organization.rootFullAwsAccess, entity: 'policy-type:scp' },
    ...bp.organizationalUnits
      .filter(compared)
      .map((o) => ({ node: o.id, want: o.fullAwsAccess, entity: `ou:${o.id}` })),
    ...bp.accounts
      .filter(compared)
      .map((a) => ({ node: a.id, want: a.fullAwsAccess, entity: `account:${a.id}` })),
  ];
  for (const n of nodes) {
    const t = bpTarget(idx, match, n.node, 'scp');
    const has = t.liveId === undefined ? true : attached.has(t.liveId);
    if (has === n.want) continue;
    const isNew = t.liveId === undefined ? ' (new)' : '';
    out.changes.push({
      kind: 'update',
      entity: n.entity,
      summary: n.want
        ? `${FULL_AWS_ACCESS} is attached to ${reach(t)}`
        : `${FULL_AWS_ACCESS} is detached from ${reach({ ...t, label: `${t.label}${isNew}` })}`,
      details: [],
      accountsAffected: t.accounts.length,
      destructive: !n.want,
    });
  }
}
