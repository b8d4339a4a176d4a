/**
 * The plan: blueprint + manifest + snapshot -> what changes, in domain terms, then which
 * units deploy it, then the explicit actions. Pure and offline: everything comes from the
 * snapshot, and what the snapshot could not read becomes a warning, never "no change".
 */
import type { BlueprintIndex } from '../../blueprint/model.js';
import type { ResolvedPolicy } from '../../blueprint/validate/policies-resolve.js';
import type { Snapshot } from '../../snapshot/types.js';
import { contentHash } from '../../synth/cfn.js';
import type { EntityRef, Manifest } from '../../synth/types.js';
import type { Plan, PlanChange, UnitChange } from '../types.js';
import type { DiffContext } from './context.js';
import { coverageOf, type Coverage } from './coverage.js';
import { diffIdentityCenter } from './diff-identity-center.js';
import { diffPolicies } from './diff-policies.js';
import { diffRoles } from './diff-roles.js';
import { diffSettings } from './diff-settings.js';
import { diffStructure } from './diff-structure.js';
import { count, shortList, type Draft } from './draft.js';
import { liveOrg, matchBlueprint } from './match.js';
import { diffRemovals } from './removal.js';
import { deployedFromSnapshot, unitChanges } from './units.js';

/** What the plan is computed from. */
export interface PlanInput {
  index: BlueprintIndex;
  /** Resolved organization policy documents (`LoadedBlueprint.policies`). */
  policies: readonly ResolvedPolicy[];
  manifest: Manifest;
  snapshot: Snapshot;
}

/** The diff modules, in the order their changes are listed. */
const DIFFS = [
  diffStructure,
  diffPolicies,
  diffSettings,
  diffRoles,
  diffIdentityCenter,
  diffRemovals,
];

/** Compute the plan. */
export function computePlan(input: PlanInput): Plan {
  const { index: idx, manifest, snapshot } = input;
  const coverage = coverageOf(snapshot);
  const match = matchBlueprint(
    idx,
    snapshot.organization ? liveOrg(snapshot.organization) : undefined,
  );
  const ctx: DiffContext = { idx, policies: input.policies, snapshot, match, coverage };
  const results = DIFFS.map((diff) => diff(ctx));
  const drafts = results.flatMap((r) => r.changes);
  const actions = results.flatMap((r) => r.actions);
  const warnings = results.flatMap((r) => r.warnings);
  if (manifest.blueprintHash !== contentHash(idx.bp))
    warnings.unshift(
      'the manifest was synthesized from another version of the blueprint: run synth again so the units match the changes',
    );

  const creating = new Set(
    drafts
      .filter((d) => d.kind === 'create' && d.entity.startsWith('account:'))
      .map((d) => d.entity.slice('account:'.length)),
  );
  const units = unitChanges(
    manifest,
    deployedFromSnapshot(snapshot, manifest.stackPrefix),
    driftedOf(drafts),
    {
      accountIdOf: match.accountIdOf,
      creating,
      known: coverage.stacksRead,
    },
  );
  warnings.push(...unknownWarnings(units, coverage));

  const unitsOf = new Map<EntityRef, string[]>();
  for (const u of manifest.units)
    for (const e of u.entities) unitsOf.set(e, [...(unitsOf.get(e) ?? []), u.id]);
  const byId = new Map(units.map((u) => [u.unit, u]));
  const changes = drafts.map((d) => toChange(d, unitsOf, byId));
  const changed = units.filter((u) => u.action !== 'unchanged' && u.action !== 'unknown');
  return {
    schemaVersion: 1,
    kind: 'orgward-plan',
    blueprint: { name: idx.bp.metadata.name, version: idx.bp.metadata.version },
    snapshot: { takenAt: snapshot.takenAt, method: snapshot.source.method },
    changes,
    units,
    actions,
    summary: {
      // Live extras left alone are listed, but they are not changes.
      changes: changes.filter((c) => c.kind !== 'retain').length,
      destructive: changes.filter((c) => c.destructive).length,
      unitsChanged: changed.length,
      unitsUnchanged: units.filter((u) => u.action === 'unchanged').length,
      instancesChanged: units
        .flatMap((u) => u.instances)
        .filter((i) => i.action !== 'unchanged' && i.action !== 'unknown').length,
      actions: actions.length,
    },
    warnings,
  };
}

/** The entities that differ, where (scoped changes) or everywhere, for drift-aware deploys. */
function driftedOf(drafts: readonly Draft[]): Map<EntityRef, Set<string> | 'all'> {
  const out = new Map<EntityRef, Set<string> | 'all'>();
  for (const d of drafts) {
    // Retained extras and observed entities are not deployed, so nothing reverts them.
    if (d.kind === 'retain' || d.kind === 'drift') continue;
    const had = out.get(d.entity);
    if (had === 'all') continue;
    if (!d.scope) out.set(d.entity, 'all');
    else out.set(d.entity, new Set([...(had ?? []), ...d.scope]));
  }
  return out;
}

function toChange(
  d: Draft,
  unitsOf: ReadonlyMap<EntityRef, string[]>,
  byId: ReadonlyMap<string, UnitChange>,
): PlanChange {
  const deployable = d.kind !== 'retain' && d.kind !== 'drift';
  const units = deployable ? (unitsOf.get(d.entity) ?? []) : [];
  const reverting = units.filter((u) =>
    byId
      .get(u)
      ?.instances.some(
        (i) => i.action === 'revert-drift' && (!d.scope || d.scope.includes(i.account)),
      ),
  );
  const details = reverting.length
    ? [
        ...d.details,
        `changed out of band (the deployed template is current): ${reverting.join(', ')} reverts it`,
      ]
    : d.details;
  return {
    kind: d.kind,
    entity: d.entity,
    summary: d.summary,
    details,
    ...(d.accountsAffected !== undefined ? { accountsAffected: d.accountsAffected } : {}),
    units,
    destructive: d.destructive,
  };
}

/** One warning per reason a unit instance is unknown. */
function unknownWarnings(units: readonly UnitChange[], coverage: Coverage): string[] {
  const noId = new Set<string>();
  const unread = new Map<string, number>();
  for (const u of units)
    for (const i of u.instances) {
      if (i.action !== 'unknown') continue;
      if (i.accountId === null) noId.add(i.account);
      else if (!coverage.stacksRead(i.accountId, i.region)) {
        const where = `${i.account === i.accountId ? i.accountId : `${i.account} (${i.accountId})`} ${i.region}`;
        unread.set(where, (unread.get(where) ?? 0) + 1);
      }
    }
  const out: string[] = [];
  if (noId.size)
    out.push(
      `no AWS account id for ${count(noId.size, 'account')} (${shortList([...noId])}): their unit instances are unknown (not in the snapshot's organization, and no accountId in the blueprint)`,
    );
  if (unread.size) {
    const instances = [...unread.values()].reduce((a, b) => a + b, 0);
    out.push(
      `CloudFormation stacks not read in ${count(unread.size, 'account/Region pair')} (${shortList([...unread.keys()])}): ${count(instances, 'unit instance')} there ${instances === 1 ? 'is' : 'are'} unknown`,
    );
  }
  return out;
}
