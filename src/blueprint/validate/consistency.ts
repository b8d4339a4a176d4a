import type { Diagnostic } from '../../core/diagnostics.js';
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
    const agg = ctx.bp.logging?.config.aggregator;
    if (agg && agg.account !== org.managementAccount) {
      // An organization aggregator outside the management account needs Config delegated
      // to that account (and trusted access), or its creation fails.
      const delegated = org.delegatedAdministrators.some(
        (d) => d.service === 'config.amazonaws.com' && d.account === agg.account,
      );
      if (!delegated) {
        out.push(
          problem(
            ctx,
            'error',
            'missing-delegation',
            ['logging', 'config', 'aggregator', 'account'],
            `the organization Config aggregator in '${agg.account}' needs config.amazonaws.com delegated to that account`,
            `add { service: config.amazonaws.com, account: ${agg.account} } to organization.delegatedAdministrators and trust config.amazonaws.com`,
          ),
        );
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

/** Consistency validators, in the order they run. */
export const CONSISTENCY_VALIDATORS = [selectors, organization] as const;
