import { describe, expect, it } from 'vitest';
import { validFixture } from '../../../test/helpers/blueprint.js';
import { nag } from '../../../test/helpers/nag.js';
import { contextOf, exampleContext, loadSynthInput } from '../../../test/helpers/synth.js';
import { InputError } from '../../core/errors.js';
import type { CfnResource } from '../cfn.js';
import type { SynthContext } from '../context.js';
import type { StackUnit, Unit } from '../types.js';
import {
  assignmentBuckets,
  expandAssignments,
  identityCenterBuilder,
  type AssignmentItem,
} from './identity-center.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';

const permissionSets = [
  {
    id: 'admin',
    name: 'AdministratorAccess',
    description: 'Full administration',
    sessionDuration: 'PT1H',
    awsManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
  },
  {
    id: 'dev',
    name: 'Developer',
    sessionDuration: 'PT4H',
    awsManagedPolicies: [
      'arn:aws:iam::aws:policy/PowerUserAccess',
      'arn:aws:iam::${AccountId}:policy/team/dev-extra',
    ],
    customerManagedPolicies: [{ name: 'dev-base' }, { name: 'dev-net', path: '/net/' }],
    inlinePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }],
    },
    permissionsBoundary: 'arn:aws:iam::${AccountId}:policy/bounds/dev-boundary',
  },
  {
    id: 'ro',
    name: 'ReadOnly',
    sessionDuration: 'PT2H',
    awsManagedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    permissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
  },
];

const assignments = [
  { group: 'admins', permissionSet: 'admin', targets: { ous: ['security-ou'] } },
  { group: 'devs', permissionSet: 'dev', targets: { ous: ['workloads'] } },
  {
    user: 'jane@example.com',
    permissionSet: 'ro',
    targets: { all: true, includeManagement: true },
  },
  // Overlaps the first assignment on `security`: one resource, both indexes.
  { group: 'admins', permissionSet: 'admin', targets: { accounts: ['security'] } },
];

/** The valid fixture (management, security, log-archive, prod-app) with Identity Center. */
async function context(ic: Record<string, unknown> = {}, ids = false): Promise<SynthContext> {
  const bp = validFixture();
  if (ids)
    (bp.accounts as Record<string, unknown>[]).forEach((a, i) => {
      a.accountId = String(100000000000 + i);
    });
  (bp.identity as Record<string, unknown>).identityCenter = {
    groups: [
      { id: 'admins', displayName: 'aws-admins' },
      { id: 'devs', displayName: 'aws-developers' },
    ],
    permissionSets,
    assignments,
    ...ic,
  };
  return contextOf(await loadSynthInput(bp));
}

const byId = (units: Unit[], id: string): StackUnit => {
  const u = units.find((x) => x.id === id);
  if (u?.kind !== 'stack') throw new Error(`no stack ${id}`);
  return u;
};
const ofType = (u: Unit, type: string): CfnResource[] =>
  Object.values(u.template.Resources).filter((r) => r.Type === type);

