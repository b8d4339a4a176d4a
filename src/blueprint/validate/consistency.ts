import type { Diagnostic } from '../../core/diagnostics.js';
import { getGuardrail } from '../../guardrails/registry.js';
import { SECURITY_SERVICE_PRINCIPALS } from '../data/service-principals.js';
import { selectAccounts } from '../selectors.js';
import { problem, type Validator } from './context.js';
import { collectSelectors } from './refs.js';

const selectors: Validator = {
  id: 'selectors',
  description: 'selectors select something and use only the fields that apply where they are',
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const { sel, path, principals } of collectSelectors(ctx.bp)) {
      const principalOnly = Boolean(sel.iamRoles?.length || sel.principalArns?.length);
      if (!principalOnly && selectAccounts(ctx.idx, sel).length === 0) {
        out.push(
          problem(ctx, 'warning', 'empty-selector', path, 'this selector selects no account'),
        );
      }
      if (!principals && principalOnly) {
        out.push(
          problem(
            ctx,
            'warning',
            'selector-field',
            path,
            'iamRoles and principalArns only apply to principal selectors; they are ignored here',
          ),
        );
      }
    }
    return out;
  },
};

const organization: Validator = {
  id: 'organization',
  description:
    'delegated administrators need trusted access and must not be the management account',
  run(ctx) {
    const out: Diagnostic[] = [];
    const org = ctx.bp.organization;
    const trusted = new Set(org.trustedServices);
    org.delegatedAdministrators.forEach((d, i) => {
      if (!trusted.has(d.service)) {
        out.push(
          problem(
            ctx,
            'error',
            'untrusted-delegation',
            ['organization', 'delegatedAdministrators', i, 'service'],
            `${d.service} has a delegated administrator but no trusted access`,
            `add ${d.service} to organization.trustedServices`,
          ),
        );
      }
      if (d.account === org.managementAccount) {
        out.push(
          problem(
            ctx,
            'error',
            'delegate-to-management',
            ['organization', 'delegatedAdministrators', i, 'account'],
            'the management account cannot be a delegated administrator',
          ),
        );
      }
    });
    const sec = ctx.bp.security;
    const admin = sec?.delegatedAdmin ?? ctx.idx.byRole('security-tooling')[0]?.id;
    if (sec && admin) {
      for (const [svc, principal] of Object.entries(SECURITY_SERVICE_PRINCIPALS)) {
        const conf = sec[svc as keyof typeof sec] as
          { enabled?: boolean; adminAccount?: string } | undefined;
        if (!conf || conf.enabled === false) continue;
        const want = conf.adminAccount ?? admin;
        if (
          !org.delegatedAdministrators.some((d) => d.service === principal && d.account === want)
        ) {
          out.push(
            problem(
              ctx,
              'warning',
              'missing-delegation',
              ['security', svc],
              `security.${svc} is enabled, but organization.delegatedAdministrators does not delegate ${principal} to '${want}'`,
              `add { service: ${principal}, account: ${want} } and trust ${principal}`,
            ),
          );
        }
      }
    }
    const cwl = ctx.bp.logging?.organizationTrail.cloudWatchLogs;
    if (cwl?.account !== undefined && cwl.account !== org.managementAccount) {
      const ctAdmin = org.delegatedAdministrators.some(
        (d) => d.service === 'cloudtrail.amazonaws.com' && d.account === cwl.account,
      );
      if (!ctAdmin) {
        out.push(
          problem(
            ctx,
            'error',
            'trail-log-group',
            ['logging', 'organizationTrail', 'cloudWatchLogs', 'account'],
            `an organization trail delivers to a log group in the account that owns the trail: the management account or CloudTrail's delegated administrator, not '${cwl.account}'`,
          ),
        );
      }
    }
    if (sec?.delegatedAdmin === org.managementAccount) {
      out.push(
        problem(
          ctx,
          'warning',
          'security-in-management',
          ['security', 'delegatedAdmin'],
          'security services are administered from the management account; delegate them to the security-tooling account',
        ),
      );
    }
    return out;
  },
};

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

