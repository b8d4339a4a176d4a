/**
 * The zod schema of the snapshot file format, mirroring `types.ts` field for field (a
 * type-level test keeps the two equal). The top level is strict: an unknown top-level key
 * is an error. Inside sections, unknown keys are dropped, so a file written by a newer
 * orgward that only added optional fields still reads (see docs/snapshot.md, versioning).
 *
 * Maps keyed by id (accounts, regions, tags) come out with their keys sorted, so a file
 * written from a parsed snapshot is stable whatever order it was built in.
 */
import { z } from 'zod';
import { PolicyDocumentSchema, sortedRecord } from './schema-common.js';
import { RegionSchema } from './schema-region.js';
import { SNAPSHOT_FORMAT_VERSION } from './types.js';

export { PolicyDocumentSchema } from './schema-common.js';

const str = z.string();
const opt = <T extends z.ZodType>(s: T) => s.exactOptional();

const CoverageGapSchema = z.object({
  accountId: opt(str),
  region: opt(str),
  api: str,
  code: str,
  message: str,
  section: str,
});

const ProvenanceSchema = z.object({
  section: str,
  apis: z.array(str),
  at: str,
  inputs: opt(z.array(z.object({ command: str, file: str }))),
});

const SourceSchema = z.object({
  tool: z.literal('orgward'),
  toolVersion: str,
  method: z.enum(['collect', 'import', 'sim', 'merge']),
  principalArn: opt(str),
  shard: opt(z.object({ index: z.number().int(), count: z.number().int() })),
  regions: z.array(str),
});

// ---------------------------------------------------------------------------------------
// Organization

const OrgAccountSchema = z.object({
  id: str,
  arn: str,
  name: str,
  email: str,
  status: str,
  joinedMethod: opt(str),
  joinedTimestamp: opt(str),
  parentId: str,
  tags: opt(sortedRecord(str)),
});

const OrgPolicySchema = z.object({
  id: str,
  arn: str,
  name: str,
  description: str,
  type: str,
  awsManaged: z.boolean(),
  content: PolicyDocumentSchema,
  targets: z.array(str),
  tags: opt(sortedRecord(str)),
});

const OrganizationSchema = z.object({
  id: str,
  arn: str,
  featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']),
  managementAccountId: str,
  managementAccountEmail: opt(str),
  root: z.object({
    id: str,
    arn: str,
    name: str,
    policyTypes: z.array(z.object({ type: str, status: str })),
  }),
  organizationalUnits: z.array(
    z.object({ id: str, arn: str, name: str, parentId: str, tags: opt(sortedRecord(str)) }),
  ),
  accounts: z.array(OrgAccountSchema),
  policies: z.array(OrgPolicySchema),
  delegatedAdministrators: z.array(
    z.object({ accountId: str, servicePrincipal: str, delegationEnabledDate: opt(str) }),
  ),
  trustedServices: z.array(str),
});

const CustomerManagedRef = z.object({ name: str, path: opt(str) });

const IdentityCenterSchema = z.object({
  instanceArn: str,
  identityStoreId: str,
  permissionSets: z.array(
    z.object({
      arn: str,
      name: str,
      description: opt(str),
      sessionDuration: opt(str),
      managedPolicies: z.array(str),
      customerManagedPolicies: z.array(CustomerManagedRef),
      inlinePolicy: opt(PolicyDocumentSchema),
      permissionsBoundary: opt(
        z.object({
          managedPolicyArn: opt(str),
          customerManagedPolicy: opt(CustomerManagedRef),
        }),
      ),
      provisionedTo: z.array(str),
    }),
  ),
  assignments: z.array(
    z.object({
      accountId: str,
      permissionSetArn: str,
      principalType: z.enum(['USER', 'GROUP']),
      principalId: str,
    }),
  ),
});

// ---------------------------------------------------------------------------------------
// IAM

const InlinePolicySchema = z.object({ name: str, document: PolicyDocumentSchema });

const IamUserSchema = z.object({
  arn: str,
  userName: str,
  userId: str,
  path: str,
  createDate: opt(str),
  groups: z.array(str),
  attachedPolicies: z.array(str),
  inlinePolicies: z.array(InlinePolicySchema),
  permissionsBoundary: opt(str),
  tags: sortedRecord(str),
  hasConsolePassword: opt(z.boolean()),
  mfaDevices: opt(z.array(str)),
});

