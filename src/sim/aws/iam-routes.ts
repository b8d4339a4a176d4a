/**
 * IAM responders. Documents are URL-encoded JSON (`encodeURIComponent(JSON.stringify(doc))`)
 * as the IAM API returns them; GetAccountAuthorizationDetails pages with MaxItems (default
 * 100) / Marker / IsTruncated, mixing users, groups, roles and policies in one page as AWS
 * does; "no password policy" is NoSuchEntity (404).
 */
import * as iam from '@aws-sdk/client-iam';
import type {
  AccountSnapshot,
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamUser,
  InlinePolicy,
} from '../../snapshot/types.js';
import { ALPHABET, rng } from '../random.js';
import { awsError } from './errors.js';
import { date, num, page, str, strs, tagList, type Call, type Route } from './route.js';

const S = 'iam';
const MAX_ITEMS = 1000;
const DEFAULT_ITEMS = 100;

const encode = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
const inline = (list: readonly InlinePolicy[]) =>
  list.map((p) => ({ PolicyName: p.name, PolicyDocument: encode(p.document) }));
const attached = (arns: readonly string[]) =>
  arns.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn }));
const boundary = (arn: string | undefined) =>
  arn
    ? {
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: arn,
        },
      }
    : {};

function noSuchEntity(message: string): Error {
  return awsError(S, 'NoSuchEntity', 404, message, iam.NoSuchEntityException);
}

type Entry =
  | { kind: 'user'; v: IamUser }
  | { kind: 'group'; v: IamGroup }
  | { kind: 'role'; v: IamRole }
  | { kind: 'policy'; v: IamManagedPolicy };

function entries(c: Call, filter: readonly string[]): Entry[] {
  const a = c.account;
  return c.idx.memo(`gaad|${c.accountId}|${filter.join(',')}|${a ? '' : 'none'}`, () => {
    const all = !filter.length;
    const want = (k: string) => all || filter.includes(k);
    const x = a?.iam;
    if (!x) return [];
    return [
      ...(want('User') ? x.users.map((v): Entry => ({ kind: 'user', v })) : []),
      ...(want('Group') ? x.groups.map((v): Entry => ({ kind: 'group', v })) : []),
      ...(want('Role') ? x.roles.map((v): Entry => ({ kind: 'role', v })) : []),
      ...x.policies
        .filter((p) => want(p.awsManaged ? 'AWSManagedPolicy' : 'LocalManagedPolicy'))
        .map((v): Entry => ({ kind: 'policy', v })),
    ];
  });
}

function policyDetail(c: Call, p: IamManagedPolicy) {
  const created = new Date(Date.parse(c.idx.snapshot.takenAt) - 1000 * 86_400_000);
  return {
    PolicyName: p.policyName,
    PolicyId: `ANPA${rng('policy-id', p.arn).chars(17, ALPHABET.upperAlnum)}`,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: p.attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: p.isAttachable,
    CreateDate: created,
    UpdateDate: created,
    PolicyVersionList: [
      {
        Document: encode(p.document),
        VersionId: p.defaultVersionId,
        IsDefaultVersion: true,
        CreateDate: created,
      },
    ],
  };
}

function gaad(c: Call) {
  const p = page(
    S,
    entries(c, strs(c.input, 'Filter')),
    str(c.input, 'Marker'),
    num(c.input, 'MaxItems') ?? DEFAULT_ITEMS,
    MAX_ITEMS,
    'InvalidInput',
  );
  const out = {
    UserDetailList: [] as unknown[],
    GroupDetailList: [] as unknown[],
    RoleDetailList: [] as unknown[],
    Policies: [] as unknown[],
    IsTruncated: p.next !== undefined,
    ...(p.next !== undefined ? { Marker: p.next } : {}),
  };
  for (const e of p.items) {
    if (e.kind === 'user') {
      const u = e.v;
      out.UserDetailList.push({
        Path: u.path,
        UserName: u.userName,
        UserId: u.userId,
        Arn: u.arn,
        CreateDate: date(u.createDate),
        UserPolicyList: inline(u.inlinePolicies),
        GroupList: [...u.groups],
        AttachedManagedPolicies: attached(u.attachedPolicies),
        ...boundary(u.permissionsBoundary),
        Tags: tagList(u.tags),
      });
    } else if (e.kind === 'group') {
      const g = e.v;
      out.GroupDetailList.push({
        Path: g.path,
        GroupName: g.groupName,
        GroupId: g.groupId,
        Arn: g.arn,
        GroupPolicyList: inline(g.inlinePolicies),
        AttachedManagedPolicies: attached(g.attachedPolicies),
      });
    } else if (e.kind === 'role') {
      const r = e.v;
      out.RoleDetailList.push({
        Path: r.path,
        RoleName: r.roleName,
        RoleId: r.roleId,
        Arn: r.arn,
        CreateDate: date(r.createDate),
        AssumeRolePolicyDocument: encode(r.trustPolicy),
        InstanceProfileList: r.instanceProfiles.map((arn) => ({
          Arn: arn,
          InstanceProfileName: arn.split('/').pop(),
          Path: '/',
          Roles: [],
        })),
        RolePolicyList: inline(r.inlinePolicies),
        AttachedManagedPolicies: attached(r.attachedPolicies),
        ...boundary(r.permissionsBoundary),
        Tags: tagList(r.tags),
        RoleLastUsed: r.lastUsed
          ? {
              ...(r.lastUsed.date ? { LastUsedDate: date(r.lastUsed.date) } : {}),
              ...(r.lastUsed.region ? { Region: r.lastUsed.region } : {}),
            }
          : {},
      });
    } else out.Policies.push(policyDetail(c, e.v));
  }
  return out;
}

