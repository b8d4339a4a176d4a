import { z } from 'zod';
import { conditions, exemptCondition, one, statement } from '../conditions.js';
import {
  ActionPattern,
  ArnPattern,
  Region,
  exemptPrincipalArnsParam,
  resolveExemptions,
  unique,
} from '../params.js';
import { defineGuardrail, GuardrailConfigError } from '../types.js';
import { regionDenyGlobalActions } from './data/global-services.js';

const EXEMPT_FROM = ['breakGlass', 'controlTower'] as const;

/**
 * The Bedrock actions a cross-Region inference profile may route to another Region.
 * Source: AWS's example SCP "Deny access to AWS based on the requested AWS Region with
 * Bedrock CRIS" (aws-samples/service-control-policy-examples, Region-controls).
 */
export const BEDROCK_INFERENCE_ACTIONS = [
  'bedrock:InvokeModel',
  'bedrock:InvokeModelWithResponseStream',
  'bedrock:CreateModelInvocationJob',
] as const;

/** An inference profile ARN pattern, as `bedrock:InferenceProfileArn` carries it. */
const InferenceProfileArnPattern = ArnPattern.regex(
  /^arn:[^:]+:bedrock:[^:]*:[^:]*:(application-)?inference-profile\/.+$/,
  {
    message:
      "not a Bedrock inference profile ARN pattern such as 'arn:aws:bedrock:*:*:inference-profile/eu.*'",
  },
);

/** Denies requests to Regions outside the governed set, except global services. */
export const regionDeny = defineGuardrail({
  id: 'region-deny',
  title: 'Deny Regions outside the governed set',
  description:
    'Denies every action whose aws:RequestedRegion is not an allowed Region, except the actions of ' +
    "global services (AWS's documented NotAction list, kept as data), so that resources and data " +
    'stay in the governed Regions. The allowed Regions must include the home Region.',
  policyType: 'scp',
  params: z.strictObject({
    allowedRegions: z
      .array(Region)
      .min(1)
      .optional()
      .describe(
        "Regions to allow, the home Region included; default: the organization's governed Regions",
      ),
    additionalGlobalActions: z
      .array(ActionPattern)
      .default([])
      .describe(
        'more actions to leave out of the deny (global services missing from the list); for ' +
          'Bedrock cross-Region inference use `bedrockInferenceProfileArns`, not `bedrock:*`',
      ),
    bedrockInferenceProfileArns: z
      .array(InferenceProfileArnPattern)
      .default([])
      .describe(
        'Bedrock cross-Region inference profiles (ARN patterns) that may route invocations to ' +
          "other Regions, as in AWS's example SCP: only InvokeModel, " +
          'InvokeModelWithResponseStream and CreateModelInvocationJob leave the Region deny, ' +
          'and a second statement denies them outside the allowed Regions unless ' +
          'bedrock:InferenceProfileArn matches; default: none',
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
    if (!regions.includes(ctx.homeRegion)) {
      const from =
        p.allowedRegions === undefined
          ? `the governed Regions (${regions.join(', ')})`
          : `allowedRegions (${regions.join(', ')})`;
      throw new GuardrailConfigError(
        `${from} must include the home Region ${ctx.homeRegion}: IAM Identity Center ` +
          '(sso:*, identitystore:*) and Control Tower run there and are not global services, ' +
          'so denying it locks out sign-in and account management',
        'with.allowedRegions',
      );
    }
    const requested = { StringNotEquals: { 'aws:RequestedRegion': one(regions) } };
    const exempt = exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM));
    const profiles = unique(p.bedrockInferenceProfileArns);
    const bedrock = profiles.length > 0 ? [...BEDROCK_INFERENCE_ACTIONS] : [];
    return [
      statement({
        Sid: 'DenyUngovernedRegions',
        Effect: 'Deny',
        NotAction: unique([...regionDenyGlobalActions(), ...bedrock, ...p.additionalGlobalActions]),
        Resource: '*',
        Condition: conditions(requested, exempt),
      }),
      ...(profiles.length === 0
        ? []
        : [
            // The invoke actions left out above are denied here unless they go through an
            // approved inference profile (absent key: a direct invocation, also denied).
            statement({
              Sid: 'DenyBedrockInferenceOutsideGovernedRegions',
              Effect: 'Deny',
              Action: bedrock,
              Resource: '*',
              Condition: conditions(
                requested,
                { ArnNotLike: { 'bedrock:InferenceProfileArn': one(profiles) } },
                exempt,
              ),
            }),
          ]),
    ];
  },
});
