/**
 * `organization-ous`: the OU tree, the policy types enabled on the root and trusted access
 * for AWS services (the last two as org-gaps custom resources: they must exist before any
 * policy or delegated administrator), and the exports every other management-account
 * template imports OU and account ids from.
 */
import { ROOT_OU } from '../../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../../blueprint/schema/organization.js';
import { logicalId, ref, type CfnValue } from '../cfn.js';
import { exportName, TemplateBuilder, type SynthContext } from '../context.js';
import { organizationArn, orgGapsHandler } from '../custom/org-gaps.js';
import { customProvider } from '../custom/provider.js';
import type { OrganizationalUnit } from '../../blueprint/schema/blueprint.js';
import type { StackUnit } from '../types.js';
import { ORG_UNITS, orgGap, orgTags, removal } from './organization-common.js';

/**
 * Build the units: `organization-ous` and, when the OUs' id exports exceed CloudFormation's
 * output (or resource) limit, `organization-ous-2..n`, each holding the next OUs parents
 * first, so a child's parent is a Ref in its own template or an import from an earlier one.
 */
export function buildOus(ctx: SynthContext): StackUnit[] {
  // Not `beside`: this is the first organization unit, so there is nothing to import yet.
  // The ids of OUs and accounts it does not deploy (lifecycle observed) come in as
  // deploy-resolved parameters instead, and are re-exported below, so every later
  // template imports any OU or account id the same way.
  const t = new TemplateBuilder(
    ctx,
    'orgward organization: organizational units, enabled policy types, trusted access',
  );
  addReexports(ctx, t);
  addRootSettings(ctx, t);
  const ous = managedOus(ctx);
  // Two identity outputs are added by synth; the root settings' resources count too.
  const room = (b: TemplateBuilder, outputs: number) =>
    Math.min(
      ctx.limits.stackMaxOutputs - 2 - outputs,
      ctx.limits.stackMaxResources - b.resourceCount(),
    );
  let first = Math.max(0, room(t, t.outputCount()));
  for (const ou of ous.slice(0, first)) addOu(ctx, t, ou);
  const units = [
    t.stack(
      ORG_UNITS.ous,
      'organization',
      'Organizational units, policy types and trusted access',
      ctx.management,
      ctx.homeRegion,
    ),
  ];
  for (let n = 2; first < ous.length; n++) {
    const c = new TemplateBuilder(
      ctx,
      `orgward organization: organizational units (part ${n})`,
      true,
    );
    const size = Math.max(1, room(c, 0));
    for (const ou of ous.slice(first, first + size)) addOu(ctx, c, ou);
    first += size;
    c.dependsOn(units[units.length - 1]?.id ?? ORG_UNITS.ous);
    units.push(
      c.stack(
        `${ORG_UNITS.ous}-${n}`,
        'organization',
        `Organizational units (part ${n})`,
        ctx.management,
        ctx.homeRegion,
      ),
    );
  }
  return units;
}

/** Managed OUs, parents first (observed OUs are walked through: their children may be managed). */
function managedOus(ctx: SynthContext): OrganizationalUnit[] {
  const out: OrganizationalUnit[] = [];
  const seen = new Set<string>();
  const queue = [ROOT_OU];
  while (queue.length) {
    const parent = queue.shift() ?? ROOT_OU;
    for (const id of ctx.idx.childOus.get(parent) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const ou = ctx.idx.ous.get(id);
      if (ou?.lifecycle === 'managed') out.push(ou);
      queue.push(id);
    }
  }
  return out;
}

/** One managed OU and its id export. */
function addOu(ctx: SynthContext, t: TemplateBuilder, ou: OrganizationalUnit): void {
  const entity = `ou:${ou.id}`;
  const res = t.add(
    logicalId('Ou', ou.id),
    {
      Type: 'AWS::Organizations::OrganizationalUnit',
      Properties: {
        Name: ou.name,
        ParentId: t.ouId(ou.parent ?? ROOT_OU),
        Tags: orgTags(entity, ou.onRemove, ou.tags),
      },
      ...removal(ou.onRemove === 'retain'),
    },
    entity,
  );
  t.output(
    logicalId('Ou', ou.id, 'Id'),
    ref(res),
    `id of OU ${ou.id}`,
    exportName(ctx.prefix, 'ou', ou.id),
  );
}

