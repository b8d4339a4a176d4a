import { REGIONS } from './data/regions.js';
import type { Account } from './schema/blueprint.js';
import type { Selector } from './schema/common.js';
import { ROOT_OU, type BlueprintIndex } from './model.js';

/**
 * Accounts a selector selects: any include matches (all, ous with their subtree,
 * accounts, roles, environments, tags) and no exclude. The management account is left
 * out unless named in `accounts` or added by `includeManagement: true`.
 */
export function selectAccounts(idx: BlueprintIndex, sel: Selector | undefined): readonly Account[] {
  if (!sel) return [];
  // A parsed blueprint does not change, so each selector is expanded once per index:
  // explain and the validators ask about the same selectors for every account.
  let byIndex = expanded.get(idx);
  if (!byIndex) {
    byIndex = new WeakMap();
    expanded.set(idx, byIndex);
  }
  const hit = byIndex.get(sel);
  if (hit) return hit.list;
  const list = expand(idx, sel);
  byIndex.set(sel, { list, ids: new Set(list.map((a) => a.id)) });
  return list;
}

/** Whether a selector selects the account (cheap after the first call). */
export function selects(
  idx: BlueprintIndex,
  sel: Selector | undefined,
  accountId: string,
): boolean {
  if (!sel) return false;
  selectAccounts(idx, sel);
  return expanded.get(idx)?.get(sel)?.ids.has(accountId) ?? false;
}

const expanded = new WeakMap<
  BlueprintIndex,
  WeakMap<Selector, { list: Account[]; ids: Set<string> }>
>();

function expand(idx: BlueprintIndex, sel: Selector): Account[] {
  const mgmt = idx.bp.organization.managementAccount;
  const excluded = new Set(sel.excludeAccounts ?? []);
  for (const ou of sel.excludeOus ?? []) for (const a of idx.accountsUnder(ou)) excluded.add(a.id);
  const chosen = new Set<string>();
  const add = (a: Account, named = false) => {
    if (excluded.has(a.id)) return;
    if (a.id === mgmt && !named && sel.includeManagement !== true) return;
    chosen.add(a.id);
  };
  if (sel.all) for (const a of idx.bp.accounts) add(a);
  for (const ou of sel.ous ?? []) for (const a of idx.accountsUnder(ou)) add(a);
  for (const id of sel.accounts ?? []) {
    const a = idx.accounts.get(id);
    if (a) add(a, true);
  }
  const roles = new Set(sel.roles ?? []);
  const envs = new Set(sel.environments ?? []);
  const tags = Object.entries(sel.tags ?? {});
  if (roles.size || envs.size || tags.length) {
    for (const a of idx.bp.accounts) {
      if (roles.has(a.role) || (a.environment !== undefined && envs.has(a.environment))) add(a);
      else if (tags.length && tags.every(([k, v]) => matchesTag(a.tags?.[k], v))) add(a);
    }
  }
  // includeManagement adds the management account (it sits in the root, so `ous` alone
  // never reaches it); an exclude still wins.
  if (sel.includeManagement && idx.managementAccount && !excluded.has(mgmt)) chosen.add(mgmt);
  return idx.bp.accounts.filter((a) => chosen.has(a.id));
}

function matchesTag(actual: string | undefined, want: string | string[]): boolean {
  if (actual === undefined) return false;
  return Array.isArray(want) ? want.includes(actual) : want === actual;
}

/** Regions a selector selects (default: the governed regions). */
export function selectRegions(idx: BlueprintIndex, sel: Selector | undefined): string[] {
  const org = idx.bp.organization;
  const r = sel?.regions ?? 'governed';
  const base = r === 'governed' ? org.governedRegions : r === 'home' ? [org.homeRegion] : r;
  const ex = new Set(sel?.excludeRegions ?? []);
  return base.filter((x) => !ex.has(x));
}

/** One deployment target: an account in a region. */
export interface Target {
  accountId: string;
  region: string;
}

/** Expand a selector into account x region targets, in blueprint order. */
export function expandTargets(idx: BlueprintIndex, sel: Selector | undefined): Target[] {
  const regions = selectRegions(idx, sel);
  return selectAccounts(idx, sel).flatMap((a) =>
    regions.map((region) => ({ accountId: a.id, region })),
  );
}

/** Every Region of the blueprint's partition. */
export function partitionRegions(idx: BlueprintIndex): readonly string[] {
  return REGIONS[idx.bp.organization.partition ?? 'aws'];
}

/** True for the root pseudo-OU. */
export function isRoot(ouId: string): boolean {
  return ouId === ROOT_OU;
}
