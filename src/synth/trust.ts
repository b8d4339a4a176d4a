/**
 * Role trust policies (AssumeRolePolicyDocument) from blueprint trust entries: one
 * statement per kind of trust, conditions placed where they mean something, and a size
 * check against IAM's trust policy quota with a documented fallback.
 *
 * Principals of the organization are always named by their account root plus an
 * `aws:PrincipalArn` condition, never by a role ARN in `Principal`: IAM rejects a trust
 * policy whose principal role does not exist yet (StackSet instances deploy in no fixed
 * order, and `roleName` may name a role orgward does not create), and it silently turns a
 * role principal into an unusable unique id when that role is deleted and recreated.
 */
import { InputError } from '../core/errors.js';
import { policySize } from '../policy/size.js';
import type { Role } from '../blueprint/schema/blueprint.js';
import { sub, type CfnValue } from './cfn.js';
import type { SynthContext } from './context.js';
import { baselineAccounts } from './stacks/baseline-targets.js';

/** What the trust policy is built from (a blueprint role, or the synthetic audit role). */
export type TrustSpec = Pick<
  Role,
  'id' | 'trust' | 'requireMfa' | 'externalId' | 'requireOrganization'
>;

/** Where account and organization ids come from (a TemplateBuilder satisfies this). */
export interface TrustIds {
  accountId: (account: string) => CfnValue;
  organizationId: () => CfnValue;
}

/** A finished trust policy. */
export interface TrustPolicy {
  document: Record<string, CfnValue>;
  /** True when `role` entries use the `aws:PrincipalArn` name pattern (size fallback). */
  byName: boolean;
  /** Size as IAM counts it, measured with the longest possible ids. */
  size: number;
}

/** The SAML sign-in endpoint (the `SAML:aud` value) by partition. */
export const SAML_SIGNIN_URL: Readonly<Record<string, string>> = {
  aws: 'https://signin.aws.amazon.com/saml',
  'aws-cn': 'https://signin.amazonaws.cn/saml',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com/saml',
};

type Conditions = Record<string, Record<string, CfnValue>>;
type Statement = Record<string, CfnValue>;

/**
 * Blueprint ids of the accounts a role is deployed to: those its `targets` select that
 * orgward deploys to (managed, not suspended), as for every account baseline.
 */
export function roleAccounts(ctx: SynthContext, role: Pick<Role, 'targets'>): string[] {
  return baselineAccounts(ctx, role.targets);
}

/**
 * Ids of the longest possible values (12-digit account ids, a 34-character organization
 * id) where the blueprint does not know them, so a measured policy never grows at deploy.
 */
export function measureIds(ctx: SynthContext): TrustIds {
  return {
    accountId: (id) => ctx.account(id)?.accountId ?? '000000000000',
    organizationId: () => ctx.bp.organization.organizationId ?? `o-${'x'.repeat(32)}`,
  };
}

/**
 * The trust policy of `spec`. Role entries name each deployed account's role explicitly;
 * when that would exceed `limits.trustPolicyMaxSize` they fall back to the role's name
 * pattern in any account of the organization. A policy still too large is bad input.
 */
export function trustPolicy(ctx: SynthContext, spec: TrustSpec, ids: TrustIds): TrustPolicy {
  const max = ctx.limits.trustPolicyMaxSize;
  const measure = (byName: boolean) =>
    measuredSize(ctx, buildDocument(ctx, spec, measureIds(ctx), byName));
  let byName = false;
  let size = measure(false);
  if (size > max && spec.trust.some((e) => e.role !== undefined)) {
    byName = true;
    size = measure(true);
  }
  if (size > max)
    throw new InputError(
      `role ${spec.id}: its trust policy would be ${String(size)} characters, over the limit of ${String(max)} (limits.trustPolicyMaxSize); trust fewer principals or raise the quota (adjustable to 4,096)`,
    );
  return { document: buildDocument(ctx, spec, ids, byName), byName, size };
}

