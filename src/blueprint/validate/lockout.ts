import type { Diagnostic } from '../../core/diagnostics.js';
import { normalizeStatements, statementApplies } from '../../policy/match.js';
import type { NormalizedStatement } from '../../policy/types.js';
import { GLOBAL_REGION, GLOBAL_SERVICES } from '../data/global-services.js';
import { INSTANCE_ONLY_KEYS } from '../data/lockout-needs.js';
import { ROOT_OU } from '../model.js';
import type { Account } from '../schema/blueprint.js';
import type { ValidationContext, Validator } from './context.js';
import { guardedPrincipals, type GuardedPrincipal } from './lockout-principals.js';
import type { ResolvedPolicy } from './policies-resolve.js';

type Context = Record<string, string | string[] | boolean | undefined>;
type Answer = 'yes' | 'no' | 'unknown' | 'partial';

interface Level {
  node: string;
  fullAccess: boolean;
  policies: { rp: ResolvedPolicy; stmts: NormalizedStatement[] }[];
}

/**
 * One problem before grouping: a statement (or a missing allow), one principal, one
 * action. Problems of the same statement are reported once, listing who loses what.
 */
interface Finding {
  key: string;
  principal: GuardedPrincipal;
  action: string;
  d: Omit<Diagnostic, 'message' | 'hint'> & { message: (who: string) => string };
}

/**
 * Request contexts for a principal acting in an account: one for regional services (the
 * home Region) and one for global services, which AWS signs for the partition's global
 * Region whatever Region the caller uses. Keys the statements test but the check cannot
 * know are marked unknown, except keys only instance credentials carry.
 */
function contexts(
  ctx: ValidationContext,
  p: GuardedPrincipal,
  account: Account,
  stmts: readonly NormalizedStatement[],
): { regional: Context; global: Context } {
  const org = ctx.bp.organization;
  const partition = org.partition ?? 'aws';
  // With no account id, a placeholder keeps `arn:aws:iam::*:role/x` patterns meaningful.
  const accountId = account.accountId ?? '000000000000';
  const base: Context = {
    'aws:principalarn': `arn:${partition}:iam::${accountId}:role${p.path}${p.nameIn(account)}`,
    'aws:principaltype': 'AssumedRole',
    'aws:principalisawsservice': false,
    'aws:principalaccount': account.accountId,
    'aws:principalorgid': org.organizationId,
  };
  if (p.mfa) base['aws:multifactorauthpresent'] = true;
  const absent = new Set(p.instanceRole ? [] : INSTANCE_ONLY_KEYS);
  for (const s of stmts) {
    for (const keys of Object.values(s.condition)) {
      for (const k of Object.keys(keys)) {
        const lk = k.toLowerCase();
        if (lk in base || absent.has(lk) || lk === 'aws:requestedregion') continue;
        // MFA is absent for a pipeline, not unknown: it never signs in with MFA.
        if (lk !== 'aws:multifactorauthpresent') base[lk] = undefined;
      }
    }
  }
  return {
    regional: { ...base, 'aws:requestedregion': org.homeRegion },
    global: { ...base, 'aws:requestedregion': GLOBAL_REGION[partition] },
  };
}

/**
 * Whether a Deny or Allow statement applies to the action on any resource. A statement
 * limited to named resources applies only partly: the principal keeps the action on
 * everything else, which is worth a warning, not an error.
 */
function applies(st: NormalizedStatement, action: string, context: Context): Answer {
  const { resource, notResource, ...rest } = st;
  const anyResource = statementApplies(rest, { action, resource: '*', context });
  if (anyResource !== 'yes' || notResource) return anyResource;
  return !resource || resource.includes('*') ? 'yes' : 'partial';
}

/** SCP levels an account's principals are evaluated at: root, each OU, the account. */
function levelsFor(
  ctx: ValidationContext,
  account: Account,
  byNode: Map<string, Level['policies']>,
): Level[] {
  const nodes = [...ctx.idx.pathOf(account.id), account.id];
  return nodes.map((node) => ({
    node,
    fullAccess:
      node === ROOT_OU
        ? ctx.bp.organization.rootFullAwsAccess
        : (ctx.idx.ous.get(node)?.fullAwsAccess ?? account.fullAwsAccess),
    policies: byNode.get(node) ?? [],
  }));
}

