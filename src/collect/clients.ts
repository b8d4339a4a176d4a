/**
 * SDK clients for one account: one per (Region, client class), created on first use, each
 * making a single attempt per call, and a `send` that runs under the engine's concurrency
 * limits, counts calls and throttles, and retries throttling and transient errors with
 * jittered exponential backoff *outside* the concurrency slots (an SDK-internal retry would
 * sleep while holding one). The same path serves real AWS, tests and the simulator.
 *
 * `send` is wrapped on the instance, not in the middleware stack, so that it also applies
 * when `aws-sdk-client-mock` replaces the class's `send`: the wrapper calls whatever the
 * prototype's `send` is at call time.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { classifyError, isRetryable, sdkAttempts } from './classify.js';
import type { Limiter } from './limits.js';
import { countCall, type CollectStats } from './stats.js';
import type { ClientClass } from './types.js';

/** Engine-level retry of throttling and transient errors. */
export interface RetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * Defaults match the SDK's standard backoff (full jitter, 20 s cap). Twelve attempts: a
 * throttling storm (a quarter of calls refused) must not turn into coverage gaps; giving
 * up after eight lost about one call in 65,000, a few per large organization.
 */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 12,
  baseDelayMs: 100,
  maxDelayMs: 20_000,
};

/** IAM service prefixes of the SDK client classes the collectors use. */
const SERVICE_PREFIX: Record<string, string> = {
  AccessAnalyzerClient: 'access-analyzer',
  AccountClient: 'account',
  CloudTrailClient: 'cloudtrail',
  ConfigServiceClient: 'config',
  EC2Client: 'ec2',
  ECRClient: 'ecr',
  GuardDutyClient: 'guardduty',
  IAMClient: 'iam',
  KMSClient: 'kms',
  LambdaClient: 'lambda',
  OrganizationsClient: 'organizations',
  S3Client: 's3',
  S3ControlClient: 's3',
  SecretsManagerClient: 'secretsmanager',
  SecurityHubClient: 'securityhub',
  SNSClient: 'sns',
  SQSClient: 'sqs',
  SSOAdminClient: 'sso',
  STSClient: 'sts',
};

/** The IAM service prefix for a client class (`OrganizationsClient` → `organizations`). */
export function servicePrefix(cls: { name: string }): string {
  return SERVICE_PREFIX[cls.name] ?? cls.name.replace(/Client$/, '').toLowerCase();
}

/** `service:Operation` for a command (`ListRootsCommand` → `organizations:ListRoots`). */
export function apiName(service: string, command: unknown): string {
  const name = (command as { constructor?: { name?: string } } | null)?.constructor?.name ?? '';
  return `${service}:${name.replace(/Command$/, '') || 'Unknown'}`;
}

const failedApi = new WeakMap<object, string>();

/** Throttling errors the throttle-counting middleware already counted (SDK stack ran). */
const countedThrottles = new WeakSet<object>();

/**
 * Count a throttling error once: the middleware counts each attempt the SDK's stack made;
 * `send` counts the ones that never went through the stack (a mocked or stubbed `send`).
 */
export function countThrottle(stats: CollectStats, error: unknown): void {
  if (typeof error !== 'object' || error === null) {
    stats.throttles++;
    return;
  }
  if (countedThrottles.has(error)) return;
  countedThrottles.add(error);
  stats.throttles++;
}

/** The `service:Operation` whose call raised `error`, when it came through a pooled client. */
export function apiOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? failedApi.get(error) : undefined;
}

/** What every client of a run shares. */
export interface ClientEnv {
  limiter: Limiter;
  stats: CollectStats;
  signal: AbortSignal;
  retry: RetryOptions;
  /** Extra SDK client configuration (tests: a request handler, a retry strategy, ...). */
  clientConfig: Record<string, unknown>;
  random: () => number;
}

type Sendable = { send: (command: unknown, ...rest: unknown[]) => Promise<unknown> };
type Destroyable = { destroy?: () => void };
type WithStack = {
  middlewareStack?: {
    add: (mw: unknown, opts: { step: string; priority: string; name: string }) => void;
  };
};

/** The clients of one account. */
export class AccountClients {
  private readonly clients = new Map<string, unknown>();

