/**
 * A role's trust in semantic terms: who may assume it (accounts, roles, services, SAML and
 * OIDC providers, anyone) and under which conditions (MFA, ExternalId, organization,
 * OIDC audience and subjects). The live trust policy and the blueprint's trust entries
 * both become this shape, so the plan can say "trust adds account 222233334444" rather
 * than show JSON.
 */
import type { Role } from '../../blueprint/schema/blueprint.js';
import { normalizeStatements } from '../../policy/match.js';
import type { NormalizedStatement } from '../../policy/types.js';

/** Conditions that matter for who can assume a role. */
export interface TrustConditions {
  mfa: boolean;
  /** The ExternalId value (compared, never printed). */
  externalId: string | undefined;
  organization: boolean;
  /** OIDC audience and subjects, sorted (empty for other principals). */
  audience: string[];
  subjects: string[];
}

/** Principal token (`account:111122223333`, `role:*:name`, `service:x`) -> its conditions. */
export type Trust = Map<string, TrustConditions>;

const NONE: TrustConditions = {
  mfa: false,
  externalId: undefined,
  organization: false,
  audience: [],
  subjects: [],
};

/** Whether a token is an AWS principal (the conditions MFA/ExternalId/organization apply). */
export function isAwsToken(token: string): boolean {
  return token.startsWith('account:') || token.startsWith('role:') || token === 'anyone';
}

function values(st: NormalizedStatement, ops: readonly string[], key: string): string[] {
  const out: string[] = [];
  for (const op of ops) {
    const block = st.condition[op] ?? st.condition[`${op}IfExists`];
    if (!block) continue;
    for (const [k, v] of Object.entries(block))
      if (k.toLowerCase() === key.toLowerCase()) out.push(...v);
  }
  return out;
}

/** The tokens of one ARN or account id in `Principal.AWS`. */
function awsToken(value: string): string {
  if (value === '*') return 'anyone';
  if (/^\d{12}$/.test(value)) return `account:${value}`;
  const m = /^arn:[^:]+:(iam|sts)::(\d{12}|\*):(.*)$/.exec(value);
  if (!m) return `other:${value}`;
  const [, , account = '', resource = ''] = m;
  if (resource === 'root') return `account:${account}`;
  if (resource.startsWith('role/')) return `role:${account}:${resource.split('/').pop() ?? ''}`;
  if (resource.startsWith('assumed-role/'))
    return `role:${account}:${resource.split('/')[1] ?? ''}`;
  return `other:${value}`;
}

function federatedToken(value: string): string {
  const m = /^arn:[^:]+:iam::\d{12}:(saml-provider|oidc-provider)\/(.+)$/.exec(value);
  if (!m) return `federated:${value}`;
  return m[1] === 'saml-provider' ? `saml:${m[2] ?? ''}` : `oidc:${m[2] ?? ''}`;
}

/** Merge two grants of one principal: the weaker conditions win (that is what AWS allows). */
function weaker(a: TrustConditions, b: TrustConditions): TrustConditions {
  return {
    mfa: a.mfa && b.mfa,
    externalId: a.externalId === b.externalId ? a.externalId : undefined,
    organization: a.organization && b.organization,
    audience: [...new Set([...a.audience, ...b.audience])].sort(),
    subjects: [...new Set([...a.subjects, ...b.subjects])].sort(),
  };
}

function add(trust: Trust, token: string, c: TrustConditions): void {
  const had = trust.get(token);
  trust.set(token, had ? weaker(had, c) : c);
}

/** The semantic trust of a live trust policy (Allow statements only). */
export function liveTrust(doc: unknown): Trust {
  const trust: Trust = new Map();
  for (const st of normalizeStatements(doc)) {
    if (st.effect !== 'Allow' || !st.principal) continue;
    const mfa = values(st, ['Bool'], 'aws:MultiFactorAuthPresent').includes('true');
    const externalId = values(st, ['StringEquals', 'StringLike'], 'sts:ExternalId')[0];
    const organization =
      values(st, ['StringEquals', 'StringLike', 'ForAnyValue:StringLike'], 'aws:PrincipalOrgID')
        .length > 0 ||
      values(st, ['ForAnyValue:StringLike', 'StringLike', 'StringEquals'], 'aws:PrincipalOrgPaths')
        .length > 0;
    const aws = { ...NONE, mfa, externalId, organization };
    const principal = st.principal === '*' ? { AWS: ['*'] } : st.principal;
    for (const v of principal.AWS ?? []) {
      if (v !== '*') {
        add(trust, awsToken(v), aws);
        continue;
      }
      // `*` narrowed by aws:PrincipalArn or aws:PrincipalAccount is those principals.
      const arns = values(
        st,
        ['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'],
        'aws:PrincipalArn',
      );
      const accounts = values(st, ['StringEquals', 'StringLike'], 'aws:PrincipalAccount');
      for (const arn of arns) add(trust, awsToken(arn), aws);
      for (const a of accounts) add(trust, `account:${a}`, aws);
      if (!arns.length && !accounts.length) add(trust, 'anyone', aws);
    }
    for (const v of principal.Service ?? []) add(trust, `service:${v}`, NONE);
    for (const v of principal.Federated ?? []) {
      const token = federatedToken(v);
      const host = token.startsWith('oidc:') ? token.slice(5) : undefined;
      add(trust, token, {
        ...NONE,
        audience: host ? values(st, ['StringEquals', 'StringLike'], `${host}:aud`).sort() : [],
        subjects: host ? values(st, ['StringEquals', 'StringLike'], `${host}:sub`).sort() : [],
      });
    }
  }
  return trust;
}

