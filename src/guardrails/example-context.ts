/**
 * A stand-in organization for rendering guardrails outside a blueprint (`guardrails show`,
 * the reference docs, tests): recognisable placeholder names, two governed Regions.
 */
import type { GuardrailContext } from './types.js';

/** The example organization's context; a blueprint provides the real one. */
export function exampleContext(): GuardrailContext {
  return {
    homeRegion: 'eu-west-1',
    governedRegions: ['eu-west-1', 'eu-central-1'],
    organizationId: 'o-exampleorg1',
    partition: 'aws',
    securityRoleArnPatterns: ['arn:aws:iam::*:role/orgward-security-audit'],
    pipelineRoleArnPatterns: ['arn:aws:iam::*:role/orgward-pipeline'],
    breakGlassRoleArnPatterns: ['arn:aws:iam::*:role/orgward-break-glass'],
    logArchiveBucket: 'example-org-log-archive',
  };
}

/** Says which values came from the example rather than from a blueprint. */
export const EXAMPLE_CONTEXT_NOTE =
  'note: rendered for an example organization (o-exampleorg1; Regions eu-west-1, eu-central-1; ' +
  'roles orgward-security-audit, orgward-pipeline, orgward-break-glass; bucket ' +
  'example-org-log-archive); in a blueprint these come from its organization, roles and logging';
