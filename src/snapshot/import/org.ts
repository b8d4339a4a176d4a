/**
 * The organization section from a folder of AWS Organizations CLI outputs (`--org <dir>`,
 * file names in `org-files.ts`). The OU tree is walked from the root through the
 * per-parent files; whatever a missing optional file would have said becomes a coverage
 * gap. A wrong-shaped file is an InputError naming the file and the JSON path.
 */
import type { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type {
  CoverageGap,
  OrgAccount,
  OrgPolicySnapshot,
  OrganizationSnapshot,
  Provenance,
} from '../types.js';
import { diag } from '../json.js';
import type { ListAccounts, PolicySummary } from './cli-shapes.js';
import type { OrgFileKind } from './org-files.js';
import { items, OrgBuilder, readFolder } from './org-folder.js';
import { pagePath, SHAPE_CODE } from './read.js';

/** The organization part of an import. */
export interface ImportedOrganization {
  organization: OrganizationSnapshot;
  gaps: CoverageGap[];
  provenance: Provenance[];
  /** Files present but not used, and other things the user should know. */
  warnings: string[];
  /** Modification times of the files read. */
  mtimes: string[];
}

function structure(
  b: OrgBuilder,
): Omit<OrganizationSnapshot, 'policies' | 'delegatedAdministrators' | 'trustedServices'> {
  const describe = b.files.get('describe-organization');
  const rootsOut = b.files.get('list-roots');
  if (!describe || !rootsOut) throw new Error('required files checked in readFolder');
  const org = describe.pages.at(-1)?.Organization;
  const root = items(rootsOut, 'Roots')[0];
  if (!org) throw new Error('describe-organization has a page');
  if (!root) {
    throw new InputError('', [
      diag(
        { code: SHAPE_CODE, locate: rootsOut.locate },
        pagePath(rootsOut, 0, 'Roots'),
        'no root listed: an organization has one',
      ),
    ]);
  }
  b.use('organization', 'organizations:DescribeOrganization', describe);
  b.use('organization', 'organizations:ListRoots', rootsOut);

  // The OU tree, breadth first from the root, children in id order.
  const ous: OrganizationSnapshot['organizationalUnits'] = [];
  const parents = [root.Id];
  const seen = new Set(parents);
  for (let i = 0; i < parents.length; i++) {
    const parent = parents[i] ?? '';
    const out = b.files.get('list-organizational-units-for-parent', parent);
    if (!out) {
      b.gap(
        'ListOrganizationalUnitsForParent',
        'organization.organizationalUnits',
        `no list-organizational-units-for-parent-${parent}.json: the OUs under ${parent} are unknown`,
      );
      continue;
    }
    b.use('organization', 'organizations:ListOrganizationalUnitsForParent', out);
    const children = [...items(out, 'OrganizationalUnits')].sort((x, y) => (x.Id < y.Id ? -1 : 1));
    for (const ou of children) {
      if (seen.has(ou.Id)) continue;
      seen.add(ou.Id);
      parents.push(ou.Id);
      ous.push({ id: ou.Id, arn: ou.Arn, name: ou.Name, parentId: parent });
    }
  }
  for (const [param] of b.files.all('list-organizational-units-for-parent')) {
    if (!seen.has(param))
      b.warnings.push(unreached(b, 'list-organizational-units-for-parent', param));
  }

  // Accounts: per parent, then list-accounts for the ones no parent file listed.
  const accounts = new Map<string, OrgAccount>();
  const account = (
    a: z.output<typeof ListAccounts>['Accounts'][number],
    parentId: string,
  ): OrgAccount => ({
    id: a.Id,
    arn: a.Arn,
    name: a.Name,
    email: a.Email,
    status: a.State ?? a.Status ?? '',
    ...(a.JoinedMethod !== undefined ? { joinedMethod: a.JoinedMethod } : {}),
    ...(a.JoinedTimestamp !== undefined
      ? { joinedTimestamp: a.JoinedTimestamp.toISOString() }
      : {}),
    parentId,
  });
  for (const parent of parents) {
    const out = b.files.get('list-accounts-for-parent', parent);
    if (!out) {
      b.gap(
        'ListAccountsForParent',
        'organization.accounts',
        `no list-accounts-for-parent-${parent}.json: the accounts directly under ${parent} are unknown`,
      );
      continue;
    }
    b.use('organization', 'organizations:ListAccountsForParent', out);
    for (const a of items(out, 'Accounts'))
      if (!accounts.has(a.Id)) accounts.set(a.Id, account(a, parent));
  }
  for (const [param] of b.files.all('list-accounts-for-parent')) {
    if (!seen.has(param)) b.warnings.push(unreached(b, 'list-accounts-for-parent', param));
  }
  const flat = b.files.get('list-accounts');
  if (flat) {
    let added = 0;
    for (const a of items(flat, 'Accounts')) {
      if (accounts.has(a.Id)) continue;
      accounts.set(a.Id, account(a, ''));
      added++;
      b.gap(
        'ListAccountsForParent',
        'organization.accounts',
        'the account is in list-accounts.json but in no list-accounts-for-parent file: its parent (and so its inherited policies) is unknown',
        a.Id,
      );
    }
    if (added > 0) b.use('organization', 'organizations:ListAccounts', flat);
  }

  return {
    id: org.Id,
    arn: org.Arn,
    featureSet: org.FeatureSet,
    managementAccountId: org.MasterAccountId,
    ...(org.MasterAccountEmail !== undefined
      ? { managementAccountEmail: org.MasterAccountEmail }
      : {}),
    root: {
      id: root.Id,
      arn: root.Arn,
      name: root.Name,
      policyTypes: (root.PolicyTypes ?? []).map((t) => ({ type: t.Type, status: t.Status })),
    },
    organizationalUnits: ous,
    accounts: [...accounts.values()].sort((x, y) => (x.id < y.id ? -1 : 1)),
  };
}

function unreached(b: OrgBuilder, kind: OrgFileKind, param: string): string {
  return `${b.file(`${kind}-${param}.json`)}: ${param} is not in the OU tree read from the other files; ignored`;
}

function policies(b: OrgBuilder, enabledTypes: readonly string[]): OrgPolicySnapshot[] {
  const summaries = new Map<string, PolicySummary>();
  const covered = new Set<string>();
  for (const [type, out] of b.files.all('list-policies')) {
    b.use('organization.policies', 'organizations:ListPolicies', out);
    if (type) covered.add(type);
    for (const p of items(out, 'Policies')) {
      if (!type) covered.add(p.Type);
      if (!summaries.has(p.Id)) summaries.set(p.Id, p);
    }
  }
  for (const [id, out] of b.files.all('describe-policy')) {
    const summary = out.pages.at(-1)?.Policy.PolicySummary;
    if (summary && summary.Id !== id) {
      throw new InputError('', [
        diag(
          { code: SHAPE_CODE, locate: out.locate },
          pagePath(out, out.pages.length - 1, 'Policy', 'PolicySummary', 'Id'),
          `is ${summary.Id}, but the file name says ${id}`,
        ),
      ]);
    }
    if (summary && !summaries.has(id)) summaries.set(id, summary);
  }
  for (const type of enabledTypes) {
    if (!covered.has(type)) {
      b.gap(
        'ListPolicies',
        'organization.policies',
        `no list-policies-${type}.json: ${type} policies not listed there may be missing`,
      );
    }
  }
  const out: OrgPolicySnapshot[] = [];
  for (const [id, s] of [...summaries].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const described = b.files.get('describe-policy', id);
    const content = described?.pages.at(-1)?.Policy.Content;
    if (!described || !content) {
      b.gap(
        'DescribePolicy',
        'organization.policies',
        `no describe-policy-${id}.json: the content of ${s.Name} (${s.Type}) is unknown, so the policy is left out`,
      );
      continue;
    }
    b.use('organization.policies', 'organizations:DescribePolicy', described);
    const targetsOut = b.files.get('list-targets-for-policy', id);
    if (targetsOut)
      b.use('organization.policies', 'organizations:ListTargetsForPolicy', targetsOut);
    else {
      b.gap(
        'ListTargetsForPolicy',
        `organization.policies.${id}.targets`,
        `no list-targets-for-policy-${id}.json: where ${s.Name} is attached is unknown (targets left empty)`,
      );
    }
    out.push({
      id,
      arn: s.Arn,
      name: s.Name,
      description: s.Description ?? '',
      type: s.Type,
      awsManaged: s.AwsManaged,
      content,
      targets: targetsOut ? items(targetsOut, 'Targets').map((t) => t.TargetId) : [],
    });
  }
  return out;
}

function delegated(b: OrgBuilder): OrganizationSnapshot['delegatedAdministrators'] {
  const admins = b.files.get('list-delegated-administrators');
  if (!admins) {
    b.gap(
      'ListDelegatedAdministrators',
      'organization.delegatedAdministrators',
      'no list-delegated-administrators.json: delegated administrators are unknown',
    );
    return [];
  }
  b.use(
    'organization.delegatedAdministrators',
    'organizations:ListDelegatedAdministrators',
    admins,
  );
  const out: OrganizationSnapshot['delegatedAdministrators'] = [];
  for (const a of items(admins, 'DelegatedAdministrators')) {
    const svc = b.files.get('list-delegated-services-for-account', a.Id);
    if (!svc) {
      b.gap(
        'ListDelegatedServicesForAccount',
        'organization.delegatedAdministrators',
        `no list-delegated-services-for-account-${a.Id}.json: the services ${a.Id} administers are unknown`,
        a.Id,
      );
      continue;
    }
    b.use(
      'organization.delegatedAdministrators',
      'organizations:ListDelegatedServicesForAccount',
      svc,
    );
    for (const s of items(svc, 'DelegatedServices')) {
      out.push({
        accountId: a.Id,
        servicePrincipal: s.ServicePrincipal,
        ...(s.DelegationEnabledDate
          ? { delegationEnabledDate: s.DelegationEnabledDate.toISOString() }
          : {}),
      });
    }
  }
  return out;
}

function trusted(b: OrgBuilder): string[] {
  const access = b.files.get('list-aws-service-access-for-organization');
  if (!access) {
    b.gap(
      'ListAWSServiceAccessForOrganization',
      'organization.trustedServices',
      'no list-aws-service-access-for-organization.json: services with trusted access are unknown',
    );
    return [];
  }
  b.use(
    'organization.trustedServices',
    'organizations:ListAWSServiceAccessForOrganization',
    access,
  );
  return items(access, 'EnabledServicePrincipals')
    .map((s) => s.ServicePrincipal)
    .sort();
}

/** Read an `--org` folder into the organization section. */
export async function importOrganization(dir: string): Promise<ImportedOrganization> {
  const { files, warnings } = await readFolder(dir);
  const b = new OrgBuilder(dir, files);
  b.warnings.push(...warnings);
  const base = structure(b);
  const enabled = base.root.policyTypes.filter((t) => t.status === 'ENABLED').map((t) => t.type);
  const organization: OrganizationSnapshot = {
    ...base,
    policies: policies(b, enabled),
    delegatedAdministrators: delegated(b),
    trustedServices: trusted(b),
  };
  const provenance = b.provenance();
  const mtimes = provenance.map((p) => p.at);
  return { organization, gaps: b.gaps, provenance, warnings: b.warnings, mtimes };
}
