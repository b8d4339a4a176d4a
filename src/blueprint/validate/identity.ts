import type { Diagnostic } from '../../core/diagnostics.js';
import { problem, type Validator } from './context.js';

const identity: Validator = {
  id: 'identity',
  description: 'trust entries, assignments and session durations are well formed',
  run(ctx) {
    const out: Diagnostic[] = [];
    const id = ctx.bp.identity;
    id.identityCenter?.assignments.forEach((a, i) => {
      if ((a.group === undefined) === (a.user === undefined)) {
        out.push(
          problem(
            ctx,
            'error',
            'assignment-principal',
            ['identity', 'identityCenter', 'assignments', i],
            'an assignment names exactly one of group or user',
          ),
        );
      }
    });
    id.identityCenter?.permissionSets.forEach((ps, i) => {
      const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(ps.sessionDuration);
      const minutes = Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
      if (minutes < 60 || minutes > ctx.limits.permissionSetMaxSessionHours * 60) {
        out.push(
          problem(
            ctx,
            'error',
            'session-duration',
            ['identity', 'identityCenter', 'permissionSets', i, 'sessionDuration'],
            `session duration ${ps.sessionDuration} is outside PT1H..PT${ctx.limits.permissionSetMaxSessionHours}H`,
          ),
        );
      }
    });
    id.roles.forEach((r, i) => {
      const p = ['identity', 'roles', i];
      if (r.maxSessionDuration > ctx.limits.roleMaxSessionSeconds) {
        out.push(
          problem(
            ctx,
            'error',
            'session-duration',
            [...p, 'maxSessionDuration'],
            `maxSessionDuration ${r.maxSessionDuration} exceeds ${ctx.limits.roleMaxSessionSeconds} seconds`,
          ),
        );
      }
      if ((r.managedPolicies?.length ?? 0) > ctx.limits.managedPoliciesPerRole) {
        out.push(
          problem(
            ctx,
            'error',
            'too-many-policies',
            [...p, 'managedPolicies'],
            `${r.managedPolicies?.length ?? 0} managed policies; IAM allows ${ctx.limits.managedPoliciesPerRole} per role`,
          ),
        );
      }
      r.trust.forEach((t, j) => {
        const kinds = (
          ['account', 'role', 'accountId', 'service', 'samlProvider', 'oidc'] as const
        ).filter((k) => t[k] !== undefined);
        if (kinds.length !== 1) {
          out.push(
            problem(
              ctx,
              'error',
              'trust-entry',
              [...p, 'trust', j],
              `a trust entry names exactly one of account, role, accountId, service, samlProvider or oidc (found ${kinds.join(', ') || 'none'})`,
            ),
          );
        }
        if (t.roleName !== undefined && t.account === undefined && t.accountId === undefined) {
          out.push(
            problem(
              ctx,
              'error',
              'trust-entry',
              [...p, 'trust', j, 'roleName'],
              'roleName narrows an account or accountId entry',
            ),
          );
        }
        if (t.service && (r.requireMfa || r.externalId)) {
          out.push(
            problem(
              ctx,
              'warning',
              'trust-condition',
              [...p, 'trust', j],
              `requireMfa and externalId do not apply to the service principal ${t.service}`,
            ),
          );
        }
        if ((t.samlProvider !== undefined || t.oidc) && (r.requireMfa || r.externalId)) {
          // AssumeRoleWithSAML / WithWebIdentity carry neither key, so the condition never
          // holds and nobody could assume the role.
          out.push(
            problem(
              ctx,
              'error',
              'trust-condition',
              [...p, 'trust', j],
              `requireMfa and externalId make a ${t.oidc ? 'web-identity (OIDC)' : 'SAML'} trust unusable: those keys are absent in ${t.oidc ? 'AssumeRoleWithWebIdentity' : 'AssumeRoleWithSAML'}`,
              'require MFA in the identity provider instead, and drop externalId',
            ),
          );
        }
        if (t.accountId && r.requireOrganization) {
          out.push(
            problem(
              ctx,
              'error',
              'trust-condition',
              [...p, 'trust', j, 'accountId'],
              `requireOrganization adds aws:PrincipalOrgID, which an account outside the organization (${t.accountId}) never matches`,
              'set requireOrganization: false and give an externalId',
            ),
          );
        }
        if (t.accountId && !r.externalId) {
          out.push(
            problem(
              ctx,
              'warning',
              'confused-deputy',
              [...p, 'trust', j, 'accountId'],
              `trust to an external account (${t.accountId}) without externalId invites the confused-deputy problem`,
            ),
          );
        }
        if (t.oidc?.subjects.some((s) => s === '*' || /^repo:\*/.test(s))) {
          out.push(
            problem(
              ctx,
              'error',
              'oidc-subject',
              [...p, 'trust', j, 'oidc', 'subjects'],
              'an OIDC subject of * lets anyone with a token from this provider assume the role',
            ),
          );
        }
      });
      if (r.purpose === 'break-glass' && !r.requireMfa) {
        out.push(
          problem(
            ctx,
            'warning',
            'break-glass-mfa',
            [...p, 'requireMfa'],
            `break-glass role '${r.name}' does not require MFA`,
          ),
        );
      }
    });
    return out;
  },
};

/** Identity validators. */
export const IDENTITY_VALIDATORS = [identity] as const;