function buildDocument(
  ctx: SynthContext,
  spec: TrustSpec,
  ids: TrustIds,
  byName: boolean,
): Record<string, CfnValue> {
  const p = ctx.partition;
  const root = (account: CfnValue) => arn(account, (a) => `arn:${p}:iam::${a}:root`);
  const statements: Statement[] = [];
  const aws = (sid: string, principal: CfnValue[], extra: Conditions, inOrg: boolean) => {
    const c: Conditions = { ...extra };
    if (spec.requireMfa) put(c, 'Bool', 'aws:MultiFactorAuthPresent', 'true');
    if (spec.externalId !== undefined) put(c, 'StringEquals', 'sts:ExternalId', spec.externalId);
    if (inOrg) put(c, 'StringEquals', 'aws:PrincipalOrgID', ids.organizationId());
    statements.push(statement(sid, { AWS: one(principal) }, 'sts:AssumeRole', c));
  };
  const org = spec.requireOrganization;

  const accounts = unique(spec.trust.flatMap((e) => (e.account && !e.roleName ? [e.account] : [])));
  if (accounts.length)
    aws(
      'TrustAccounts',
      accounts.map((a) => root(ids.accountId(a))),
      {},
      org,
    );

  const named = spec.trust.flatMap((e) =>
    e.account && e.roleName ? [{ account: e.account, roleName: e.roleName }] : [],
  );
  if (named.length) {
    const roleArns = named.map((n) =>
      arn(ids.accountId(n.account), (a) => `arn:${p}:iam::${a}:role/${n.roleName}`),
    );
    const roots = unique(named.map((n) => n.account)).map((a) => root(ids.accountId(a)));
    aws('TrustAccountRoles', roots, { ArnEquals: { 'aws:PrincipalArn': one(roleArns) } }, org);
  }

  const trusted = unique(spec.trust.flatMap((e) => (e.role ? [e.role] : [])))
    .map((id) => ctx.bp.identity.roles.find((r) => r.id === id))
    .filter((r) => r !== undefined);
  if (trusted.length && byName) {
    // Any account of the organization: Principal "*" is safe only with the org condition,
    // so it is added even when the role opts out of requireOrganization.
    const patterns = trusted.map((r) => `arn:${p}:iam::*:role${r.path}${r.name}`);
    aws('TrustRolesByName', ['*'], { ArnLike: { 'aws:PrincipalArn': one(patterns) } }, true);
  } else if (trusted.length) {
    const pairs = trusted.flatMap((r) => roleAccounts(ctx, r).map((a) => ({ r, a })));
    if (pairs.length) {
      const roots = unique(pairs.map((x) => x.a)).map((a) => root(ids.accountId(a)));
      const roleArns = pairs.map(({ r, a }) =>
        arn(ids.accountId(a), (id) => `arn:${p}:iam::${id}:role${r.path}${r.name}`),
      );
      aws('TrustRoles', roots, { ArnEquals: { 'aws:PrincipalArn': one(roleArns) } }, org);
    }
  }

  // Accounts outside the organization: aws:PrincipalOrgID would never match them.
  const external = unique(spec.trust.flatMap((e) => (e.accountId ? [e.accountId] : [])));
  if (external.length) aws('TrustExternalAccounts', external.map(root), {}, false);

  const services = unique(spec.trust.flatMap((e) => (e.service ? [e.service] : [])));
  if (services.length) {
    // Confused deputy: the service must act for this organization (or account). IfExists,
    // because services that assume roles directly (EC2, Lambda) send no source keys; for
    // them iam:PassRole is the control.
    const c: Conditions = org
      ? { StringEqualsIfExists: { 'aws:SourceOrgID': ids.organizationId() } }
      : { StringEqualsIfExists: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } };
    statements.push(statement('TrustServices', { Service: one(services) }, 'sts:AssumeRole', c));
  }

  const saml = unique(spec.trust.flatMap((e) => (e.samlProvider ? [e.samlProvider] : [])));
  if (saml.length) {
    const providers = saml.map((n) => own(p, `saml-provider/${n}`));
    const aud = SAML_SIGNIN_URL[p] ?? SAML_SIGNIN_URL.aws ?? '';
    statements.push(
      statement('TrustSaml', { Federated: one(providers) }, 'sts:AssumeRoleWithSAML', {
        StringEquals: { 'SAML:aud': aud },
      }),
    );
  }

  const oidc = spec.trust.flatMap((e) => (e.oidc ? [e.oidc] : []));
  oidc.forEach((o, i) => {
    statements.push(
      statement(
        `TrustOidc${String(i + 1)}`,
        { Federated: own(p, `oidc-provider/${o.provider}`) },
        'sts:AssumeRoleWithWebIdentity',
        {
          StringEquals: { [`${o.provider}:aud`]: o.audience },
          StringLike: { [`${o.provider}:sub`]: one(o.subjects) },
        },
      ),
    );
  });

  if (!statements.length)
    throw new InputError(
      `role ${spec.id}: no principal can assume it (its trusted roles are deployed to no account)`,
    );
  return { Version: '2012-10-17', Statement: statements };
}

