/**
 * A short description of a snapshot, for `orgward snapshot show`: what it holds (accounts,
 * Regions, sections) and what it lacks (coverage gaps by code and section).
 */
import type { Snapshot } from './types.js';

/** What {@link summarizeSnapshot} reports. */
export interface SnapshotSummary {
  takenAt: string;
  method: Snapshot['source']['method'];
  toolVersion: string;
  partition: string;
  /** Regions read: the source's list and every Region an account has data for. */
  regions: string[];
  organization: {
    id: string;
    managementAccountId: string;
    organizationalUnits: number;
    accounts: number;
    accountsByStatus: Record<string, number>;
    policiesByType: Record<string, number>;
  } | null;
  identityCenter: { permissionSets: number; assignments: number } | null;
  accounts: number;
  /** Per account-level section: how many accounts hold it. */
  accountSections: Record<string, number>;
  /** Per Region-level section: how many account-Region pairs hold it. */
  regionSections: Record<string, number>;
  coverage: { total: number; byCode: Record<string, number>; bySection: Record<string, number> };
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Summarize a snapshot (pure). */
export function summarizeSnapshot(s: Snapshot): SnapshotSummary {
  const regions = new Set(s.source.regions);
  const accountSections: Record<string, number> = {};
  const regionSections: Record<string, number> = {};
  for (const a of Object.values(s.accounts)) {
    for (const [k, v] of Object.entries(a)) {
      if (k !== 'accountId' && k !== 'regions' && v !== undefined) count(accountSections, k);
    }
    for (const [region, r] of Object.entries(a.regions)) {
      regions.add(region);
      for (const [k, v] of Object.entries(r)) if (v !== undefined) count(regionSections, k);
    }
  }
  const byCode: Record<string, number> = {};
  const bySection: Record<string, number> = {};
  for (const g of s.coverage) {
    count(byCode, g.code);
    count(bySection, g.section);
  }
  const o = s.organization;
  const accountsByStatus: Record<string, number> = {};
  const policiesByType: Record<string, number> = {};
  for (const a of o?.accounts ?? []) count(accountsByStatus, a.status);
  for (const p of o?.policies ?? []) count(policiesByType, p.type);
  return {
    takenAt: s.takenAt,
    method: s.source.method,
    toolVersion: s.source.toolVersion,
    partition: s.partition,
    regions: [...regions].sort(),
    organization: o
      ? {
          id: o.id,
          managementAccountId: o.managementAccountId,
          organizationalUnits: o.organizationalUnits.length,
          accounts: o.accounts.length,
          accountsByStatus: sortedRecord(accountsByStatus),
          policiesByType: sortedRecord(policiesByType),
        }
      : null,
    identityCenter: s.identityCenter
      ? {
          permissionSets: s.identityCenter.permissionSets.length,
          assignments: s.identityCenter.assignments.length,
        }
      : null,
    accounts: Object.keys(s.accounts).length,
    accountSections: sortedRecord(accountSections),
    regionSections: sortedRecord(regionSections),
    coverage: {
      total: s.coverage.length,
      byCode: sortedRecord(byCode),
      bySection: sortedRecord(bySection),
    },
  };
}

const list = (r: Record<string, number>): string =>
  Object.entries(r)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The summary as text. */
export function renderSnapshotSummary(file: string, s: SnapshotSummary): string {
  const o = s.organization;
  return [
    `${file}: orgward snapshot, ${s.method} by orgward ${s.toolVersion}, taken ${s.takenAt}`,
    `  partition ${s.partition}; regions: ${s.regions.join(', ') || 'none'}`,
    o
      ? `  organization ${o.id} (management ${o.managementAccountId}): ${o.organizationalUnits} OUs, ${o.accounts} accounts (${list(o.accountsByStatus)}); policies: ${list(o.policiesByType)}`
      : '  organization: not in the snapshot',
    s.identityCenter
      ? `  identity center: ${s.identityCenter.permissionSets} permission sets, ${s.identityCenter.assignments} assignments`
      : '  identity center: not in the snapshot',
    `  accounts: ${s.accounts}`,
    `  account sections (accounts holding each): ${list(s.accountSections)}`,
    `  region sections (account-region pairs holding each): ${list(s.regionSections)}`,
    `  coverage gaps: ${s.coverage.total}${s.coverage.total ? ` (by code: ${list(s.coverage.byCode)})` : ''}`,
    ...Object.entries(s.coverage.bySection).map(([k, n]) => `    ${k}: ${n}`),
  ].join('\n');
}
