/**
 * Every unit builder, in deployment order, and the CloudFormation coverage gaps they
 * fill with custom resources (listed in the manifest and docs/deploy.md).
 */
import type { UnitBuilder } from './context.js';
import { baselineBuilder, BASELINE_GAPS } from './stacks/baseline.js';
import { identityCenterBuilder } from './stacks/identity-center.js';
import { logArchiveBuilder } from './stacks/log-archive.js';
import { organizationBuilder, ORGANIZATION_GAPS } from './stacks/organization.js';
import { rolesBuilder } from './stacks/roles.js';
import { securityToolingBuilder, SECURITY_TOOLING_GAPS } from './stacks/security-tooling.js';

/** Builders in the order their units deploy (dependencies are also explicit per unit). */
export const BUILDERS: readonly UnitBuilder[] = [
  organizationBuilder,
  logArchiveBuilder,
  securityToolingBuilder,
  baselineBuilder,
  rolesBuilder,
  identityCenterBuilder,
];

/** A CloudFormation gap and the custom resource that covers it. */
export interface CoverageGap {
  what: string;
  coveredBy: string;
}

/** Every gap, for the manifest and docs. */
export const GAPS: readonly CoverageGap[] = [
  ...ORGANIZATION_GAPS,
  ...SECURITY_TOOLING_GAPS,
  ...BASELINE_GAPS,
];