/** Findings for one principal at one level: denies that apply, and a missing allow. */
function evaluateLevel(
  ctx: ValidationContext,
  p: GuardedPrincipal,
  level: Level,
  ctxs: { regional: Context; global: Context },
): Finding[] {
  const found: Finding[] = [];
  for (const action of p.needs) {
    const context = GLOBAL_SERVICES.has(action.split(':')[0] ?? '') ? ctxs.global : ctxs.regional;
    let allowed: Answer = level.fullAccess ? 'yes' : 'no';
    for (const { rp, stmts } of level.policies) {
      for (const [si, st] of stmts.entries()) {
        const a = applies(st, action, context);
        if (a === 'no') continue;
        if (st.effect === 'Allow') {
          if (a === 'yes') allowed = 'yes';
          else if (allowed === 'no') allowed = 'unknown';
          continue;
        }
        const sid = st.sid ? ` statement '${st.sid}'` : ` statement ${si + 1}`;
        const stmtPath = Array.isArray(rp.document?.Statement) ? ['Statement', si] : ['Statement'];
        const how =
          a === 'yes'
            ? 'denies'
            : a === 'partial'
              ? 'denies, on the resources it names,'
              : 'may deny (depending on the request)';
        found.push({
          key: `${rp.policy.id}|${si}|${a}`,
          principal: p,
          action,
          d: {
            severity: a === 'yes' ? 'error' : 'warning',
            code: 'scp-lockout',
            message: (who) => `lockout: SCP '${rp.policy.id}'${sid} ${how} ${who}`,
            at: rp.locate(stmtPath),
          },
        });
      }
    }
    if (allowed !== 'yes') {
      found.push({
        key: `allow|${level.node}|${allowed}`,
        principal: p,
        action,
        d: {
          severity: allowed === 'no' ? 'error' : 'warning',
          code: 'scp-lockout',
          message: (who) =>
            `lockout: no SCP attached to ${level.node === ROOT_OU ? 'the root' : `'${level.node}'`} ${allowed === 'no' ? 'allows' : 'surely allows'} ${who} (each level of the OU path must allow it)`,
          at: ctx.locate(p.declaredAt),
        },
      });
    }
  }
  return found;
}

const lockout: Validator = {
  id: 'scp-lockout',
  description:
    'no SCP denies a pipeline, break-glass or deploy role the actions it needs (self-lockout)',
  run(ctx) {
    const byNode = new Map<string, Level['policies']>();
    const scps = new Map(
      ctx.policies
        .filter((rp) => rp.policy.type === 'scp' && rp.document)
        .map((rp) => [rp.policy.id, { rp, stmts: normalizeStatements(rp.document) }]),
    );
    for (const [node, attached] of ctx.idx.attached) {
      const here = attached.flatMap((p) => scps.get(p.id) ?? []);
      if (here.length) byNode.set(node, here);
    }
    const allStmts = [...scps.values()].flatMap((p) => p.stmts);
    // Levels are shared by every account below them, unless a statement names account ids
    // (then the answer may differ per account id).
    const accountIdMatters = allStmts.some((st) => /\d{12}/.test(JSON.stringify(st)));
    const grouped = new Map<
      string,
      { f: Finding; who: Map<GuardedPrincipal, Set<string>>; accounts: Set<string> }
    >();
    guardedPrincipals(ctx).forEach((p) => {
      const levelCache = new Map<string, Finding[]>();
      for (const account of p.accounts) {
        const name = p.nameIn(account);
        const accountKey = `${name}|${accountIdMatters ? (account.accountId ?? '') : ''}`;
        let ctxs: ReturnType<typeof contexts> | undefined;
        for (const level of levelsFor(ctx, account, byNode)) {
          const cacheKey = `${level.node}|${accountKey}`;
          let found = levelCache.get(cacheKey);
          if (!found) {
            ctxs ??= contexts(ctx, p, account, allStmts);
            found = evaluateLevel(ctx, p, level, ctxs);
            levelCache.set(cacheKey, found);
          }
          for (const f of found) {
            const g = grouped.get(f.key) ?? {
              f,
              who: new Map<GuardedPrincipal, Set<string>>(),
              accounts: new Set<string>(),
            };
            const actions = g.who.get(f.principal) ?? new Set<string>();
            actions.add(f.action);
            g.who.set(f.principal, actions);
            g.accounts.add(account.id);
            grouped.set(f.key, g);
          }
        }
      }
    });
    return [...grouped.values()].map(({ f, who, accounts }) => {
      const ids = [...accounts];
      const where =
        ids.length === 1
          ? `account '${ids[0] ?? ''}'`
          : `${ids.length} accounts (e.g. '${ids[0] ?? ''}')`;
      const principals = [...who.keys()];
      const lost = principals
        .map((p) => `${p.label} ${[...(who.get(p) ?? [])].join(', ')}`)
        .join('; ');
      const hint = f.key.startsWith('allow|')
        ? 'keep FullAWSAccess attached there, or add the actions to the allow-list SCP'
        : `exempt ${principals.length === 1 ? 'it' : 'them'}: ArnNotLike aws:PrincipalArn ${principals.map((p) => `'${p.exemptPattern}'`).join(', ')} (guardrails: exemptPrincipalArns), or change what ${principals.length === 1 ? 'it needs' : 'they need'}`;
      return { ...f.d, message: `${f.d.message(lost)} in ${where}`, hint };
    });
  },
};

/** The lockout validator. */
export const LOCKOUT_VALIDATORS = [lockout] as const;
