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
import type { StackUnit } from '../types.js';
import { ORG_UNITS, orgGap, orgTags, removal } from './organization-common.js';

/** Build the unit. */
export function buildOus(ctx: SynthContext): StackUnit {
  // Not `beside`: this is the first organization unit, so there is nothing to import yet.
  // The ids of OUs and accounts it does not deploy (lifecycle observed) come in as
  // deploy-resolved parameters instead, and are re-exported below, so every later
  // template imports any OU or account id the same way.
  const t = new TemplateBuilder(
    ctx,
    'orgward organization: organizational units, enabled policy types, trusted access',
  );
  addOus(ctx, t);
  addReexports(ctx, t);
  addRootSettings(ctx, t);
  return t.stack(
    ORG_UNITS.ous,
    'organization',
    'Organizational units, policy types and trusted access',
    ctx.management,
    ctx.homeRegion,
  );
}

/** Managed OUs, parents first (so a child's ParentId is a Ref to its parent in this template). */
function addOus(ctx: SynthContext, t: TemplateBuilder): void {
  const seen = new Set<string>();
  const visit = (parent: string): void => {
    for (const id of ctx.idx.childOus.get(parent) ?? []) {
      if (seen.has(id)) continue;
      seen.add(id);
      const ou = ctx.idx.ous.get(id);
      if (ou?.lifecycle === 'managed') {
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
      // Children of an observed OU may still be managed: walk through it.
      visit(id);
    }
  };
  visit(ROOT_OU);
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
