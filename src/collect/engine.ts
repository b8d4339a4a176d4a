/**
 * The collection engine: from the caller's credentials to a whole-organization snapshot.
 *
 * 1. `sts:GetCallerIdentity` (no usable credentials: AwsAccessError, exit 3).
 * 2. The organization structure, in the calling account; it gives the account list.
 * 3. Every ACTIVE account in scope (shard, filter), `limits.accounts` at a time: AssumeRole
 *    (the caller's own account uses the base credentials), enabled Regions, then account-
 *    and region-scope collectors. Other organization-scope collectors (Identity Center) run
 *    alongside. Every API call runs under the overall, per-account and per-service limits.
 * 4. Each finished account is appended to the checkpoint, if any; a resumed run reuses them.
 *
 * `collectSnapshot` returns `{ snapshot, stats }`: the stats (calls per API, retries,
 * throttles, gaps by kind, pool utilization, elapsed time) are what the summary line and the
 * benchmark read. Nothing but missing credentials stops a run: every other failure is a
 * coverage gap in the snapshot.
 *
 * Shards: every shard reads the organization structure (it needs the account list), but
 * only shard 0 keeps the organization and runs the other organization-scope collectors, so
 * `snapshot merge` finds each organization section exactly once.
 */
import { setMaxListeners } from 'node:events';
import { VERSION } from '../core/version.js';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit from 'p-limit';
import { AwsAccessError } from '../core/errors.js';
import {
  SNAPSHOT_FORMAT_VERSION,
  type AccountSnapshot,
  type CoverageGap,
  type Provenance,
  type Snapshot,
} from '../snapshot/types.js';
import { collectAccount, type AccountEnv } from './account.js';
import { gapMessage } from './classify.js';
import { Checkpoint, checkpointKey } from './checkpoint.js';
import {
  AccountClients,
  DEFAULT_RETRY,
  withRetries,
  type ClientEnv,
  type RetryOptions,
} from './clients.js';
import {
  createAssumeRole,
  memoizeCredentials,
  partitionOf,
  sessionName,
  type AssumeRoleFn,
} from './credentials.js';
import { accountsInFlight, DEFAULT_LIMITS, Limiter, type CollectLimits } from './limits.js';
import type { CollectProgress } from './progress.js';
import type { RunEnv } from './run.js';
import { inShard, type Shard } from './shard.js';
import { emptyStats, type CollectStats } from './stats.js';
import { orgPhase, type OrgState } from './org-phase.js';
import type { Collector } from './types.js';

/** Options of {@link collectSnapshot}. */
export interface CollectOptions {
  /** The collectors to run (the registry's list, or a subset). */
  collectors: readonly Collector[];
  /** Home Region: organization-scope calls, STS, and the Region when none are known. */
  homeRegion: string;
  /** Base credentials; default: the SDK's standard chain (env, profile, SSO, instance role). */
  credentials?: AwsCredentialIdentityProvider;
  /** Role assumed in member accounts; default OrganizationAccountAccessRole. */
  roleName?: string;
  /** Regions to read; default: each account's enabled Regions, else the home Region. */
  regions?: readonly string[];
  limits?: Partial<CollectLimits>;
  retry?: Partial<RetryOptions>;
  shard?: Shard;
  /** Keep only these accounts (after the shard). */
  accountFilter?: (accountId: string) => boolean;
  /** JSON Lines checkpoint: resumed when it exists for the same options. */
  checkpointFile?: string;
  /** Called every `progressIntervalMs` and at the end. */
  progress?: (p: CollectProgress) => void;
  progressIntervalMs?: number;
  /** Extra SDK client configuration (tests: request handler, retry strategy, ...). */
  clientConfig?: Record<string, unknown>;
  /** How member-account credentials are made; default STS AssumeRole (`defaultAssumeRole`). */
  assumeRole?: AssumeRoleFn;
  now?: () => Date;
  signal?: AbortSignal;
  toolVersion?: string;
  /** Jitter source for retries (tests). */
  random?: () => number;
}

/** A snapshot and how the run went. */
export interface CollectOutcome {
  snapshot: Snapshot;
  stats: CollectStats;
}

/** The role orgward assumes in member accounts unless told otherwise. */
export const DEFAULT_ROLE_NAME = 'OrganizationAccountAccessRole';

