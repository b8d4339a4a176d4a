/**
 * The organization as AWS Organizations and IAM Identity Center would report it for a
 * blueprint deployed as written: OU tree, active accounts, every policy with its rendered
 * content and targets (AWS-managed FullAWSAccess per the blueprint's flags and
 * RCPFullAWSAccess everywhere), delegated administrators, trusted services, and Identity
 * Center permission sets with the assignments their selectors expand to.
 */
import { ROOT_OU } from '../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../blueprint/schema/organization.js';
import type {
  IdentityCenterSnapshot,
  OrgPolicySnapshot,
  OrganizationSnapshot,
} from '../snapshot/types.js';
import { accountIdOf, type SimContext } from './context.js';

/** Id of the AWS-managed FullAWSAccess SCP. */
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';
/** Id of the AWS-managed RCPFullAWSAccess RCP. */
export const RCP_FULL_AWS_ACCESS_ID = 'p-RCPFullAWSAccess';

/** Build the organization section. */
export function simulateOrganization(ctx: SimContext): OrganizationSnapshot {
  const { bp, partition, organizationId: orgId, managementId: mgmt } = ctx;
  const orgArn = (kind: string, id: string) =>
    `arn:${partition}:organizations::${mgmt}:${kind}/${orgId}/${id}`;
  const ouId = (logical: string) => ctx.ouIdOf.get(logical) ?? ctx.rootId;
  const enabledTypes = bp.organization.enabledPolicyTypes.map((t) => POLICY_TYPE_API_NAMES[t]);
  const memberAccounts = bp.accounts.map((a) => accountIdOf(ctx, a.id));
  const allOus = bp.organizationalUnits.map((o) => ouId(o.id));

  const policies: OrgPolicySnapshot[] = [];
  if (enabledTypes.includes('SERVICE_CONTROL_POLICY')) {
    policies.push({
      id: FULL_AWS_ACCESS_ID,
      arn: `arn:${partition}:organizations::aws:policy/service_control_policy/${FULL_AWS_ACCESS_ID}`,
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: true,
      content: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      },
      targets: [
        ...(bp.organization.rootFullAwsAccess ? [ctx.rootId] : []),
        ...bp.organizationalUnits.filter((o) => o.fullAwsAccess).map((o) => ouId(o.id)),
        ...bp.accounts.filter((a) => a.fullAwsAccess).map((a) => accountIdOf(ctx, a.id)),
      ],
    });
  }
  if (enabledTypes.includes('RESOURCE_CONTROL_POLICY')) {
    policies.push({
      id: RCP_FULL_AWS_ACCESS_ID,
      arn: `arn:${partition}:organizations::aws:policy/resource_control_policy/${RCP_FULL_AWS_ACCESS_ID}`,
      name: 'RCPFullAWSAccess',
      description: 'Allows access to every operation',
      type: 'RESOURCE_CONTROL_POLICY',
      awsManaged: true,
      content: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      },
      targets: [ctx.rootId, ...allOus, ...memberAccounts],
    });
  }
  for (const rp of ctx.policies) {
    const p = rp.policy;
    const type = POLICY_TYPE_API_NAMES[p.type];
    const id = ctx.ids.policyId(p.id);
    policies.push({
      id,
      arn: `arn:${partition}:organizations::${mgmt}:policy/${orgId}/${type.toLowerCase()}/${id}`,
      name: p.name,
      description: p.description,
      type,
      awsManaged: false,
      content: rp.document ?? { Version: '2012-10-17', Statement: [] },
      targets: [
        ...(p.attachTo.root ? [ctx.rootId] : []),
        ...(p.attachTo.ous ?? []).map(ouId),
        ...(p.attachTo.accounts ?? []).map((a) => accountIdOf(ctx, a)),
      ],
    });
  }

  const admins = [...bp.organization.delegatedAdministrators];
  const icAdmin = bp.identity.identityCenter?.delegatedAdmin;
  if (icAdmin && !admins.some((d) => d.service === 'sso.amazonaws.com'))
    admins.push({ service: 'sso.amazonaws.com', account: icAdmin });
  const mgmtAccount = bp.accounts.find((a) => a.id === bp.organization.managementAccount);
  return {
    id: orgId,
    arn: `arn:${partition}:organizations::${mgmt}:organization/${orgId}`,
    featureSet: 'ALL',
    managementAccountId: mgmt,
    ...(mgmtAccount ? { managementAccountEmail: mgmtAccount.email } : {}),
    root: {
      id: ctx.rootId,
      arn: orgArn('root', ctx.rootId),
      name: 'Root',
      policyTypes: enabledTypes.map((type) => ({ type, status: 'ENABLED' })),
    },
    organizationalUnits: bp.organizationalUnits.map((o) => ({
      id: ouId(o.id),
      arn: orgArn('ou', ouId(o.id)),
      name: o.name,
      parentId: ouId(o.parent ?? ROOT_OU),
    })),
    accounts: bp.accounts.map((a) => {
      const id = accountIdOf(ctx, a.id);
      return {
        id,
        arn: orgArn('account', id),
        name: a.name,
        email: a.email,
        status: 'ACTIVE',
        joinedMethod: id === mgmt ? 'INVITED' : 'CREATED',
        joinedTimestamp: ctx.dateBefore(id === mgmt ? 900 : 400, 'joined', a.id),
        parentId: ouId(a.ou),
      };
    }),
    policies,
    delegatedAdministrators: admins.map((d) => ({
      accountId: accountIdOf(ctx, d.account),
      servicePrincipal: d.service,
      delegationEnabledDate: ctx.dateBefore(300, 'delegated', d.service),
    })),
    trustedServices: [...bp.organization.trustedServices],
  };
}

