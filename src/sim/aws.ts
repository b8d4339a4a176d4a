/**
 * Mocked AWS for a snapshot: `mockAws(snapshot, opts)` installs aws-sdk-client-mock
 * handlers on every SDK client class the collectors use and answers every operation of
 * `COLLECTOR_CATALOGUE` and `ENGINE_APIS` from the snapshot, shaped as the real API returns
 * it (see the route modules in `./aws/`).
 *
 * Who is calling: each responder reads the calling client's credentials
 * (`client.config.credentials()`) and Region (`client.config.region()`). `sts:AssumeRole`
 * issues credentials whose AccessKeyId is `ASIA` + the target account id + 4 characters, so
 * every later call with them answers for that account; any other credentials (the base
 * ones) are the management account.
 *
 * aws-sdk-client-mock replaces `Client.prototype.send`, so the SDK middleware (signing,
 * retries) does not run: errors reach the caller at once, and retrying throttled calls is
 * the engine's job (the errors carry `name`, `$metadata` and `$retryable` for its
 * classification). One mock is active at a time; call `restore()` before the next.
 */
import { mockClient } from 'aws-sdk-client-mock';
import type { Snapshot } from '../snapshot/types.js';
import { accessDeniedError, optedOutError, SERVICE_ERRORS, throttlingError } from './aws/errors.js';
import {
  accountOfKey,
  accountRoutes,
  ssoRoutes,
  stsRoutes,
  type IssuedCredentials,
} from './aws/identity-routes.js';
import { cloudFormationRoutes } from './aws/cloudformation-routes.js';
import { ec2Routes } from './aws/ec2-routes.js';
import { iamRoutes } from './aws/iam-routes.js';
import { organizationsRoutes } from './aws/org-routes.js';
import { resourceRoutes } from './aws/resource-routes.js';
import type { ClientCtor, Route } from './aws/route.js';
import { s3Routes } from './aws/s3-routes.js';
import { securityRoutes } from './aws/security-routes.js';
import { indexSnapshot } from './aws/sim-index.js';
import { homeRegionOf } from './edit.js';
import { expectedSnapshot } from './expected.js';
import { rng } from './random.js';
import { PLANTED_SECRET_VALUES } from './secrets.js';

export { OPTED_OUT_ERROR_NAMES } from './aws/errors.js';
export { comparableSnapshot } from './expected.js';
export { PLANTED, PLANTED_SECRET_VALUES } from './secrets.js';

/** Options of {@link mockAws}. */
export interface MockAwsOptions {
  /** Seed of the latency and throttling draws (default 1). */
  seed?: number | string;
  /** Delay every call by a seeded random time in [min, max] ms (real timers). */
  latencyMs?: readonly [number, number];
  /** Fraction of calls (0..1) answered with the service's throttling error. */
  throttleRate?: number;
  /** `accounts`: AssumeRole into them is denied; `apis` (`service:Operation`): denied everywhere. */
  accessDenied?: { accounts?: readonly string[]; apis?: readonly string[] };
  /** Regions disabled in every account: calls there fail, account:ListRegions says DISABLED. */
  optedOutRegions?: readonly string[];
  /** Put secret-looking values where real APIs would carry them (see `secrets.ts`). */
  secretsPlanted?: boolean;
  /** Identity Center Region (default: the organization trail's home Region, else the first). */
  homeRegion?: string;
}

/** Counters of a mock's calls. */
export interface MockAwsStats {
  /** Calls per `service:Operation`, errors included. */
  calls: Record<string, number>;
  total: number;
  throttled: number;
  /** AccessDenied answers (denied APIs and refused AssumeRole). */
  denied: number;
  optedOut: number;
}

/** A live mock. */
export interface MockAws {
  /** Remove every handler (restores the SDK clients). */
  restore(): void;
  stats: MockAwsStats;
  /** What a correct collector produces (rules in `expected.ts`). */
  expected: Snapshot;
  /** Every operation answered, as `service:Operation`. */
  apis: readonly string[];
  /** Values that must never appear in a collected snapshot (empty unless `secretsPlanted`). */
  plantedSecrets: readonly string[];
}

/** Every route of the mock (exported for tests that check catalogue coverage). */
export function allRoutes(env: {
  deniedAccounts: ReadonlySet<string>;
  optedOutRegions: ReadonlySet<string>;
  issued: Map<string, IssuedCredentials>;
  planted: boolean;
  onDenied(): void;
}): Route[] {
  return [
    ...stsRoutes(env),
    ...accountRoutes(env),
    ...organizationsRoutes(),
    ...ssoRoutes(),
    ...iamRoutes(),
    ...s3Routes(env.optedOutRegions),
    ...resourceRoutes(env.planted),
    ...securityRoutes(),
    ...ec2Routes(),
    ...cloudFormationRoutes(env.planted),
  ];
}

interface ClientConfigView {
  config: { credentials?: unknown; region?: unknown };
}