/**
 * Exports for ids this template does not create: the management account (this stack runs
 * in it), and OUs and accounts orgward does not deploy (lifecycle observed or ignored)
 * whose ids the blueprint does not spell out, when they are observed (other concerns may
 * target them) or something deployed here refers to them (a managed OU or account inside,
 * a policy attachment, a delegated administrator). Their values are deploy-resolved
 * parameters (from the snapshot).
 */
function addReexports(ctx: SynthContext, t: TemplateBuilder): void {
  const used = referenced(ctx);
  t.output(
    'ManagementAccountId',
    ref('AWS::AccountId'),
    `id of the management account ${ctx.management}`,
    exportName(ctx.prefix, 'account', ctx.management),
  );
  for (const ou of ctx.bp.organizationalUnits)
    if (ou.lifecycle !== 'managed' && (ou.lifecycle === 'observed' || used.has(`ou:${ou.id}`)))
      t.output(
        logicalId('Ou', ou.id, 'Id'),
        t.ouId(ou.id),
        `id of ${ou.lifecycle} OU ${ou.id}`,
        exportName(ctx.prefix, 'ou', ou.id),
      );
  for (const a of ctx.bp.accounts)
    if (
      a.lifecycle !== 'managed' &&
      !a.accountId &&
      a.id !== ctx.management &&
      (a.lifecycle === 'observed' || used.has(`account:${a.id}`))
    )
      t.output(
        logicalId('Account', a.id, 'Id'),
        t.accountId(a.id),
        `id of ${a.lifecycle} account ${a.id}`,
        exportName(ctx.prefix, 'account', a.id),
      );
}

/** OUs and accounts (`ou:<id>`, `account:<id>`) the organization units refer to by id. */
function referenced(ctx: SynthContext): Set<string> {
  const out = new Set<string>();
  for (const ou of ctx.bp.organizationalUnits)
    if (ou.lifecycle === 'managed' && ou.parent) out.add(`ou:${ou.parent}`);
  for (const a of ctx.bp.accounts) if (a.lifecycle === 'managed') out.add(`ou:${a.ou}`);
  for (const p of ctx.bp.policies) {
    for (const ou of p.attachTo.ous ?? []) out.add(`ou:${ou}`);
    for (const a of p.attachTo.accounts ?? []) out.add(`account:${a}`);
  }
  for (const d of ctx.bp.organization.delegatedAdministrators) out.add(`account:${d.account}`);
  return out;
}

/** Policy types and trusted access, one custom resource each, one after the other. */
function addRootSettings(ctx: SynthContext, t: TemplateBuilder): void {
  const types = ctx.bp.organization.enabledPolicyTypes;
  const principals = ctx.bp.organization.trustedServices;
  if (!types.length && !principals.length) return;
  const statements: Record<string, CfnValue>[] = [];
  if (types.length)
    statements.push(
      {
        Effect: 'Allow',
        Action: 'organizations:EnablePolicyType',
        Resource: organizationArn('root', t.organizationId(), t.rootId()),
        Condition: {
          StringEquals: { 'organizations:PolicyType': types.map((p) => POLICY_TYPE_API_NAMES[p]) },
        },
      },
      { Effect: 'Allow', Action: 'organizations:ListRoots', Resource: '*' },
    );
  if (principals.length)
    statements.push({
      Effect: 'Allow',
      Action: ['organizations:EnableAWSServiceAccess', 'organizations:DisableAWSServiceAccess'],
      Resource: '*',
      Condition: { StringEquals: { 'organizations:ServicePrincipal': [...principals] } },
    });
  const token = customProvider(t, orgGapsHandler('ous', statements));
  let prev: string[] = [];
  for (const type of types) {
    const api = POLICY_TYPE_API_NAMES[type];
    prev = [
      orgGap(
        t,
        logicalId('PolicyType', type),
        'policyType',
        token,
        { RootId: t.rootId(), PolicyType: api, Key: api },
        `policy-type:${type}`,
        prev,
      ),
    ];
  }
  for (const principal of principals)
    prev = [
      orgGap(
        t,
        logicalId('TrustedService', principal),
        'trustedService',
        token,
        { ServicePrincipal: principal, Key: principal },
        `trusted-service:${principal}`,
        prev,
      ),
    ];
}
