import type { Diagnostic } from '../../core/diagnostics.js';
import { normalizeStatements, statementApplies } from '../../policy/match.js';
import type { NormalizedStatement } from '../../policy/types.js';
import { DEFAULT_NEEDS, INSTANCE_ONLY_KEYS } from '../data/lockout-needs.js';
import { ROOT_OU } from '../model.js';
import type { Account, Role } from '../schema/blueprint.js';
import { selectAccounts } from '../selectors.js';
import type { ValidationContext, Validator } from './context.js';
import type { ResolvedPolicy } from './policies-resolve.js';

type Context = Record<string, string | string[] | boolean | undefined>;

/** Condition keys whose value the lockout check knows for a role acting in its account. */
function knownContext(ctx: ValidationContext, role: Role, account: Account): Context {
  const org = ctx.bp.organization;
  const partition = org.partition ?? 'aws';
  // With no account id, a placeholder keeps `arn:aws:iam::*:role/x` patterns meaningful.
  const accountId = account.accountId ?? '000000000000';
  const c: Context = {
    'aws:principalarn': `arn:${partition}:iam::${accountId}:role${role.path}${role.name}`,
    'aws:principaltype': 'AssumedRole',
    'aws:principalisawsservice': false,
    'aws:requestedregion': org.homeRegion,
    'aws:principalaccount': account.accountId,
    'aws:principalorgid': org.organizationId,
  };
  // Break-glass sign-in is expected to use MFA; a pipeline (OIDC or keys) has none.
  if (role.purpose === 'break-glass') c['aws:multifactorauthpresent'] = true;
  return c;
}

/**
 * Marks every other condition key in the statements as unknown rather than absent, except
 * keys that only instance credentials carry, when the role is not an EC2 instance role.
 */
function withUnknowns(base: Context, stmts: readonly NormalizedStatement[], role: Role): Context {
  const out: Context = { ...base };
  const instanceRole = role.trust.some((t) => t.service === 'ec2.amazonaws.com');
  const absent = new Set(instanceRole ? [] : INSTANCE_ONLY_KEYS);
  for (const s of stmts) {
    for (const keys of Object.values(s.condition)) {
      for (const k of Object.keys(keys)) {
        const lk = k.toLowerCase();
        if (!(lk in out) && lk !== 'aws:multifactorauthpresent' && !absent.has(lk))
          out[lk] = undefined;
      }
    }
  }
  return out;
}

