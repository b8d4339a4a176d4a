/**
 * Running one collector against one account (and Region), and turning what goes wrong into
 * coverage gaps. Shared by the organization phase and the per-account phase of the engine.
 */
import type { CoverageGap, Provenance } from '../snapshot/types.js';
import { classifyError, gapCode, gapMessage, type ErrorKind } from './classify.js';
import { apiOfError, type AccountClients } from './clients.js';
import type { CollectStats } from './stats.js';
import type { CollectContext, CollectResult, Collector } from './types.js';

/** What every collector run of a collection shares. */
export interface RunEnv {
  partition: string;
  homeRegion: string;
  signal: AbortSignal;
  now: () => Date;
  stats: CollectStats;
}

/** Gaps and provenance gathered for one unit of work (the organization, or one account). */
export class Sink {
  readonly gaps: CoverageGap[] = [];
  readonly provenance: Provenance[] = [];
  /** Regions found disabled while reading (one gap each, their data dropped). */
  readonly disabledRegions = new Set<string>();
  /**
   * Regions account:ListRegions reported as enabled: a token rejected there is not an
   * opted-out Region (old global-endpoint STS tokens fail in opt-in Regions), so it must not
   * silently drop the Region.
   */
  knownEnabled: ReadonlySet<string> | undefined;

  constructor(
    private readonly env: RunEnv,
    readonly accountId: string,
  ) {}

  /** Record a gap for `error`; returns its kind. A region-disabled error disables the Region. */
  gap(error: unknown, where: { api: string; section: string; region?: string }): ErrorKind {
    const classified = classifyError(error, where.region !== undefined);
    const kind =
      classified === 'region-disabled' &&
      where.region !== undefined &&
      this.knownEnabled?.has(where.region)
        ? 'unexpected'
        : classified;
    if (kind === 'region-disabled' && where.region !== undefined) {
      this.disableRegion(where.region, where.api, gapCode(error), gapMessage(error));
      return kind;
    }
    const errors = this.env.stats.errors;
    if (kind === 'access-denied') errors.accessDenied++;
    else if (kind === 'expired') errors.expired++;
    else if (kind !== 'absent') errors.unexpected++;
    const message =
      kind === 'access-denied' || kind === 'absent'
        ? gapMessage(error)
        : kind === 'expired'
          ? `credentials expired: ${gapMessage(error)}`
          : kind === 'unexpected'
            ? `unexpected error: ${gapMessage(error)}`
            : `gave up after retries: ${gapMessage(error)}`;
    this.gaps.push({
      accountId: this.accountId,
      ...(where.region !== undefined ? { region: where.region } : {}),
      api: where.api,
      code: gapCode(error),
      message,
      section: where.section,
    });
    return kind;
  }

  /** Mark a Region as not enabled: one gap for it, the rest of it skipped. */
  disableRegion(region: string, api: string, code: string, message: string): void {
    if (this.disabledRegions.has(region)) return;
    this.disabledRegions.add(region);
    this.env.stats.errors.regionDisabled++;
    this.gaps.push({
      accountId: this.accountId,
      region,
      api,
      code,
      message: `Region not enabled for the account; skipped: ${message}`,
      section: 'regions',
    });
  }

  /** Drop what was read in Regions found disabled, keeping only their one gap. */
  pruneDisabled(): void {
    const off = this.disabledRegions;
    if (off.size === 0) return;
    const keepGap = (g: CoverageGap) =>
      g.region === undefined || !off.has(g.region) || g.section === 'regions';
    const kept = this.gaps.filter(keepGap);
    this.gaps.splice(0, this.gaps.length, ...kept);
    const inOff = (p: Provenance) => [...off].some((r) => p.section.includes(`.regions.${r}.`));
    const prov = this.provenance.filter((p) => !inOff(p));
    this.provenance.splice(0, this.provenance.length, ...prov);
  }
}

/** Where a collector runs. */
export interface Target {
  pool: AccountClients;
  /** The Region for region scope; the home Region otherwise. */
  region: string;
  /** Provenance section path prefix, e.g. `accounts.111122223333.regions.eu-west-1`. */
  path: string;
}

/**
 * Run one collector. Its result goes to `apply`; an error becomes a gap (or disables the
 * Region). Rejects only when the run is interrupted.
 */
export async function runCollector(
  env: RunEnv,
  sink: Sink,
  collector: Collector,
  target: Target,
  apply: (result: CollectResult) => void,
): Promise<void> {
  const regional = collector.scope === 'region';
  if (regional && sink.disabledRegions.has(target.region)) return;
  const ctx: CollectContext = {
    accountId: sink.accountId,
    region: target.region,
    partition: env.partition,
    client: (cls, region) => target.pool.get(cls, region ?? target.region),
    signal: env.signal,
    gap: (api, error, section) => {
      if (env.signal.aborted) return;
      sink.gap(error, {
        api,
        section: section ?? collector.section,
        ...(regional ? { region: target.region } : {}),
      });
    },
  };
  try {
    const result = await collector.run(ctx);
    env.signal.throwIfAborted();
    if (regional && sink.disabledRegions.has(target.region)) return;
    apply(result);
    if (result.kind !== 'none')
      sink.provenance.push({
        section: target.path === '' ? collector.section : `${target.path}.${collector.section}`,
        apis: [...collector.apis],
        at: env.now().toISOString(),
      });
  } catch (error) {
    if (env.signal.aborted) throw error;
    sink.gap(error, {
      api: apiOfError(error) ?? collector.apis[0] ?? collector.id,
      section: collector.section,
      ...(regional ? { region: target.region } : {}),
    });
  }
}