const services: Validator = {
  id: 'services',
  description: 'logging and security services sit in the accounts the strategy expects',
  run(ctx) {
    const out: Diagnostic[] = [];
    const { bp, idx } = ctx;
    const logArchive = idx.byRole('log-archive')[0];
    const security = idx.byRole('security-tooling')[0];
    if (bp.logging && logArchive) {
      const key = bp.keys.find((k) => k.id === bp.logging?.centralBucket.kmsKey);
      if (key && key.account !== logArchive.id) {
        out.push(
          problem(
            ctx,
            'warning',
            'key-account',
            ['logging', 'centralBucket', 'kmsKey'],
            `the central bucket key lives in '${key.account}', not in the log-archive account '${logArchive.id}'`,
          ),
        );
      }
      if (security && bp.logging.config.aggregator.account !== security.id) {
        out.push(
          problem(
            ctx,
            'warning',
            'aggregator-account',
            ['logging', 'config', 'aggregator', 'account'],
            `the Config aggregator is usually in the security-tooling account '${security.id}'`,
          ),
        );
      }
      const lock = bp.logging.centralBucket.objectLock;
      if (lock && lock.days > bp.logging.centralBucket.retentionDays) {
        out.push(
          problem(
            ctx,
            'error',
            'retention',
            ['logging', 'centralBucket', 'objectLock', 'days'],
            `object lock (${lock.days} days) outlasts retention (${bp.logging.centralBucket.retentionDays} days): expiry would fail`,
          ),
        );
      }
    }
    if (!bp.logging)
      out.push(
        problem(
          ctx,
          'warning',
          'no-logging',
          [],
          'no logging section: no organization trail or Config is declared',
        ),
      );
    bp.controls.forEach((c, i) => {
      c.implementation.forEach((impl, j) => {
        if (impl.via === 'guardrail' && !getGuardrail(impl.ref)) {
          out.push(
            problem(
              ctx,
              'error',
              'dangling-ref',
              ['controls', i, 'implementation', j, 'ref'],
              `unknown guardrail '${impl.ref}'`,
            ),
          );
        }
      });
      c.exceptions.forEach((e, j) => {
        if (e.expires < ctx.today) {
          out.push(
            problem(
              ctx,
              'warning',
              'expired-exception',
              ['controls', i, 'exceptions', j, 'expires'],
              `exception expired on ${e.expires}`,
            ),
          );
        }
      });
    });
    bp.response.forEach((pb, i) => {
      if (!pb.trigger.detections?.length && !pb.trigger.findingTypes?.length) {
        out.push(
          problem(
            ctx,
            'error',
            'playbook-trigger',
            ['response', i, 'trigger'],
            `playbook '${pb.id}' has no detections or findingTypes to trigger it`,
          ),
        );
      }
    });
    bp.keys.forEach((k, i) => {
      k.grants.forEach((g, j) => {
        const n = (['role', 'account', 'service', 'organization'] as const).filter(
          (f) => g.to[f] !== undefined,
        ).length;
        if (n !== 1) {
          out.push(
            problem(
              ctx,
              'error',
              'key-grantee',
              ['keys', i, 'grants', j, 'to'],
              'a key grantee names exactly one of role, account, service or organization',
            ),
          );
        }
      });
    });
    bp.alerting.channels.forEach((ch, i) => {
      if (ch.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(ch.endpoint)) {
        out.push(
          problem(
            ctx,
            'error',
            'channel-endpoint',
            ['alerting', 'channels', i, 'endpoint'],
            `'${ch.endpoint}' is not an e-mail address`,
          ),
        );
      }
      if (ch.type === 'webhook' && !ch.endpoint.startsWith('https://')) {
        out.push(
          problem(
            ctx,
            'error',
            'channel-endpoint',
            ['alerting', 'channels', i, 'endpoint'],
            'webhooks must use https://',
          ),
        );
      }
    });
    return out;
  },
};

/** Consistency validators, in the order they run. */
export const CONSISTENCY_VALIDATORS = [selectors, organization, identity, services] as const;
