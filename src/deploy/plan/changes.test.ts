import { describe, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../snapshot/types.js';
import { checkCase, org, type Case } from './__fixtures__/cases.js';
import { IDS, ouId } from './__fixtures__/plan.js';

const policy = (s: Snapshot, name: string) => org(s).policies.find((p) => p.name === name)!;
const bpPolicy = (bp: BlueprintInput, id: string) => bp.policies!.find((p) => p.id === id)!;

/** OUs, accounts, policies and organization settings. */
const CASES: Case[] = [
  {
    name: 'an observed account is reported as drift, and nothing deploys it',
    bp: (bp) => (bp.accounts.find((a) => a.id === 'data-prod')!.lifecycle = 'observed'),
    live: (s) => (org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ouId('dev')),
    changes: [{ kind: 'drift', summary: 'account data-prod moves from OU dev to prod', units: [] }],
  },
  {
    name: 'an ignored account is not compared',
    bp: (bp) => (bp.accounts.find((a) => a.id === 'data-prod')!.lifecycle = 'ignored'),
    live: (s) => (org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ouId('dev')),
    changes: [],
  },
  {
    name: 'an account whose OU the snapshot does not know is not called moved',
    live: (s) => (org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ''),
    changes: [],
    warnings: [
      'the snapshot does not say which OU 1 account is in (data-prod): account moves not compared',
    ],
  },
  {
    name: 'a management policy (not statements) compares by content',
    bp: (bp) => {
      bp.organization.enabledPolicyTypes.push('tag');
      bp.policies!.push({
        id: 'cost-tags',
        type: 'tag',
        name: 'cost-tags',
        attachTo: { root: true },
        document: { tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' } } } },
      });
    },
    live: (s) => {
      org(s).root.policyTypes.push({ type: 'TAG_POLICY', status: 'ENABLED' });
      org(s).policies.push({
        id: 'p-tags',
        arn: 'x',
        name: 'cost-tags',
        description: '',
        type: 'TAG_POLICY',
        awsManaged: false,
        content: { tags: { costcenter: { tag_key: { '@@assign': 'costcenter' } } } },
        targets: [ouId('root')],
      });
    },
    changes: [
      { kind: 'update', summary: 'tag policy cost-tags changes its content', accountsAffected: 7 },
    ],
  },
  {
    name: 'SCP gains a statement and a target',
    bp: (bp) => {
      const p = bpPolicy(bp, 'deny-leave-org');
      p.attachTo.ous = ['workloads', 'security-ou'];
      (p.document!.Statement as unknown[]).push({
        Sid: 'DenyRootUser',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
      });
    },
    changes: [
      {
        kind: 'update',
        summary:
          'SCP deny-leave-org gains a statement (DenyRootUser) and now also applies to OU security-ou: 2 accounts',
        units: ['organization-policies'],
        // The new statement reaches every target: workloads (3) and security-ou (2).
        accountsAffected: 5,
        destructive: false,
      },
    ],
  },
  {
    name: 'SCP loses a statement and changes another (by Sid); reformatting is no change',
    live: (s) => {
      policy(s, 'deny-leave-org').content = {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyLeave',
            Effect: 'Deny',
            Action: ['organizations:LeaveOrganization', 'iam:CreateUser'],
            Resource: ['*'],
          },
          { Sid: 'Old', Effect: 'Deny', Action: 's3:*', Resource: '*' },
        ],
      };
      policy(s, 'quarantine').content = {
        Statement: {
          Resource: ['*'],
          Action: ['*'],
          Effect: 'Deny',
          Sid: 'DenyAll',
          Condition: {
            ArnNotLike: {
              'aws:PrincipalArn': [
                'arn:aws:iam::*:role/stacksets-exec-*',
                'arn:aws:iam::*:role/OrganizationAccountAccessRole',
              ],
            },
          },
        },
      };
    },
    changes: [
      {
        kind: 'update',
        summary: 'SCP deny-leave-org loses a statement (Old) and changes statement DenyLeave',
        accountsAffected: 3,
      },
    ],
  },
  {
    name: 'statements without a Sid pair by position',
    bp: (bp) => {
      bpPolicy(bp, 'deny-leave-org').document = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
          { Effect: 'Deny', Action: 'account:CloseAccount', Resource: '*' },
        ],
      };
    },
    live: (s) => {
      policy(s, 'deny-leave-org').content = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      };
    },
    changes: [{ kind: 'update', summary: 'SCP deny-leave-org gains a statement (statement 2)' }],
  },
  {
    name: 'SCP attached out of band to another OU is detached',
    live: (s) => policy(s, 'deny-leave-org').targets.push(ouId('security-ou')),
    changes: [
      {
        kind: 'update',
        summary: 'SCP deny-leave-org no longer applies to OU security-ou: 2 accounts',
        accountsAffected: 2,
        destructive: true,
      },
    ],
  },
  {
    name: 'description',
    bp: (bp) => (bpPolicy(bp, 'deny-leave-org').description = 'No leaving'),
    changes: [
      {
        kind: 'update',
        summary: 'SCP deny-leave-org changes its description',
        accountsAffected: 0,
      },
    ],
  },
  {
    name: 'a new policy applies to the root (the management account excepted)',
    bp: (bp) =>
      bp.policies!.push({
        id: 'deny-root',
        type: 'scp',
        name: 'deny-root',
        attachTo: { root: true },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }],
        },
      }),
    changes: [
      {
        kind: 'create',
        summary: 'SCP deny-root is created and applies to the root: 6 accounts',
        units: [],
        accountsAffected: 6,
      },
    ],
  },
  {
    name: 'account moved out of band',
    live: (s) => (org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ouId('dev')),
    changes: [
      {
        kind: 'move',
        summary: 'account data-prod moves from OU dev to prod',
        units: ['organization-accounts'],
        accountsAffected: 1,
      },
    ],
  },
  {
    name: 'account moved in the blueprint, to a new OU',
    bp: (bp) => {
      bp.organizationalUnits!.push({ id: 'sandbox', name: 'Sandbox', parent: 'workloads' });
      bp.accounts.find((a) => a.id === 'app-dev')!.ou = 'sandbox';
    },
    changes: [
      { kind: 'create', summary: 'OU sandbox is created under workloads', units: [] },
      { kind: 'move', summary: 'account app-dev moves from OU dev to sandbox (a new OU)' },
    ],
  },
  {
    name: 'OU moved and renamed (matched by its tag)',
    live: (s) => {
      const dev = org(s).organizationalUnits.find((o) => o.id === ouId('dev'))!;
      dev.parentId = ouId('root');
      dev.name = 'Development';
    },
    changes: [
      {
        kind: 'move',
        summary: 'OU dev moves from the root to workloads',
        accountsAffected: 1,
        units: ['organization-ous'],
      },
      { kind: 'update', summary: 'OU dev is renamed from Development to Dev' },
    ],
  },
  {
    name: 'OU moved, matched by a unique name when untagged',
    live: (s) => {
      const dev = org(s).organizationalUnits.find((o) => o.id === ouId('dev'))!;
      dev.parentId = ouId('root');
      delete (dev as { tags?: unknown }).tags;
    },
    changes: [{ kind: 'move', summary: 'OU dev moves from the root to workloads' }],
  },
  {
    name: 'new account and account renamed',
    bp: (bp) => {
      bp.accounts.push({
        id: 'new-app',
        name: 'New App',
        email: 'aws-new-app@example.com',
        ou: 'dev',
        role: 'workload',
      });
      bp.accounts.find((a) => a.id === 'app-prod')!.name = 'Application Prod';
    },
    changes: [
      { kind: 'update', summary: 'account app-prod is renamed from App Prod to Application Prod' },
      { kind: 'create', summary: 'account new-app is created in OU dev', accountsAffected: 1 },
      // The new account is targeted by the role; it gets it with its first deployment.
    ],
  },
  {
    name: 'accounts match by e-mail case-insensitively',
    live: (s) => {
      const a = org(s).accounts.find((x) => x.id === IDS['app-dev'])!;
      a.email = 'AWS-App-Dev@Example.com';
      delete a.tags;
    },
    changes: [],
  },
  {
    name: 'policy type, trusted access and delegated administrator',
    bp: (bp) => {
      bp.organization.enabledPolicyTypes.push('rcp');
      bp.organization.trustedServices!.push('config.amazonaws.com');
      bp.organization.delegatedAdministrators!.push({
        service: 'config.amazonaws.com',
        account: 'security',
      });
    },
    live: (s) => (org(s).delegatedAdministrators[0]!.accountId = IDS['data-prod']!),
    changes: [
      { kind: 'create', summary: 'policy type RCP is enabled on the root', units: [] },
      { kind: 'create', summary: 'trusted access for config.amazonaws.com is enabled' },
      {
        kind: 'update',
        summary:
          'delegated administrator for guardduty.amazonaws.com changes from data-prod (333333333333) to security (222222222222)',
        units: ['organization-settings'],
        destructive: true,
      },
      {
        kind: 'create',
        summary: 'account security becomes delegated administrator for config.amazonaws.com',
      },
    ],
  },
  {
    name: 'live settings the blueprint does not have are left alone',
    live: (s) => {
      org(s).root.policyTypes.push({ type: 'TAG_POLICY', status: 'ENABLED' });
      org(s).trustedServices.push('sso.amazonaws.com');
    },
    changes: [
      {
        kind: 'retain',
        summary:
          'policy type tag policy (enabled on the root) is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)',
        units: [],
      },
      {
        kind: 'retain',
        summary:
          'trusted access for sso.amazonaws.com is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)',
      },
    ],
  },
  {
    name: 'FullAWSAccess detached where the blueprint says so, attached where it was removed',
    bp: (bp) => {
      bp.organizationalUnits!.find((o) => o.id === 'dev')!.fullAwsAccess = false;
      // Without FullAWSAccess the OU needs another allow (validation checks lockout).
      bp.policies!.push({
        id: 'allow-dev',
        type: 'scp',
        name: 'allow-dev',
        attachTo: { ous: ['dev'] },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        },
      });
    },
    live: (s) => {
      const full = policy(s, 'FullAWSAccess');
      full.targets = full.targets.filter((t) => t !== IDS['app-prod']);
    },
    changes: [
      { kind: 'create', summary: 'SCP allow-dev is created and applies to OU dev: 1 account' },
      {
        kind: 'update',
        summary: 'FullAWSAccess is detached from OU dev: 1 account',
        units: ['organization-ous'],
        destructive: true,
      },
      {
        kind: 'update',
        summary: 'FullAWSAccess is attached to account app-prod',
        units: ['organization-accounts'],
        destructive: false,
      },
    ],
  },
];

describe('semantic changes of the organization', () => {
  it.each(CASES)('$name', checkCase);
});
