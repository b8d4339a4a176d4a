import { z } from 'zod';
import {
  AccountRole,
  AwsAccountId,
  Email,
  Id,
  Lifecycle,
  PolicyDocumentValue,
  RegionName,
  Tags,
  ref,
} from './common.js';

/** Organization policy types, by their short blueprint names. */
export const POLICY_TYPES = [
  'scp',
  'rcp',
  'tag',
  'backup',
  'declarative-ec2',
  'ai-opt-out',
  'chatbot',
] as const;
export const PolicyType = z.enum(POLICY_TYPES);
/** A short organization policy type name. */
export type PolicyType = z.infer<typeof PolicyType>;

/** The AWS Organizations API name of each policy type (data for synth and collect). */
export const POLICY_TYPE_API_NAMES: Readonly<Record<PolicyType, string>> = {
  scp: 'SERVICE_CONTROL_POLICY',
  rcp: 'RESOURCE_CONTROL_POLICY',
  tag: 'TAG_POLICY',
  backup: 'BACKUP_POLICY',
  'declarative-ec2': 'DECLARATIVE_POLICY_EC2',
  'ai-opt-out': 'AISERVICES_OPT_OUT_POLICY',
  chatbot: 'CHATBOT_POLICY',
};

export const Organization = z.strictObject({
  managementAccount: ref('account'),
  homeRegion: RegionName,
  governedRegions: z.array(RegionName).min(1),
  partition: z.enum(['aws', 'aws-cn', 'aws-us-gov']).optional().describe('default aws'),
  organizationId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id looks like o-abc123def4')
    .optional(),
  enabledPolicyTypes: z.array(PolicyType),
  trustedServices: z
    .array(z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, 'a service principal such as guardduty.amazonaws.com'))
    .default([]),
  delegatedAdministrators: z
    .array(z.strictObject({ service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/), account: ref('account') }))
    .default([]),
  rootFullAwsAccess: z
    .boolean()
    .default(true)
    .describe('keep the AWS-managed FullAWSAccess SCP attached to the root (counts toward the per-target limit)'),
  controlTower: z
    .strictObject({
      mode: z.enum(['none', 'adopt', 'manage']),
      landingZoneVersion: z.string().optional(),
      controls: z.array(z.string()).optional().describe('Control Tower control identifiers to enable'),
      managedScpsPerTarget: z
        .number()
        .int()
        .min(0)
        .optional()
        .describe('SCPs Control Tower attaches per OU (counted toward the per-target limit)'),
    })
    .default({ mode: 'none' }),
});

export const OrganizationalUnit = z.strictObject({
  id: Id,
  name: z.string().min(1).max(128),
  parent: ref('ou').optional().describe('omitted: directly below the root'),
  tags: Tags.optional(),
  fullAwsAccess: z.boolean().default(true).describe('keep FullAWSAccess attached to this OU'),
  lifecycle: Lifecycle.default('managed'),
  onRemove: z.enum(['retain', 'delete']).default('retain'),
});

const Contact = z.strictObject({
  name: z.string().min(1),
  title: z.string().min(1),
  email: Email,
  phone: z.string().regex(/^[+]?[\d\s()-]{5,25}$/, 'not a phone number'),
});

export const Account = z.strictObject({
  id: Id,
  name: z.string().min(1).max(50),
  email: Email,
  ou: ref('ou').describe('parent OU; "root" places it directly below the root'),
  role: AccountRole,
  environment: z.string().min(1).optional(),
  alias: z
    .string()
    .regex(
      /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$/,
      'an alias is 3-63 characters of a-z, 0-9 and single hyphens, starting and ending with a letter or digit',
    )
    .optional(),
  accountId: AwsAccountId.optional(),
  tags: Tags.optional(),
  alternateContacts: z
    .strictObject({ billing: Contact.optional(), operations: Contact.optional(), security: Contact.optional() })
    .optional(),
  accessRoleName: z.string().default('OrganizationAccountAccessRole'),
  fullAwsAccess: z.boolean().default(true).describe('keep FullAWSAccess attached to this account'),
  lifecycle: Lifecycle.default('managed'),
  onRemove: z.enum(['retain', 'suspend', 'close']).default('retain'),
});

/** A guardrail from the library, with its parameters, as a source of statements. */
export const GuardrailUse = z.strictObject({
  id: z.string().min(1).describe('guardrail id from the library (orgward guardrails list)'),
  with: z.record(z.string(), z.unknown()).optional().describe('guardrail parameters'),
});

export const OrgPolicy = z.strictObject({
  id: Id,
  type: PolicyType,
  name: z.string().min(1).max(128),
  description: z.string().default(''),
  document: PolicyDocumentValue.optional(),
  file: z.string().min(1).optional().describe('JSON policy file, relative to the file that names it'),
  guardrails: z
    .array(GuardrailUse)
    .optional()
    .describe('statements generated from the guardrail library, combined into one document'),
  attachTo: z.strictObject({
    root: z.boolean().optional(),
    ous: z.array(ref('ou')).optional(),
    accounts: z.array(ref('account')).optional(),
  }),
  onRemove: z.enum(['detach-and-delete', 'retain']).default('detach-and-delete'),
});
