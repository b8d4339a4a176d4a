/**
 * Organization settings: policy types enabled on the root, trusted access for services,
 * and delegated administrators (by service and account). None of these can carry
 * orgward's tags, so live extras are always left alone.
 */
import { POLICY_TYPE_API_NAMES, POLICY_TYPES } from '../../blueprint/schema/organization.js';
import type { DiffContext } from './context.js';
import { emptyResult, POLICY_LABEL, untaggedSentence, type DiffResult } from './draft.js';

/** Diff policy types, trusted access and delegated administrators. */
export function diffSettings(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const live = ctx.match.live;
  if (!live || ctx.coverage.organization('structure')) return out;
  diffPolicyTypes(ctx, out);
  const trustedGap = ctx.coverage.organization('trustedServices');
  if (trustedGap) out.warnings.push(`trusted access not compared (${trustedGap})`);
  else diffTrustedServices(ctx, out);
  const adminGap = ctx.coverage.organization('delegatedAdministrators');
  if (adminGap) out.warnings.push(`delegated administrators not compared (${adminGap})`);
  else diffDelegatedAdmins(ctx, out);
  return out;
}

function diffPolicyTypes(ctx: DiffContext, out: DiffResult): void {
  const org = ctx.match.live?.org;
  if (!org) return;
  const enabled = new Set(
    org.root.policyTypes
      .filter((t) => t.status === 'ENABLED' || t.status === 'PENDING_ENABLE')
      .map((t) => t.type),
  );
  const wanted = new Set(ctx.idx.bp.organization.enabledPolicyTypes);
  for (const type of POLICY_TYPES) {
    const api = POLICY_TYPE_API_NAMES[type];
    if (wanted.has(type) && !enabled.has(api))
      out.changes.push({
        kind: 'create',
        entity: `policy-type:${type}`,
        summary: `policy type ${POLICY_LABEL[type]} is enabled on the root`,
        details: [api],
        destructive: false,
      });
    else if (!wanted.has(type) && enabled.has(api))
      out.changes.push({
        kind: 'retain',
        entity: `policy-type:${type}`,
        summary: untaggedSentence(`policy type ${POLICY_LABEL[type]} (enabled on the root)`),
        details: [api],
        destructive: false,
      });
  }
}

function diffTrustedServices(ctx: DiffContext, out: DiffResult): void {
  const live = new Set(ctx.match.live?.org.trustedServices ?? []);
  const wanted = new Set(ctx.idx.bp.organization.trustedServices);
  for (const s of wanted)
    if (!live.has(s))
      out.changes.push({
        kind: 'create',
        entity: `trusted-service:${s}`,
        summary: `trusted access for ${s} is enabled`,
        details: [],
        destructive: false,
      });
  for (const s of [...live].sort())
    if (!wanted.has(s))
      out.changes.push({
        kind: 'retain',
        entity: `trusted-service:${s}`,
        summary: untaggedSentence(`trusted access for ${s}`),
        details: [],
        destructive: false,
      });
}

/** The blueprint's delegated administrators, Identity Center's included. */
function wantedAdmins(ctx: DiffContext): Map<string, string> {
  const bp = ctx.idx.bp;
  const out = new Map<string, string>();
  for (const d of bp.organization.delegatedAdministrators) out.set(d.service, d.account);
  const ic = bp.identity.identityCenter?.delegatedAdmin;
  if (ic !== undefined && !out.has('sso.amazonaws.com')) out.set('sso.amazonaws.com', ic);
  return out;
}

function diffDelegatedAdmins(ctx: DiffContext, out: DiffResult): void {
  const { match } = ctx;
  const liveByService = new Map<string, string[]>();
  for (const d of match.live?.org.delegatedAdministrators ?? [])
    liveByService.set(d.servicePrincipal, [
      ...(liveByService.get(d.servicePrincipal) ?? []),
      d.accountId,
    ]);
  const name = (accountId: string) => {
    const bp = match.accountBp.get(accountId);
    return bp ? `${bp} (${accountId})` : accountId;
  };
  const wanted = wantedAdmins(ctx);
  for (const [service, account] of wanted) {
    const entity = `delegated-admin:${service}`;
    const want = match.accountIdOf(account);
    const current = liveByService.get(service) ?? [];
    const wantLabel = want ? name(want) : `${account} (a new account)`;
    if (want !== undefined && current.includes(want)) {
      const others = current.filter((c) => c !== want);
      if (others.length)
        out.changes.push({
          kind: 'retain',
          entity,
          summary: untaggedSentence(
            `delegated administrator ${others.map(name).join(', ')} for ${service}`,
          ),
          details: [],
          destructive: false,
        });
      continue;
    }
    out.changes.push(
      current.length
        ? {
            kind: 'update',
            entity,
            summary: `delegated administrator for ${service} changes from ${current.map(name).join(', ')} to ${wantLabel}`,
            details: current
              .map((c) => `- deregister ${name(c)}`)
              .concat(`+ register ${wantLabel}`),
            destructive: true,
          }
        : {
            kind: 'create',
            entity,
            summary: `account ${account} becomes delegated administrator for ${service}`,
            details: [],
            destructive: false,
          },
    );
  }
  for (const [service, accounts] of [...liveByService].sort(([a], [b]) => a.localeCompare(b)))
    if (!wanted.has(service))
      out.changes.push({
        kind: 'retain',
        entity: `delegated-admin:${service}`,
        summary: untaggedSentence(
          `delegated administrator ${accounts.map(name).join(', ')} for ${service}`,
        ),
        details: [],
        destructive: false,
      });
}
