import {
  IAMClient,
  paginateGetAccountAuthorizationDetails,
  type AttachedPolicy,
  type GetAccountAuthorizationDetailsResponse,
  type GroupDetail,
  type ManagedPolicyDetail,
  type PolicyDetail,
  type RoleDetail,
  type UserDetail,
} from '@aws-sdk/client-iam';
import type {
  IamGroup,
  IamManagedPolicy,
  IamRole,
  IamSnapshot,
  IamUser,
  InlinePolicy,
} from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import {
  decodePolicyDocument,
  defined,
  isoDate,
  MalformedPolicyError,
  tagRecord,
} from './decode.js';

const API = 'iam:GetAccountAuthorizationDetails';

/** Called for each policy document that cannot be decoded (the item is left out). */
export type OnBadDocument = (what: string) => void;

function attached(list: readonly AttachedPolicy[] | undefined): string[] {
  return (list ?? []).flatMap((p) => (p.PolicyArn === undefined ? [] : [p.PolicyArn]));
}

function inline(list: readonly PolicyDetail[] | undefined, bad: OnBadDocument): InlinePolicy[] {
  const out: InlinePolicy[] = [];
  for (const p of list ?? []) {
    const document = decodePolicyDocument(p.PolicyDocument);
    if (document === undefined) bad(`inline policy ${p.PolicyName ?? '?'}`);
    else out.push({ name: p.PolicyName ?? '', document });
  }
  return out;
}

/** Whether a managed policy ARN is an AWS managed policy (`arn:<partition>:iam::aws:policy/`). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn);
}

function user(u: UserDetail, bad: OnBadDocument): IamUser {
  return {
    arn: u.Arn ?? '',
    userName: u.UserName ?? '',
    userId: u.UserId ?? '',
    path: u.Path ?? '/',
    ...defined({
      createDate: isoDate(u.CreateDate),
      permissionsBoundary: u.PermissionsBoundary?.PermissionsBoundaryArn,
    }),
    groups: [...(u.GroupList ?? [])],
    attachedPolicies: attached(u.AttachedManagedPolicies),
    inlinePolicies: inline(u.UserPolicyList, bad),
    tags: tagRecord(u.Tags),
  };
}

function group(g: GroupDetail, bad: OnBadDocument): IamGroup {
  return {
    arn: g.Arn ?? '',
    groupName: g.GroupName ?? '',
    groupId: g.GroupId ?? '',
    path: g.Path ?? '/',
    attachedPolicies: attached(g.AttachedManagedPolicies),
    inlinePolicies: inline(g.GroupPolicyList, bad),
  };
}

function role(r: RoleDetail, bad: OnBadDocument): IamRole | undefined {
  const trustPolicy = decodePolicyDocument(r.AssumeRolePolicyDocument);
  if (trustPolicy === undefined) {
    bad(`trust policy of ${r.Arn ?? '?'}`);
    return undefined;
  }
  // IAM returns `RoleLastUsed: {}` for a role not used in its tracking period: no date, no
  // Region, nothing to record (the snapshot leaves `lastUsed` out).
  const used = r.RoleLastUsed;
  const lastUsed =
    used === undefined
      ? undefined
      : defined({ date: isoDate(used.LastUsedDate), region: used.Region });
  return {
    arn: r.Arn ?? '',
    roleName: r.RoleName ?? '',
    roleId: r.RoleId ?? '',
    path: r.Path ?? '/',
    ...defined({
      createDate: isoDate(r.CreateDate),
      permissionsBoundary: r.PermissionsBoundary?.PermissionsBoundaryArn,
      lastUsed: lastUsed && Object.keys(lastUsed).length > 0 ? lastUsed : undefined,
    }),
    trustPolicy,
    attachedPolicies: attached(r.AttachedManagedPolicies),
    inlinePolicies: inline(r.RolePolicyList, bad),
    tags: tagRecord(r.Tags),
    instanceProfiles: (r.InstanceProfileList ?? []).flatMap((p) =>
      p.Arn === undefined ? [] : [p.Arn],
    ),
  };
}

function managedPolicy(p: ManagedPolicyDetail, bad: OnBadDocument): IamManagedPolicy | undefined {
  const arn = p.Arn ?? '';
  const versions = p.PolicyVersionList ?? [];
  const version =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => v.VersionId === p.DefaultVersionId);
  const document = decodePolicyDocument(version?.Document);
  if (document === undefined) {
    bad(`default version of ${arn}`);
    return undefined;
  }
  return {
    arn,
    policyName: p.PolicyName ?? '',
    path: p.Path ?? '/',
    defaultVersionId: p.DefaultVersionId ?? version?.VersionId ?? '',
    attachmentCount: p.AttachmentCount ?? 0,
    isAttachable: p.IsAttachable ?? true,
    document,
    awsManaged: isAwsManagedPolicyArn(arn),
  };
}

/**
 * The snapshot's IAM section from the pages of GetAccountAuthorizationDetails. Documents may
 * be URL-encoded strings (the SDK) or objects (the AWS CLI); one that cannot be decoded is
 * reported through `onBadDocument` and its item left out.
 */
export function authorizationDetailsToIam(
  pages: Iterable<GetAccountAuthorizationDetailsResponse>,
  onBadDocument: OnBadDocument,
): IamSnapshot {
  const out: IamSnapshot = { users: [], groups: [], roles: [], policies: [] };
  for (const page of pages) {
    for (const u of page.UserDetailList ?? []) out.users.push(user(u, onBadDocument));
    for (const g of page.GroupDetailList ?? []) out.groups.push(group(g, onBadDocument));
    for (const r of page.RoleDetailList ?? []) {
      const mapped = role(r, onBadDocument);
      if (mapped !== undefined) out.roles.push(mapped);
    }
    for (const p of page.Policies ?? []) {
      const mapped = managedPolicy(p, onBadDocument);
      if (mapped !== undefined) out.policies.push(mapped);
    }
  }
  return out;
}

/**
 * `iam.authorization-details`: users, groups, roles and managed policies of the account in
 * one paginated call (no per-principal calls). Policy documents arrive URL-encoded.
 */
export const iamAuthorizationDetailsCollector: Collector = {
  ...fromCatalogue('iam.authorization-details'),
  service: 'iam',
  async run(ctx) {
    const client = ctx.client(IAMClient);
    const pages: GetAccountAuthorizationDetailsResponse[] = [];
    for await (const page of paginateGetAccountAuthorizationDetails(
      { client },
      {},
      { abortSignal: ctx.signal },
    )) {
      pages.push(page);
    }
    const iam = authorizationDetailsToIam(pages, (what) => {
      ctx.gap(API, new MalformedPolicyError(`cannot decode the policy document (${what})`), 'iam');
    });
    return { kind: 'account', account: { iam } };
  },
};
