import { stringify } from 'yaml';
import type { BlueprintInput } from '../blueprint/schema/blueprint.js';

/** Size of a generated organization. */
export interface BlueprintShape {
  accounts: number;
  ous: number;
  policies: number;
}

const ENVIRONMENTS = ['dev', 'test', 'prod'] as const;

/**
 * A deterministic, valid blueprint of the requested size, shaped like a large real
 * organization: a few foundational accounts, a nested OU tree (at most five levels),
 * workload accounts spread over it, guardrail and inline SCPs attached across the tree,
 * organization-wide roles and Identity Center assignments. Used by benchmarks and tests.
 */
export function generateBlueprint(shape: BlueprintShape): BlueprintInput {
  const ous: NonNullable<BlueprintInput['organizationalUnits']> = [
    { id: 'security', name: 'Security' },
    { id: 'workloads', name: 'Workloads' },
  ];
  // Breadth-first tree: each OU gets up to 4 children, so depth stays within AWS's 5.
  for (let i = ous.length; i < shape.ous; i++) {
    const parentIndex = Math.floor((i - 2) / 4);
    const parent = parentIndex <= 0 ? 'workloads' : `ou-${parentIndex + 1}`;
    ous.push({ id: `ou-${i}`, name: `Unit ${i}`, parent });
  }
  const accounts: BlueprintInput['accounts'] = [
    {
      id: 'management',
      name: 'Management',
      email: 'mgmt@example.com',
      ou: 'root',
      role: 'management',
    },
    {
      id: 'security-tooling',
      name: 'Security',
      email: 'sec@example.com',
      ou: 'security',
      role: 'security-tooling',
    },
    {
      id: 'log-archive',
      name: 'Logs',
      email: 'logs@example.com',
      ou: 'security',
      role: 'log-archive',
    },
    {
      id: 'identity',
      name: 'Identity',
      email: 'identity@example.com',
      ou: 'security',
      role: 'identity',
    },
  ];
  for (let i = accounts.length; i < shape.accounts; i++) {
    const ou = ous[2 + (i % Math.max(1, ous.length - 2))]?.id ?? 'workloads';
    const environment = ENVIRONMENTS[i % 3] ?? 'dev';
    accounts.push({
      id: `acct-${i}`,
      name: `Workload ${i}`,
      email: `aws+acct-${i}@example.com`,
      ou,
      role: 'workload',
      environment,
      accountId: String(100000000000 + i),
      tags: { team: `team-${i % 17}`, environment },
    });
  }
  const exempt = ['arn:aws:iam::*:role/orgward-pipeline', 'arn:aws:iam::*:role/break-glass'];
  const policies: NonNullable<BlueprintInput['policies']> = [
    {
      id: 'root-guardrails',
      type: 'scp',
      name: 'root-guardrails',
      description: 'Organization-wide guardrails',
      attachTo: { root: true },
      guardrails: [
        { id: 'deny-leave-organization' },
        { id: 'region-deny', with: { exemptPrincipalArns: exempt } },
      ],
    },
  ];
  for (let i = 1; i < shape.policies; i++) {
    const target = ous[(i * 7) % ous.length]?.id ?? 'workloads';
    policies.push({
      id: `scp-${i}`,
      type: 'scp',
      name: `scp-${i}`,
      description: `Team guardrail ${i}`,
      attachTo: { ous: [target] },
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `DenyRiskyChanges${i}`,
            Effect: 'Deny',
            Action: [
              'ec2:DeleteVpc',
              'ec2:DeleteFlowLogs',
              's3:PutBucketPublicAccessBlock',
              'iam:CreateUser',
              'iam:CreateAccessKey',
            ],
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': exempt } },
          },
        ],
      },
    });
  }
  return {
    apiVersion: 'orgward/v1',
    metadata: {
      name: 'generated-org',
      description: `${shape.accounts} accounts, ${shape.ous} OUs, ${shape.policies} policies`,
    },
    organization: {
      managementAccount: 'management',
      homeRegion: 'eu-west-1',
      governedRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
      enabledPolicyTypes: ['scp', 'rcp', 'tag'],
      trustedServices: ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'],
      delegatedAdministrators: [
        { service: 'guardduty.amazonaws.com', account: 'security-tooling' },
        { service: 'securityhub.amazonaws.com', account: 'security-tooling' },
      ],
    },
    organizationalUnits: ous,
    accounts,
    policies,
    identity: {
      identityCenter: {
        groups: [
          { id: 'admins', displayName: 'Administrators' },
          { id: 'developers', displayName: 'Developers' },
        ],
        permissionSets: [
          {
            id: 'admin',
            name: 'AdministratorAccess',
            sessionDuration: 'PT1H',
            awsManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          },
          {
            id: 'readonly',
            name: 'ReadOnly',
            sessionDuration: 'PT4H',
            awsManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          },
        ],
        assignments: [
          { group: 'admins', permissionSet: 'admin', targets: { all: true } },
          {
            group: 'developers',
            permissionSet: 'readonly',
            targets: { environments: ['dev', 'test'] },
          },
        ],
      },
      roles: [
        {
          id: 'pipeline',
          name: 'orgward-pipeline',
          purpose: 'pipeline',
          targets: { all: true },
          trust: [{ account: 'management', roleName: 'deployer' }],
        },
        {
          id: 'break-glass',
          name: 'break-glass',
          purpose: 'break-glass',
          requireMfa: true,
          targets: { all: true },
          trust: [{ account: 'identity' }],
        },
        {
          id: 'audit',
          name: 'orgward-audit',
          purpose: 'audit',
          targets: { all: true },
          trust: [{ account: 'security-tooling' }],
        },
      ],
    },
    invariants: [
      {
        id: 'cloudtrail-protected',
        kind: 'forbid',
        description:
          'No principal outside the security-tooling account may stop or delete CloudTrail',
        actions: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
        in: { all: true },
        except: { accounts: ['security-tooling'] },
      },
    ],
  };
}

/** The generated blueprint as YAML text. */
export function generateBlueprintYaml(shape: BlueprintShape): string {
  return stringify(generateBlueprint(shape));
}
