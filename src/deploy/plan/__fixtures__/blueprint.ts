/** The small blueprint most plan tests start from, and the live ids its deployment has. */
import { ROOT_OU } from '../../../blueprint/model.js';
import type { BlueprintInput } from '../../../blueprint/schema/blueprint.js';
import type { AccountRole } from '../../../blueprint/schema/common.js';

/** The small blueprint most plan tests start from (plain data; copy before editing). */
export function planBlueprint(): BlueprintInput {
  return {
    apiVersion: 'orgward/v1',
    metadata: { name: 'plan-test', version: '3' },
    organization: {
      managementAccount: 'management',
      homeRegion: 'eu-west-1',
      governedRegions: ['eu-west-1', 'us-east-1'],
      enabledPolicyTypes: ['scp'],
      trustedServices: ['guardduty.amazonaws.com'],
      delegatedAdministrators: [{ service: 'guardduty.amazonaws.com', account: 'security' }],
    },
    organizationalUnits: [
      { id: 'security-ou', name: 'Security' },
      { id: 'workloads', name: 'Workloads' },
      { id: 'prod', name: 'Prod', parent: 'workloads' },
      { id: 'dev', name: 'Dev', parent: 'workloads' },
      { id: 'suspended', name: 'Suspended' },
    ],
    accounts: [
      acct('management', ROOT_OU, 'management', '111111111111'),
      acct('security', 'security-ou', 'security-tooling', '222222222222'),
      acct('log-archive', 'security-ou', 'log-archive'),
      acct('data-prod', 'prod', 'workload'),
      acct('app-prod', 'prod', 'workload'),
      acct('app-dev', 'dev', 'workload'),
      acct('parked', 'suspended', 'suspended'),
    ],
    policies: [
      {
        id: 'deny-leave-org',
        type: 'scp',
        name: 'deny-leave-org',
        description: 'Members stay in the organization',
        attachTo: { ous: ['workloads'] },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyLeave',
              Effect: 'Deny',
              Action: 'organizations:LeaveOrganization',
              Resource: '*',
            },
          ],
        },
      },
      {
        id: 'quarantine',
        type: 'scp',
        name: 'quarantine',
        description: 'Suspended accounts do nothing',
        attachTo: { ous: ['suspended'] },
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyAll',
              Effect: 'Deny',
              Action: '*',
              Resource: '*',
              Condition: {
                ArnNotLike: {
                  'aws:PrincipalArn': [
                    'arn:aws:iam::*:role/OrganizationAccountAccessRole',
                    'arn:aws:iam::*:role/stacksets-exec-*',
                  ],
                },
              },
            },
          ],
        },
      },
    ],
    identity: {
      roles: [
        {
          id: 'audit-read',
          name: 'audit-read',
          purpose: 'audit',
          targets: { ous: ['workloads'] },
          trust: [{ account: 'security' }],
          managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'],
        },
      ],
    },
  };
}

function acct(
  id: string,
  ou: string,
  role: AccountRole,
  accountId?: string,
): BlueprintInput['accounts'][number] {
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => ` ${c.toUpperCase()}`).trim(),
    email: `aws-${id}@example.com`,
    ou,
    role,
    ...(accountId ? { accountId } : {}),
  };
}

/** AWS account ids of the fixture's accounts (the blueprint gives two; these are the live ones). */
export const IDS: Readonly<Record<string, string>> = {
  management: '111111111111',
  security: '222222222222',
  'data-prod': '333333333333',
  'app-prod': '444444444444',
  'app-dev': '555555555555',
  parked: '666666666666',
  'log-archive': '777777777777',
};

/** Live id of a blueprint OU in the fixture snapshot. */
export function ouId(ou: string): string {
  return ou === ROOT_OU ? 'r-ab12' : `ou-ab12-${ou.padEnd(8, '0')}`;
}
