import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codes, loadData, validFixture } from '../../../test/helpers/blueprint.js';
import { VALIDATORS } from './semantic.js';

/** Free-form fixture data that the cases mutate. */
type Bp = Record<string, any>;

/** Each case breaks the valid fixture in one way and names the diagnostic it must raise. */
const CASES: {
  name: string;
  mutate: (bp: Bp) => void;
  code: string;
  severity?: 'error' | 'warning';
  line?: number;
}[] = [
  {
    name: 'duplicate account id',
    code: 'duplicate-id',
    mutate: (bp) => bp.accounts.push({ ...bp.accounts[3], email: 'other@example.com' }),
  },
  {
    name: 'reserved OU id',
    code: 'reserved-id',
    mutate: (bp) => bp.organizationalUnits.push({ id: 'root', name: 'Root2' }),
  },
  {
    name: 'duplicate e-mail (case-insensitive)',
    code: 'duplicate-email',
    mutate: (bp) => (bp.accounts[3].email = 'AWS-Security@example.com'),
  },
  {
    name: 'duplicate alias',
    code: 'duplicate-alias',
    mutate: (bp) => {
      bp.accounts[1].alias = 'acme-x';
      bp.accounts[2].alias = 'acme-x';
    },
  },
  {
    name: 'duplicate account name',
    code: 'duplicate-name',
    severity: 'warning',
    mutate: (bp) => (bp.accounts[3].name = 'Security Tooling'),
  },
  {
    name: 'no log-archive account',
    code: 'missing-account-role',
    mutate: (bp) => (bp.accounts[2].role = 'workload'),
  },
  {
    name: 'two security-tooling accounts',
    code: 'duplicate-account-role',
    mutate: (bp) => (bp.accounts[3].role = 'security-tooling'),
  },
  {
    name: 'managementAccount is not the management role',
    code: 'management-role',
    mutate: (bp) => (bp.organization.managementAccount = 'security'),
  },
  {
    name: 'dangling OU reference',
    code: 'dangling-ref',
    mutate: (bp) => (bp.accounts[3].ou = 'nowhere'),
  },
  {
    name: 'reference of the wrong kind',
    code: 'dangling-ref',
    mutate: (bp) => (bp.accounts[3].ou = 'security'),
  },
  {
    name: 'OU cycle',
    code: 'ou-cycle',
    mutate: (bp) => (bp.organizationalUnits[1].parent = 'prod'),
  },
  {
    name: 'OU nesting too deep',
    code: 'ou-depth',
    mutate: (bp) => {
      for (let i = 1; i <= 5; i++)
        bp.organizationalUnits.push({
          id: `l${i}`,
          name: `L${i}`,
          parent: i === 1 ? 'prod' : `l${i - 1}`,
        });
    },
  },
  {
    name: 'duplicate OU name under one parent',
    code: 'duplicate-ou-name',
    mutate: (bp) => bp.organizationalUnits.push({ id: 'prod2', name: 'Prod', parent: 'workloads' }),
  },
  {
    name: 'unknown region',
    code: 'unknown-region',
    mutate: (bp) => bp.organization.governedRegions.push('eu-west-9'),
  },
  {
    name: 'home region not governed',
    code: 'home-not-governed',
    mutate: (bp) => (bp.organization.homeRegion = 'us-east-1'),
  },
  {
    name: 'selector that selects nothing',
    code: 'empty-selector',
    severity: 'warning',
    mutate: (bp) => (bp.identity.roles[0].targets = { environments: ['staging'] }),
  },
  {
    name: 'principal fields in an account selector',
    code: 'selector-field',
    severity: 'warning',
    mutate: (bp) => (bp.identity.roles[0].targets = { all: true, iamRoles: ['pipeline'] }),
  },
  {
    name: 'delegated admin without trusted access',
    code: 'untrusted-delegation',
    mutate: (bp) => (bp.organization.trustedServices = []),
  },
  {
    name: 'delegated admin is the management account',
    code: 'delegate-to-management',
    mutate: (bp) => (bp.organization.delegatedAdministrators[0].account = 'management'),
  },
  {
    name: 'assignment with group and user',
    code: 'assignment-principal',
    mutate: (bp) => {
      bp.identity.identityCenter = {
        groups: [{ id: 'admins', displayName: 'Admins' }],
        permissionSets: [{ id: 'admin', name: 'Admin' }],
        assignments: [
          { group: 'admins', user: 'alice', permissionSet: 'admin', targets: { all: true } },
        ],
      };
    },
  },
  {
    name: 'permission set session over 12 hours',
    code: 'session-duration',
    mutate: (bp) => {
      bp.identity.identityCenter = {
        permissionSets: [{ id: 'admin', name: 'Admin', sessionDuration: 'PT13H' }],
      };
    },
  },
  {
    name: 'trust entry with two kinds',
    code: 'trust-entry',
    mutate: (bp) =>
      (bp.identity.roles[0].trust = [{ account: 'security', service: 'ec2.amazonaws.com' }]),
  },
  {
    name: 'external account with the org condition',
    code: 'trust-condition',
    mutate: (bp) => (bp.identity.roles[0].trust = [{ accountId: '123456789012' }]),
  },
  {
    name: 'external account without ExternalId',
    code: 'confused-deputy',
    severity: 'warning',
    mutate: (bp) => {
      bp.identity.roles[0].trust = [{ accountId: '123456789012' }];
      bp.identity.roles[0].requireOrganization = false;
    },
  },
  {
    name: 'OIDC subject wildcard',
    code: 'oidc-subject',
    mutate: (bp) => {
      bp.identity.roles[0].trust = [
        {
          oidc: {
            provider: 'token.actions.githubusercontent.com',
            audience: 'sts.amazonaws.com',
            subjects: ['*'],
          },
        },
      ];
    },
  },
  {
    name: 'break-glass role without MFA',
    code: 'break-glass-mfa',
    severity: 'warning',
    mutate: (bp) => (bp.identity.roles[0].purpose = 'break-glass'),
  },
  {
    name: 'policy type not enabled',
    code: 'policy-type-disabled',
    mutate: (bp) => (bp.organization.enabledPolicyTypes = ['rcp']),
  },
  {
    name: 'policy attached to nothing',
    code: 'policy-unattached',
    severity: 'warning',
    mutate: (bp) => (bp.policies[0].attachTo = {}),
  },
  {
    name: 'policy description too long',
    code: 'policy-description',
    mutate: (bp) => (bp.policies[0].description = 'x'.repeat(513)),
  },
  {
    name: 'policy with two sources',
    code: 'policy-source',
    mutate: (bp) => (bp.policies[0].file = 'x.json'),
  },
  {
    name: 'policy with no source',
    code: 'policy-source',
    mutate: (bp) => delete bp.policies[0].document,
  },
  {
    name: 'missing policy file',
    code: 'policy-file',
    mutate: (bp) => {
      delete bp.policies[0].document;
      bp.policies[0].file = 'missing.json';
    },
  },
  {
    name: 'too many SCPs on one target',
    code: 'too-many-policies',
    mutate: (bp) => {
      for (let i = 0; i < 10; i++)
        bp.policies.push({ ...bp.policies[0], id: `p${i}`, name: `p${i}` });
    },
  },
  {
    name: 'SCP grammar error',
    code: 'effect-invalid',
    mutate: (bp) => (bp.policies[0].document.Statement[0].Effect = 'Block'),
  },
  {
    name: 'SCP denying the pipeline (lockout)',
    code: 'scp-lockout',
    mutate: (bp) => (bp.policies[0].document.Statement[0].Action = 'sts:AssumeRole'),
  },
  {
    name: 'allow-list SCP without the needed action (lockout)',
    code: 'scp-lockout',
    mutate: (bp) => {
      bp.organizationalUnits[1].fullAwsAccess = false;
      bp.policies.push({
        id: 'allow-ec2',
        type: 'scp',
        name: 'allow-ec2',
        attachTo: { ous: ['workloads'] },
        document: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
        },
      });
    },
  },
  {
    name: 'unknown guardrail',
    code: 'unknown-guardrail',
    mutate: (bp) => {
      delete bp.policies[0].document;
      bp.policies[0].guardrails = [{ id: 'deny-leave-organisation' }];
    },
  },
  {
    name: 'object lock longer than retention',
    code: 'retention',
    mutate: (bp) => {
      bp.keys = [{ id: 'logs', alias: 'alias/logs', account: 'log-archive', usage: ['logs'] }];
      bp.logging = {
        centralBucket: {
          kmsKey: 'logs',
          retentionDays: 30,
          objectLock: { mode: 'COMPLIANCE', days: 365 },
        },
        organizationTrail: { name: 'org-trail' },
        config: {
          recorder: { targets: { all: true } },
          aggregator: { account: 'security', region: 'eu-west-1' },
        },
      };
    },
  },
  {
    name: 'playbook with no trigger',
    code: 'playbook-trigger',
    mutate: (bp) =>
      (bp.response = [{ id: 'pb', trigger: {}, actions: [{ type: 'quarantine-account-scp' }] }]),
  },
  {
    name: 'webhook over http',
    code: 'channel-endpoint',
    mutate: (bp) =>
      (bp.alerting = {
        channels: [{ id: 'hook', type: 'webhook', endpoint: 'http://example.com' }],
      }),
  },
  {
    name: 'expired control exception',
    code: 'expired-exception',
    severity: 'warning',
    mutate: (bp) => {
      bp.controls = [
        {
          id: 'c1',
          title: 'T',
          behavior: 'preventive',
          implementation: [{ via: 'policy', ref: 'baseline' }],
          exceptions: [
            { targets: { all: true }, reason: 'r', approver: 'a', expires: '2020-01-01' },
          ],
        },
      ];
    },
  },
  {
    name: 'invariant with an unknown action',
    code: 'action-unknown',
    mutate: (bp) => {
      bp.invariants = [
        {
          id: 'inv',
          kind: 'forbid',
          description: 'd',
          actions: ['cloudtrail:StopLoging'],
          in: { all: true },
        },
      ];
    },
  },
  {
    name: 'an account id that is also an OU id',
    code: 'duplicate-id',
    mutate: (bp) => (bp.accounts[3].id = 'prod'),
  },
  {
    name: 'a misspelt region in a selector',
    code: 'unknown-region',
    mutate: (bp) => (bp.identity.roles[0].targets = { all: true, regions: ['eu-wset-1'] }),
  },
  {
    name: 'MFA required on a SAML trust',
    code: 'trust-condition',
    mutate: (bp) => {
      bp.identity.roles[0].trust = [{ samlProvider: 'corp-idp' }];
      bp.identity.roles[0].requireMfa = true;
    },
  },
  {
    name: 'an organization aggregator without Config delegation',
    code: 'missing-delegation',
    mutate: (bp) => {
      bp.keys = [{ id: 'logs', alias: 'alias/logs', account: 'log-archive', usage: ['logs'] }];
      bp.logging = {
        centralBucket: { kmsKey: 'logs', retentionDays: 365 },
        organizationTrail: { name: 'org-trail' },
        config: {
          recorder: { targets: { all: true } },
          aggregator: { account: 'security', region: 'eu-west-1' },
        },
      };
    },
  },
  {
    name: 'an AI opt-out policy over 2,500 characters',
    code: 'policy-size',
    mutate: (bp) => {
      bp.organization.enabledPolicyTypes.push('ai-opt-out');
      bp.policies.push({
        id: 'ai',
        type: 'ai-opt-out',
        name: 'ai',
        attachTo: { root: true },
        document: { services: { note: 'x'.repeat(2600) } },
      });
    },
  },
  {
    name: 'a deny on named resources (partial lockout)',
    code: 'scp-lockout',
    severity: 'warning',
    mutate: (bp) => {
      bp.policies[0].document.Statement[0] = {
        Sid: 'ProtectLogs',
        Effect: 'Deny',
        Action: 's3:PutBucketPolicy',
        Resource: 'arn:aws:s3:::org-logs',
      };
    },
  },
  {
    name: 'a region deny that blocks global services (lockout)',
    code: 'scp-lockout',
    mutate: (bp) => {
      bp.policies[0].document.Statement[0] = {
        Sid: 'RegionDeny',
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] },
          ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/stacksets-exec-*'] },
        },
      };
    },
  },
  {
    name: 'an SCP denying the StackSets execution role (lockout)',
    code: 'scp-lockout',
    mutate: (bp) => {
      bp.identity.roles = [];
      bp.policies[0].document.Statement[0] = {
        Sid: 'NoIam',
        Effect: 'Deny',
        Action: 'iam:CreateRole',
        Resource: '*',
      };
    },
  },
  {
    name: 'an SCP denying the deploy role with per-account stacks (lockout)',
    code: 'scp-lockout',
    mutate: (bp) => {
      bp.identity.roles = [];
      bp.deployment = { strategy: 'stacks' };
      bp.policies[0].document.Statement[0] = {
        Sid: 'NoStacks',
        Effect: 'Deny',
        Action: 'cloudformation:CreateStack',
        Resource: '*',
      };
    },
  },
  {
    name: 'unknown key',
    code: 'unknown-key',
    mutate: (bp) => (bp.organization.homeRegon = 'eu-west-1'),
  },
  { name: 'bad enum value', code: 'schema', mutate: (bp) => (bp.accounts[3].role = 'workloads') },
  { name: 'missing required key', code: 'missing-key', mutate: (bp) => delete bp.accounts[3].name },
];

describe('semantic validation', () => {
  it('accepts the valid fixture without errors', async () => {
    const r = await loadData(validFixture());
    expect(codes(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it.each(CASES)('reports $name', async ({ mutate, code, severity }) => {
    const bp = validFixture();
    mutate(bp);
    const r = await loadData(bp);
    expect(codes(r, severity ?? 'error')).toContain(code);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d?.at?.line).toBeGreaterThan(0);
  });
});

describe('docs/blueprint.md', () => {
  it('documents every validator', () => {
    const doc = readFileSync(join(import.meta.dirname, '../../../docs/blueprint.md'), 'utf8');
    for (const v of VALIDATORS) expect(doc).toContain(`| \`${v.id}\``);
  });
});