  constructor(
    readonly accountId: string,
    private readonly credentials: AwsCredentialIdentityProvider,
    private readonly env: ClientEnv,
  ) {}

  /** The client of class `cls` for `region`, created on first use. */
  get<C>(cls: ClientClass<C>, region: string): C {
    const key = `${cls.name}|${region}`;
    const have = this.clients.get(key);
    if (have !== undefined) return have as C;
    const client = new cls({
      region,
      credentials: this.credentials,
      // The engine retries (with backoff) outside its concurrency slots; an SDK retry would
      // sleep while holding one, so each SDK call makes exactly one attempt.
      maxAttempts: 1,
      ...(cls.name === 'S3Client' ? { followRegionRedirects: true } : {}),
      ...this.env.clientConfig,
    });
    this.instrument(client, servicePrefix(cls));
    this.clients.set(key, client);
    return client;
  }

  /** Close every client (sockets) once the account is done. */
  destroy(): void {
    for (const c of this.clients.values()) (c as Destroyable).destroy?.();
    this.clients.clear();
  }

  private instrument(client: unknown, service: string): void {
    const { stats } = this.env;
    // Throttles the SDK retried internally never reach `send`: count them per attempt.
    (client as WithStack).middlewareStack?.add(
      (next: (a: unknown) => Promise<unknown>) => async (args: unknown) => {
        try {
          return await next(args);
        } catch (error) {
          if (classifyError(error, false) === 'throttled') countThrottle(stats, error);
          throw error;
        }
      },
      { step: 'finalizeRequest', priority: 'low', name: 'orgwardThrottleCounter' },
    );
    const target = client as Sendable;
    const proto = Object.getPrototypeOf(client) as Sendable;
    Object.defineProperty(target, 'send', {
      configurable: true,
      writable: true,
      value: (command: unknown, ...rest: unknown[]) =>
        this.send(service, command, () =>
          rest.length > 0
            ? proto.send.call(target, command, ...rest)
            : proto.send.call(target, command, { abortSignal: this.env.signal }),
        ),
    });
  }

  private send(service: string, command: unknown, call: () => Promise<unknown>) {
    return withRetries(this.env, apiName(service, command), () =>
      this.env.limiter.run(this.accountId, service, call),
    );
  }
}

/**
 * Call `fn` (an AWS call made outside the pooled clients: STS for the caller's identity and
 * AssumeRole), retrying throttling and transient errors with the engine's backoff, counting
 * each attempt as a call to `api`.
 */
export async function withRetries<T>(
  env: Pick<ClientEnv, 'stats' | 'signal' | 'retry' | 'random'>,
  api: string,
  fn: () => Promise<T>,
): Promise<T> {
  const { stats, signal, retry } = env;
  for (let attempt = 1; ; attempt++) {
    signal.throwIfAborted();
    countCall(stats, api);
    try {
      const res = await fn();
      addSdkRetries(stats, res);
      return res;
    } catch (error) {
      const attempts = addSdkRetries(stats, error);
      if (typeof error === 'object' && error !== null && !failedApi.has(error))
        failedApi.set(error, api);
      const kind = classifyError(error, false);
      // Counted once, whether or not the throttle middleware saw it (a mocked `send`
      // bypasses the middleware stack but its errors may still carry `$metadata`).
      if (kind === 'throttled') countThrottle(stats, error);
      const sdkRetried = attempts !== undefined && attempts > 1;
      if (!isRetryable(kind) || sdkRetried || attempt >= retry.maxAttempts || signal.aborted)
        throw error;
      stats.retries++;
      // The backoff sleeps outside any concurrency slot: `fn` took and released its own.
      await sleep(backoff(retry, attempt, env.random), signal);
    }
  }
}

function addSdkRetries(stats: CollectStats, value: unknown): number | undefined {
  const attempts = sdkAttempts(value);
  if (attempts !== undefined && attempts > 1) stats.retries += attempts - 1;
  return attempts;
}

/** Full-jitter exponential backoff. */
export function backoff(retry: RetryOptions, attempt: number, random: () => number): number {
  return random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
}

/** Sleep, waking early when the run is interrupted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
