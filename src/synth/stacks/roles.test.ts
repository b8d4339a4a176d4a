import { describe, expect, it } from 'vitest';
import { validFixture } from '../../../test/helpers/blueprint.js';
import { nag } from '../../../test/helpers/nag.js';
import { contextOf, exampleContext, loadSynthInput } from '../../../test/helpers/synth.js';
import { collectorPolicyDocument } from '../../collect/role-policy.js';
import { InputError } from '../../core/errors.js';
import type { CfnResource } from '../cfn.js';
import type { SynthContext } from '../context.js';
import type { StackSetUnit, StackUnit, Unit } from '../types.js';
import { DEFAULT_AUDIT_ROLE_NAME } from './roles-audit.js';
import { managedPolicyArn, wildcardFindings } from './roles-template.js';
import { rolesBuilder } from './roles.js';

/** The valid fixture (management, security, log-archive, prod-app; role `pipeline`) plus roles. */
async function context(roles: object[] = [], edit?: (bp: Record<string, unknown>) => void) {
  const bp = validFixture();
  (bp.identity as { roles: object[] }).roles.push(...roles);
  edit?.(bp);
  return contextOf(await loadSynthInput(bp));
}

const role = (over: object) => ({
  id: 'ops',
  name: 'ops-admin',
  targets: { all: true },
  trust: [{ account: 'security' }],
  ...over,
});

function unit(ctx: SynthContext, id: string): Unit {
  const u = rolesBuilder.build(ctx).find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
}
const roleOf = (u: Unit): CfnResource => u.template.Resources.Role ?? { Type: 'missing' };
const props = (u: Unit) => roleOf(u).Properties ?? {};
const suppressed = (r: CfnResource | undefined) =>
  (
    (r?.Metadata?.cdk_nag as { rules_to_suppress: { id: string }[] } | undefined)
      ?.rules_to_suppress ?? []
  ).map((s) => s.id);

describe('targets', () => {
  const cases: {
    name: string;
    targets: object;
    stackset: string[] | undefined;
    ous?: string[] | undefined;
    management: boolean;
  }[] = [
    {
      name: 'all: every member account, as the root OU',
      targets: { all: true },
      stackset: ['security', 'log-archive', 'prod-app'],
      ous: ['root'],
      management: false,
    },
    {
      name: 'includeManagement adds a plain stack there',
      targets: { all: true, includeManagement: true },
      stackset: ['security', 'log-archive', 'prod-app'],
      ous: ['root'],
      management: true,
    },
    {
      name: 'the management account alone: no StackSet',
      targets: { accounts: ['management'] },
      stackset: undefined,
      management: true,
    },
    {
      name: 'whole OUs are targeted as OUs',
      targets: { ous: ['workloads'] },
      stackset: ['prod-app'],
      ous: ['workloads'],
      management: false,
    },
    {
      name: 'part of an OU: accounts only',
      targets: { accounts: ['security', 'prod-app'] },
      stackset: ['security', 'prod-app'],
      ous: undefined,
      management: false,
    },
    {
      name: 'selector Regions do not apply to IAM',
      targets: { ous: ['workloads'], regions: ['eu-central-1', 'eu-west-1'] },
      stackset: ['prod-app'],
      ous: ['workloads'],
      management: false,
    },
  ];

  it.each(cases)('$name', async (c) => {
    const ctx = await context([role({ targets: c.targets })]);
    const units = rolesBuilder.build(ctx).filter((u) => u.id.startsWith('role-ops'));
    const set = units.find((u): u is StackSetUnit => u.kind === 'stackset');
    const stack = units.find((u): u is StackUnit => u.kind === 'stack');
    expect(set?.accounts).toEqual(c.stackset);
    if (set) {
      expect(set.id).toBe('role-ops');
      expect(set.regions).toEqual(['eu-west-1']);
      expect(set.ous).toEqual(c.ous);
      expect(set.concern).toBe('baseline');
    }
    expect(stack !== undefined).toBe(c.management);
    if (stack) {
      expect(stack).toMatchObject({ id: 'role-ops-management', account: 'management' });
      expect(stack.region).toBe('eu-west-1');
      // Same template body as the StackSet (identity outputs are added later by synth).
      if (set) expect(stack.template).toEqual(set.template);
    }
  });

  it('leaves out accounts orgward does not manage', async () => {
    const ctx = await context([role({})], (bp) => {
      const a = (bp.accounts as Record<string, unknown>[]).find((x) => x.id === 'log-archive');
      if (a) a.lifecycle = 'observed';
    });
    expect((unit(ctx, 'role-ops') as StackSetUnit).accounts).toEqual(['security', 'prod-app']);
  });
});

