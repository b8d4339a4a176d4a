import { z } from 'zod';
import { IsoDate, RegionName, Selector, ref } from './common.js';

/** GuardDuty protection plans, by their API feature names. */
export const GUARDDUTY_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'EKS_RUNTIME_MONITORING',
  'LAMBDA_NETWORK_LOGS',
  'RUNTIME_MONITORING',
] as const;

/** Security Hub standards, by short name (ARNs are data in synth). */
export const SECURITY_HUB_STANDARDS = [
  'aws-foundational-security-best-practices',
  'cis-aws-foundations-benchmark-v3.0.0',
  'cis-aws-foundations-benchmark-v5.0.0',
  'nist-800-53-r5',
  'pci-dss-v4.0.1',
  'aws-resource-tagging-standard',
] as const;

const Regions = z.union([z.literal('governed'), z.array(RegionName)]).default('governed');
const Toggle = z.strictObject({ enabled: z.boolean().default(true), regions: Regions });

export const Security = z.strictObject({
  delegatedAdmin: ref('account').optional().describe('default: the security-tooling account'),
  guardDuty: z
    .strictObject({
      enabled: z.boolean().default(true),
      autoEnable: z.enum(['ALL', 'NEW', 'NONE']).default('ALL'),
      features: z.array(z.enum(GUARDDUTY_FEATURES)).default([]),
      regions: Regions,
      findingsExport: z.boolean().default(false).describe('export findings to the central bucket'),
    })
    .optional(),
  securityHub: z
    .strictObject({
      enabled: z.boolean().default(true),
      standards: z.array(z.enum(SECURITY_HUB_STANDARDS)).default(['aws-foundational-security-best-practices']),
      disabledControls: z
        .array(z.strictObject({ control: z.string().min(1), reason: z.string().min(1), expires: IsoDate.optional() }))
        .default([]),
      aggregationRegion: RegionName.optional().describe('default: the home region'),
      centralConfiguration: z.boolean().default(true),
      regions: Regions,
    })
    .optional(),
  accessAnalyzer: z
    .strictObject({
      organizationAnalyzer: z.boolean().default(true),
      unusedAccess: z.strictObject({ ageDays: z.number().int().min(1).max(365) }).optional(),
      regions: Regions,
    })
    .optional(),
  macie: Toggle.optional(),
  detective: Toggle.optional(),
  inspector: z
    .strictObject({
      enabled: z.boolean().default(true),
      scanTypes: z.array(z.enum(['ec2', 'ecr', 'lambda', 'lambda-code'])).min(1),
      regions: Regions,
    })
    .optional(),
  firewallManager: z
    .strictObject({ enabled: z.boolean().default(true), adminAccount: ref('account').optional() })
    .optional()
    .describe('Firewall Manager admin; default: the security-tooling account (policies are created in us-east-1)'),
  auditManager: z.strictObject({ enabled: z.boolean().default(true) }).optional(),
  accountBaseline: z.strictObject({
    targets: Selector.optional().describe('default: every account including management'),
    s3BlockPublicAccess: z.boolean().default(true),
    ebsDefaultEncryption: z
      .strictObject({ enabled: z.boolean().default(true), kmsKey: ref('kms-key').optional() })
      .default({ enabled: true }),
    deleteDefaultVpcs: z.boolean().default(false),
    imdsV2: z.enum(['required', 'optional']).default('required'),
    snapshotBlockPublicAccess: z.boolean().default(true),
  }),
});