const IamGroupSchema = z.object({
  arn: str,
  groupName: str,
  groupId: str,
  path: str,
  attachedPolicies: z.array(str),
  inlinePolicies: z.array(InlinePolicySchema),
});

const IamRoleSchema = z.object({
  arn: str,
  roleName: str,
  roleId: str,
  path: str,
  createDate: opt(str),
  trustPolicy: PolicyDocumentSchema,
  attachedPolicies: z.array(str),
  inlinePolicies: z.array(InlinePolicySchema),
  permissionsBoundary: opt(str),
  maxSessionDuration: opt(z.number()),
  lastUsed: opt(z.object({ date: opt(str), region: opt(str) })),
  tags: sortedRecord(str),
  instanceProfiles: z.array(str),
});

const IamManagedPolicySchema = z.object({
  arn: str,
  policyName: str,
  path: str,
  defaultVersionId: str,
  attachmentCount: z.number(),
  isAttachable: z.boolean(),
  document: PolicyDocumentSchema,
  awsManaged: z.boolean(),
});

const IamSchema = z.object({
  users: z.array(IamUserSchema),
  groups: z.array(IamGroupSchema),
  roles: z.array(IamRoleSchema),
  policies: z.array(IamManagedPolicySchema),
});

// ---------------------------------------------------------------------------------------
// Account

const PublicAccessBlockSchema = z.object({
  blockPublicAcls: z.boolean(),
  ignorePublicAcls: z.boolean(),
  blockPublicPolicy: z.boolean(),
  restrictPublicBuckets: z.boolean(),
});

const S3BucketSchema = z.object({
  name: str,
  region: str,
  arn: str,
  policy: opt(PolicyDocumentSchema.nullable()),
  publicAccessBlock: opt(PublicAccessBlockSchema.nullable()),
  ownership: opt(str.nullable()),
  encryption: opt(
    z
      .array(z.object({ algorithm: str, kmsKeyId: opt(str), bucketKeyEnabled: opt(z.boolean()) }))
      .nullable(),
  ),
  versioning: opt(z.object({ status: opt(str), mfaDelete: opt(str) })),
  objectLock: opt(
    z
      .object({
        enabled: z.boolean(),
        mode: opt(str),
        days: opt(z.number()),
        years: opt(z.number()),
      })
      .nullable(),
  ),
  logging: opt(z.object({ targetBucket: str, targetPrefix: opt(str) }).nullable()),
});

const AccessKeySchema = z.object({
  userName: str,
  accessKeyId: str,
  status: str,
  createDate: opt(str),
  lastUsed: opt(z.object({ date: opt(str), serviceName: opt(str), region: opt(str) })),
});

const AccountSchema = z.object({
  accountId: str,
  enabledRegions: opt(z.array(str)),
  iam: opt(IamSchema),
  passwordPolicy: opt(sortedRecord(z.unknown()).nullable()),
  accountSummary: opt(sortedRecord(z.number())),
  samlProviders: opt(z.array(z.object({ arn: str, validUntil: opt(str), createDate: opt(str) }))),
  oidcProviders: opt(
    z.array(
      z.object({
        arn: str,
        url: opt(str),
        clientIds: z.array(str),
        thumbprints: z.array(str),
      }),
    ),
  ),
  accessKeys: opt(z.array(AccessKeySchema)),
  s3AccountPublicAccessBlock: opt(PublicAccessBlockSchema.nullable()),
  s3Buckets: opt(z.array(S3BucketSchema)),
  regions: sortedRecord(RegionSchema),
});

// ---------------------------------------------------------------------------------------
// Snapshot

/** Top-level keys, in the order they are written. */
export const SNAPSHOT_KEYS = [
  'kind',
  'formatVersion',
  'takenAt',
  'source',
  'partition',
  'organization',
  'identityCenter',
  'accounts',
  'coverage',
  'provenance',
] as const;

/** The whole snapshot file. Strict at the top level. */
export const SnapshotSchema = z.strictObject({
  kind: z.literal('orgward-snapshot'),
  formatVersion: z.literal(SNAPSHOT_FORMAT_VERSION),
  takenAt: str,
  source: SourceSchema,
  partition: str,
  organization: opt(OrganizationSchema),
  identityCenter: opt(IdentityCenterSchema),
  accounts: sortedRecord(AccountSchema),
  coverage: z.array(CoverageGapSchema),
  provenance: z.array(ProvenanceSchema),
});
