/**
 * The organization concern (management account, home Region): OUs, member accounts,
 * organization policies with their attachments, policy types, trusted access and
 * delegated administrators. Units, in deployment order:
 *
 * 1. `organization-ous`: OUs, policy types, trusted access, id exports;
 * 2. `organization-accounts-1..n`: member accounts (split by CloudFormation's limits);
 * 3. `organization-policies`: policies, attachments, FullAWSAccess detachments;
 * 4. `organization-delegated-admins[-<region>]`: delegated administrators.
 */
import type { UnitBuilder } from '../context.js';
import { ORG_GAP_TYPES } from '../custom/org-gaps.js';
import type { Unit } from '../types.js';
import { buildAccounts } from './organization-accounts.js';
import { ORG_UNITS } from './organization-common.js';
import { buildDelegation } from './organization-delegation.js';
import { buildOus } from './organization-ous.js';
import { buildPolicies } from './organization-policies.js';

/** The builder registered in `registry.ts`. */
export const organizationBuilder: UnitBuilder = {
  id: 'organization',
  concern: 'organization',
  description:
    'Organizational units, member accounts, organization policies of every type with their attachments, enabled policy types, trusted access and delegated administrators',
  build: (ctx) => {
    const ous = buildOus(ctx);
    const lastOus = ous[ous.length - 1]?.id ?? ORG_UNITS.ous;
    const accounts = buildAccounts(ctx, lastOus);
    const imported = [...ous.map((u) => u.id), ...accounts.map((u) => u.id)];
    const policies = buildPolicies(ctx, imported);
    const delegation = buildDelegation(ctx, imported);
    const units: Unit[] = [...ous, ...accounts, ...(policies ? [policies] : []), ...delegation];
    return units;
  },
};

/** What CloudFormation has no resource type for here, and the custom resource covering it. */
export const ORGANIZATION_GAPS: { what: string; coveredBy: string }[] = [
  {
    what: 'Enabling an organization policy type on the root (organizations:EnablePolicyType)',
    coveredBy: `${ORG_GAP_TYPES.policyType} in organization-ous (left enabled on delete)`,
  },
  {
    what: 'Trusted access for AWS services (organizations:EnableAWSServiceAccess)',
    coveredBy: `${ORG_GAP_TYPES.trustedService} in organization-ous`,
  },
  {
    what: 'Delegated administrators registered in AWS Organizations (organizations:RegisterDelegatedAdministrator)',
    coveredBy: `${ORG_GAP_TYPES.delegatedAdmin} in organization-delegated-admins`,
  },
  {
    what: 'Delegated administrators designated through the service API: GuardDuty, Macie, Inspector and Audit Manager per Region; Firewall Manager, CloudTrail and VPC IPAM once (Security Hub and Detective use AWS::SecurityHub::DelegatedAdmin and AWS::Detective::OrganizationAdmin)',
    coveredBy: `${ORG_GAP_TYPES.delegatedAdmin} with the service API, in organization-delegated-admins[-<region>]`,
  },
  {
    what: 'Detaching the AWS-managed FullAWSAccess SCP (p-FullAWSAccess) from the root, an OU or an account',
    coveredBy: `${ORG_GAP_TYPES.policyDetachment} in organization-policies`,
  },
];
