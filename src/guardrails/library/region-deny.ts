import { z } from 'zod';
import { conditions, exemptCondition, one, statement } from '../conditions.js';
import {
  ActionPattern,
  Region,
  exemptPrincipalArnsParam,
  resolveExemptions,
  unique,
} from '../params.js';
import { defineGuardrail, GuardrailConfigError } from '../types.js';
import { regionDenyGlobalActions } from './data/global-services.js';

const EXEMPT_FROM = ['breakGlass'] as const;

/** Denies requests to Regions outside the governed set, except global services. */
export const regionDeny = defineGuardrail({
  id: 'region-deny',
  title: 'Deny Regions outside the governed set',
  description:
    'Denies every action whose aws:RequestedRegion is not an allowed Region, except the actions of ' +
    "global services (AWS's documented NotAction list, kept as data), so that resources and data " +
    'stay in the governed Regions.',
  policyType: 'scp',
  params: z.strictObject({
    allowedRegions: z
      .array(Region)
      .min(1)
      .optional()
      .describe("Regions to allow; default: the organization's governed Regions"),
    additionalGlobalActions: z
      .array(ActionPattern)
      .default([])
      .describe(
        'more actions to leave out of the deny (e.g. bedrock:* for cross-Region inference)',
      ),
    exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM),
  }),
  frameworks: { 'NIST-800-53': ['AC-3', 'CM-7', 'SC-7'] },
  statements(p, ctx) {
    const regions = unique(p.allowedRegions ?? ctx.governedRegions).sort();
    if (regions.length === 0) {
      throw new GuardrailConfigError(
        'no Region to allow: the organization governs no Region and allowedRegions is not set',
        'with.allowedRegions',
      );
    }
    return [
      statement({
        Sid: 'DenyUngovernedRegions',
        Effect: 'Deny',
        NotAction: unique([...regionDenyGlobalActions(), ...p.additionalGlobalActions]),
        Resource: '*',
        Condition: conditions(
          { StringNotEquals: { 'aws:RequestedRegion': one(regions) } },
          exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
        ),
      }),
    ];
  },
});