interface Level {
  node: string;
  fullAccess: boolean;
  policies: { rp: ResolvedPolicy; stmts: NormalizedStatement[] }[];
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

interface Finding {
  key: string;
  d: Diagnostic;
}

/** Lockout findings for one role acting in one account: denies, then missing allows. */
function evaluateRole(
  ctx: ValidationContext,
  role: Role,
  ri: number,
  needs: readonly string[],
  account: Account,
  byNode: Map<string, Level['policies']>,
  allStmts: readonly NormalizedStatement[],
  levelCache: Map<string, Finding[]>,
  accountKey: string,
): Finding[] {
  const label = `${role.purpose} role '${role.name}'`;
  let context: Context | undefined;
  return levelsFor(ctx, account, byNode).flatMap((level) => {
    // A level (root or OU) answers the same for every account below it.
    const cacheKey = `${level.node}|${accountKey}`;
    const cached = levelCache.get(cacheKey);
    if (cached) return cached;
    context ??= withUnknowns(knownContext(ctx, role, account), allStmts, role);
    const found: Finding[] = [];
    for (const action of needs) {
      const request = { action, resource: '*', context };
      let allowed: 'yes' | 'unknown' | 'no' = level.fullAccess ? 'yes' : 'no';
      for (const { rp, stmts } of level.policies) {
        for (const [si, st] of stmts.entries()) {
          const applies = statementApplies(st, request);
          if (applies === 'no') continue;
          if (st.effect === 'Allow') {
            if (applies === 'yes') allowed = 'yes';
            else if (allowed === 'no') allowed = 'unknown';
            continue;
          }
          const sid = st.sid ? ` statement '${st.sid}'` : ` statement ${si + 1}`;
          const stmtPath = Array.isArray(rp.document?.Statement)
            ? ['Statement', si]
            : ['Statement'];
          found.push({
            key: `${ri}|${rp.policy.id}|${si}|${action}|${applies}`,
            d: {
              severity: applies === 'yes' ? 'error' : 'warning',
              code: 'scp-lockout',
              message: `lockout: SCP '${rp.policy.id}'${sid} ${applies === 'yes' ? 'denies' : 'may deny (depends on request context)'} ${label} ${action}`,
              at: rp.locate(stmtPath),
              hint: `exempt the role, e.g. ArnNotLike aws:PrincipalArn 'arn:*:iam::*:role${role.path}${role.name}' (guardrails: exemptPrincipalArns), or set the role's needs`,
            },
          });
        }
      }
      if (allowed !== 'yes') {
        found.push({
          key: `${ri}|allow|${level.node}|${action}`,
          d: {
            severity: allowed === 'no' ? 'error' : 'warning',
            code: 'scp-lockout',
            message: `lockout: no SCP attached to ${level.node === ROOT_OU ? 'the root' : `'${level.node}'`} ${allowed === 'no' ? 'allows' : 'surely allows'} ${action} for ${label} (each level of the OU path must allow it)`,
            at: ctx.locate(['identity', 'roles', ri]),
            hint: 'keep FullAWSAccess attached there, or add the action to the allow-list SCP',
          },
        });
      }
    }
    levelCache.set(cacheKey, found);
    return found;
  });
}

const lockout: Validator = {
  id: 'scp-lockout',
  description: 'no SCP denies a pipeline or break-glass role the actions it needs (self-lockout)',
  run(ctx) {
    const scps = ctx.policies.filter((p) => p.policy.type === 'scp' && p.document);
    const byNode = new Map<string, Level['policies']>();
    for (const rp of scps) {
      const stmts = normalizeStatements(rp.document);
      const nodes = [
        ...(rp.policy.attachTo.root ? [ROOT_OU] : []),
        ...(rp.policy.attachTo.ous ?? []),
        ...(rp.policy.attachTo.accounts ?? []),
      ];
      for (const n of nodes) byNode.set(n, [...(byNode.get(n) ?? []), { rp, stmts }]);
    }
    const allStmts = [...byNode.values()].flat().flatMap((p) => p.stmts);
    const out = new Map<string, Diagnostic & { accounts: string[] }>();
    const report = (key: string, d: Diagnostic, account: string) => {
      const hit = out.get(key);
      if (hit) hit.accounts.push(account);
      else out.set(key, { ...d, accounts: [account] });
    };
    // Levels are shared by every account below them, unless a statement names account
    // ids (then the answer may differ per account id).
    const accountIdMatters = allStmts.some((st) => /\d{12}/.test(JSON.stringify(st)));
    ctx.bp.identity.roles.forEach((role, ri) => {
      const needs = role.needs ?? DEFAULT_NEEDS[role.purpose];
      if (!needs?.length) return;
      const accounts = selectAccounts(ctx.idx, role.targets).filter(
        (a) => a.id !== ctx.bp.organization.managementAccount,
      );
      const levelCache = new Map<string, Finding[]>();
      for (const account of accounts) {
        const accountKey = accountIdMatters ? (account.accountId ?? '') : '';
        for (const f of evaluateRole(
          ctx,
          role,
          ri,
          needs,
          account,
          byNode,
          allStmts,
          levelCache,
          accountKey,
        )) {
          report(f.key, f.d, account.id);
        }
      }
    });
    return [...out.values()].map(({ accounts, ...d }) => ({
      ...d,
      message: `${d.message} in ${accounts.length === 1 ? `account '${accounts[0] ?? ''}'` : `${accounts.length} accounts (e.g. '${accounts[0] ?? ''}')`}`,
    }));
  },
};

/** The lockout validator. */
export const LOCKOUT_VALIDATORS = [lockout] as const;