/** Identity Center instance ARN of the simulated organization. */
export function instanceArnOf(ctx: SimContext): string {
  return (
    ctx.bp.identity.identityCenter?.instanceArn ??
    `arn:${ctx.partition}:sso:::instance/ssoins-${ctx.ids.hex(16, 'sso-instance')}`
  );
}

/** Permission set ARN of a logical permission set id. */
export function permissionSetArnOf(ctx: SimContext, logicalId: string): string {
  const instanceId = instanceArnOf(ctx).split('/').pop() ?? '';
  return `arn:${ctx.partition}:sso:::permissionSet/${instanceId}/ps-${ctx.ids.hex(16, 'ps', logicalId)}`;
}

/** Identity store id of an Identity Center group (by logical id) or user (by name). */
export function principalIdOf(ctx: SimContext, kind: 'group' | 'user', name: string): string {
  return ctx.ids.uuid('identity-store', kind, name);
}

/** Build the Identity Center section (undefined when the blueprint has none). */
export function simulateIdentityCenter(ctx: SimContext): IdentityCenterSnapshot | undefined {
  const ic = ctx.bp.identity.identityCenter;
  if (!ic) return undefined;
  const assignments: IdentityCenterSnapshot['assignments'] = [];
  const provisioned = new Map<string, Set<string>>();
  const seen = new Set<string>();
  for (const as of ic.assignments) {
    const psArn = permissionSetArnOf(ctx, as.permissionSet);
    const set = provisioned.get(as.permissionSet) ?? new Set<string>();
    provisioned.set(as.permissionSet, set);
    const principalType = as.group !== undefined ? 'GROUP' : 'USER';
    const principalId = principalIdOf(
      ctx,
      as.group !== undefined ? 'group' : 'user',
      as.group ?? as.user ?? '',
    );
    for (const logical of ctx.selected(as.targets)) {
      const accountId = accountIdOf(ctx, logical);
      set.add(accountId);
      const key = `${accountId}|${psArn}|${principalId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      assignments.push({ accountId, permissionSetArn: psArn, principalType, principalId });
    }
  }
  return {
    instanceArn: instanceArnOf(ctx),
    identityStoreId: `d-${ctx.ids.hex(10, 'identity-store')}`,
    permissionSets: ic.permissionSets.map((ps) => ({
      arn: permissionSetArnOf(ctx, ps.id),
      name: ps.name,
      ...(ps.description !== undefined ? { description: ps.description } : {}),
      sessionDuration: ps.sessionDuration,
      managedPolicies: [...(ps.awsManagedPolicies ?? [])],
      customerManagedPolicies: (ps.customerManagedPolicies ?? []).map((c) => ({
        name: c.name,
        ...(c.path !== undefined ? { path: c.path } : {}),
      })),
      ...(ps.inlinePolicy ? { inlinePolicy: ps.inlinePolicy } : {}),
      ...(ps.permissionsBoundary
        ? { permissionsBoundary: { managedPolicyArn: ps.permissionsBoundary } }
        : {}),
      provisionedTo: [...(provisioned.get(ps.id) ?? [])],
    })),
    assignments,
  };
}
