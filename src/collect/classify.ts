/**
 * How the engine reads an AWS error: a missing permission and an opted-out Region are
 * facts about the organization (coverage gaps), throttling and transient faults are retried,
 * anything else is unexpected (still a gap, never a crash, but counted apart so a bug in a
 * collector does not hide among permission gaps).
 */
import { errorCode } from './collectors/errors.js';

/** What an error means for the run. */
export type ErrorKind =
  | 'access-denied'
  | 'region-disabled'
  | 'expired'
  | 'absent'
  | 'throttled'
  | 'transient'
  | 'unexpected';

/** Something the run looked for and AWS does not have: a fact, not an error. */
const ABSENT = new Set(['NoIdentityCenterInstance']);

/**
 * Credentials that expired mid-run (static session credentials cannot be refreshed): every
 * later call fails the same way, so the run must say so rather than pile up gaps.
 */
const EXPIRED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired',
]);

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedException',
  'Forbidden',
]);

/**
 * Codes that, inside one Region, mean the Region is not enabled for the account: STS tokens
 * from the global endpoint are not valid in opt-in Regions that are off, and services answer
 * with an unrecognised or invalid token rather than a clear "disabled".
 */
const REGION_DISABLED = new Set([
  'OptInRequired',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  // S3's answer in a Region that is off.
  'InvalidAccessKeyId',
  'AuthFailure',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'RequestThrottled',
  'TooManyRequestsException',
  'TooManyRequests',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

const TRANSIENT = new Set([
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'ServiceException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * Classify an error. `inRegion` says whether the call was Regional: the region-disabled codes
 * only mean "Region off" there (for a global API they mean bad credentials).
 */
export function classifyError(error: unknown, inRegion: boolean): ErrorKind {
  const code = errorCode(error) ?? '';
  if (ACCESS_DENIED.has(code)) return 'access-denied';
  if (EXPIRED.has(code)) return 'expired';
  if (ABSENT.has(code)) return 'absent';
  if (inRegion && REGION_DISABLED.has(code)) return 'region-disabled';
  if (THROTTLED.has(code)) return 'throttled';
  if (TRANSIENT.has(code)) return 'transient';
  const status = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'transient';
  return 'unexpected';
}

/** Whether the engine should try the call again. */
export function isRetryable(kind: ErrorKind): boolean {
  return kind === 'throttled' || kind === 'transient';
}

/** The error's code for a coverage gap (its AWS code, or a short reason). */
export function gapCode(error: unknown): string {
  return errorCode(error) ?? 'UnknownError';
}

/** The error's message, on one line. */
export function gapMessage(error: unknown): string {
  const m = error instanceof Error ? error.message : String(error);
  return m.replace(/\s+/g, ' ').trim().slice(0, 500);
}

/** The error's `$metadata.attempts` when the SDK's retry layer saw it. */
export function sdkAttempts(value: unknown): number | undefined {
  const a = (value as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof a === 'number' ? a : undefined;
}
