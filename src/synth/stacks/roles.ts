/**
 * Cross-account IAM roles: one service-managed StackSet per blueprint role (`role-<id>`)
 * over the accounts its `targets` select, plus a plain stack in the management account
 * when it is selected (StackSets never deploy there), and the read-only audit role that
 * `orgward collect` assumes.
 *
 * IAM is global: each role is deployed in the home Region only. The Regions of a role's
 * `targets` selector do not apply (a second Region would try to create the same role
 * again and fail).
 */
import type { Role } from '../../blueprint/schema/blueprint.js';
import { InputError } from '../../core/errors.js';
import type { SynthContext, UnitBuilder } from '../context.js';
import { roleAccounts } from '../trust.js';
import type { Unit } from '../types.js';
import { wholeOus } from './baseline-targets.js';
import {
  blueprintAuditRole,
  collectorExtras,
  DEFAULT_AUDIT_ROLE_NAME,
  defaultAuditRole,
} from './roles-audit.js';
import { roleTemplate, type RoleExtras } from './roles-template.js';

/** The roles builder (concern `baseline`). */
export const rolesBuilder: UnitBuilder = {
  id: 'roles',
  concern: 'baseline',
  description:
    'IAM roles of the blueprint with their trust policies (one StackSet each, home Region only: IAM is global), and the read-only audit role orgward collect assumes',
  build: (ctx) => {
    const audit = blueprintAuditRole(ctx);
    const units = ctx.bp.identity.roles.flatMap((r) =>
      roleUnits(
        ctx,
        r,
        r === audit ? collectorExtras(ctx, r, false) : { entities: [`role:${r.id}`] },
        `role-${r.id}`,
      ),
    );
    if (!audit) {
      const clash = ctx.bp.identity.roles.find((r) => r.name === DEFAULT_AUDIT_ROLE_NAME);
      if (clash)
        throw new InputError(
          `role ${clash.id} is named ${DEFAULT_AUDIT_ROLE_NAME}, the name of the default audit role orgward creates; give it purpose: audit to make it the audit role, or rename it`,
        );
      const role = defaultAuditRole(ctx);
      const taken = ctx.bp.identity.roles.some((r) => r.id === role.id);
      const id = taken ? `role-${DEFAULT_AUDIT_ROLE_NAME}` : `role-${role.id}`;
      units.push(...roleUnits(ctx, role, collectorExtras(ctx, role, true), id));
    }
    return units;
  },
};

/**
 * The units of one role: the StackSet over the member accounts and, when the management
 * account is selected, its own stack (same template).
 */
export function roleUnits(ctx: SynthContext, role: Role, extras: RoleExtras, id: string): Unit[] {
  const accounts = roleAccounts(ctx, role);
  const members = accounts.filter((a) => a !== ctx.management);
  const regions = [ctx.homeRegion];
  const out: Unit[] = [];
  if (members.length) {
    const ous = wholeOus(ctx, members);
    out.push(
      roleTemplate(ctx, role, extras).stackSet(
        id,
        'baseline',
        `IAM role ${role.name} in ${String(members.length)} member account(s)`,
        members,
        regions,
        ous,
      ),
    );
  }
  if (accounts.includes(ctx.management))
    out.push(
      roleTemplate(ctx, role, extras).stack(
        `${id}-management`,
        'baseline',
        `IAM role ${role.name} in the management account`,
        ctx.management,
        ctx.homeRegion,
      ),
    );
  return out;
}