describe('permission sets', () => {
  it('are one stack in the delegated administrator account, home Region', async () => {
    const ctx = await context({ delegatedAdmin: 'security' });
    const u = byId(identityCenterBuilder.build(ctx), 'identity-center');
    expect(u).toMatchObject({
      account: 'security',
      region: 'eu-west-1',
      concern: 'identity-center',
    });
    expect(u.entities).toEqual(['permission-set:admin', 'permission-set:dev', 'permission-set:ro']);
  });

  it('carry the blueprint permission set', async () => {
    const ctx = await context({ instanceArn: INSTANCE });
    const u = byId(identityCenterBuilder.build(ctx), 'identity-center');
    expect(u.account).toBe('management');
    const [admin, dev, ro] = ofType(u, 'AWS::SSO::PermissionSet').map((r) => r.Properties);
    expect(admin).toEqual({
      InstanceArn: INSTANCE,
      Name: 'AdministratorAccess',
      Description: 'Full administration',
      SessionDuration: 'PT1H',
      ManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      Tags: [{ Key: 'orgward:entity', Value: 'permission-set:admin' }],
    });
    expect(dev).toMatchObject({
      Name: 'Developer',
      SessionDuration: 'PT4H',
      ManagedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
      // Permission sets reference customer managed policies by name and path in each account.
      CustomerManagedPolicyReferences: [
        { Name: 'dev-extra', Path: '/team/' },
        { Name: 'dev-base' },
        { Name: 'dev-net', Path: '/net/' },
      ],
      InlinePolicy: permissionSets[1]?.inlinePolicy,
      PermissionsBoundary: {
        CustomerManagedPolicyReference: { Name: 'dev-boundary', Path: '/bounds/' },
      },
    });
    expect(ro?.PermissionsBoundary).toEqual({
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    expect(u.parameters).toEqual({});
    expect(u.template.Outputs?.PermissionSetDevArn).toEqual({
      Value: { 'Fn::GetAtt': ['PermissionSetDev', 'PermissionSetArn'] },
      Description: 'ARN of permission set Developer',
      Export: { Name: 'orgward-permission-set-dev-arn' },
    });
  });

  it('take the instance ARN from a deploy-resolved parameter when the blueprint lacks it', async () => {
    const ctx = await context();
    const u = byId(identityCenterBuilder.build(ctx), 'identity-center');
    expect(u.parameters).toEqual({ SsoInstanceArn: { kind: 'sso-instance-arn' } });
    expect(Object.keys(u.template.Parameters ?? {})).toEqual(['SsoInstanceArn']);
    expect(Object.keys(u.template)).toEqual([
      'AWSTemplateFormatVersion',
      'Description',
      'Parameters',
      'Resources',
      'Outputs',
    ]);
    expect(ofType(u, 'AWS::SSO::PermissionSet')[0]?.Properties?.InstanceArn).toEqual({
      Ref: 'SsoInstanceArn',
    });
    expect(u.template.Outputs?.SsoInstanceArn?.Export).toEqual({
      Name: 'orgward-sso-instance-arn',
    });
  });

  it('are left out without Identity Center', async () => {
    const ctx = contextOf(await loadSynthInput(validFixture()));
    expect(identityCenterBuilder.build(ctx)).toEqual([]);
  });
});

describe('assignments', () => {
  it('expand to principal x selected account, merging duplicates', async () => {
    const ctx = await context();
    const items = expandAssignments(ctx, ctx.bp.identity.identityCenter ?? never());
    const keys = items.map(
      (i) => `${i.indexes.join('+')} ${i.permissionSet} ${i.principal} ${i.account}`,
    );
    expect(keys).toEqual([
      '0+3 admin admins security',
      '0 admin admins log-archive',
      '1 dev devs prod-app',
      '2 ro jane@example.com management',
      '2 ro jane@example.com security',
      '2 ro jane@example.com log-archive',
      '2 ro jane@example.com prod-app',
    ]);
    expect(items.find((i) => i.principal === 'jane@example.com')?.principalType).toBe('USER');
  });

  it('become AWS::SSO::Assignment resources importing the permission set ARNs', async () => {
    const ctx = await context({}, true);
    const units = identityCenterBuilder.build(ctx);
    const chunk = byId(units, 'identity-center-assignments-1');
    expect(chunk.dependsOn).toEqual(['identity-center']);
    expect(chunk.account).toBe('management');
    const all = ofType(chunk, 'AWS::SSO::Assignment').map((r) => r.Properties);
    expect(all).toHaveLength(7);
    expect(all).toContainEqual({
      InstanceArn: { 'Fn::ImportValue': 'orgward-sso-instance-arn' },
      PermissionSetArn: { 'Fn::ImportValue': 'orgward-permission-set-dev-arn' },
      PrincipalId: { Ref: 'SsoGroupDevsId' },
      PrincipalType: 'GROUP',
      TargetId: '100000000003',
      TargetType: 'AWS_ACCOUNT',
    });
    const user = all.find((p) => p?.PrincipalType === 'USER');
    const userParam = (user?.PrincipalId as { Ref: string }).Ref;
    expect(chunk.parameters).toEqual({
      SsoGroupAdminsId: { kind: 'sso-group-id', group: 'admins' },
      SsoGroupDevsId: { kind: 'sso-group-id', group: 'devs' },
      [userParam]: { kind: 'sso-user-id', user: 'jane@example.com' },
    });
    expect(chunk.template.Parameters?.SsoGroupDevsId?.Description).toBe(
      'identity store id of group aws-developers',
    );
    expect(chunk.entities).toEqual([
      'assignment:0',
      'assignment:1',
      'assignment:2',
      'assignment:3',
    ]);
  });

  it('in the management account go to its own stack when a delegated administrator runs Identity Center', async () => {
    const ctx = await context({ delegatedAdmin: 'security' });
    const units = identityCenterBuilder.build(ctx);
    const mgmt = byId(units, 'identity-center-management');
    expect(mgmt.account).toBe('management');
    expect(mgmt.dependsOn).toEqual([]);
    // Its own copy of the permission set: a delegated administrator cannot manage one
    // provisioned in the management account.
    const [ps] = ofType(mgmt, 'AWS::SSO::PermissionSet').map((r) => r.Properties);
    expect(ps?.Name).toBe('ReadOnly-mgmt');
    const [a, ...rest] = ofType(mgmt, 'AWS::SSO::Assignment').map((r) => r.Properties);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({
      PermissionSetArn: { 'Fn::GetAtt': ['PermissionSetRo', 'PermissionSetArn'] },
      TargetId: { Ref: 'AccountIdManagement' },
      PrincipalType: 'USER',
    });
    expect(mgmt.parameters.SsoInstanceArn).toEqual({ kind: 'sso-instance-arn' });
    const chunks = units.filter((u) => u.id.startsWith('identity-center-assignments-'));
    const targets = chunks.flatMap((c) =>
      ofType(c, 'AWS::SSO::Assignment').map((r) => r.Properties?.TargetId),
    );
    expect(targets).toHaveLength(6);
    expect(targets).not.toContainEqual({ Ref: 'AccountIdManagement' });
    expect(chunks.every((c) => c.kind === 'stack' && c.account === 'security')).toBe(true);
  });

  it('refuse a management copy whose name would pass 32 characters', async () => {
    const long = permissionSets.map((p) =>
      p.id === 'ro' ? { ...p, name: 'ReadOnlyForEveryoneInTheCompany1' } : p,
    );
    const ctx = await context({ delegatedAdmin: 'security', permissionSets: long });
    expect(() => identityCenterBuilder.build(ctx)).toThrow(InputError);
    expect(() => identityCenterBuilder.build(ctx)).toThrow(/ReadOnlyForEveryoneInTheCompany1-mgmt/);
  });
});

describe('chunking', () => {
  const items = (accounts: string[], perAccount: number): AssignmentItem[] =>
    accounts.flatMap((account) =>
      Array.from({ length: perAccount }, (_, i) => ({
        indexes: [i],
        permissionSet: `ps-${String(i)}`,
        principalType: 'GROUP' as const,
        principal: 'g',
        account,
      })),
    );
  const accounts = Array.from({ length: 40 }, (_, i) => `acct-${String(i)}`);
  const limited = (ctx: SynthContext, resources: number, parameters = 200): SynthContext => ({
    ...ctx,
    limits: { ...ctx.limits, stackMaxResources: resources, stackMaxParameters: parameters },
  });

  it('keeps every bucket under the resource limit and an account in one bucket', async () => {
    const ctx = limited(await context(), 30);
    const all = items(accounts, 3);
    const buckets = assignmentBuckets(ctx, all);
    expect(buckets.length).toBeGreaterThan(1);
    for (const b of buckets) expect(b.items.length).toBeLessThanOrEqual(30);
    expect(buckets.flatMap((b) => b.items)).toHaveLength(all.length);
    const home = new Map<string, number>();
    for (const b of buckets)
      for (const i of b.items) {
        expect(home.get(i.account) ?? b.part).toBe(b.part);
        home.set(i.account, b.part);
      }
  });

  it('counts parameters too (unknown account ids and principals)', async () => {
    const ctx = limited(await context(), 500, 12);
    const buckets = assignmentBuckets(ctx, items(accounts, 1));
    expect(buckets.length).toBeGreaterThan(1);
    // Each account id is a parameter here, plus the group and the margin of one.
    for (const b of buckets)
      expect(new Set(b.items.map((i) => i.account)).size + 2).toBeLessThanOrEqual(12);
  });

  it('changes only the removed account’s bucket', async () => {
    const ctx = limited(await context(), 30);
    const before = assignmentBuckets(ctx, items(accounts, 3));
    const after = assignmentBuckets(ctx, items(accounts.slice(1), 3));
    expect(after[0]?.of).toBe(before[0]?.of);
    const text = (list: typeof before) => new Map(list.map((b) => [b.part, JSON.stringify(b)]));
    const [was, now] = [text(before), text(after)];
    const changed = [...was.keys()].filter((part) => was.get(part) !== now.get(part));
    expect(changed).toHaveLength(1);
    const bucket = before.find((b) => b.part === changed[0]);
    expect(bucket?.items.some((i) => i.account === 'acct-0')).toBe(true);
  });

  it('splits into identity-center-assignments-<n> stacks', async () => {
    const ctx = await context();
    const units = identityCenterBuilder.build(limited(ctx, 2));
    const chunks = units.filter((u) => u.id.startsWith('identity-center-assignments-'));
    for (const c of chunks) expect(c.id).toMatch(/^identity-center-assignments-\d+$/);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    for (const c of chunks) {
      expect(Object.keys(c.template.Resources).length).toBeLessThanOrEqual(2);
      expect(c.dependsOn).toEqual(['identity-center']);
    }
  });

  it('is bad input when one account alone is over the limits', async () => {
    const ctx = limited(await context(), 2);
    expect(() => assignmentBuckets(ctx, items(['a'], 3))).toThrow(InputError);
  });
});

describe('cdk-nag over every Identity Center unit of the examples', () => {
  it.each(['minimal', 'standard', 'regulated'] as const)(
    '%s',
    async (name) => {
      const ctx = await exampleContext(name);
      const results: Record<string, unknown> = {};
      for (const u of identityCenterBuilder.build(ctx)) {
        const r = await nag(u.template);
        if (r.findings.length || r.unjustified.length) results[u.id] = r;
      }
      expect(results).toEqual({});
    },
    120_000,
  );
});

function never(): never {
  throw new Error('the fixture has Identity Center');
}
