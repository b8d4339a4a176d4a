/**
 * `sso.identity-center`: IAM Identity Center permission sets (policies, boundary, where
 * provisioned) and account assignments, from the instance in the home Region. No instance
 * there is a coverage gap (`NoIdentityCenterInstance`), not an empty section.
 *
 * Call volume: assignments are listed per (account, permission set) only where the
 * permission set is provisioned: an assignment cannot exist elsewhere, and listing every
 * pair would cost accounts × permission sets calls (100,000 for 1,000 accounts and 100 sets).
 */
import { fromCatalogue } from '../catalogue.js';
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  SSOAdminClient,
  paginateListAccountAssignments,
  paginateListAccountsForProvisionedPermissionSet,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  type CustomerManagedPolicyReference,
} from '@aws-sdk/client-sso-admin';
import type { IdentityCenterSnapshot } from '../../snapshot/types.js';
import { apiOfError } from '../clients.js';
import type { CollectContext, CollectResult, Collector } from '../types.js';
import { allPages, decodePolicyDocument, defined } from './decode.js';
import { hasErrorCode } from './errors.js';

type PermissionSet = IdentityCenterSnapshot['permissionSets'][number];
type Assignment = IdentityCenterSnapshot['assignments'][number];

/**
 * No IAM Identity Center instance in the Region read (coverage code
 * `NoIdentityCenterInstance`): either the organization does not use Identity Center, or its
 * instance is in another Region than the one collect takes as home.
 */
export class NoIdentityCenterInstance extends Error {
  override readonly name = 'NoIdentityCenterInstance';
  constructor(region: string) {
    super(
      `no IAM Identity Center instance found in ${region}; collect reads Identity Center in the home Region (the blueprint's homeRegion with --blueprint, else the SDK's Region), so if the instance is in another Region, run collect with that Region as home`,
    );
  }
}

/** The Identity Center collector. */
export const identityCenterCollector: Collector = {
  ...fromCatalogue('sso.identity-center'),
  service: 'sso',
  run: readIdentityCenter,
};

async function readIdentityCenter(ctx: CollectContext): Promise<CollectResult> {
  const client = ctx.client(SSOAdminClient);
  const instances = await allPages(paginateListInstances({ client }, {}), (p) => p.Instances);
  const instance = instances.find((i) => i.InstanceArn);
  if (!instance?.InstanceArn) {
    // An instance lives in one Region; elsewhere ListInstances answers an empty list, which
    // must not read as "no Identity Center" (and so no assignments to check).
    ctx.gap('sso:ListInstances', new NoIdentityCenterInstance(ctx.region), 'identityCenter');
    return { kind: 'none' };
  }
  const instanceArn = instance.InstanceArn;
  const arns = await allPages(
    paginateListPermissionSets({ client }, { InstanceArn: instanceArn }),
    (p) => p.PermissionSets,
  );
  const sets = await Promise.all(
    arns.map((arn) => readPermissionSet(ctx, client, instanceArn, arn)),
  );
  const permissionSets = sets
    .filter((s): s is PermissionSet => s !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn));
  const pairs = permissionSets.flatMap((ps) =>
    ps.provisionedTo.map((accountId) => ({ accountId, permissionSetArn: ps.arn })),
  );
  const lists = await Promise.all(
    pairs.map(async ({ accountId, permissionSetArn }) => {
      try {
        return await allPages(
          paginateListAccountAssignments(
            { client },
            { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn },
          ),
          (p) => p.AccountAssignments,
        );
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        ctx.gap('sso:ListAccountAssignments', error, 'identityCenter.assignments');
        return [];
      }
    }),
  );
  const assignments: Assignment[] = [];
  for (const a of lists.flat()) {
    if (!a.AccountId || !a.PermissionSetArn || !a.PrincipalId) continue;
    if (a.PrincipalType !== 'USER' && a.PrincipalType !== 'GROUP') continue;
    assignments.push({
      accountId: a.AccountId,
      permissionSetArn: a.PermissionSetArn,
      principalType: a.PrincipalType,
      principalId: a.PrincipalId,
    });
  }
  assignments.sort(
    (a, b) =>
      a.accountId.localeCompare(b.accountId) ||
      a.permissionSetArn.localeCompare(b.permissionSetArn) ||
      a.principalId.localeCompare(b.principalId),
  );
  return {
    kind: 'identityCenter',
    identityCenter: {
      instanceArn,
      identityStoreId: instance.IdentityStoreId ?? '',
      permissionSets,
      assignments,
    },
  };
}

function cmRef(
  r: CustomerManagedPolicyReference | undefined,
): { name: string; path?: string } | undefined {
  if (!r?.Name) return undefined;
  return { name: r.Name, ...defined({ path: r.Path }) };
}

/** One permission set with its policies; a failure is a gap and leaves it out. */
async function readPermissionSet(
  ctx: CollectContext,
  client: SSOAdminClient,
  instanceArn: string,
  arn: string,
): Promise<PermissionSet | undefined> {
  const input = { InstanceArn: instanceArn, PermissionSetArn: arn };
  try {
    const [described, managed, customer, inline, boundary, provisioned] = await Promise.all([
      client.send(new DescribePermissionSetCommand(input)),
      allPages(
        paginateListManagedPoliciesInPermissionSet({ client }, input),
        (p) => p.AttachedManagedPolicies,
      ),
      allPages(
        paginateListCustomerManagedPolicyReferencesInPermissionSet({ client }, input),
        (p) => p.CustomerManagedPolicyReferences,
      ),
      client.send(new GetInlinePolicyForPermissionSetCommand(input)),
      readBoundary(client, input),
      allPages(
        paginateListAccountsForProvisionedPermissionSet({ client }, input),
        (p) => p.AccountIds,
      ),
    ]);
    const ps = described.PermissionSet;
    const inlinePolicy = decodePolicyDocument(inline.InlinePolicy);
    const permissionsBoundary = boundary
      ? defined({
          managedPolicyArn: boundary.ManagedPolicyArn,
          customerManagedPolicy: cmRef(boundary.CustomerManagedPolicyReference),
        })
      : undefined;
    return {
      arn,
      name: ps?.Name ?? arn,
      ...defined({ description: ps?.Description, sessionDuration: ps?.SessionDuration }),
      managedPolicies: managed.flatMap((m) => (m.Arn ? [m.Arn] : [])).sort(),
      customerManagedPolicies: customer.flatMap((c) => {
        const r = cmRef(c);
        return r ? [r] : [];
      }),
      ...defined({ inlinePolicy, permissionsBoundary }),
      provisionedTo: [...provisioned].sort(),
    };
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.gap(
      apiOfError(error) ?? 'sso:DescribePermissionSet',
      error,
      'identityCenter.permissionSets',
    );
    return undefined;
  }
}

/** The boundary, or undefined when none is set (the API answers ResourceNotFoundException). */
async function readBoundary(
  client: SSOAdminClient,
  input: { InstanceArn: string; PermissionSetArn: string },
) {
  try {
    const r = await client.send(new GetPermissionsBoundaryForPermissionSetCommand(input));
    return r.PermissionsBoundary;
  } catch (error) {
    if (hasErrorCode(error, ['ResourceNotFoundException'])) return undefined;
    throw error;
  }
}
