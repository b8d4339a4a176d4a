/**
 * `organizations.structure`: the organization as AWS Organizations describes it, read from
 * the management (or a delegated administrator) account: root, the OU tree (recursively),
 * accounts with their status and parent, policies of every type with their content and
 * targets, the tags of OUs and customer-managed policies (the blueprint declares them, so
 * plan compares them), delegated administrators with their services, and trusted services.
 */
import { fromCatalogue } from '../catalogue.js';
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  PolicyType,
  paginateListAccountsForParent,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTagsForResource,
  paginateListTargetsForPolicy,
  type Account,
  type PolicySummary,
} from '@aws-sdk/client-organizations';
import type { OrgAccount, OrganizationSnapshot, OrgPolicySnapshot } from '../../snapshot/types.js';
import { apiOfError } from '../clients.js';
import type { CollectContext, CollectResult, Collector } from '../types.js';
import { allPages, decodePolicyDocument, defined, isoDate, tagRecord } from './decode.js';
import { readItem } from './errors.js';

type Section = OrganizationSnapshot;
type OU = Section['organizationalUnits'][number];

/** The organization structure collector. */
export const organizationCollector: Collector = {
  ...fromCatalogue('organizations.structure'),
  service: 'organizations',
  run: readOrganization,
};

async function readOrganization(ctx: CollectContext): Promise<CollectResult> {
  const client = ctx.client(OrganizationsClient);
  const cfg = { client };
  const { Organization: o } = await client.send(new DescribeOrganizationCommand({}));
  const roots = await allPages(paginateListRoots(cfg, {}), (p) => p.Roots);
  const r = roots[0];
  if (!o?.Id || !r?.Id) throw new Error('DescribeOrganization or ListRoots returned no id');
  const root: Section['root'] = {
    id: r.Id,
    arn: r.Arn ?? '',
    name: r.Name ?? 'Root',
    policyTypes: (r.PolicyTypes ?? []).map((t) => ({ type: t.Type ?? '', status: t.Status ?? '' })),
  };
  const [tree, policies, delegatedAdministrators, trustedServices] = await Promise.all([
    readTree(ctx, client, root.id),
    readPolicies(ctx, client, root.policyTypes),
    readDelegatedAdmins(ctx, client),
    readTrustedServices(ctx, client),
  ]);
  const organization: OrganizationSnapshot = {
    id: o.Id,
    arn: o.Arn ?? '',
    featureSet: o.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
    managementAccountId: o.MasterAccountId ?? '',
    ...defined({ managementAccountEmail: o.MasterAccountEmail }),
    root,
    organizationalUnits: tree.ous,
    accounts: tree.accounts,
    policies,
    delegatedAdministrators,
    trustedServices,
  };
  return { kind: 'organization', organization };
}

/**
 * The OU tree below the root, breadth first, each level's parents read in parallel; then
 * the tags of every OU.
 */
async function readTree(
  ctx: CollectContext,
  client: OrganizationsClient,
  rootId: string,
): Promise<{ ous: OU[]; accounts: OrgAccount[] }> {
  const ous: OU[] = [];
  const accounts: OrgAccount[] = [];
  let level = [rootId];
  while (level.length > 0) {
    const next = await Promise.all(
      level.map(async (parentId) => {
        const [children, members] = await Promise.all([
          allPages(
            paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }),
            (p) => p.OrganizationalUnits,
          ),
          allPages(
            paginateListAccountsForParent({ client }, { ParentId: parentId }),
            (p) => p.Accounts,
          ),
        ]);
        for (const a of members) accounts.push(orgAccount(a, parentId));
        const found: OU[] = [];
        for (const ou of children)
          if (ou.Id) found.push({ id: ou.Id, arn: ou.Arn ?? '', name: ou.Name ?? '', parentId });
        return found;
      }),
    );
    const found = next.flat();
    ous.push(...found);
    level = found.map((ou) => ou.id);
  }
  ous.sort((a, b) => a.id.localeCompare(b.id));
  accounts.sort((a, b) => a.id.localeCompare(b.id));
  await Promise.all(
    ous.map(async (ou) => {
      const tags = await readTags(
        ctx,
        client,
        ou.id,
        `organization.organizationalUnits.${ou.id}.tags`,
      );
      if (tags) ou.tags = tags;
    }),
  );
  return { ous, accounts };
}

/**
 * The tags of one OU or policy. A failure is a gap for that item and leaves its `tags` out
 * (unknown, not "no tags"); the rest of the organization is kept.
 */
async function readTags(
  ctx: CollectContext,
  client: OrganizationsClient,
  resourceId: string,
  section: string,
): Promise<Record<string, string> | undefined> {
  const tags = await readItem(ctx, 'organizations:ListTagsForResource', section, () =>
    allPages(paginateListTagsForResource({ client }, { ResourceId: resourceId }), (p) => p.Tags),
  );
  return tags ? tagRecord(tags) : undefined;
}

