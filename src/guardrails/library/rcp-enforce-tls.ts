import { z } from 'zod';
import { conditions, statement } from '../conditions.js';
import { unique } from '../params.js';
import { defineGuardrail } from '../types.js';
import { RCP_TLS_SERVICES } from './data/rcp-services.js';

/**
 * One RCP replaces a "deny aws:SecureTransport false" statement in every bucket, queue,
 * key and secret policy. BoolIfExists: requests without the key are not plain HTTP.
 */
export const rcpEnforceTls = defineGuardrail({
  id: 'rcp-enforce-tls',
  title: 'Deny requests to organization resources without TLS',
  description:
    'RCP. Denies every request to resources of the listed services that is not sent over TLS ' +
    '(aws:SecureTransport false), whoever sends it.',
  policyType: 'rcp',
  params: z.strictObject({
    services: z
      .array(z.enum(RCP_TLS_SERVICES))
      .min(1)
      .default(['s3', 'sts', 'kms', 'sqs', 'secretsmanager'])
      .describe(`services to cover, of: ${RCP_TLS_SERVICES.join(', ')}`),
  }),
  frameworks: { 'CIS-AWS-v7': ['3.1.1'], AFSBP: ['S3.5'], 'NIST-800-53': ['SC-8', 'SC-8(1)'] },
  statements(p) {
    return [
      statement({
        Sid: 'EnforceSecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: unique(p.services).map((s) => `${s}:*`),
        Resource: '*',
        Condition: conditions({ BoolIfExists: { 'aws:SecureTransport': 'false' } }),
      }),
    ];
  },
});