describe('the role resource', () => {
  it('carries the blueprint role', async () => {
    const ctx = await context([
      role({
        path: '/ops/',
        description: 'Operations',
        maxSessionDuration: 7200,
        managedPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::${AccountId}:policy/ops-extra',
          'arn:aws:iam::123456789012:policy/shared',
        ],
        permissionsBoundary: 'arn:aws:iam::${AccountId}:policy/boundary',
        inlinePolicies: [
          {
            name: 'tags',
            document: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' }],
            },
          },
        ],
      }),
    ]);
    const u = unit(ctx, 'role-ops');
    expect(roleOf(u).Type).toBe('AWS::IAM::Role');
    expect(props(u)).toMatchObject({
      RoleName: 'ops-admin',
      Path: '/ops/',
      Description: 'Operations',
      MaxSessionDuration: 7200,
      ManagedPolicyArns: [
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/ops-extra' },
        'arn:aws:iam::123456789012:policy/shared',
      ],
      PermissionsBoundary: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/boundary' },
      Policies: [
        {
          PolicyName: 'tags',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*' }],
          },
        },
      ],
      Tags: [{ Key: 'orgward:entity', Value: 'role:ops' }],
    });
    const trust = props(u).AssumeRolePolicyDocument as { Statement: { Sid: string }[] };
    expect(trust.Statement.map((s) => s.Sid)).toEqual(['TrustAccounts']);
    expect(u.entities).toEqual(['role:ops']);
    expect(u.capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    // One suppression per finding: the AWS managed policy and the inline wildcard only.
    expect(suppressed(roleOf(u))).toEqual([
      'AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/ReadOnlyAccess]',
      'AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  it.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    [
      'arn:aws:iam::${AccountId}:policy/team/x',
      { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:policy/team/x' },
    ],
    ['arn:aws-cn:iam::123456789012:policy/y', 'arn:aws-cn:iam::123456789012:policy/y'],
  ])('managedPolicyArn(%s)', (arn, want) => {
    expect(managedPolicyArn(arn)).toEqual(want);
  });

  it.each([
    [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' }, []],
    [{ Effect: 'Deny', Action: '*', Resource: '*' }, []],
    [
      {
        Effect: 'Allow',
        Action: ['s3:Get*', 'ec2:X'],
        Resource: 'arn:aws:s3:::b/${aws:username}/*',
      },
      ['[Action::s3:Get*]', '[Resource::arn:aws:s3:::b/<aws:username>/*]'],
    ],
    [{ Effect: 'Allow', NotAction: 'iam:*', Resource: 'x' }, ['']],
  ])('wildcardFindings(%j)', (statement, want) => {
    expect(wildcardFindings({ Version: '2012-10-17', Statement: [statement] })).toEqual(want);
  });

  it('refuses an audit role the collector policies push over the managed policy quota', async () => {
    // Nine is valid in the blueprint; the two collector policies make eleven.
    const nine = Array.from({ length: 9 }, (_, i) => `arn:aws:iam::aws:policy/P${String(i)}`);
    const ctx = await context([role({ purpose: 'audit', managedPolicies: nine })]);
    expect(() => rolesBuilder.build(ctx)).toThrow(InputError);
    expect(() => rolesBuilder.build(ctx)).toThrow(/limits\.managedPoliciesPerRole/);
  });
});

describe('the audit role collect assumes', () => {
  it('is a default role trusted by the security account when the blueprint has none', async () => {
    const ctx = await context();
    const u = unit(ctx, 'role-audit') as StackSetUnit;
    expect(u.accounts).toEqual(['security', 'log-archive', 'prod-app']);
    expect(unit(ctx, 'role-audit-management').kind).toBe('stack');
    expect(u.entities).toEqual(['audit-role']);
    expect(props(u).RoleName).toBe(DEFAULT_AUDIT_ROLE_NAME);
    expect(props(u).Tags).toEqual([{ Key: 'orgward:entity', Value: 'audit-role' }]);
    const trust = props(u).AssumeRolePolicyDocument as {
      Statement: { Principal: unknown; Condition: Record<string, unknown> }[];
    };
    expect(trust.Statement).toHaveLength(1);
    expect(trust.Statement[0]?.Principal).toEqual({
      AWS: {
        'Fn::Sub': ['arn:aws:iam::${Account}:root', { Account: { Ref: 'AccountIdSecurity' } }],
      },
    });
    // No MFA (collect runs unattended), no ExternalId, inside the organization only.
    expect(trust.Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } },
    });
    expect(props(u).ManagedPolicyArns).toEqual([
      'arn:aws:iam::aws:policy/SecurityAudit',
      { Ref: 'CollectorPolicy' },
      {
        'Fn::If': [
          'IsCollectorAccount',
          { Ref: 'CollectorOrganizationPolicy' },
          { Ref: 'AWS::NoValue' },
        ],
      },
    ]);
    expect(suppressed(roleOf(u))).toEqual([
      'AwsSolutions-IAM4[Policy::arn:aws:iam::aws:policy/SecurityAudit]',
    ]);
  });

  it("attaches exactly the collector's permissions, organization reads only where collect runs", async () => {
    const ctx = await context();
    const t = unit(ctx, 'role-audit').template;
    const local = t.Resources.CollectorPolicy;
    const org = t.Resources.CollectorOrganizationPolicy;
    expect(local?.Type).toBe('AWS::IAM::ManagedPolicy');
    expect(local?.Properties?.PolicyDocument).toEqual(
      collectorPolicyDocument({ organization: false }),
    );
    const full = collectorPolicyDocument();
    expect(org?.Properties?.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: full.Statement.slice(1),
    });
    expect(org?.Condition).toBe('IsCollectorAccount');
    expect(t.Conditions?.IsCollectorAccount).toEqual({
      'Fn::Equals': [{ Ref: 'AWS::AccountId' }, { Ref: 'AccountIdSecurity' }],
    });
    expect(suppressed(local)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    expect(suppressed(org)).toEqual(['AwsSolutions-IAM5[Resource::*]']);
  });

  it("extends the blueprint's audit role instead of adding one", async () => {
    const ctx = await context([
      role({
        id: 'auditor',
        name: 'sec-audit',
        purpose: 'audit',
        trust: [{ account: 'security' }],
      }),
    ]);
    const units = rolesBuilder.build(ctx);
    expect(units.map((u) => u.id)).not.toContain('role-audit');
    const u = unit(ctx, 'role-auditor');
    expect(u.entities).toEqual(['audit-role', 'role:auditor']);
    expect(u.template.Resources.CollectorPolicy?.Properties?.ManagedPolicyName).toBe(
      'sec-audit-collect',
    );
    expect(props(u).ManagedPolicyArns).toContainEqual({ Ref: 'CollectorPolicy' });
  });

  it('refuses a blueprint role that takes the default name without being the audit role', async () => {
    const ctx = await context([role({ name: DEFAULT_AUDIT_ROLE_NAME })]);
    expect(() => rolesBuilder.build(ctx)).toThrow(/purpose: audit/);
  });

  it('moves aside when a blueprint role already has the id audit', async () => {
    const ctx = await context([role({ id: 'audit', name: 'audit-ops' })]);
    const ids = rolesBuilder.build(ctx).map((u) => u.id);
    expect(ids).toContain('role-audit');
    expect(ids).toContain('role-orgward-audit');
  });
});

describe('cdk-nag over every role unit of the examples', () => {
  it.each(['minimal', 'standard', 'regulated'] as const)(
    '%s',
    async (name) => {
      const ctx = await exampleContext(name);
      const results: Record<string, unknown> = {};
      for (const u of rolesBuilder.build(ctx)) {
        const r = await nag(u.template);
        if (r.findings.length || r.unjustified.length) results[u.id] = r;
      }
      expect(results).toEqual({});
    },
    120_000,
  );
});
