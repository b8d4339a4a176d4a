/**
 * AWS quotas that blueprint validation and policy lint enforce. They live here as data so
 * that a quota change is a blueprint override (`limits:`), not a code release.
 */
export interface Limits {
  /** Maximum SCP document size in characters, as AWS stores it (whitespace counts). */
  scpMaxSize: number;
  /** Maximum RCP document size in characters. */
  rcpMaxSize: number;
  /** Maximum size of a tag, backup, declarative or chatbot policy. */
  managementPolicyMaxSize: number;
  /** Maximum size of an AI services opt-out policy (smaller than the other management policies). */
  aiOptOutPolicyMaxSize: number;
  /** SCPs that may be attached directly to one root, OU or account (FullAWSAccess included). */
  scpsPerTarget: number;
  /** RCPs per target (RCPFullAWSAccess included). */
  rcpsPerTarget: number;
  /** Management policies (tag, backup, ...) of one type per target. */
  managementPoliciesPerTarget: number;
  /** Maximum organization policy description length. */
  policyDescriptionMaxLength: number;
  /** Maximum OU nesting depth below the root. */
  ouMaxDepth: number;
  /** Maximum managed policy document size (identity policies), characters without whitespace. */
  managedPolicyMaxSize: number;
  /** Maximum combined inline policy size for a role, characters without whitespace. */
  roleInlinePolicyMaxSize: number;
  /** Maximum role trust policy size, characters without whitespace. */
  trustPolicyMaxSize: number;
  /** Managed policies attached to one role. */
  managedPoliciesPerRole: number;
  /** Resources in one CloudFormation stack. */
  stackMaxResources: number;
  /** Outputs in one CloudFormation template. */
  stackMaxOutputs: number;
  /** Parameters in one CloudFormation template. */
  stackMaxParameters: number;
  /** Template size when uploaded to S3 (TemplateURL), bytes. */
  templateMaxBytes: number;
  /** Template size passed inline (TemplateBody), bytes; larger ones go through the assets bucket. */
  templateBodyMaxBytes: number;
  /** Permission set session duration upper bound, in hours. */
  permissionSetMaxSessionHours: number;
  /** Role maximum session duration, seconds. */
  roleMaxSessionSeconds: number;
}

/** One row of the limits table: value plus where it comes from. */
export interface LimitInfo {
  value: number;
  source: string;
}

/** The shipped defaults, with their sources. */
export const LIMITS_TABLE: Readonly<Record<keyof Limits, LimitInfo>> = {
  scpMaxSize: { value: 10_240, source: 'AWS Organizations quotas (since 2026-05-15)' },
  rcpMaxSize: { value: 5_120, source: 'AWS Organizations quotas' },
  managementPolicyMaxSize: { value: 10_000, source: 'AWS Organizations quotas' },
  aiOptOutPolicyMaxSize: {
    value: 2_500,
    source: 'AWS Organizations quotas (AI services opt-out policies)',
  },
  scpsPerTarget: { value: 10, source: 'AWS Organizations quotas (since 2026-05-15)' },
  rcpsPerTarget: { value: 5, source: 'AWS Organizations quotas' },
  managementPoliciesPerTarget: { value: 10, source: 'AWS Organizations quotas' },
  policyDescriptionMaxLength: { value: 512, source: 'Organizations CreatePolicy API' },
  ouMaxDepth: { value: 5, source: 'AWS Organizations quotas' },
  managedPolicyMaxSize: { value: 6_144, source: 'IAM quotas' },
  roleInlinePolicyMaxSize: { value: 10_240, source: 'IAM quotas' },
  trustPolicyMaxSize: { value: 2_048, source: 'IAM quotas (default, adjustable to 4,096)' },
  managedPoliciesPerRole: { value: 10, source: 'IAM quotas (default, adjustable to 20)' },
  stackMaxResources: { value: 500, source: 'CloudFormation quotas' },
  stackMaxOutputs: { value: 200, source: 'CloudFormation quotas' },
  stackMaxParameters: { value: 200, source: 'CloudFormation quotas' },
  templateMaxBytes: { value: 1_048_576, source: 'CloudFormation quotas (template in S3)' },
  templateBodyMaxBytes: { value: 51_200, source: 'CloudFormation quotas (TemplateBody)' },
  permissionSetMaxSessionHours: { value: 12, source: 'IAM Identity Center quotas' },
  roleMaxSessionSeconds: { value: 43_200, source: 'IAM CreateRole API' },
};

/** The default limits as plain values. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.fromEntries(
  Object.entries(LIMITS_TABLE).map(([k, v]) => [k, v.value]),
) as unknown as Limits;

/** Defaults overridden by whatever the blueprint sets. */
export function resolveLimits(
  overrides: { [K in keyof Limits]?: number | undefined } | undefined,
): Limits {
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const [k, v] of Object.entries(overrides ?? {}))
    if (v !== undefined) out[k as keyof Limits] = v;
  return out;
}
