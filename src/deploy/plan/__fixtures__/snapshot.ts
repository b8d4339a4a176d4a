/**
 * The snapshot of an organization deployed exactly as a blueprint says, built by hand here
 * field by field, so tests can then break one thing.
 */
import { ROOT_OU } from '../../../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../../../blueprint/schema/organization.js';
import type {
  DeployedStack,
  IamRole,
  OrgPolicySnapshot,
  PolicyDocument,
  Snapshot,
} from '../../../snapshot/types.js';
import type { SynthInput } from '../../../synth/synth.js';
import { IDS, ouId } from './blueprint.js';

/** Trust policy of the fixture's audit-read role as deployed (trusts the security account). */
export function auditTrust(...accounts: string[]): PolicyDocument {
  const list = accounts.length ? accounts : [IDS.security ?? ''];
  return {
    Version: '2012-10-17',
    Statement: list.map((a) => ({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${a}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } },
    })),
  };
}

/** An IAM role as the snapshot holds it. */
export function iamRole(
  accountId: string,
  name: string,
  trustPolicy: PolicyDocument,
  tags: Record<string, string> = {},
): IamRole {
  return {
    arn: `arn:aws:iam::${accountId}:role/${name}`,
    roleName: name,
    roleId: `AROA${accountId}`,
    path: '/',
    trustPolicy,
    attachedPolicies: [],
    inlinePolicies: [],
    tags,
    instanceProfiles: [],
  };
}

/**
 * The snapshot of the organization deployed exactly as `input` says: OUs, accounts,
 * policies with their targets, FullAWSAccess where kept, settings, the audit-read role in
 * the accounts it targets, and (with `stacks`) the deployed stacks per account and Region.
 */
export function syncedSnapshot(
  input: SynthInput,
  stacks: Record<string, Record<string, DeployedStack[]>> = {},
): Snapshot {
  const bp = input.index.bp;
  const idOf = (a: string) => IDS[a] ?? `9999${a.length.toString().padStart(8, '0')}`;
  const nodeId = (n: string) => (input.index.accounts.has(n) ? idOf(n) : ouId(n));
  const policies: OrgPolicySnapshot[] = [
    {
      id: 'p-FullAWSAccess',
      arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
      name: 'FullAWSAccess',
      description: 'Allows access to every operation',
      type: 'SERVICE_CONTROL_POLICY',
      awsManaged: true,
      content: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      targets: [ouId(ROOT_OU), ...bp.organizationalUnits.map((o) => ouId(o.id)), ...bp.accounts.map((a) => idOf(a.id))],
    },
    ...input.policies.map((rp, i) =>
      tagged(
        {
      id: `p-${String(i).padStart(8, '0')}`,
      arn: `arn:aws:organizations::111111111111:policy/o-abc123def4/service_control_policy/p-${i}`,
      name: rp.policy.name,
      description: rp.policy.description,
      type: POLICY_TYPE_API_NAMES[rp.policy.type],
      awsManaged: false,
      content: rp.document ?? {},
      targets: [
        ...(rp.policy.attachTo.root ? [ouId(ROOT_OU)] : []),
        ...(rp.policy.attachTo.ous ?? []).map(nodeId),
        ...(rp.policy.attachTo.accounts ?? []).map(nodeId),
      ],
        },
        { 'orgward:entity': `policy:${rp.policy.id}`, 'orgward:on-remove': rp.policy.onRemove },
      ),
    ),
  ];
  const auditTargets = new Set(input.index.accountsUnder('workloads').map((a) => a.id));
  const accounts: Snapshot['accounts'] = {};
  for (const a of bp.accounts) {
    const id = idOf(a.id);
    const regions: Snapshot['accounts'][string]['regions'] = {};
    for (const r of bp.organization.governedRegions)
      regions[r] = { cloudFormation: { stacks: stacks[a.id]?.[r] ?? [] } };
    accounts[id] = {
      accountId: id,
      iam: {
        users: [],
        groups: [],
        policies: [],
        roles: auditTargets.has(a.id)
          ? [iamRole(id, 'audit-read', auditTrust(), { 'orgward:role': 'audit-read' })]
          : [],
      },
      regions,
    };
  }
  return {
    kind: 'orgward-snapshot',
    formatVersion: 1,
    takenAt: '2026-11-20T10:00:00.000Z',
    source: { tool: 'orgward', toolVersion: '0.0.0', method: 'collect', regions: bp.organization.governedRegions },
    partition: 'aws',
    organization: {
      id: 'o-abc123def4',
      arn: 'arn:aws:organizations::111111111111:organization/o-abc123def4',
      featureSet: 'ALL',
      managementAccountId: idOf('management'),
      root: {
        id: ouId(ROOT_OU),
        arn: 'arn:aws:organizations::111111111111:root/o-abc123def4/r-ab12',
        name: 'Root',
        policyTypes: bp.organization.enabledPolicyTypes.map((t) => ({
          type: POLICY_TYPE_API_NAMES[t],
          status: 'ENABLED',
        })),
      },
      organizationalUnits: bp.organizationalUnits.map((o) =>
        tagged(
          {
            id: ouId(o.id),
            arn: `arn:aws:organizations::111111111111:ou/o-abc123def4/${ouId(o.id)}`,
            name: o.name,
            parentId: ouId(o.parent ?? ROOT_OU),
          },
          { 'orgward:entity': `ou:${o.id}`, 'orgward:on-remove': o.onRemove },
        ),
      ),
      accounts: bp.accounts.map((a) => ({
        id: idOf(a.id),
        arn: `arn:aws:organizations::111111111111:account/o-abc123def4/${idOf(a.id)}`,
        name: a.name,
        email: a.email,
        status: 'ACTIVE',
        parentId: ouId(a.ou),
        tags: { 'orgward:entity': `account:${a.id}`, 'orgward:on-remove': a.onRemove },
      })),
      policies,
      delegatedAdministrators: bp.organization.delegatedAdministrators.map((d) => ({
        accountId: idOf(d.account),
        servicePrincipal: d.service,
      })),
      trustedServices: [...bp.organization.trustedServices],
    },
    accounts,
    coverage: [],
    provenance: [],
  };
}

/**
 * Add tags to a snapshot item. OUs and policies gain `tags` in the snapshot format; adding
 * them outside the literal keeps this compiling before and after.
 */
export function tagged<T extends object>(item: T, tags: Record<string, string>): T {
  return Object.assign(item, { tags });
}
