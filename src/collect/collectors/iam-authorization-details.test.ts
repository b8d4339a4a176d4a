import {
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  type GetAccountAuthorizationDetailsResponse,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeContext } from './__fixtures__/context.js';
import {
  authorizationDetailsToIam,
  iamAuthorizationDetailsCollector,
  isAwsManagedPolicyArn,
} from './iam-authorization-details.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const trust = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};
const s3Read = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
};
const admin = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};
const old = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
/** IAM through the SDK: RFC 3986 URL-encoded JSON. */
const enc = (d: object) => encodeURIComponent(JSON.stringify(d));

// Shapes as the IAM API reference gives GetAccountAuthorizationDetails' response.
const page1: GetAccountAuthorizationDetailsResponse = {
  UserDetailList: [
    {
      Path: '/',
      UserName: 'alice',
      UserId: 'AIDAEXAMPLE1',
      Arn: 'arn:aws:iam::111122223333:user/alice',
      CreateDate: new Date('2020-01-01T00:00:00Z'),
      UserPolicyList: [{ PolicyName: 'read', PolicyDocument: enc(s3Read) }],
      GroupList: ['admins'],
      AttachedManagedPolicies: [
        {
          PolicyName: 'AdministratorAccess',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      ],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary',
      },
      Tags: [{ Key: 'team', Value: 'platform' }],
    },
  ],
  GroupDetailList: [
    {
      Path: '/',
      GroupName: 'admins',
      GroupId: 'AGPAEXAMPLE1',
      Arn: 'arn:aws:iam::111122223333:group/admins',
      CreateDate: new Date('2020-01-01T00:00:00Z'),
      GroupPolicyList: [],
      AttachedManagedPolicies: [
        {
          PolicyName: 'AdministratorAccess',
          PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        },
      ],
    },
  ],
  RoleDetailList: [],
  Policies: [],
  IsTruncated: true,
  Marker: 'page-2',
};
const page2: GetAccountAuthorizationDetailsResponse = {
  UserDetailList: [],
  GroupDetailList: [],
  RoleDetailList: [
    {
      Path: '/service/',
      RoleName: 'app',
      RoleId: 'AROAEXAMPLE1',
      Arn: 'arn:aws:iam::111122223333:role/service/app',
      CreateDate: new Date('2021-05-06T07:08:09Z'),
      AssumeRolePolicyDocument: enc(trust),
      InstanceProfileList: [
        {
          Path: '/',
          InstanceProfileName: 'app',
          InstanceProfileId: 'AIPAEXAMPLE1',
          Arn: 'arn:aws:iam::111122223333:instance-profile/app',
          CreateDate: new Date('2021-05-06T07:08:09Z'),
          Roles: [],
        },
      ],
      RolePolicyList: [{ PolicyName: 'inline', PolicyDocument: enc(s3Read) }],
      AttachedManagedPolicies: [
        { PolicyName: 'mine', PolicyArn: 'arn:aws:iam::111122223333:policy/mine' },
      ],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary',
      },
      Tags: [{ Key: 'env', Value: 'prod' }],
      RoleLastUsed: { LastUsedDate: new Date('2024-02-03T04:05:06Z'), Region: 'eu-west-1' },
    },
  ],
  Policies: [
    {
      PolicyName: 'mine',
      PolicyId: 'ANPAEXAMPLE1',
      Arn: 'arn:aws:iam::111122223333:policy/mine',
      Path: '/',
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: new Date('2020-01-01T00:00:00Z'),
      UpdateDate: new Date('2020-02-01T00:00:00Z'),
      PolicyVersionList: [
        { Document: enc(old), VersionId: 'v1', IsDefaultVersion: false },
        { Document: enc(s3Read), VersionId: 'v2', IsDefaultVersion: true },
      ],
    },
    {
      PolicyName: 'AdministratorAccess',
      PolicyId: 'ANPAIWMBCKSKIEE64ZLYK',
      Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 2,
      IsAttachable: true,
      PolicyVersionList: [{ Document: enc(admin), VersionId: 'v1', IsDefaultVersion: true }],
    },
  ],
  IsTruncated: false,
};

