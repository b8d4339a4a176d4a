/**
 * AWS Organizations responders (answered in the management account only; other accounts
 * get AccessDeniedException as AWS gives them). Page size: at most 20 per page, as the
 * Organizations API returns them. ListTagsForResource answers the served `tags` of accounts,
 * OUs and policies (none where the snapshot has none, and for the root).
 */
import * as org from '@aws-sdk/client-organizations';
import type { OrgAccount, OrgPolicySnapshot } from '../../snapshot/types.js';
import { accessDeniedError, awsError } from './errors.js';
import { date, nextField, page, str, tagList, type Call, type Route } from './route.js';

const MAX = 20;
const S = 'organizations';

function requireManagement(c: Call, api: string): void {
  if (c.accountId !== c.idx.managementId)
    throw accessDeniedError(S, api, `arn:aws:iam::${c.accountId}:root`);
}

function organization(c: Call) {
  const o = c.idx.snapshot.organization;
  if (!o)
    throw awsError(
      S,
      'AWSOrganizationsNotInUseException',
      400,
      'Your account is not a member of an organization.',
    );
  return o;
}

const accountShape = (a: OrgAccount) => ({
  Id: a.id,
  Arn: a.arn,
  Email: a.email,
  Name: a.name,
  Status: a.status,
  State: a.status,
  JoinedMethod: a.joinedMethod,
  JoinedTimestamp: date(a.joinedTimestamp),
});

const summary = (p: OrgPolicySnapshot) => ({
  Id: p.id,
  Arn: p.arn,
  Name: p.name,
  Description: p.description,
  Type: p.type,
  AwsManaged: p.awsManaged,
});

function policyOf(c: Call) {
  const id = str(c.input, 'PolicyId') ?? '';
  const p = c.idx.policies.get(id);
  if (!p)
    throw awsError(
      S,
      'PolicyNotFoundException',
      400,
      "We can't find a policy with the PolicyId that you specified.",
      org.PolicyNotFoundException,
    );
  return p;
}

function route(api: string, command: Route['command'], handle: (c: Call) => unknown): Route {
  return {
    api: `organizations:${api}`,
    client: org.OrganizationsClient,
    command,
    regional: false,
    handle: (c) => {
      requireManagement(c, `organizations:${api}`);
      return handle(c);
    },
  };
}