/** Collect a snapshot of the organization (see the module comment for the flow). */
export async function collectSnapshot(opts: CollectOptions): Promise<CollectOutcome> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const signal = opts.signal ?? new AbortController().signal;
  // One set of STS clients for the run, closed at the end (unless the caller brings its own).
  const runAssumeRole = createAssumeRole();
  // Every in-flight paginator listens on this one signal: hundreds at a time is by design.
  setMaxListeners(0, signal);
  const interrupted = () => signal.aborted;
  const limits: CollectLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const stats = emptyStats(limits.overall);
  const limiter = new Limiter(limits);
  const clientConfig = opts.clientConfig ?? {};
  const baseCredentials = memoizeCredentials(opts.credentials ?? fromNodeProviderChain(), now);
  const roleName = opts.roleName ?? DEFAULT_ROLE_NAME;

  const clients: ClientEnv = {
    limiter,
    stats,
    signal,
    retry: { ...DEFAULT_RETRY, ...opts.retry },
    clientConfig,
    random: opts.random ?? Math.random,
  };
  const caller = await callerIdentity(baseCredentials, opts.homeRegion, clients);
  const partition = partitionOf(caller.arn);
  const byScope = (s: Collector['scope']) => opts.collectors.filter((c) => c.scope === s);
  const checkpoint =
    opts.checkpointFile === undefined
      ? undefined
      : Checkpoint.open(
          opts.checkpointFile,
          checkpointKey({
            account: caller.account,
            roleName,
            regions: opts.regions ?? null,
            homeRegion: opts.homeRegion,
            shard: opts.shard ?? null,
            collectors: opts.collectors.map((c) => c.id).sort(),
          }),
          started.toISOString(),
        );
  const resumed = checkpoint?.resumed;

  const runEnv: RunEnv = { partition, homeRegion: opts.homeRegion, signal, now, stats };
  const progress = progressReporter(opts, stats, now, started);
  const callerPool = new AccountClients(caller.account, baseCredentials, clients);
  try {
    const org: OrgState = await orgPhase({
      env: runEnv,
      pool: callerPool,
      callerAccountId: caller.account,
      collectors: byScope('organization'),
      keepOrganization: (opts.shard?.index ?? 0) === 0,
      checkpoint,
    });
    progress.phase = 'accounts';

    const inScope = org.accounts
      .filter((a) => inShard(a.id, opts.shard) && (opts.accountFilter?.(a.id) ?? true))
      .sort((a, b) => a.id.localeCompare(b.id));
    stats.accounts.total = inScope.length;
    const coverage: CoverageGap[] = [];
    const provenance: Provenance[] = [];
    const accounts: Record<string, AccountSnapshot> = {};
    for (const a of inScope)
      if (a.status !== 'ACTIVE') {
        stats.accounts.inactive++;
        coverage.push({
          accountId: a.id,
          api: 'organizations:ListAccountsForParent',
          code: a.status,
          message: `account is ${a.status}: not read`,
          section: 'account',
        });
      }

    const env: AccountEnv = {
      ...runEnv,
      clients,
      callerAccountId: caller.account,
      baseCredentials,
      assumeRole: opts.assumeRole ?? runAssumeRole,
      roleName,
      session: sessionName(started),
      regions: opts.regions,
      accountCollectors: byScope('account'),
      regionCollectors: byScope('region'),
    };
    const results = new Map<
      string,
      { account?: AccountSnapshot; gaps: CoverageGap[]; provenance: Provenance[] }
    >();
    const gate = pLimit(accountsInFlight(limits));
    await Promise.all(
      inScope
        .filter((a) => a.status === 'ACTIVE')
        .map((a) =>
          gate(async () => {
            const prior = resumed?.accounts.get(a.id);
            if (prior) {
              stats.accounts.resumed++;
              results.set(a.id, prior);
              return;
            }
            if (signal.aborted) return;
            try {
              const out = await collectAccount(env, a.id);
              const entry = {
                ...(out.account ? { account: out.account } : {}),
                gaps: out.sink.gaps,
                provenance: out.sink.provenance,
              };
              results.set(a.id, entry);
              stats.accounts.done++;
              // A failed AssumeRole is not checkpointed: a resumed run tries the account again.
              if (out.account)
                checkpoint?.append({
                  type: 'account',
                  accountId: a.id,
                  account: out.account,
                  gaps: entry.gaps,
                  provenance: entry.provenance,
                });
            } catch (error) {
              // collectAccount rejects only when interrupted; anything else is a bug.
              if (!interrupted()) throw error;
            }
          }),
        ),
    );
    const identityCenter = await org.rest;
    progress.phase = 'done';

    for (const id of [...results.keys()].sort()) {
      const r = results.get(id);
      if (!r) continue;
      if (r.account) accounts[id] = r.account;
      coverage.push(...r.gaps);
      provenance.push(...r.provenance);
    }
    stats.interrupted = signal.aborted;
    if (checkpoint?.failed !== undefined) stats.checkpointError = checkpoint.failed;
    const snapshot: Snapshot = {
      kind: 'orgward-snapshot',
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      takenAt: resumed?.takenAt ?? started.toISOString(),
      source: {
        tool: 'orgward',
        toolVersion: opts.toolVersion ?? VERSION,
        method: 'collect',
        principalArn: caller.arn,
        ...(opts.shard ? { shard: { ...opts.shard } } : {}),
        regions: opts.regions ? [...opts.regions] : regionsRead(accounts, opts.homeRegion),
      },
      partition,
      ...(org.organization ? { organization: org.organization } : {}),
      ...(identityCenter ? { identityCenter } : {}),
      accounts,
      coverage: [...org.sink.gaps, ...coverage],
      provenance: [...org.sink.provenance, ...provenance],
    };
    return { snapshot, stats };
  } finally {
    callerPool.destroy();
    runAssumeRole.destroy();
    stats.peakInFlight = limiter.peakInFlight;
    stats.busyMs = Math.round(limiter.busyMs);
    stats.elapsedMs = now().getTime() - started.getTime();
    progress.stop();
  }
}

