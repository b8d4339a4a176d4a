/**
 * One AWS call of the deploy: throttling and transient faults are retried with the
 * collector's full-jitter backoff, slept on the injected clock (the SDK clients make one
 * attempt each, so the backoff is visible and testable); a refused call becomes an
 * {@link AwsAccessError} naming the account, the role and the API.
 */
import { classifyError, gapMessage, isRetryable } from '../../collect/classify.js';
import { backoff, DEFAULT_RETRY, type RetryOptions } from '../../collect/clients.js';
import { errorCode } from '../../collect/collectors/errors.js';
import { AwsAccessError } from '../../core/errors.js';
import type { AccountTarget, Clock } from './types.js';

/** What every call of a run shares. */
export interface CallEnv {
  clock: Clock;
  random: () => number;
  retry?: RetryOptions;
}

/** Where a call goes: for retries and for the access error's message. */
export interface CallSite {
  target: AccountTarget;
  /** Role assumed into the account; undefined: the caller's credentials. */
  role: string | undefined;
  region: string;
}

/**
 * Codes worth another try beyond the generic throttling and transient ones: AWS
 * Organizations refuses concurrent changes to the same object with this code.
 */
const RETRY_TOO = new Set(['ConcurrentModificationException']);

/**
 * Run `fn` (one SDK call, `api` = `service:Operation`), retrying throttling, transient
 * faults and concurrent modifications.
 */
export async function awsCall<T>(
  env: CallEnv,
  site: CallSite,
  api: string,
  fn: () => Promise<T>,
): Promise<T> {
  const retry = env.retry ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AwsAccessError) throw error;
      const kind = classifyError(error, false);
      if (kind === 'access-denied' || kind === 'expired') throw accessError(site, api, error);
      const again = isRetryable(kind) || RETRY_TOO.has(errorCode(error) ?? '');
      if (!again || attempt >= retry.maxAttempts) throw error;
      await env.clock.sleep(backoff(retry, attempt, env.random));
    }
  }
}

/** The access error of a refused call. */
export function accessError(site: CallSite, api: string, error: unknown): AwsAccessError {
  const { account, accountId } = site.target;
  const who = site.role ? `role ${site.role}` : 'the caller credentials';
  const where = accountId ? `account ${account} (${accountId})` : `account ${account}`;
  return new AwsAccessError(
    `${api} refused in ${where}, ${site.region}, through ${who}: ${errorCode(error) ?? 'Error'}: ${gapMessage(error)}`,
    {
      ...(accountId ? { accountId } : {}),
      ...(site.role ? { role: site.role } : {}),
      api,
    },
  );
}

/** Whether an error carries one of these AWS error codes. */
export function isCode(error: unknown, ...codes: string[]): boolean {
  const code = errorCode(error);
  return code !== undefined && codes.includes(code);
}

/** The error's message on one line. */
export function messageOf(error: unknown): string {
  return gapMessage(error);
}
