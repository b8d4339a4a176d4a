import { z } from 'zod';

/** Logical id of any blueprint entity: kebab-case, stable across renames. */
export const Id = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'ids are kebab-case: a lower-case letter, then a-z, 0-9 or -');

/** The kinds of entity a reference can point at. */
export const REF_KINDS = [
  'ou',
  'account',
  'policy',
  'group',
  'permission-set',
  'role',
  'kms-key',
  'channel',
  'control',
  'playbook',
  'invariant',
] as const;
/** A kind of referenceable entity. */
export type RefKind = (typeof REF_KINDS)[number];

/**
 * A reference to another entity by its logical id. The kind is recorded as JSON Schema
 * metadata; `collectRefs` resolves every reference at load time.
 */
export function ref(kind: RefKind) {
  return Id.describe(`Reference to a ${kind} by its id`);
}

/** Account roles in the foundational layout. */
export const ACCOUNT_ROLES = [
  'management',
  'security-tooling',
  'log-archive',
  'shared-services',
  'network',
  'identity',
  'publishing',
  'workload',
  'sandbox',
  'suspended',
] as const;
export const AccountRole = z.enum(ACCOUNT_ROLES);
/** One of the foundational account roles. */
export type AccountRole = z.infer<typeof AccountRole>;

export const Lifecycle = z
  .enum(['managed', 'observed', 'ignored'])
  .describe('managed: orgward deploys it; observed: verified only; ignored: neither');

export const Tags = z.record(
  z.string().min(1).max(128),
  z.string().max(256),
);

export const AwsAccountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');

export const Email = z.email('not a valid e-mail address').max(64);

/** A region name, validated against the region table in semantic validation. */
export const RegionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'not a region name such as eu-west-1');

/**
 * One selector type for everything that targets accounts, regions or principals.
 * An account is selected when it matches any include (ous, accounts, roles,
 * environments, tags) and no exclude. An empty selector selects nothing.
 */
export const Selector = z
  .strictObject({
    all: z.boolean().optional().describe('every account of the organization except the management account'),
    ous: z.array(ref('ou')).optional().describe('OUs, including every OU nested below them; "root" is the root'),
    accounts: z.array(ref('account')).optional(),
    roles: z.array(AccountRole).optional().describe('account roles such as workload or sandbox'),
    environments: z.array(z.string().min(1)).optional(),
    tags: z
      .record(z.string(), z.union([z.string(), z.array(z.string())]))
      .optional()
      .describe('accounts whose tags match every key (any of the listed values)'),
    excludeOus: z.array(ref('ou')).optional(),
    excludeAccounts: z.array(ref('account')).optional(),
    includeManagement: z.boolean().optional().describe('add the management account (default false: it is left out unless named in accounts)'),
    regions: z
      .union([z.literal('governed'), z.literal('home'), z.array(RegionName)])
      .optional()
      .describe('default: governed'),
    excludeRegions: z.array(RegionName).optional(),
    iamRoles: z.array(ref('role')).optional().describe('blueprint roles (principal selectors only)'),
    principalArns: z
      .array(z.string().regex(/^arn:aws[a-z-]*:(iam|sts)::(\d{12}|\*):/, 'not an IAM or STS ARN pattern'))
      .optional()
      .describe('principal ARN patterns (principal selectors only)'),
  })
  .describe('Selects accounts (and regions, or principals) by OU, account, role, environment and tag');
/** The selector as written. */
export type Selector = z.infer<typeof Selector>;

/** IAM policy document as data; grammar is checked by the policy linter, not here. */
export const PolicyDocumentValue = z
  .record(z.string(), z.unknown())
  .describe('An IAM policy document (Version, Statement); checked by the policy linter');

export const Severity = z.enum(['info', 'low', 'medium', 'high', 'critical']);
/** Finding and invariant severity. */
export type Severity = z.infer<typeof Severity>;

/** ISO date (YYYY-MM-DD). */
export const IsoDate = z.iso.date('expected a date as YYYY-MM-DD');
