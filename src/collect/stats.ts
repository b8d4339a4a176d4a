/**
 * Run statistics: what the summary line, the progress line and the benchmark read.
 */

/** Statistics of one collection run (returned by `collectSnapshot`). */
export interface CollectStats {
  /** API calls made (each engine attempt counts once; SDK-internal retries are in `retries`). */
  calls: number;
  /** Calls per `service:Operation`. */
  callsByApi: Record<string, number>;
  /** Retries: the engine's own plus those the SDK reported in `$metadata.attempts`. */
  retries: number;
  /** Throttling responses seen (engine and SDK layers). */
  throttles: number;
  /** Coverage gaps by kind. */
  errors: {
    accessDenied: number;
    regionDisabled: number;
    assumeRole: number;
    /** Calls refused because the credentials had expired (the run cannot go on usefully). */
    expired: number;
    unexpected: number;
  };
  accounts: {
    /** Accounts in scope (after shard and filter), ACTIVE or not. */
    total: number;
    /** Accounts finished in this run. */
    done: number;
    /** Accounts taken from the checkpoint without reading them again. */
    resumed: number;
    /** Accounts not read because they are not ACTIVE (SUSPENDED, PENDING_CLOSURE, ...). */
    inactive: number;
  };
  /** Most calls in flight at once, and the overall limit they ran under. */
  peakInFlight: number;
  concurrency: number;
  /** Sum of call durations while holding an overall slot (ms): busyMs / (elapsedMs × concurrency) is the pool's utilization. */
  busyMs: number;
  elapsedMs: number;
  /** True when the run was interrupted (signal): the snapshot is partial. */
  interrupted: boolean;
  /** Set when the checkpoint file could not be written (the run went on without it). */
  checkpointError?: string;
}

/** A fresh, zeroed statistics object. */
export function emptyStats(concurrency: number): CollectStats {
  return {
    calls: 0,
    callsByApi: {},
    retries: 0,
    throttles: 0,
    errors: { accessDenied: 0, regionDisabled: 0, assumeRole: 0, expired: 0, unexpected: 0 },
    accounts: { total: 0, done: 0, resumed: 0, inactive: 0 },
    peakInFlight: 0,
    concurrency,
    busyMs: 0,
    elapsedMs: 0,
    interrupted: false,
  };
}

/** Count one call to `api`. */
export function countCall(stats: CollectStats, api: string): void {
  stats.calls++;
  stats.callsByApi[api] = (stats.callsByApi[api] ?? 0) + 1;
}