/** Organizations routes. */
export function organizationsRoutes(): Route[] {
  return [
    route('DescribeOrganization', org.DescribeOrganizationCommand, (c) => {
      const o = organization(c);
      return {
        Organization: {
          Id: o.id,
          Arn: o.arn,
          FeatureSet: o.featureSet,
          MasterAccountArn: `arn:aws:organizations::${o.managementAccountId}:account/${o.id}/${o.managementAccountId}`,
          MasterAccountId: o.managementAccountId,
          MasterAccountEmail: o.managementAccountEmail,
          AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
        },
      };
    }),
    route('ListRoots', org.ListRootsCommand, (c) => {
      const r = organization(c).root;
      return {
        Roots: [
          {
            Id: r.id,
            Arn: r.arn,
            Name: r.name,
            PolicyTypes: r.policyTypes.map((t) => ({ Type: t.type, Status: t.status })),
          },
        ],
      };
    }),
    route('ListOrganizationalUnitsForParent', org.ListOrganizationalUnitsForParentCommand, (c) => {
      const parent = checkParent(c);
      const p = page(
        S,
        c.idx.ousByParent.get(parent) ?? [],
        str(c.input, 'NextToken'),
        num20(c),
        MAX,
      );
      return {
        OrganizationalUnits: p.items.map((o) => ({ Id: o.id, Arn: o.arn, Name: o.name })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('ListAccountsForParent', org.ListAccountsForParentCommand, (c) => {
      const parent = checkParent(c);
      const p = page(
        S,
        c.idx.accountsByParent.get(parent) ?? [],
        str(c.input, 'NextToken'),
        num20(c),
        MAX,
      );
      return { Accounts: p.items.map(accountShape), ...nextField('NextToken', p.next) };
    }),
    route('ListPolicies', org.ListPoliciesCommand, (c) => {
      const type = str(c.input, 'Filter') ?? '';
      const p = page(
        S,
        c.idx.policiesByType.get(type) ?? [],
        str(c.input, 'NextToken'),
        num20(c),
        MAX,
      );
      return { Policies: p.items.map(summary), ...nextField('NextToken', p.next) };
    }),
    route('DescribePolicy', org.DescribePolicyCommand, (c) => {
      const p = policyOf(c);
      return { Policy: { PolicySummary: summary(p), Content: JSON.stringify(p.content) } };
    }),
    route('ListTargetsForPolicy', org.ListTargetsForPolicyCommand, (c) => {
      const pol = policyOf(c);
      const p = page(S, pol.targets, str(c.input, 'NextToken'), num20(c), MAX);
      return { Targets: p.items.map((t) => target(c, t)), ...nextField('NextToken', p.next) };
    }),
    route('ListDelegatedAdministrators', org.ListDelegatedAdministratorsCommand, (c) => {
      const sp = str(c.input, 'ServicePrincipal');
      const first = new Map<string, string | undefined>();
      for (const d of organization(c).delegatedAdministrators)
        if (sp === undefined || d.servicePrincipal === sp)
          if (!first.has(d.accountId)) first.set(d.accountId, d.delegationEnabledDate);
      const list = [...first].flatMap(([id, when]) => {
        const a = c.idx.orgAccounts.get(id);
        return a ? [{ ...accountShape(a), DelegationEnabledDate: date(when) }] : [];
      });
      const p = page(S, list, str(c.input, 'NextToken'), num20(c), MAX);
      return { DelegatedAdministrators: p.items, ...nextField('NextToken', p.next) };
    }),
    route('ListDelegatedServicesForAccount', org.ListDelegatedServicesForAccountCommand, (c) => {
      const id = str(c.input, 'AccountId') ?? '';
      const list = organization(c).delegatedAdministrators.filter((d) => d.accountId === id);
      if (!list.length)
        throw awsError(
          S,
          'AccountNotRegisteredException',
          400,
          'The provided account is not a registered delegated administrator for your organization.',
        );
      const p = page(S, list, str(c.input, 'NextToken'), num20(c), MAX);
      return {
        DelegatedServices: p.items.map((d) => ({
          ServicePrincipal: d.servicePrincipal,
          DelegationEnabledDate: date(d.delegationEnabledDate),
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route(
      'ListAWSServiceAccessForOrganization',
      org.ListAWSServiceAccessForOrganizationCommand,
      (c) => {
        const enabled = new Date(Date.parse(c.idx.snapshot.takenAt) - 300 * 86_400_000);
        const p = page(
          S,
          organization(c).trustedServices,
          str(c.input, 'NextToken'),
          num20(c),
          MAX,
        );
        return {
          EnabledServicePrincipals: p.items.map((s) => ({
            ServicePrincipal: s,
            DateEnabled: enabled,
          })),
          ...nextField('NextToken', p.next),
        };
      },
    ),
    route('ListTagsForResource', org.ListTagsForResourceCommand, (c) => {
      const p = page(S, tagList(tagsOf(c)), str(c.input, 'NextToken'), undefined, MAX);
      return { Tags: p.items, ...nextField('NextToken', p.next) };
    }),
  ];
}

/** The served tags of the resource a ListTagsForResource call names. */
function tagsOf(c: Call): Readonly<Record<string, string>> | undefined {
  const id = str(c.input, 'ResourceId') ?? '';
  const o = organization(c);
  if (id === o.root.id) return undefined;
  const found = c.idx.ous.get(id) ?? c.idx.policies.get(id) ?? c.idx.orgAccounts.get(id);
  if (!found)
    throw awsError(
      S,
      'TargetNotFoundException',
      400,
      "We can't find a root, OU, account, or policy with the TargetId that you specified.",
      org.TargetNotFoundException,
    );
  return found.tags;
}

function num20(c: Call): number | undefined {
  const v = c.input.MaxResults;
  return typeof v === 'number' ? v : undefined;
}

function checkParent(c: Call): string {
  const parent = str(c.input, 'ParentId') ?? '';
  const o = organization(c);
  if (parent !== o.root.id && !c.idx.ous.has(parent))
    throw awsError(
      S,
      'ParentNotFoundException',
      400,
      "We can't find a root or OU with the ParentId that you specified.",
      org.ParentNotFoundException,
    );
  return parent;
}

function target(c: Call, id: string) {
  const o = organization(c);
  if (id === o.root.id) return { TargetId: id, Arn: o.root.arn, Name: o.root.name, Type: 'ROOT' };
  const ou = c.idx.ous.get(id);
  if (ou) return { TargetId: id, Arn: ou.arn, Name: ou.name, Type: 'ORGANIZATIONAL_UNIT' };
  const a = c.idx.orgAccounts.get(id);
  return { TargetId: id, Arn: a?.arn, Name: a?.name, Type: 'ACCOUNT' };
}