/** The caller's account and ARN; no usable credentials is an AWS access error (exit 3). */
async function callerIdentity(
  credentials: AwsCredentialIdentityProvider,
  region: string,
  clients: ClientEnv,
): Promise<{ account: string; arn: string }> {
  const sts = new STSClient({ region, credentials, ...clients.clientConfig });
  try {
    const r = await withRetries(clients, 'sts:GetCallerIdentity', () =>
      sts.send(new GetCallerIdentityCommand({})),
    );
    if (!r.Account || !r.Arn) throw new Error('GetCallerIdentity returned no Account or Arn');
    return { account: r.Account, arn: r.Arn };
  } catch (error) {
    throw new AwsAccessError(
      `no usable AWS credentials (sts:GetCallerIdentity in ${region}): ${gapMessage(error)}`,
      { api: 'sts:GetCallerIdentity' },
    );
  } finally {
    sts.destroy();
  }
}

function regionsRead(accounts: Record<string, AccountSnapshot>, home: string): string[] {
  const all = new Set<string>();
  for (const a of Object.values(accounts)) for (const r of Object.keys(a.regions)) all.add(r);
  return all.size > 0 ? [...all].sort() : [home];
}

/** Reports progress on a timer and once at the end. */
function progressReporter(
  opts: CollectOptions,
  stats: CollectStats,
  now: () => Date,
  started: Date,
): { phase: CollectProgress['phase']; stop: () => void } {
  const state = {
    phase: 'organization' as CollectProgress['phase'],
    stop: (): void => undefined,
  };
  const report = opts.progress;
  if (!report) return state;
  let accountsStart: number | undefined;
  const emit = () => {
    const t = now().getTime();
    const elapsedMs = t - started.getTime();
    if (state.phase !== 'organization') accountsStart ??= t;
    const a = stats.accounts;
    const finished = a.done + a.resumed + a.inactive;
    const p: CollectProgress = {
      phase: state.phase,
      accountsDone: finished,
      accountsTotal: a.total,
      calls: stats.calls,
      errors: Object.values(stats.errors).reduce((s, n) => s + n, 0),
      throttles: stats.throttles,
      elapsedMs,
      callsPerSecond: elapsedMs > 0 ? (stats.calls * 1000) / elapsedMs : 0,
    };
    if (a.done > 0 && accountsStart !== undefined && state.phase === 'accounts') {
      const perAccount = (t - accountsStart) / a.done;
      p.etaMs = perAccount * Math.max(0, a.total - finished);
    }
    report(p);
  };
  const timer = setInterval(emit, opts.progressIntervalMs ?? 250);
  timer.unref();
  state.stop = () => {
    clearInterval(timer);
    state.phase = 'done';
    emit();
  };
  return state;
}