const pascal = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

function route(op: string, command: Route['command'], handle: (c: Call) => unknown): Route {
  return { api: `iam:${op}`, client: iam.IAMClient, command, regional: false, handle };
}

function keysByUser(c: Call, a: AccountSnapshot | undefined) {
  return c.idx.memo(`keys|${c.accountId}`, () => {
    const m = new Map<string, NonNullable<AccountSnapshot['accessKeys']>>();
    for (const k of a?.accessKeys ?? []) m.set(k.userName, [...(m.get(k.userName) ?? []), k]);
    return m;
  });
}

/** IAM routes. */
export function iamRoutes(): Route[] {
  return [
    route('GetAccountAuthorizationDetails', iam.GetAccountAuthorizationDetailsCommand, gaad),
    route('GetAccountPasswordPolicy', iam.GetAccountPasswordPolicyCommand, (c) => {
      const pp = c.account?.passwordPolicy;
      if (!pp)
        throw noSuchEntity(`The Password Policy with domain name ${c.accountId} cannot be found.`);
      return {
        PasswordPolicy: Object.fromEntries(Object.entries(pp).map(([k, v]) => [pascal(k), v])),
      };
    }),
    route('GetAccountSummary', iam.GetAccountSummaryCommand, (c) => ({
      SummaryMap: { ...c.account?.accountSummary },
    })),
    route('ListSAMLProviders', iam.ListSAMLProvidersCommand, (c) => ({
      SAMLProviderList: (c.account?.samlProviders ?? []).map((p) => ({
        Arn: p.arn,
        ValidUntil: date(p.validUntil),
        CreateDate: date(p.createDate),
      })),
    })),
    route('ListOpenIDConnectProviders', iam.ListOpenIDConnectProvidersCommand, (c) => ({
      OpenIDConnectProviderList: (c.account?.oidcProviders ?? []).map((p) => ({ Arn: p.arn })),
    })),
    route('GetOpenIDConnectProvider', iam.GetOpenIDConnectProviderCommand, (c) => {
      const arn = str(c.input, 'OpenIDConnectProviderArn');
      const p = (c.account?.oidcProviders ?? []).find((x) => x.arn === arn);
      if (!p) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn ?? ''}`);
      return {
        Url: p.url,
        ClientIDList: [...p.clientIds],
        ThumbprintList: [...p.thumbprints],
        CreateDate: new Date(Date.parse(c.idx.snapshot.takenAt) - 500 * 86_400_000),
        Tags: [],
      };
    }),
    route('ListUsers', iam.ListUsersCommand, (c) => {
      const prefix = str(c.input, 'PathPrefix') ?? '/';
      const users = (c.account?.iam?.users ?? []).filter((u) => u.path.startsWith(prefix));
      const p = page(
        S,
        users,
        str(c.input, 'Marker'),
        num(c.input, 'MaxItems') ?? DEFAULT_ITEMS,
        MAX_ITEMS,
        'InvalidInput',
      );
      return {
        Users: p.items.map((u) => ({
          Path: u.path,
          UserName: u.userName,
          UserId: u.userId,
          Arn: u.arn,
          CreateDate: date(u.createDate),
        })),
        IsTruncated: p.next !== undefined,
        ...(p.next !== undefined ? { Marker: p.next } : {}),
      };
    }),
    route('ListAccessKeys', iam.ListAccessKeysCommand, (c) => {
      const name = str(c.input, 'UserName') ?? '';
      if (!(c.account?.iam?.users ?? []).some((u) => u.userName === name))
        throw noSuchEntity(`The user with name ${name} cannot be found.`);
      const keys = keysByUser(c, c.account).get(name) ?? [];
      return {
        AccessKeyMetadata: keys.map((k) => ({
          UserName: k.userName,
          AccessKeyId: k.accessKeyId,
          Status: k.status,
          CreateDate: date(k.createDate),
        })),
        IsTruncated: false,
      };
    }),
    route('GetAccessKeyLastUsed', iam.GetAccessKeyLastUsedCommand, (c) => {
      const id = str(c.input, 'AccessKeyId');
      const k = (c.account?.accessKeys ?? []).find((x) => x.accessKeyId === id);
      if (!k)
        throw awsError(
          S,
          'AccessDenied',
          403,
          `The access key ${id ?? ''} does not belong to this account.`,
        );
      const used = k.lastUsed;
      return {
        UserName: k.userName,
        AccessKeyLastUsed: {
          ...(used?.date ? { LastUsedDate: date(used.date) } : {}),
          ServiceName: used?.serviceName ?? 'N/A',
          Region: used?.region ?? 'N/A',
        },
      };
    }),
  ];
}
