/**
 * Deployment units: for every manifest unit and instance (account x Region), what deploy
 * does, from the manifest hash, the deployed hash and the entities that drifted. Deployed
 * orgward stacks whose unit is no longer synthesized are deleted.
 */
import type { Manifest, ManifestEntry } from '../../synth/types.js';
import type { EntityRef } from '../../synth/types.js';
import type { Snapshot } from '../../snapshot/types.js';
import {
  instanceKey,
  type DeployedInstance,
  type DeployedState,
  type InstanceAction,
  type InstanceChange,
  type UnitChange,
} from '../types.js';

/**
 * Entities whose live state differs from the blueprint: a set (the whole entity), or a map
 * to the blueprint accounts where it differs (`'all'` for everywhere), so a role drifted in
 * one account reverts only that StackSet instance.
 */
export type DriftedEntities =
  ReadonlySet<EntityRef> | ReadonlyMap<EntityRef, ReadonlySet<string> | 'all'>;

/** Options of {@link unitChanges}. */
export interface UnitOptions {
  /** AWS account id of a blueprint account the manifest does not know (e.g. matched by e-mail). */
  accountIdOf?: (account: string) => string | undefined;
  /** Blueprint accounts this plan creates (their instances are created with them). */
  creating?: ReadonlySet<string>;
  /** Whether the deployed state of an account and Region was read (default: always). */
  known?: (accountId: string, region: string) => boolean;
}

/** Strength of an instance action, for the unit's overall action. */
const STRENGTH: Readonly<Record<InstanceAction, number>> = {
  create: 5,
  update: 4,
  'revert-drift': 3,
  delete: 2,
  unknown: 1,
  unchanged: 0,
};

