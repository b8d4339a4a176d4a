/**
 * `organization-delegated-admins` (home Region) and `organization-delegated-admins-<region>`
 * (every other governed Region): the blueprint's delegated administrators.
 *
 * A unit of their own, not part of `organization-policies`: they depend on accounts and
 * trusted access, not on policies, and policies change far more often, so a policy edit
 * never re-runs the (slow, one-at-a-time) administrator designations. Services that keep
 * one administrator per Region (GuardDuty, Macie, Inspector, Audit Manager, Detective)
 * need a stack in each governed Region anyway.
 */
import type { Blueprint } from '../../blueprint/schema/blueprint.js';
import { join, logicalId, type CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import { organizationArn, orgGapsHandler, type ServiceAdminApi } from '../custom/org-gaps.js';
import { customProvider } from '../custom/provider.js';
import type { StackUnit } from '../types.js';
import { ORG_UNITS, orgGap } from './organization-common.js';
import {
  DELEGATION_ROUTES,
  SERVICE_ADMIN_ORG_ACTIONS,
  type DelegationRoute,
} from './organization-delegation-routes.js';

type Admin = Blueprint['organization']['delegatedAdministrators'][number];

/**
 * Build the units; `after` are the units they need first (trusted access and the account
 * exports). The Regional units run one after the other, after the home one: every
 * designation also registers the account in Organizations, which rejects concurrent changes.
 */
export function buildDelegation(ctx: SynthContext, after: string[]): StackUnit[] {
  const admins = ctx.bp.organization.delegatedAdministrators;
  if (!admins.length) return [];
  const units = [build(ctx, admins, undefined, after)];
  const regional = admins.filter((a) => DELEGATION_ROUTES[a.service]?.scope === 'regional');
  for (const region of ctx.bp.organization.governedRegions) {
    if (region === ctx.homeRegion || !regional.length) continue;
    const prev = units[units.length - 1]?.id ?? ORG_UNITS.delegation();
    units.push(build(ctx, regional, region, [...after, prev]));
  }
  return units;
}

function build(
  ctx: SynthContext,
  admins: readonly Admin[],
  region: string | undefined,
  after: string[],
): StackUnit {
  const where = region ?? ctx.homeRegion;
  // The home Region's template sits beside the organization stacks and imports their
  // exports; exports do not cross Regions, so the others get account ids as parameters.
  const t = new TemplateBuilder(
    ctx,
    `orgward organization: delegated administrators (${where})`,
    region === undefined,
  );
  const entries = admins.map((a) => ({ a, route: DELEGATION_ROUTES[a.service] }));
  const viaHandler = entries.filter((e) => !e.route?.native);
  const token = viaHandler.length
    ? customProvider(t, orgGapsHandler('delegation', statements(t, viaHandler)))
    : undefined;
  let prev: string[] = [];
  for (const { a, route } of entries) {
    const account = t.accountId(a.account);
    const id = logicalId('DelegatedAdmin', a.service);
    const entity = `delegated-admin:${a.service}`;
    if (route?.native) {
      // Native types replace the resource when the account changes, creating the new
      // administrator before removing the old one, which these one-administrator
      // services refuse: switching accounts takes two deploys (the plan says so).
      prev = [
        t.add(
          id,
          {
            Type: route.native.type,
            ...(prev.length ? { DependsOn: prev } : {}),
            Properties: { [route.native.property]: account },
          },
          entity,
        ),
      ];
      continue;
    }
    const api = route?.api ? serviceApi(ctx, route, where) : undefined;
    prev = [
      orgGap(
        t,
        id,
        'delegatedAdmin',
        token ?? '',
        {
          ServicePrincipal: a.service,
          AccountId: account,
          ...(api ? { Api: api } : {}),
          Key: join('|', [a.service, account]),
        },
        entity,
        prev,
      ),
    ];
  }
  for (const u of after) t.dependsOn(u);
  return t.stack(
    ORG_UNITS.delegation(region),
    'organization',
    `Delegated administrators in ${where} (${admins.map((a) => a.service.replace('.amazonaws.com', '')).join(', ')})`,
    ctx.management,
    where,
  );
}

/** The handler's `Api` property for a service route (with the Region of a one-endpoint service). */
function serviceApi(
  ctx: SynthContext,
  route: DelegationRoute,
  where: string,
): Record<string, CfnValue> {
  const endpoint = route.endpoint?.[ctx.partition as 'aws'];
  const api: ServiceAdminApi = {
    ...(route.api as ServiceAdminApi),
    ...(endpoint && endpoint !== where ? { Region: endpoint } : {}),
  };
  return { ...api };
}

/** Least privilege for the designations this unit makes through the handler. */
function statements(
  t: TemplateBuilder,
  entries: { a: Admin; route: DelegationRoute | undefined }[],
): Record<string, CfnValue>[] {
  const org = t.organizationId();
  const arns = (list: typeof entries): CfnValue[] =>
    [...new Set(list.map((e) => e.a.account))].map((acct) =>
      organizationArn('account', org, t.accountId(acct)),
    );
  const viaOrg = entries.filter((e) => !e.route?.api);
  const viaApi = entries.filter((e) => e.route?.api);
  const out: Record<string, CfnValue>[] = [];
  if (viaOrg.length)
    out.push({
      Effect: 'Allow',
      Action: [
        'organizations:RegisterDelegatedAdministrator',
        'organizations:DeregisterDelegatedAdministrator',
      ],
      Resource: arns(viaOrg),
      Condition: {
        StringEquals: {
          'organizations:ServicePrincipal': [...new Set(viaOrg.map((e) => e.a.service))],
        },
      },
    });
  if (viaApi.length)
    out.push(
      {
        Effect: 'Allow',
        Action: [...new Set(viaApi.flatMap((e) => e.route?.actions ?? []))],
        Resource: '*',
      },
      { Effect: 'Allow', Action: [...SERVICE_ADMIN_ORG_ACTIONS.unscoped], Resource: '*' },
      { Effect: 'Allow', Action: [...SERVICE_ADMIN_ORG_ACTIONS.account], Resource: arns(viaApi) },
    );
  return out;
}
