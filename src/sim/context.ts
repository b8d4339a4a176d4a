/**
 * What every part of the generator shares: the blueprint and its index, the seeded id
 * factory, the resolved account ids and the selections computed once (selectors are
 * expanded once per blueprint entity, not once per account, so 1,000+ accounts stay fast).
 */
import { indexBlueprint, ROOT_OU, type BlueprintIndex } from '../blueprint/model.js';
import type { Account, Blueprint } from '../blueprint/schema/blueprint.js';
import type { Selector } from '../blueprint/schema/common.js';
import { selectAccounts } from '../blueprint/selectors.js';
import { resolvePolicies, type ResolvedPolicy } from '../blueprint/validate/policies-resolve.js';
import { idFactory, type IdFactory } from './ids.js';
import { rng } from './random.js';

/** The blueprint to simulate: a `LoadedBlueprint` from `loadBlueprint` fits as is. */
export interface SimInput {
  blueprint: Blueprint;
  /** Built from the blueprint when absent. */
  index?: BlueprintIndex | undefined;
  /** Resolved policy documents (from `loadBlueprint`); resolved here when absent. */
  policies?: readonly ResolvedPolicy[] | undefined;
  /** Folder that policy `file:` paths are relative to when policies are resolved here. */
  dir?: string;
}

/** Synthetic workload content per account (regional counts are per account and region). */
export interface WorkloadCounts {
  /** S3 buckets per account (spread over its regions). */
  buckets: number;
  /** Customer-managed KMS keys per account and region. */
  keys: number;
  queues: number;
  topics: number;
  secrets: number;
  functions: number;
  repositories: number;
}

/** Default workload content: a handful of resources per member account. */
export const DEFAULT_WORKLOAD: Readonly<WorkloadCounts> = {
  buckets: 2,
  keys: 1,
  queues: 2,
  topics: 1,
  secrets: 1,
  functions: 1,
  repositories: 1,
};

/** Options of {@link simulateSnapshot}. */
export interface SimOptions {
  /** Seed of every generated id and choice. */
  seed: number | string;
  /** Snapshot time (ISO 8601); every generated date is derived from it (no clock is read). */
  takenAt: string;
  /** Regions to simulate; default: the blueprint's governed regions. */
  regions?: readonly string[];
  /** Workload content counts; default {@link DEFAULT_WORKLOAD}. */
  workload?: Partial<WorkloadCounts>;
  /** Recorded in `source.toolVersion`; default `0.0.0-sim`. */
  toolVersion?: string;
}

/** Shared generator state. */
export interface SimContext {
  bp: Blueprint;
  idx: BlueprintIndex;
  ids: IdFactory;
  seed: number | string;
  partition: string;
  homeRegion: string;
  regions: readonly string[];
  takenAtMs: number;
  workload: WorkloadCounts;
  organizationId: string;
  rootId: string;
  managementId: string;
  /** Logical account id -> 12-digit id. */
  accountIdOf: ReadonlyMap<string, string>;
  /** Logical OU id (`root` included) -> AWS id. */
  ouIdOf: ReadonlyMap<string, string>;
  policies: readonly ResolvedPolicy[];
  /** Logical ids of the accounts a selector selects (memoised per selector object). */
  selected(sel: Selector | undefined): ReadonlySet<string>;
  /** First account with this role (its 12-digit id), if any. */
  accountWithRole(role: Account['role']): string | undefined;
  /** An ISO date `daysAgo` (plus a seeded number of seconds) before `takenAt`. */
  dateBefore(daysAgo: number, ...keys: string[]): string;
}

/** Build the shared context. Throws when the management account is missing. */
export function createContext(input: SimInput, opts: SimOptions): SimContext {
  const bp = input.blueprint;
  const idx = input.index ?? indexBlueprint(bp);
  const takenAtMs = Date.parse(opts.takenAt);
  if (Number.isNaN(takenAtMs)) throw new Error(`takenAt is not an ISO date: ${opts.takenAt}`);
  const ids = idFactory(opts.seed);
  const accountIdOf = new Map<string, string>();
  const used = new Set<string>();
  for (const a of bp.accounts) if (a.accountId) used.add(a.accountId);
  for (const a of bp.accounts) {
    let id = a.accountId;
    for (let attempt = 0; id === undefined || (!a.accountId && used.has(id)); attempt++)
      id = ids.accountId(attempt ? `${a.id}#${attempt}` : a.id);
    used.add(id);
    accountIdOf.set(a.id, id);
  }
  const managementId = accountIdOf.get(bp.organization.managementAccount);
  if (!managementId) throw new Error('the blueprint has no management account');
  const rootId = ids.rootId();
  const ouIdOf = new Map<string, string>([[ROOT_OU, rootId]]);
  for (const ou of bp.organizationalUnits) ouIdOf.set(ou.id, ids.ouId(rootId, ou.id));
  const policies =
    input.policies ??
    resolvePolicies({
      idx,
      dir: input.dir ?? process.cwd(),
      cwd: input.dir ?? process.cwd(),
      locate: () => ({ file: '<sim>', line: 1, col: 1 }),
    }).policies;
  const memo = new WeakMap<Selector, ReadonlySet<string>>();
  const selected = (sel: Selector | undefined): ReadonlySet<string> => {
    if (!sel) return new Set();
    const hit = memo.get(sel);
    if (hit) return hit;
    const set = new Set(selectAccounts(idx, sel).map((a) => a.id));
    memo.set(sel, set);
    return set;
  };
  return {
    bp,
    idx,
    ids,
    seed: opts.seed,
    partition: bp.organization.partition ?? 'aws',
    homeRegion: bp.organization.homeRegion,
    regions: opts.regions ?? bp.organization.governedRegions,
    takenAtMs,
    workload: { ...DEFAULT_WORKLOAD, ...opts.workload },
    organizationId: bp.organization.organizationId ?? ids.organizationId(),
    rootId,
    managementId,
    accountIdOf,
    ouIdOf,
    policies,
    selected,
    accountWithRole(role) {
      const a = bp.accounts.find((x) => x.role === role);
      return a ? accountIdOf.get(a.id) : undefined;
    },
    dateBefore(daysAgo, ...keys) {
      const seconds = rng(opts.seed, 'date', ...keys).int(0, 86_399);
      return new Date(takenAtMs - daysAgo * 86_400_000 - seconds * 1000).toISOString();
    },
  };
}

/** Regions of a `governed` / `home` / list setting, limited to the simulated regions. */
export function regionsOf(
  ctx: SimContext,
  setting: 'governed' | 'home' | readonly string[] | undefined,
): string[] {
  const base =
    setting === undefined || setting === 'governed'
      ? ctx.bp.organization.governedRegions
      : setting === 'home'
        ? [ctx.homeRegion]
        : setting;
  return ctx.regions.filter((r) => base.includes(r));
}

/** The 12-digit id of a logical account id (throws on an unknown id: validation prevents it). */
export function accountIdOf(ctx: SimContext, logicalId: string): string {
  const id = ctx.accountIdOf.get(logicalId);
  if (!id) throw new Error(`unknown account '${logicalId}'`);
  return id;
}