async function identify(client: unknown): Promise<{ accessKeyId: string; region: string }> {
  const cfg = (client as ClientConfigView).config;
  const creds: unknown =
    typeof cfg.credentials === 'function'
      ? await (cfg.credentials as () => Promise<unknown>)()
      : cfg.credentials;
  const region: unknown =
    typeof cfg.region === 'function' ? await (cfg.region as () => Promise<unknown>)() : cfg.region;
  const accessKeyId = (creds as { accessKeyId?: unknown } | undefined)?.accessKeyId;
  return {
    accessKeyId: typeof accessKeyId === 'string' ? accessKeyId : '',
    region: typeof region === 'string' ? region : 'us-east-1',
  };
}

/** Calls between two clearings of the mocks' call history. */
const HISTORY_RESET_EVERY = 1000;

/** Install the mock. */
export function mockAws(snapshot: Snapshot, opts: MockAwsOptions = {}): MockAws {
  const idx = indexSnapshot(snapshot, opts.homeRegion ?? homeRegionOf(snapshot));
  const stats: MockAwsStats = { calls: {}, total: 0, throttled: 0, denied: 0, optedOut: 0 };
  const deniedAccounts = new Set(opts.accessDenied?.accounts ?? []);
  const deniedApis = new Set(opts.accessDenied?.apis ?? []);
  const optedOutRegions = new Set(opts.optedOutRegions ?? []);
  const issued = new Map<string, IssuedCredentials>();
  const routes = allRoutes({
    deniedAccounts,
    optedOutRegions,
    issued,
    planted: opts.secretsPlanted === true,
    onDenied: () => {
      stats.denied++;
    },
  });
  const latency = rng(opts.seed ?? 1, 'latency');
  const throttle = rng(opts.seed ?? 1, 'throttle');
  const [minMs, maxMs] = opts.latencyMs ?? [0, 0];
  const throttleRate = opts.throttleRate ?? 0;

  const mocks = new Map<ClientCtor, ReturnType<typeof mockClient>>();
  const dispatch = async (route: Route, input: unknown, client: unknown): Promise<unknown> => {
    const service = route.service ?? route.api.slice(0, route.api.indexOf(':'));
    stats.calls[route.api] = (stats.calls[route.api] ?? 0) + 1;
    stats.total++;
    // sinon records every call's arguments; over a large organization (hundreds of
    // thousands of calls) that history alone costs gigabytes, and nothing reads it.
    // sinon refuses a reset while one of its stubs is being invoked: do it right after.
    if (stats.total % HISTORY_RESET_EVERY === 0) {
      setImmediate(() => {
        for (const m of mocks.values()) m.resetHistory();
      });
    }
    if (maxMs > 0) {
      const ms = minMs + latency.next() * (maxMs - minMs);
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    const who = await identify(client);
    const principal = issued.get(who.accessKeyId);
    const accountId = principal?.accountId ?? accountOfKey(who.accessKeyId) ?? idx.managementId;
    if (throttleRate > 0 && throttle.next() < throttleRate) {
      stats.throttled++;
      throw throttlingError(service);
    }
    if (route.regional && optedOutRegions.has(who.region)) {
      const err = optedOutError(service);
      if (err) {
        stats.optedOut++;
        throw err;
      }
    }
    if (deniedApis.has(route.api)) {
      stats.denied++;
      throw accessDeniedError(
        service,
        route.api,
        `arn:aws:sts::${accountId}:assumed-role/orgward/collector`,
      );
    }
    const account = snapshot.accounts[accountId];
    return route.handle({
      input: (input ?? {}) as Record<string, unknown>,
      accountId,
      region: who.region,
      account,
      regionData: account?.regions[who.region],
      idx,
      principal,
    });
  };

  for (const route of routes) {
    let m = mocks.get(route.client);
    if (!m) {
      m = mockClient(route.client as Parameters<typeof mockClient>[0]);
      mocks.set(route.client, m);
    }
    m.on(route.command as Parameters<typeof m.on>[0]).callsFake(
      (input: unknown, getClient: () => unknown) => dispatch(route, input, getClient()),
    );
  }
  const deniedCode = (api: string) => {
    const route = routes.find((r) => r.api === api);
    const service = route?.service ?? api.slice(0, api.indexOf(':'));
    return SERVICE_ERRORS[service]?.denied.name ?? 'AccessDenied';
  };
  let expected: Snapshot | undefined;
  return {
    restore: () => {
      for (const m of mocks.values()) m.restore();
    },
    stats,
    // Computed on first use: it is a full copy of the organization, and benchmarks never ask.
    get expected() {
      expected ??= expectedSnapshot(snapshot, {
        managementId: idx.managementId,
        deniedAccounts,
        deniedApis,
        optedOutRegions,
        deniedCode,
      });
      return expected;
    },
    apis: routes.map((r) => r.api),
    plantedSecrets: opts.secretsPlanted ? PLANTED_SECRET_VALUES : [],
  };
}
