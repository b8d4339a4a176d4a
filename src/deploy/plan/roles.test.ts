import { describe, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../snapshot/types.js';
import { checkCase, type Case } from './__fixtures__/cases.js';
import { auditTrust, IDS, iamRole } from './__fixtures__/plan.js';

const auditRole = (bp: BlueprintInput) => bp.identity!.roles!.find((r) => r.id === 'audit-read')!;
const liveRole = (s: Snapshot, account: string) =>
  s.accounts[IDS[account]!]!.iam!.roles.find((r) => r.roleName === 'audit-read')!;

const CASES: Case[] = [
  {
    name: 'role trust adds an account everywhere (blueprint change)',
    bp: (bp) => auditRole(bp).trust.push({ account: 'log-archive' }),
    changes: [
      {
        kind: 'update',
        summary: 'role audit-read trust adds account log-archive (777777777777)',
        units: ['role-audit-read'],
        accountsAffected: 3,
        destructive: false,
      },
    ],
  },
  {
    name: 'role trust adds a vendor account (outside the organization)',
    bp: (bp) => {
      auditRole(bp).trust.push({ accountId: '999900001111' });
      auditRole(bp).requireOrganization = false;
    },
    changes: [
      {
        kind: 'update',
        summary:
          'role audit-read trust adds account 999900001111, no longer requires the organization (aws:PrincipalOrgID)',
      },
    ],
  },
  {
    name: 'role trust changed out of band in one account',
    live: (s) =>
      (liveRole(s, 'app-dev').trustPolicy.Statement as unknown[]).push({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999988887777:root' },
        Action: 'sts:AssumeRole',
      }),
    changes: [
      {
        kind: 'update',
        summary: 'role audit-read trust removes account 999988887777 in account app-dev',
        accountsAffected: 1,
        destructive: true,
      },
    ],
  },
  {
    name: 'role trust conditions: MFA and ExternalId',
    bp: (bp) => {
      auditRole(bp).requireMfa = true;
      auditRole(bp).externalId = 'audit-2026';
    },
    changes: [
      {
        kind: 'update',
        summary: 'role audit-read trust now requires MFA, now requires an ExternalId',
      },
    ],
  },
  {
    name: 'role trust given by role name in the trusted account',
    bp: (bp) => (auditRole(bp).trust = [{ account: 'security', roleName: 'collector' }]),
    changes: [
      {
        kind: 'update',
        summary:
          'role audit-read trust adds role collector in account security (222222222222), removes account security (222222222222)',
      },
    ],
  },
  {
    name: 'role missing in some accounts',
    live: (s) => {
      const iam = s.accounts[IDS['app-dev']!]!.iam!;
      iam.roles = [];
    },
    changes: [
      {
        kind: 'create',
        summary: 'role audit-read is missing in 1 account: app-dev',
        units: ['role-audit-read'],
        accountsAffected: 1,
      },
    ],
  },
  {
    name: 'new role is created in every account it targets',
    bp: (bp) =>
      bp.identity!.roles!.push({
        id: 'ops',
        name: 'ops',
        targets: { ous: ['prod'] },
        trust: [{ service: 'ec2.amazonaws.com' }],
      }),
    changes: [{ kind: 'create', summary: 'role ops is created in 2 accounts', units: [] }],
  },
  {
    name: 'a tagged role the blueprint no longer puts in an account is removed',
    bp: (bp) => (auditRole(bp).targets = { ous: ['prod'] }),
    changes: [
      {
        kind: 'delete',
        summary: 'role audit-read is removed from 1 account it no longer targets: app-dev',
        units: ['role-audit-read'],
        destructive: true,
      },
    ],
  },
  {
    name: "an untagged role of the same name elsewhere is not orgward's",
    live: (s) =>
      s.accounts[IDS.security!]!.iam!.roles.push(
        iamRole(IDS.security!, 'audit-read', auditTrust()),
      ),
    changes: [],
  },
];

describe('roles: presence in the accounts they target, and their trust', () => {
  it.each(CASES)('$name', checkCase);
});