function statement(sid: string, principal: Statement, action: string, c: Conditions): Statement {
  return {
    Sid: sid,
    Effect: 'Allow',
    Principal: principal,
    Action: action,
    ...(Object.keys(c).length ? { Condition: c } : {}),
  };
}

function put(c: Conditions, op: string, key: string, value: CfnValue): void {
  c[op] = { ...(c[op] ?? {}), [key]: value };
}

/** A provider ARN in the role's own account. */
function own(partition: string, resource: string): CfnValue {
  return sub(`arn:${partition}:iam::\${AWS::AccountId}:${escapeSub(resource)}`);
}

/** An ARN around an account id that may be an intrinsic (parameter or import). */
function arn(account: CfnValue, format: (account: string) => string): CfnValue {
  if (typeof account === 'string') return format(account);
  // User text (a roleName) stays literal; only the placeholder is a reference.
  return sub(escapeSub(format('\0')).replace('\0', '${Account}'), { Account: account });
}

/** Fn::Sub treats `${` as a reference; user text keeps it literal as `${!`. */
function escapeSub(text: string): string {
  return text.replaceAll('${', '${!');
}

function one(values: CfnValue[]): CfnValue {
  return values.length === 1 ? (values[0] ?? '') : values;
}

function unique<T extends CfnValue>(values: T[]): T[] {
  return [...new Set(values)];
}

/**
 * Replace the pseudo parameters and `Fn::Sub` this module emits with their longest values,
 * so the document can be measured and linted as AWS will see it.
 */
export function resolveForMeasure(value: CfnValue, partition: string): unknown {
  const pseudo = (name: string) =>
    name === 'AWS::Partition' ? partition : name === 'AWS::AccountId' ? '000000000000' : undefined;
  const text = (s: string, vars: Record<string, unknown>) =>
    s
      .replace(/\$\{([^}!]+)\}/g, (m, name: string) => {
        const v = vars[name] ?? pseudo(name);
        return typeof v === 'string' ? v : m;
      })
      .replaceAll('${!', '${');
  if (Array.isArray(value)) return value.map((v) => resolveForMeasure(v, partition));
  if (typeof value !== 'object') return value;
  const s = value['Fn::Sub'];
  if (typeof s === 'string') return text(s, {});
  if (Array.isArray(s) && typeof s[0] === 'string' && s[1] && typeof s[1] === 'object') {
    const vars = resolveForMeasure(s[1], partition) as Record<string, unknown>;
    return text(s[0], vars);
  }
  const r = value.Ref;
  if (typeof r === 'string' && pseudo(r) !== undefined) return pseudo(r);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, resolveForMeasure(v, partition)]),
  );
}

function measuredSize(ctx: SynthContext, doc: Record<string, CfnValue>): number {
  return policySize(JSON.stringify(resolveForMeasure(doc, ctx.partition)), 'trust').size;
}
