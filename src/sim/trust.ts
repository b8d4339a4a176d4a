/**
 * Trust policies of blueprint roles, rendered per account from the role's trust entries.
 */
import type { Role } from '../blueprint/schema/blueprint.js';
import type { PolicyDocument } from '../snapshot/types.js';
import { accountIdOf, type SimContext } from './context.js';

type TrustEntry = Role['trust'][number];

/** The role's ARN in one account. */
export function roleArn(ctx: SimContext, accountId: string, path: string, name: string): string {
  return `arn:${ctx.partition}:iam::${accountId}:role${path}${name}`;
}

/** More principals than this in a trust statement become `*` + `aws:PrincipalArn`. */
const MAX_LISTED_PRINCIPALS = 10;

/**
 * The trust policy of a blueprint role in one account. AWS principals (organization
 * accounts and roles) get `aws:PrincipalOrgID` when `requireOrganization` is set, MFA and
 * ExternalId conditions when asked; external accounts (`accountId`) get ExternalId but not
 * the organization condition; federated entries (SAML, OIDC) get their audience and subject
 * conditions. A role trusted in more than ten accounts is matched by `aws:PrincipalArn`.
 */
export function renderTrustPolicy(ctx: SimContext, role: Role, accountId: string): PolicyDocument {
  const statements: Record<string, unknown>[] = [];
  const awsConditions = (external: boolean): Record<string, Record<string, unknown>> => {
    const c: Record<string, Record<string, unknown>> = {};
    if (role.requireMfa) c.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
    const eq: Record<string, unknown> = {};
    if (role.externalId !== undefined) eq['sts:ExternalId'] = role.externalId;
    if (role.requireOrganization && !external) eq['aws:PrincipalOrgID'] = ctx.organizationId;
    if (Object.keys(eq).length) c.StringEquals = eq;
    return c;
  };
  const push = (principal: unknown, action: string, condition: Record<string, unknown>) =>
    statements.push({
      Effect: 'Allow',
      Principal: principal,
      Action: action,
      ...(Object.keys(condition).length ? { Condition: condition } : {}),
    });
  for (const t of role.trust) pushTrust(ctx, accountId, t, push, awsConditions);
  return { Version: '2012-10-17', Statement: statements };
}

function pushTrust(
  ctx: SimContext,
  accountId: string,
  t: TrustEntry,
  push: (principal: unknown, action: string, condition: Record<string, unknown>) => void,
  awsConditions: (external: boolean) => Record<string, Record<string, unknown>>,
): void {
  const p = ctx.partition;
  if (t.account !== undefined) {
    const id = accountIdOf(ctx, t.account);
    const arn =
      t.roleName !== undefined
        ? `arn:${p}:iam::${id}:role/${t.roleName}`
        : `arn:${p}:iam::${id}:root`;
    push({ AWS: arn }, 'sts:AssumeRole', awsConditions(false));
  } else if (t.role !== undefined) {
    const trusted = ctx.bp.identity.roles.find((r) => r.id === t.role);
    if (!trusted) return;
    const accounts = [...ctx.selected(trusted.targets)].map((a) => accountIdOf(ctx, a));
    if (accounts.length <= MAX_LISTED_PRINCIPALS) {
      const arns = accounts.map((a) => roleArn(ctx, a, trusted.path, trusted.name));
      push({ AWS: arns.length === 1 ? arns[0] : arns }, 'sts:AssumeRole', awsConditions(false));
    } else {
      const c = awsConditions(false);
      c.ArnLike = { 'aws:PrincipalArn': `arn:${p}:iam::*:role${trusted.path}${trusted.name}` };
      if (!c.StringEquals?.['aws:PrincipalOrgID'])
        c.StringEquals = { ...c.StringEquals, 'aws:PrincipalOrgID': ctx.organizationId };
      push({ AWS: '*' }, 'sts:AssumeRole', c);
    }
  } else if (t.accountId !== undefined) {
    push({ AWS: `arn:${p}:iam::${t.accountId}:root` }, 'sts:AssumeRole', awsConditions(true));
  } else if (t.service !== undefined) {
    push({ Service: t.service }, 'sts:AssumeRole', {});
  } else if (t.samlProvider !== undefined) {
    push(
      { Federated: `arn:${p}:iam::${accountId}:saml-provider/${t.samlProvider}` },
      'sts:AssumeRoleWithSAML',
      { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    );
  } else if (t.oidc !== undefined) {
    const host = t.oidc.provider;
    push(
      { Federated: `arn:${p}:iam::${accountId}:oidc-provider/${host}` },
      'sts:AssumeRoleWithWebIdentity',
      {
        StringEquals: { [`${host}:aud`]: t.oidc.audience },
        StringLike: { [`${host}:sub`]: t.oidc.subjects },
      },
    );
  }
}
