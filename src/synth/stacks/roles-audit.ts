/**
 * The read-only role `orgward collect` assumes in every account: the blueprint's role with
 * purpose `audit` when there is one, else a default role trusted only by the principals
 * of the security account (inside the organization, no MFA: collect runs unattended).
 * Either way it gets the collector's exact permissions (`collectorPolicyDocument()`) as
 * customer managed policies.
 */
import type { Role } from '../../blueprint/schema/blueprint.js';
import { collectorPolicyDocument } from '../../collect/role-policy.js';
import { equals, ifThen, nagMetadata, NO_VALUE, ref, type CfnValue } from '../cfn.js';
import type { SynthContext } from '../context.js';
import type { RoleExtras } from './roles-template.js';

/**
 * Name of the default audit role. Not collect's default `--role-name`
 * (OrganizationAccountAccessRole): that administrator role already exists in every
 * account Organizations created, so creating it would fail, and it is what we replace.
 * Run `orgward collect --role-name orgward-audit`.
 */
export const DEFAULT_AUDIT_ROLE_NAME = 'orgward-audit';

/** The blueprint role collect assumes (the first with purpose `audit`), if any. */
export function blueprintAuditRole(ctx: SynthContext): Role | undefined {
  return ctx.bp.identity.roles.find((r) => r.purpose === 'audit');
}

/** Where `orgward collect` runs: the security account, else the management account. */
export function collectorAccount(ctx: SynthContext): string {
  return ctx.security ?? ctx.management;
}

/** The default audit role, as if the blueprint had declared it. */
export function defaultAuditRole(ctx: SynthContext): Role {
  return {
    id: 'audit',
    name: DEFAULT_AUDIT_ROLE_NAME,
    path: '/',
    purpose: 'audit',
    description: `Read-only role orgward collect assumes; trusted by principals of ${collectorAccount(ctx)} only`,
    targets: { all: true, includeManagement: true },
    trust: [{ account: collectorAccount(ctx) }],
    requireMfa: false,
    requireOrganization: true,
    maxSessionDuration: 3600,
    managedPolicies: [`arn:${ctx.partition}:iam::aws:policy/SecurityAudit`],
  };
}

const IAM5_REASON =
  'Resource "*": the collector only lists and describes (explicit read-only actions, no data reads), across every resource of the account, and most of these APIs take no resource ARN';

/**
 * Extras that give a role the collector's permissions: the account and Region reads in
 * every account, the organization reads only in the account collect runs from (the
 * delegated administrator, where they work; elsewhere they would only be denied).
 */
export function collectorExtras(ctx: SynthContext, role: Role, isDefault: boolean): RoleExtras {
  const full = collectorPolicyDocument();
  const local = collectorPolicyDocument({ organization: false });
  const orgOnly = full.Statement.filter((s) => !local.Statement.some((l) => l.Sid === s.Sid));
  return {
    ...(isDefault
      ? {
          entities: ['audit-role'],
          entityTag: 'audit-role',
          managedPolicyReason:
            'SecurityAudit is the AWS-maintained read-only view of security configuration; AWS extends it as services add APIs, which a copied customer policy would miss',
        }
      : { entities: [`role:${role.id}`, 'audit-role'] }),
    addPolicies: (t) => {
      const policy = (name: string, doc: object, extra: Record<string, CfnValue> = {}) => ({
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: `${role.name}-${name}`,
          Path: role.path,
          Description: `orgward collect: read-only ${name === 'collect' ? 'account and Region' : 'organization'} reads`,
          PolicyDocument: JSON.parse(JSON.stringify(doc)) as CfnValue,
          ...extra,
        },
        Metadata: nagMetadata({ id: 'AwsSolutions-IAM5[Resource::*]', reason: IAM5_REASON }),
      });
      t.add('CollectorPolicy', policy('collect', local));
      const cond = t.condition(
        'IsCollectorAccount',
        equals(ref('AWS::AccountId'), t.accountId(collectorAccount(ctx))),
      );
      t.add('CollectorOrganizationPolicy', {
        ...policy('collect-organization', { Version: '2012-10-17', Statement: orgOnly }),
        Condition: cond,
      });
      return [ref('CollectorPolicy'), ifThen(cond, ref('CollectorOrganizationPolicy'), NO_VALUE)];
    },
  };
}