describe('iam.authorization-details', () => {
  it('reads every page and decodes URL-encoded documents', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).resolvesOnce(page1).resolvesOnce(page2);
    const ctx = fakeContext();
    const result = await iamAuthorizationDetailsCollector.run(ctx);
    // The paginator reuses one input object: the second call carries the first page's marker.
    const calls = iam.commandCalls(GetAccountAuthorizationDetailsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.args[0].input).toEqual({ Marker: 'page-2' });
    expect(ctx.gaps).toEqual([]);
    expect(result.kind).toBe('account');
    const out = result.kind === 'account' ? result.account.iam : undefined;
    expect(out?.users).toEqual([
      {
        arn: 'arn:aws:iam::111122223333:user/alice',
        userName: 'alice',
        userId: 'AIDAEXAMPLE1',
        path: '/',
        createDate: '2020-01-01T00:00:00.000Z',
        permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
        groups: ['admins'],
        attachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        inlinePolicies: [{ name: 'read', document: s3Read }],
        tags: { team: 'platform' },
      },
    ]);
    expect(out?.groups).toEqual([
      {
        arn: 'arn:aws:iam::111122223333:group/admins',
        groupName: 'admins',
        groupId: 'AGPAEXAMPLE1',
        path: '/',
        attachedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        inlinePolicies: [],
      },
    ]);
    expect(out?.roles).toEqual([
      {
        arn: 'arn:aws:iam::111122223333:role/service/app',
        roleName: 'app',
        roleId: 'AROAEXAMPLE1',
        path: '/service/',
        createDate: '2021-05-06T07:08:09.000Z',
        permissionsBoundary: 'arn:aws:iam::111122223333:policy/boundary',
        lastUsed: { date: '2024-02-03T04:05:06.000Z', region: 'eu-west-1' },
        trustPolicy: trust,
        attachedPolicies: ['arn:aws:iam::111122223333:policy/mine'],
        inlinePolicies: [{ name: 'inline', document: s3Read }],
        tags: { env: 'prod' },
        instanceProfiles: ['arn:aws:iam::111122223333:instance-profile/app'],
      },
    ]);
    expect(out?.policies).toEqual([
      {
        arn: 'arn:aws:iam::111122223333:policy/mine',
        policyName: 'mine',
        path: '/',
        defaultVersionId: 'v2',
        attachmentCount: 1,
        isAttachable: true,
        document: s3Read,
        awsManaged: false,
      },
      {
        arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        policyName: 'AdministratorAccess',
        path: '/',
        defaultVersionId: 'v1',
        attachmentCount: 2,
        isAttachable: true,
        document: admin,
        awsManaged: true,
      },
    ]);
  });

  it('accepts documents already decoded (AWS CLI output) in the exported mapper', () => {
    const cli = JSON.parse(
      JSON.stringify(page2, (_k, v: unknown) =>
        typeof v === 'string' && v.startsWith('%7B') ? JSON.parse(decodeURIComponent(v)) : v,
      ),
    ) as GetAccountAuthorizationDetailsResponse;
    expect(typeof cli.RoleDetailList?.[0]?.AssumeRolePolicyDocument).toBe('object');
    const bad: string[] = [];
    const out = authorizationDetailsToIam([cli], (w) => bad.push(w));
    expect(bad).toEqual([]);
    expect(out.roles[0]?.trustPolicy).toEqual(trust);
    expect(out.roles[0]?.createDate).toBe('2021-05-06T07:08:09.000Z');
    expect(out.policies.map((p) => p.document)).toEqual([s3Read, admin]);
  });

  it('leaves lastUsed out for a role never used (IAM answers RoleLastUsed: {})', () => {
    const unused = structuredClone(page2);
    unused.RoleDetailList![0]!.RoleLastUsed = {};
    const out = authorizationDetailsToIam([unused], () => undefined);
    expect(out.roles[0]).toBeDefined();
    expect(out.roles[0]).not.toHaveProperty('lastUsed');
    const used = authorizationDetailsToIam([page2], () => undefined);
    expect(used.roles[0]?.lastUsed).toEqual({
      date: '2024-02-03T04:05:06.000Z',
      region: 'eu-west-1',
    });
  });

  it('records a gap for a document it cannot decode and keeps the rest', async () => {
    const broken = structuredClone(page2);
    broken.RoleDetailList![0]!.AssumeRolePolicyDocument = '%7B%22Version';
    broken.Policies![0]!.PolicyVersionList![1]!.Document = 'not json';
    iam.on(GetAccountAuthorizationDetailsCommand).resolves(broken);
    const ctx = fakeContext();
    const result = await iamAuthorizationDetailsCollector.run(ctx);
    const out = result.kind === 'account' ? result.account.iam : undefined;
    expect(out?.roles).toEqual([]);
    expect(out?.policies.map((p) => p.policyName)).toEqual(['AdministratorAccess']);
    expect(ctx.gaps.map((g) => [g.api, g.code])).toEqual([
      ['iam:GetAccountAuthorizationDetails', 'MalformedPolicyDocument'],
      ['iam:GetAccountAuthorizationDetails', 'MalformedPolicyDocument'],
    ]);
  });

  it('lets a failure of the call itself throw (the engine records the section gap)', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDenied' }));
    await expect(iamAuthorizationDetailsCollector.run(fakeContext())).rejects.toThrow('no');
  });

  it.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', true],
    ['arn:aws-us-gov:iam::aws:policy/service-role/X', true],
    ['arn:aws:iam::111122223333:policy/aws', false],
  ])('isAwsManagedPolicyArn(%s) = %s', (arn, expected) => {
    expect(isAwsManagedPolicyArn(arn)).toBe(expected);
  });
});