/** How the blueprint names other entities while its trust is expanded. */
export interface TrustEnv {
  /** AWS account id of a blueprint account (undefined while it is being created). */
  accountIdOf: (account: string) => string | undefined;
  /** Blueprint roles by id. */
  role: (id: string) => Role | undefined;
  /** Blueprint account ids a role is deployed to. */
  roleAccounts: (role: Role) => readonly string[];
}

/** The trust the blueprint asks for (the same in every account the role is deployed to). */
export function wantedTrust(role: Role, env: TrustEnv): Trust {
  const trust: Trust = new Map();
  const aws = (external: boolean): TrustConditions => ({
    ...NONE,
    mfa: role.requireMfa,
    externalId: role.externalId,
    organization: role.requireOrganization && !external,
  });
  const acct = (id: string) => env.accountIdOf(id) ?? `new-${id}`;
  for (const t of role.trust) {
    if (t.account !== undefined) {
      const id = acct(t.account);
      add(
        trust,
        t.roleName !== undefined
          ? `role:${id}:${t.roleName.split('/').pop() ?? ''}`
          : `account:${id}`,
        aws(false),
      );
    } else if (t.role !== undefined) {
      const trusted = env.role(t.role);
      if (trusted)
        for (const a of env.roleAccounts(trusted))
          add(trust, `role:${acct(a)}:${trusted.name}`, aws(false));
    } else if (t.accountId !== undefined) add(trust, `account:${t.accountId}`, aws(true));
    else if (t.service !== undefined) add(trust, `service:${t.service}`, NONE);
    else if (t.samlProvider !== undefined) add(trust, `saml:${t.samlProvider}`, NONE);
    else if (t.oidc !== undefined)
      add(trust, `oidc:${t.oidc.provider}`, {
        ...NONE,
        audience: [t.oidc.audience],
        subjects: [...t.oidc.subjects].sort(),
      });
  }
  return trust;
}

/**
 * A blueprint role trusted in many accounts may be rendered as `*` narrowed by
 * `aws:PrincipalArn` `arn:...:iam::*:role/<name>`: when the live policy does so, the
 * per-account tokens of that role are that one token.
 */
export function foldWildcardRoles(wanted: Trust, live: Trust): Trust {
  const wildcards = [...live.keys()].filter((k) => k.startsWith('role:*:'));
  if (!wildcards.length) return wanted;
  const out: Trust = new Map(wanted);
  for (const w of wildcards) {
    const name = w.slice('role:*:'.length);
    const perAccount = [...out.keys()].filter(
      (k) => k.startsWith('role:') && k.endsWith(`:${name}`) && k !== w,
    );
    if (!perAccount.length) continue;
    let merged: TrustConditions | undefined;
    for (const k of perAccount) {
      const c = out.get(k);
      if (c) merged = merged ? weaker(merged, c) : c;
      out.delete(k);
    }
    // The wildcard form always carries the organization condition (it is what scopes `*`).
    if (merged) out.set(w, { ...merged, organization: true });
  }
  return out;
}

/** How a token reads in a sentence. */
export function tokenLabel(token: string, accountName: (id: string) => string): string {
  const [kind = '', ...rest] = token.split(':');
  const value = rest.join(':');
  switch (kind) {
    case 'account':
      return `account ${accountName(value)}`;
    case 'role': {
      const [account = '', ...name] = value.split(':');
      return account === '*'
        ? `role ${name.join(':')} in any account of the organization`
        : `role ${name.join(':')} in account ${accountName(account)}`;
    }
    case 'service':
      return `service ${value}`;
    case 'saml':
      return `SAML provider ${value}`;
    case 'oidc':
      return `OIDC provider ${value}`;
    case 'anyone':
      return 'anyone (*)';
    default:
      return value;
  }
}

/** The differences, as phrases (`adds account 2222...`, `now requires MFA`). */
export function trustDiff(
  live: Trust,
  wanted: Trust,
  accountName: (id: string) => string,
): string[] {
  const w = foldWildcardRoles(wanted, live);
  const label = (t: string) => tokenLabel(t, accountName);
  const out: string[] = [];
  for (const t of w.keys()) if (!live.has(t)) out.push(`adds ${label(t)}`);
  for (const t of live.keys()) if (!w.has(t)) out.push(`removes ${label(t)}`);
  // Condition changes, grouped by phrase so "now requires MFA" is said once.
  const byPhrase = new Map<string, string[]>();
  const note = (phrase: string, token: string) =>
    byPhrase.set(phrase, [...(byPhrase.get(phrase) ?? []), token]);
  const common = [...w.keys()].filter((t) => live.has(t));
  for (const t of common) {
    const a = live.get(t) ?? NONE;
    const b = w.get(t) ?? NONE;
    if (isAwsToken(t)) {
      if (a.mfa !== b.mfa) note(b.mfa ? 'now requires MFA' : 'no longer requires MFA', t);
      if (a.externalId !== b.externalId)
        note(
          a.externalId === undefined
            ? 'now requires an ExternalId'
            : b.externalId === undefined
              ? 'no longer requires an ExternalId'
              : 'changes the ExternalId',
          t,
        );
      if (a.organization !== b.organization)
        note(
          b.organization
            ? 'now requires the organization (aws:PrincipalOrgID)'
            : 'no longer requires the organization (aws:PrincipalOrgID)',
          t,
        );
    }
    if (a.audience.join() !== b.audience.join()) note('changes the OIDC audience', t);
    if (a.subjects.join() !== b.subjects.join()) note('changes the allowed OIDC subjects', t);
  }
  for (const [phrase, tokens] of byPhrase) {
    const applicable = common.filter((t) =>
      phrase.includes('OIDC') ? t.startsWith('oidc:') : isAwsToken(t),
    );
    out.push(
      tokens.length === applicable.length
        ? phrase
        : `${phrase} for ${tokens.map(label).join(', ')}`,
    );
  }
  return out;
}
