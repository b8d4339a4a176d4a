import { z } from 'zod';
import { conditions, one, statement } from '../conditions.js';
import { AccountId, OrganizationId, unique } from '../params.js';
import { defineGuardrail, GuardrailConfigError, type Statement } from '../types.js';
import {
  DEFAULT_PERIMETER_SERVICES,
  RCP_IDENTITY_ACTIONS,
  type IdentityPerimeterService,
} from './data/rcp-services.js';

const SERVICES = Object.keys(RCP_IDENTITY_ACTIONS) as [
  IdentityPerimeterService,
  ...IdentityPerimeterService[],
];

/**
 * The identity perimeter of AWS's data-perimeter examples, as an RCP: only principals of
 * this organization (or listed trusted accounts) reach its resources, AWS services acting
 * on their own behalf stay allowed, and AWS services acting on behalf of someone else
 * must do so for this organization (confused-deputy protection via aws:SourceOrgID).
 */
export const rcpOrgIdentityPerimeter = defineGuardrail({
  id: 'rcp-org-identity-perimeter',
  title: 'Data perimeter: only organization identities reach its resources',
  description:
    'RCP. Denies access to S3, SQS, KMS, Secrets Manager and STS resources (by default) to ' +
    'principals outside the organization (aws:PrincipalOrgID), except AWS service principals ' +
    '(aws:PrincipalIsAWSService) and listed trusted accounts; and denies AWS services acting on ' +
    'behalf of another organization (aws:SourceOrgID, when aws:SourceAccount is present).',
  policyType: 'rcp',
  params: z.strictObject({
    organizationId: OrganizationId.optional().describe(
      "the organization id; default: the blueprint's organization id",
    ),
    services: z
      .array(z.enum(SERVICES))
      .min(1)
      .default([...DEFAULT_PERIMETER_SERVICES])
      .describe(`services to cover, of: ${SERVICES.join(', ')}`),
    trustedAccountIds: z
      .array(AccountId)
      .default([])
      .describe('accounts outside the organization that may still reach its resources'),
    confusedDeputyProtection: z
      .boolean()
      .default(true)
      .describe('also deny AWS services acting for another organization (aws:SourceOrgID)'),
    honorExclusionTag: z
      .boolean()
      .default(false)
      .describe('leave resources tagged dp:exclude:identity=true out (AWS example convention)'),
  }),
  frameworks: { 'CIS-AWS-v7': ['2.21'], 'NIST-800-53': ['AC-3', 'AC-4', 'SC-7'] },
  statements(p, ctx) {
    const org = p.organizationId ?? ctx.organizationId;
    if (org === undefined) {
      throw new GuardrailConfigError(
        'the organization id is unknown: set organization.organizationId in the blueprint or with.organizationId',
        'with.organizationId',
      );
    }
    const services = unique(p.services);
    const trusted = unique(p.trustedAccountIds);
    const exclusion = p.honorExclusionTag ? { 'aws:ResourceTag/dp:exclude:identity': 'true' } : {};
    const out: Statement[] = [
      statement({
        Sid: 'EnforceOrgIdentities',
        Effect: 'Deny',
        Principal: '*',
        Action: services.flatMap((s) => RCP_IDENTITY_ACTIONS[s]),
        Resource: '*',
        Condition: conditions(
          {
            StringNotEqualsIfExists: {
              'aws:PrincipalOrgID': org,
              ...(trusted.length > 0 ? { 'aws:PrincipalAccount': one(trusted) } : {}),
              ...exclusion,
            },
          },
          { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
        ),
      }),
    ];
    if (p.confusedDeputyProtection) {
      out.push(
        statement({
          Sid: 'EnforceConfusedDeputyProtection',
          Effect: 'Deny',
          Principal: '*',
          Action: services.map((s) => `${s}:*`),
          Resource: '*',
          Condition: conditions(
            {
              StringNotEqualsIfExists: {
                'aws:SourceOrgID': org,
                ...(trusted.length > 0 ? { 'aws:SourceAccount': one(trusted) } : {}),
                ...exclusion,
              },
            },
            { Null: { 'aws:SourceAccount': 'false' } },
            { Bool: { 'aws:PrincipalIsAWSService': 'true' } },
          ),
        }),
      );
    }
    return out;
  },
});
