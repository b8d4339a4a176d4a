/**
 * Concurrency limits for API calls. Three pools, acquired narrowest first (service within
 * an account, then the account, then the overall pool) so a call holds a wide slot only
 * when it is about to run: waiting calls never sit on overall slots, which keeps the
 * overall pool busy, and the fixed order (no pool is acquired while holding a wider one)
 * rules out deadlock.
 */
import pLimit, { type LimitFunction } from 'p-limit';

/** Concurrency limits of a run. */
export interface CollectLimits {
  /** API calls in flight across the whole run. */
  overall: number;
  /** API calls in flight in one account (AWS throttles per account and Region). */
  perAccount: number;
  /**
   * API calls in flight to one service in one account: a number for every service, or per
   * service prefix (`iam`, `organizations`, ...) with `default` for the rest.
   */
  perService: Record<string, number> | number;
  /**
   * Accounts worked on at once. Default: enough that their per-account pools together
   * hold twice the overall pool, so the overall pool stays full while accounts start and
   * finish; bounded because each account holds its own SDK clients.
   */
  accounts?: number;
}

/** Defaults: IAM and Organizations have low account-wide rates, so fewer in flight. */
export const DEFAULT_LIMITS: CollectLimits = {
  overall: 64,
  perAccount: 8,
  perService: { default: 4, iam: 3, organizations: 4, sso: 4 },
};

/** Accounts in flight for these limits. */
export function accountsInFlight(limits: CollectLimits): number {
  return Math.max(2, limits.accounts ?? Math.ceil((2 * limits.overall) / limits.perAccount));
}

/** The per-service limit for a service prefix. */
export function serviceLimit(limits: CollectLimits, service: string): number {
  const ps = limits.perService;
  if (typeof ps === 'number') return ps;
  return ps[service] ?? ps.default ?? DEFAULT_SERVICE_LIMIT;
}

const DEFAULT_SERVICE_LIMIT = 4;

/** The three pools; account and service pools are created on first use. */
export class Limiter {
  private readonly overallPool: LimitFunction;
  private readonly accountPools = new Map<string, LimitFunction>();
  private readonly servicePools = new Map<string, LimitFunction>();
  /** Calls holding an overall slot right now, and the most seen at once. */
  inFlight = 0;
  peakInFlight = 0;
  /** Sum of the time calls held an overall slot (ms), to measure how busy the pool was. */
  busyMs = 0;

  constructor(readonly limits: CollectLimits) {
    this.overallPool = pLimit(limits.overall);
  }

  /** Run `fn` once it holds a service, an account and an overall slot. */
  run<T>(accountId: string, service: string, fn: () => Promise<T>): Promise<T> {
    const acct = this.pool(this.accountPools, accountId, this.limits.perAccount);
    const svc = this.pool(
      this.servicePools,
      `${accountId}|${service}`,
      serviceLimit(this.limits, service),
    );
    return svc(() => acct(() => this.overallPool(() => this.timed(fn))));
  }

  /** Forget an account's pools once it is done (thousands of accounts). */
  release(accountId: string): void {
    this.accountPools.delete(accountId);
    for (const k of this.servicePools.keys())
      if (k.startsWith(`${accountId}|`)) this.servicePools.delete(k);
  }

  private pool(map: Map<string, LimitFunction>, key: string, n: number): LimitFunction {
    let p = map.get(key);
    if (!p) {
      p = pLimit(Math.max(1, n));
      map.set(key, p);
    }
    return p;
  }

  private async timed<T>(fn: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.inFlight--;
      this.busyMs += performance.now() - start;
    }
  }
}
