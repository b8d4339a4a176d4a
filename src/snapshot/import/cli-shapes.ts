/**
 * The shapes of the AWS CLI outputs `snapshot import` reads, as zod schemas, with the
 * fields the import uses checked and every other field ignored (AWS adds fields over time).
 * Field names are the API's own (PascalCase), as the CLI prints them.
 *
 * Two CLI facts shape these schemas:
 * - Policy documents: the CLI prints IAM documents decoded, as JSON objects; the SDK (and
 *   raw API output) gives URL-encoded strings; Organizations gives JSON strings. All are
 *   accepted and come out as parsed objects.
 * - Timestamps: CLI v2 prints ISO 8601 strings; CLI v1 prints epoch seconds (a number)
 *   for JSON-protocol services such as Organizations. Both come out as `Date`.
 */
import { z } from 'zod';
import { decodePolicyDocument } from '../../collect/collectors/decode.js';
import type { PolicyDocument } from '../types.js';
import { describeValue } from '../json.js';

const str = z.string();
const optStr = z.string().optional();

/** A timestamp: ISO 8601 text or epoch seconds, as `Date`. */
export const Timestamp = z.unknown().transform((v, ctx): Date => {
  const d =
    typeof v === 'number'
      ? new Date(v * 1000)
      : typeof v === 'string' && /^\d{4}-\d\d-\d\d/.test(v)
        ? new Date(v)
        : undefined;
  if (d === undefined || Number.isNaN(d.getTime())) {
    ctx.issues.push({
      code: 'custom',
      message:
        v === undefined
          ? 'missing: expected a timestamp'
          : `expected an ISO 8601 timestamp or epoch seconds, got ${describeValue(v)}`,
      input: v,
    });
    return z.NEVER;
  }
  return d;
});

/** An optional timestamp. */
const OptTimestamp = Timestamp.optional();

/**
 * A policy document in any form the AWS CLI or SDK gives it (object, JSON string,
 * URL-encoded JSON string), decoded to an object.
 */
export const Document = z.unknown().transform((v, ctx): PolicyDocument => {
  const doc = decodePolicyDocument(v);
  if (doc === undefined) {
    ctx.issues.push({
      code: 'custom',
      message:
        v === undefined
          ? 'missing: expected a policy document'
          : `expected a policy document (a JSON object, or a JSON or URL-encoded string holding one), got ${describeValue(v)}`,
      input: v,
    });
    return z.NEVER;
  }
  return doc;
});

// ---------------------------------------------------------------------------------------
// aws iam get-account-authorization-details

const AttachedPolicy = z.object({ PolicyName: optStr, PolicyArn: str });
const PolicyDetail = z.object({ PolicyName: str, PolicyDocument: Document });
const Tag = z.object({ Key: str, Value: str });
const Boundary = z.object({ PermissionsBoundaryType: optStr, PermissionsBoundaryArn: str });

const UserDetail = z.object({
  Path: optStr,
  UserName: str,
  UserId: str,
  Arn: str,
  CreateDate: OptTimestamp,
  UserPolicyList: z.array(PolicyDetail).optional(),
  GroupList: z.array(str).optional(),
  AttachedManagedPolicies: z.array(AttachedPolicy).optional(),
  PermissionsBoundary: Boundary.optional(),
  Tags: z.array(Tag).optional(),
});

const GroupDetail = z.object({
  Path: optStr,
  GroupName: str,
  GroupId: str,
  Arn: str,
  CreateDate: OptTimestamp,
  GroupPolicyList: z.array(PolicyDetail).optional(),
  AttachedManagedPolicies: z.array(AttachedPolicy).optional(),
});

const RoleDetail = z.object({
  Path: optStr,
  RoleName: str,
  RoleId: str,
  Arn: str,
  CreateDate: OptTimestamp,
  AssumeRolePolicyDocument: Document,
  InstanceProfileList: z.array(z.object({ Arn: str })).optional(),
  RolePolicyList: z.array(PolicyDetail).optional(),
  AttachedManagedPolicies: z.array(AttachedPolicy).optional(),
  PermissionsBoundary: Boundary.optional(),
  Tags: z.array(Tag).optional(),
  RoleLastUsed: z.object({ LastUsedDate: OptTimestamp, Region: optStr }).optional(),
});

const PolicyVersion = z.object({
  Document: z.unknown(),
  VersionId: str,
  IsDefaultVersion: z.boolean(),
  CreateDate: OptTimestamp,
});

/**
 * A managed policy. Only the default version's document is decoded (and kept): the
 * snapshot holds the version in force, and an old version's encoding cannot break import.
 */