/** Stack states that leave nothing deployed: deploy creates the stack again. */
const GONE = new Set(['CREATE_FAILED', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_COMPLETE']);

/** A deployed instance with the stack it was read from (to tell StackSet instances apart). */
export interface DeployedStackInstance extends DeployedInstance {
  stackName?: string;
  /**
   * The unit was inferred from the stack name (no OrgwardUnit output): good enough to
   * update or recreate a unit of the manifest, never to delete a stack orgward may not own.
   */
  inferred?: boolean;
}

function inferred(state: DeployedInstance): boolean {
  return (state as DeployedStackInstance).inferred === true;
}

function driftedIn(drifted: DriftedEntities, entity: EntityRef, account: string): boolean {
  if (drifted instanceof Set) return drifted.has(entity);
  const where = (drifted as ReadonlyMap<EntityRef, ReadonlySet<string> | 'all'>).get(entity);
  return where === 'all' || (where !== undefined && where.has(account));
}

function strongest(actions: readonly InstanceAction[]): InstanceAction {
  let best: InstanceAction = 'unchanged';
  for (const a of actions) if (STRENGTH[a] > STRENGTH[best]) best = a;
  return best;
}

/** Why a unit changes, as counts per instance action. */
function reasonOf(
  instances: readonly InstanceChange[],
  driftedEntities: readonly string[],
): string {
  const total = instances.length;
  const part = (a: InstanceAction, text: string): string[] => {
    const n = instances.filter((i) => i.action === a).length;
    if (!n) return [];
    return [total > 1 ? `${text} (${n} of ${total} instances)` : text];
  };
  const parts = [
    ...part('create', 'not deployed'),
    ...part('update', 'template changed'),
    ...part(
      'revert-drift',
      `changed out of band${driftedEntities.length ? `: ${driftedEntities.join(', ')}` : ''}`,
    ),
    ...part('delete', 'no longer targeted'),
    ...part('unknown', 'deployed state unknown'),
  ];
  return parts.length ? parts.join('; ') : 'up to date';
}

/**
 * What deploy does to each unit: absent -> create, other hash -> update, same hash but an
 * entity of the unit drifted (or CloudFormation reports the stack DRIFTED) -> revert-drift,
 * same -> unchanged; instances not read -> unknown; deployed units and instances the
 * manifest no longer has -> delete.
 */
export function unitChanges(
  manifest: Manifest,
  deployed: DeployedState,
  driftedEntities: DriftedEntities,
  opts: UnitOptions = {},
): UnitChange[] {
  const known = opts.known ?? (() => true);
  const out: UnitChange[] = [];
  const accountOf = new Map<string, string>();
  for (const u of manifest.units)
    u.accounts.forEach((a, i) => {
      const id = u.accountIds[i] ?? opts.accountIdOf?.(a);
      if (id) accountOf.set(id, a);
    });
  for (const entry of manifest.units) {
    const instances: InstanceChange[] = [];
    const seen = new Set<string>();
    const drifted = new Set<string>();
    const states = deployed.get(entry.id);
    const env: InstanceEnv = { states, driftedEntities, drifted, creating: opts.creating, known };
    entry.accounts.forEach((account, i) => {
      const accountId = entry.accountIds[i] ?? opts.accountIdOf?.(account) ?? null;
      for (const region of entry.regions) {
        if (accountId !== null) seen.add(instanceKey(accountId, region));
        instances.push(instanceChange(entry, { account, accountId, region }, env));
      }
    });
    // Deployed instances the manifest no longer targets (an account left the selection).
    // One in an account we cannot name may be a targeted account whose id is unknown.
    const someUnknown = instances.some((x) => x.accountId === null);
    for (const [key, state] of states ?? []) {
      if (seen.has(key) || GONE.has(state.status) || inferred(state)) continue;
      const [accountId = '', region = ''] = key.split('|');
      const account = accountOf.get(accountId);
      instances.push({
        account: account ?? accountId,
        accountId,
        region,
        action: account === undefined && someUnknown ? 'unknown' : 'delete',
        ...(state.hash !== undefined ? { deployedHash: state.hash } : {}),
      });
    }
    out.push({
      unit: entry.id,
      name: entry.name,
      kind: entry.kind,
      title: entry.title,
      action: strongest(instances.map((x) => x.action)),
      reason: reasonOf(instances, [...drifted].sort()),
      hash: entry.hash,
      instances,
    });
  }
  const synthesized = new Set(manifest.units.map((u) => u.id));
  for (const [unit, states] of [...deployed].sort(([a], [b]) => a.localeCompare(b))) {
    if (synthesized.has(unit)) continue;
    const instances: InstanceChange[] = [];
    let stackSet = false;
    for (const [key, state] of states) {
      if (GONE.has(state.status) || inferred(state)) continue;
      const [accountId = '', region = ''] = key.split('|');
      if ((state as DeployedStackInstance).stackName?.startsWith('StackSet-')) stackSet = true;
      instances.push({
        account: accountOf.get(accountId) ?? accountId,
        accountId,
        region,
        action: 'delete',
        ...(state.hash !== undefined ? { deployedHash: state.hash } : {}),
      });
    }
    if (!instances.length) continue;
    out.push({
      unit,
      name: `${manifest.stackPrefix}-${unit}`,
      kind: stackSet ? 'stackset' : 'stack',
      title: 'no longer synthesized from the blueprint',
      action: 'delete',
      reason: 'no longer in the manifest',
      hash: '',
      instances,
    });
  }
  return out;
}

/** What one unit's instances are judged against. */
interface InstanceEnv {
  states: ReadonlyMap<string, DeployedInstance> | undefined;
  driftedEntities: DriftedEntities;
  /** Collects the drifted entities found, for the unit's reason. */
  drifted: Set<string>;
  creating: ReadonlySet<string> | undefined;
  known: (accountId: string, region: string) => boolean;
}

function instanceChange(
  entry: ManifestEntry,
  where: { account: string; accountId: string | null; region: string },
  env: InstanceEnv,
): InstanceChange {
  const { account, accountId, region } = where;
  const { states, driftedEntities, drifted, known } = env;
  const base = { account, accountId, region };
  if (accountId === null)
    return { ...base, action: env.creating?.has(account) ? 'create' : 'unknown' };
  const state = states?.get(instanceKey(accountId, region));
  if (!state || GONE.has(state.status)) {
    // Not found where nothing was read is not "absent".
    if (!known(accountId, region)) return { ...base, action: 'unknown' };
    return { ...base, action: 'create' };
  }
  const withHash = { ...base, ...(state.hash !== undefined ? { deployedHash: state.hash } : {}) };
  if (state.hash !== entry.hash) return { ...withHash, action: 'update' };
  const entities = entry.entities.filter((e) => driftedIn(driftedEntities, e, account));
  for (const e of entities) drifted.add(e);
  if (entities.length || state.drifted) {
    if (state.drifted && !entities.length) drifted.add('CloudFormation drift detection');
    return { ...withHash, action: 'revert-drift' };
  }
  return { ...withHash, action: 'unchanged' };
}

/** Escape a string for a RegExp. */
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * What is deployed, from the snapshot's CloudFormation stacks: orgward's stacks carry the
 * `OrgwardUnit` and `OrgwardHash` outputs; a stack without them (e.g. one whose creation
 * failed) is recognised by its name (`<prefix>-<unit>`, or `StackSet-<prefix>-<unit>-<uuid>`
 * for a StackSet instance) and marked `inferred`: it may be updated or recreated, never
 * deleted, since it may not be orgward's.
 */
export function deployedFromSnapshot(snapshot: Snapshot, stackPrefix: string): DeployedState {
  const p = escape(stackPrefix);
  const plain = new RegExp(`^${p}-(.+)$`);
  const instance = new RegExp(
    `^StackSet-${p}-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`,
  );
  const state: DeployedState = new Map();
  for (const [accountId, account] of Object.entries(snapshot.accounts)) {
    for (const [region, r] of Object.entries(account.regions)) {
      for (const s of r.cloudFormation?.stacks ?? []) {
        if (s.stackStatus === 'DELETE_COMPLETE') continue;
        const unit = s.unit ?? instance.exec(s.stackName)?.[1] ?? plain.exec(s.stackName)?.[1];
        if (unit === undefined) continue;
        const key = instanceKey(accountId, region);
        const units = state.get(unit) ?? new Map<string, DeployedInstance>();
        const had = units.get(key);
        // Two stacks for one instance (a failed one left beside a good one): keep the one
        // that carries a hash.
        if (had && had.hash !== undefined && s.hash === undefined) continue;
        const value: DeployedStackInstance = {
          hash: s.hash,
          status: s.stackStatus,
          drifted: s.driftStatus === 'DRIFTED',
          stackName: s.stackName,
          ...(s.unit === undefined ? { inferred: true } : {}),
        };
        units.set(key, value);
        state.set(unit, units);
      }
    }
  }
  return state;
}
