import { z } from 'zod';
import { RegionName, Selector, ref } from './common.js';

export const Logging = z.strictObject({
  centralBucket: z.strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'not a valid S3 bucket name')
      .optional()
      .describe('default: <prefix>-logs-<log-archive account id>-<home region>'),
    kmsKey: ref('kms-key'),
    retentionDays: z.number().int().min(1),
    objectLock: z
      .strictObject({ mode: z.enum(['GOVERNANCE', 'COMPLIANCE']), days: z.number().int().min(1) })
      .optional(),
    accessLogging: z.boolean().default(true),
    transitionToGlacierDays: z.number().int().min(1).optional(),
  }),
  organizationTrail: z.strictObject({
    name: z
      .string()
      .regex(
        /^(?=.{3,128}$)[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?![._-]))*[A-Za-z0-9]$/,
        'a trail name is 3-128 letters, digits, . _ -, starts and ends with a letter or digit, no two of . _ - in a row',
      ),
    multiRegion: z.literal(true).default(true),
    includeGlobalEvents: z.literal(true).default(true),
    logFileValidation: z.literal(true).default(true),
    kmsKey: ref('kms-key').optional().describe('default: the central bucket key'),
    dataEvents: z.array(z.enum(['s3', 'lambda', 'dynamodb'])).optional(),
    insights: z.array(z.enum(['ApiCallRateInsight', 'ApiErrorRateInsight'])).optional(),
    cloudWatchLogs: z
      .strictObject({ retentionDays: z.number().int().min(1), account: ref('account').optional() })
      .optional()
      .describe('deliver to a log group for CIS 5.x metric filters'),
  }),
  config: z.strictObject({
    recorder: z.strictObject({
      targets: Selector,
      allSupported: z.boolean().default(true),
      includeGlobalResources: z.enum(['home-region-only', 'all', 'none']).default('home-region-only'),
      recordingFrequency: z.enum(['CONTINUOUS', 'DAILY']).default('CONTINUOUS'),
    }),
    aggregator: z.strictObject({ account: ref('account'), region: RegionName }),
  }),
});