/** An account as listed; the newer `State` wins over the deprecated `Status`. */
export function orgAccount(a: Account, parentId: string): OrgAccount {
  return {
    id: a.Id ?? '',
    arn: a.Arn ?? '',
    name: a.Name ?? '',
    email: a.Email ?? '',
    status: a.State ?? a.Status ?? 'UNKNOWN',
    ...defined({ joinedMethod: a.JoinedMethod, joinedTimestamp: isoDate(a.JoinedTimestamp) }),
    parentId,
  };
}

/**
 * Policies of every type: the types enabled on the root plus every type this SDK knows, so
 * a policy left behind by a since-disabled type is still seen. A listing error is a gap
 * only for an enabled type (a disabled or unsupported type has nothing to say).
 */
async function readPolicies(
  ctx: CollectContext,
  client: OrganizationsClient,
  rootTypes: Section['root']['policyTypes'],
): Promise<OrgPolicySnapshot[]> {
  const enabled = new Set(rootTypes.filter((t) => t.status === 'ENABLED').map((t) => t.type));
  const types = [...new Set([...enabled, ...Object.values(PolicyType)])].sort();
  const summaries = (
    await Promise.all(
      types.map(async (type) => {
        try {
          return await allPages(
            paginateListPolicies({ client }, { Filter: type as PolicyType }),
            (p) => p.Policies,
          );
        } catch (error) {
          if (ctx.signal.aborted) throw error;
          if (enabled.has(type))
            ctx.gap('organizations:ListPolicies', error, 'organization.policies');
          return [];
        }
      }),
    )
  ).flat();
  const policies = await Promise.all(summaries.map((s) => readPolicy(ctx, client, s)));
  return policies
    .filter((p): p is OrgPolicySnapshot => p !== undefined)
    .sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id));
}

async function readPolicy(
  ctx: CollectContext,
  client: OrganizationsClient,
  s: PolicySummary,
): Promise<OrgPolicySnapshot | undefined> {
  const id = s.Id;
  if (!id) return undefined;
  const section = 'organization.policies';
  let policy: OrgPolicySnapshot;
  try {
    const [described, targets] = await Promise.all([
      client.send(new DescribePolicyCommand({ PolicyId: id })),
      allPages(paginateListTargetsForPolicy({ client }, { PolicyId: id }), (p) => p.Targets),
    ]);
    policy = {
      id,
      arn: s.Arn ?? '',
      name: s.Name ?? '',
      description: s.Description ?? '',
      type: s.Type ?? '',
      awsManaged: s.AwsManaged ?? false,
      content: decodePolicyDocument(described.Policy?.Content) ?? {},
      targets: targets.flatMap((t) => (t.TargetId ? [t.TargetId] : [])).sort(),
    };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.gap(apiOfError(error) ?? 'organizations:DescribePolicy', error, section);
    return undefined;
  }
  // AWS-managed policies (FullAWSAccess, ...) are AWS's: no blueprint declares their tags.
  if (!policy.awsManaged) {
    const tags = await readTags(ctx, client, id, `${section}.${id}.tags`);
    if (tags) policy.tags = tags;
  }
  return policy;
}

async function readDelegatedAdmins(
  ctx: CollectContext,
  client: OrganizationsClient,
): Promise<Section['delegatedAdministrators']> {
  let admins: Awaited<ReturnType<typeof listAdmins>>;
  try {
    admins = await listAdmins(client);
  } catch (error) {
    // One denied call must not cost the whole structure (and with it every account).
    if (ctx.signal.aborted) throw error;
    ctx.gap(
      'organizations:ListDelegatedAdministrators',
      error,
      'organization.delegatedAdministrators',
    );
    return [];
  }
  const perAdmin = await Promise.all(
    admins.map(async (a) => {
      const accountId = a.Id;
      if (!accountId) return [];
      try {
        const services = await allPages(
          paginateListDelegatedServicesForAccount({ client }, { AccountId: accountId }),
          (p) => p.DelegatedServices,
        );
        return services.map((s) => ({
          accountId,
          servicePrincipal: s.ServicePrincipal ?? '',
          ...defined({ delegationEnabledDate: isoDate(s.DelegationEnabledDate) }),
        }));
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        ctx.gap(
          'organizations:ListDelegatedServicesForAccount',
          error,
          'organization.delegatedAdministrators',
        );
        return [];
      }
    }),
  );
  return perAdmin
    .flat()
    .sort(
      (a, b) =>
        a.accountId.localeCompare(b.accountId) ||
        a.servicePrincipal.localeCompare(b.servicePrincipal),
    );
}

function listAdmins(client: OrganizationsClient) {
  return allPages(
    paginateListDelegatedAdministrators({ client }, {}),
    (p) => p.DelegatedAdministrators,
  );
}

async function readTrustedServices(
  ctx: CollectContext,
  client: OrganizationsClient,
): Promise<string[]> {
  try {
    const enabled = await allPages(
      paginateListAWSServiceAccessForOrganization({ client }, {}),
      (p) => p.EnabledServicePrincipals,
    );
    return enabled.flatMap((s) => (s.ServicePrincipal ? [s.ServicePrincipal] : [])).sort();
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.gap(
      'organizations:ListAWSServiceAccessForOrganization',
      error,
      'organization.trustedServices',
    );
    return [];
  }
}
