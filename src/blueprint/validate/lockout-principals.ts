import { DEFAULT_NEEDS } from '../data/lockout-needs.js';
import type { DocPath } from '../load/source-map.js';
import type { Account, Blueprint } from '../schema/blueprint.js';
import { selectAccounts } from '../selectors.js';
import type { ValidationContext } from './context.js';

/** A principal whose access SCPs must not cut off, in the accounts it works in. */
export interface GuardedPrincipal {
  /** How messages name it, e.g. `pipeline role 'orgward-pipeline'`. */
  label: string;
  /** Role name in a given account (deploy roles may differ per account). */
  nameIn: (account: Account) => string;
  path: string;
  /** The ARN pattern that exempts it, for hints. */
  exemptPattern: string;
  needs: readonly string[];
  /** Signs in with MFA (break-glass), so aws:MultiFactorAuthPresent is true. */
  mfa: boolean;
  /** Trusted by EC2, so instance-credential keys may be present. */
  instanceRole: boolean;
  accounts: Account[];
  /** Where it is declared, for "no SCP allows" problems. */
  declaredAt: DocPath;
}

/** The name of the role deploy assumes in each account with per-account stacks. */
export function deployRoleName(bp: Blueprint, account: Account): string {
  return bp.deployment.deployRole?.name ?? account.accessRoleName;
}

/**
 * Every principal the lockout check protects: blueprint roles that are pipeline or
 * break-glass (or declare `needs`), and the role deployments actually run as, which is
 * implicit in the blueprint: the StackSets execution role with service-managed StackSets,
 * else the deploy role (or each account's access role) assumed per account.
 */
export function guardedPrincipals(ctx: ValidationContext): GuardedPrincipal[] {
  const { bp, idx } = ctx;
  const mgmt = bp.organization.managementAccount;
  // SCPs never apply to the management account.
  const members = (accounts: readonly Account[]) => accounts.filter((a) => a.id !== mgmt);
  const out: GuardedPrincipal[] = [];
  bp.identity.roles.forEach((role, i) => {
    const needs = role.needs ?? DEFAULT_NEEDS[role.purpose];
    if (!needs?.length) return;
    out.push({
      label: `${role.purpose} role '${role.name}'`,
      nameIn: () => role.name,
      path: role.path,
      exemptPattern: `arn:*:iam::*:role${role.path}${role.name}`,
      needs,
      mfa: role.purpose === 'break-glass',
      instanceRole: role.trust.some((t) => t.service === 'ec2.amazonaws.com'),
      accounts: members(selectAccounts(idx, role.targets)),
      declaredAt: ['identity', 'roles', i],
    });
  });
  const pipeline = DEFAULT_NEEDS.pipeline ?? [];
  const everyone = members(bp.accounts);
  if (bp.deployment.strategy === 'stacksets') {
    out.push({
      label: 'the StackSets execution role (stacksets-exec-*)',
      // Service-managed StackSets name it stacksets-exec-<hash>; any hash will do here.
      nameIn: () => 'stacksets-exec-0123456789abcdef0123456789abcdef',
      path: '/',
      exemptPattern: 'arn:*:iam::*:role/stacksets-exec-*',
      needs: pipeline,
      mfa: false,
      instanceRole: false,
      accounts: everyone,
      declaredAt: ['deployment'],
    });
  } else {
    out.push({
      label: `deploy role '${bp.deployment.deployRole?.name ?? 'accessRoleName of each account'}'`,
      nameIn: (a) => deployRoleName(bp, a),
      path: '/',
      exemptPattern: `arn:*:iam::*:role/${bp.deployment.deployRole?.name ?? everyone[0]?.accessRoleName ?? 'OrganizationAccountAccessRole'}`,
      needs: pipeline,
      mfa: false,
      instanceRole: false,
      accounts: everyone,
      declaredAt: ['deployment'],
    });
  }
  return out;
}