const ManagedPolicyDetail = z
  .object({
    PolicyName: str,
    PolicyId: optStr,
    Arn: str,
    Path: optStr,
    DefaultVersionId: str,
    AttachmentCount: z.number().optional(),
    IsAttachable: z.boolean().optional(),
    PolicyVersionList: z.array(PolicyVersion),
  })
  .transform((p, ctx) => {
    const i = p.PolicyVersionList.findIndex(
      (v) => v.IsDefaultVersion || v.VersionId === p.DefaultVersionId,
    );
    const version = p.PolicyVersionList[i];
    if (!version) {
      ctx.issues.push({
        code: 'custom',
        path: ['PolicyVersionList'],
        message: `no default version (DefaultVersionId is ${p.DefaultVersionId}); get-account-authorization-details lists every version of a policy`,
        input: p.PolicyVersionList,
      });
      return z.NEVER;
    }
    const r = Document.safeParse(version.Document);
    if (!r.success) {
      for (const issue of r.error.issues) {
        ctx.issues.push({
          code: 'custom',
          path: ['PolicyVersionList', i, 'Document'],
          message: issue.message,
          input: version.Document,
        });
      }
      return z.NEVER;
    }
    return { ...p, PolicyVersionList: [{ ...version, Document: r.data }] };
  });

/** One page of `aws iam get-account-authorization-details` output. */
export const AuthorizationDetailsPage = z.object({
  UserDetailList: z.array(UserDetail).optional(),
  GroupDetailList: z.array(GroupDetail).optional(),
  RoleDetailList: z.array(RoleDetail).optional(),
  Policies: z.array(ManagedPolicyDetail).optional(),
  IsTruncated: z.boolean().optional(),
  Marker: optStr,
  /** Printed by the CLI when `--max-items` cut the output short. */
  NextToken: optStr,
});

/** A parsed page of authorization details. */
export type AuthorizationDetailsPage = z.output<typeof AuthorizationDetailsPage>;

/** The list keys of an authorization-details page, to recognise one. */
export const AUTHORIZATION_DETAILS_LISTS = [
  'UserDetailList',
  'GroupDetailList',
  'RoleDetailList',
  'Policies',
] as const;

// ---------------------------------------------------------------------------------------
// aws organizations ...

/** `aws organizations describe-organization`. */
export const DescribeOrganization = z.object({
  Organization: z.object({
    Id: str,
    Arn: str,
    FeatureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']),
    MasterAccountId: str,
    MasterAccountArn: optStr,
    MasterAccountEmail: optStr,
  }),
});

const PolicyTypeSummary = z.object({ Type: str, Status: str });

/** `aws organizations list-roots`. */
export const ListRoots = z.object({
  Roots: z.array(
    z.object({ Id: str, Arn: str, Name: str, PolicyTypes: z.array(PolicyTypeSummary).optional() }),
  ),
});

/** `aws organizations list-organizational-units-for-parent --parent-id <id>`. */
export const ListOrganizationalUnits = z.object({
  OrganizationalUnits: z.array(z.object({ Id: str, Arn: str, Name: str })),
});

const Account = z
  .object({
    Id: str,
    Arn: str,
    Email: str,
    Name: str,
    Status: optStr,
    State: optStr,
    JoinedMethod: optStr,
    JoinedTimestamp: OptTimestamp,
  })
  .superRefine((a, ctx) => {
    if (a.Status === undefined && a.State === undefined) {
      ctx.addIssue({ code: 'custom', path: ['State'], message: 'missing: expected a string' });
    }
  });

/** `aws organizations list-accounts-for-parent --parent-id <id>` and `list-accounts`. */
export const ListAccounts = z.object({ Accounts: z.array(Account) });

const PolicySummary = z.object({
  Id: str,
  Arn: str,
  Name: str,
  Description: optStr,
  Type: str,
  AwsManaged: z.boolean(),
});

/** A policy summary as list-policies and describe-policy print it. */
export type PolicySummary = z.output<typeof PolicySummary>;

/** `aws organizations list-policies --filter <TYPE>`. */
export const ListPolicies = z.object({ Policies: z.array(PolicySummary) });

/** `aws organizations describe-policy --policy-id <id>`. */
export const DescribePolicy = z.object({
  Policy: z.object({ PolicySummary, Content: Document }),
});

/** `aws organizations list-targets-for-policy --policy-id <id>`. */
export const ListTargetsForPolicy = z.object({
  Targets: z.array(z.object({ TargetId: str, Arn: optStr, Name: optStr, Type: optStr })),
});

/** `aws organizations list-delegated-administrators`. */
export const ListDelegatedAdministrators = z.object({
  DelegatedAdministrators: z.array(z.object({ Id: str })),
});

/** `aws organizations list-delegated-services-for-account --account-id <id>`. */
export const ListDelegatedServices = z.object({
  DelegatedServices: z.array(
    z.object({ ServicePrincipal: str, DelegationEnabledDate: OptTimestamp }),
  ),
});

/** `aws organizations list-aws-service-access-for-organization`. */
export const ListServiceAccess = z.object({
  EnabledServicePrincipals: z.array(z.object({ ServicePrincipal: str })),
});
