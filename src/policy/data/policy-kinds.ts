/**
 * What each policy type accepts, as data, so a documentation change is a table edit.
 * Sources (checked 2026):
 * - SCP: AWS Organizations "SCP syntax". Since 2025-09-19 SCPs take the full IAM language
 *   (conditions, resource ARNs and NotAction in Allow statements, NotResource); Principal
 *   and NotPrincipal are unsupported; Version must be "2012-10-17"; all characters count
 *   against the size quota.
 * - RCP: AWS Organizations "RCP syntax". Version "2012-10-17"; Effect must be Deny for the
 *   RCPs you create (Allow only in the AWS-managed RCPFullAWSAccess); Principal required and
 *   only "*"; Action required and "*" alone is not allowed; Resource or NotResource required;
 *   NotPrincipal and NotAction unsupported; all characters count.
 * - IAM (identity, resource, trust): IAM User Guide "IAM JSON policy element reference" and
 *   "IAM and AWS STS quotas": Principal only in resource-based policies; NotPrincipal not in
 *   identity or trust policies; whitespace does not count against IAM size quotas.
 */
import type { Limits } from '../../blueprint/limits.js';
import type { PolicyKind } from '../types.js';

/** The documented grammar differences between policy kinds. */
export interface KindRules {
  label: string;
  /** Version must be present and "2012-10-17" (else, for IAM kinds, missing means 2008-10-17). */
  version2012Required: boolean;
  principal: 'required' | 'forbidden' | 'star-only';
  notPrincipalAllowed: boolean;
  notActionAllowed: boolean;
  /** Whether Resource/NotResource must be present (`forbidden`: trust policies). */
  resource: 'required' | 'optional' | 'forbidden';
  allowEffect: boolean;
  /** `"Action": "*"` permitted. */
  actionStarAllowed: boolean;
  /** Sid restricted to ASCII letters and digits (resource policies vary by service). */
  sidAlphanumeric: boolean;
  sizeLimit: keyof Limits;
  /** Whether whitespace counts against the size quota. */
  whitespaceCounts: boolean;
}

/** The table. */
export const KIND_RULES: Readonly<Record<PolicyKind, KindRules>> = {
  scp: {
    label: 'SCP',
    version2012Required: true,
    principal: 'forbidden',
    notPrincipalAllowed: false,
    notActionAllowed: true,
    // The SCP syntax page never states that Resource is required (every example has one),
    // so a missing Resource is a warning, not an error.
    resource: 'optional',
    allowEffect: true,
    actionStarAllowed: true,
    sidAlphanumeric: true,
    sizeLimit: 'scpMaxSize',
    whitespaceCounts: true,
  },
  rcp: {
    label: 'RCP',
    version2012Required: true,
    principal: 'star-only',
    notPrincipalAllowed: false,
    notActionAllowed: false,
    resource: 'required',
    allowEffect: false,
    actionStarAllowed: false,
    sidAlphanumeric: true,
    sizeLimit: 'rcpMaxSize',
    whitespaceCounts: true,
  },
  identity: {
    label: 'identity policy',
    version2012Required: false,
    principal: 'forbidden',
    notPrincipalAllowed: false,
    notActionAllowed: true,
    resource: 'required',
    allowEffect: true,
    actionStarAllowed: true,
    sidAlphanumeric: true,
    sizeLimit: 'managedPolicyMaxSize',
    whitespaceCounts: false,
  },
  resource: {
    label: 'resource policy',
    version2012Required: false,
    principal: 'required',
    notPrincipalAllowed: true,
    notActionAllowed: true,
    resource: 'required',
    allowEffect: true,
    actionStarAllowed: true,
    sidAlphanumeric: false,
    // Resource policy quotas are per service (S3 20 KB, SQS 8 KB, ...); the IAM managed
    // policy quota is the conservative common bound.
    sizeLimit: 'managedPolicyMaxSize',
    whitespaceCounts: false,
  },
  trust: {
    label: 'trust policy',
    version2012Required: false,
    principal: 'required',
    notPrincipalAllowed: false,
    notActionAllowed: true,
    resource: 'forbidden',
    allowEffect: true,
    actionStarAllowed: true,
    sidAlphanumeric: true,
    sizeLimit: 'trustPolicyMaxSize',
    whitespaceCounts: false,
  },
};
