/**
 * What a deployed manifest leaves behind in CloudFormation, for the simulator: the stacks
 * that `orgward deploy` of a manifest creates, each with the `OrgwardUnit` / `OrgwardHash`
 * outputs that collect reads back, so the demo and the tests can simulate an organization
 * deployed from a blueprint (or an older version of it) and plan against it.
 *
 * Names follow CloudFormation: a stack unit is the stack `<manifest name>` (`<prefix>-<unit>`)
 * in its account and Region; a StackSet's instance in an account and Region is the stack
 * `StackSet-<StackSet name>-<UUID>`, as service-managed StackSets name them. Every id is a
 * pure function of the manifest, so the same inputs give the same stacks.
 */
import type { Blueprint } from '../blueprint/schema/blueprint.js';
import type { DeployedStack, Snapshot } from '../snapshot/types.js';
import type { Manifest } from '../synth/types.js';
import { hash32, uuid } from './random.js';

/** Deployed stacks per `${accountId}|${region}` (the key `instanceKey` of src/deploy builds). */
export type DeployedStacks = Map<string, DeployedStack[]>;

/** How the deployment differs from the manifest as synthesized. */
export interface DeployedOptions {
  /** Unit ids deployed from an older template: their stacks carry another hash. */
  stale?: ReadonlySet<string>;
  /** Unit ids never deployed (no stack anywhere). */
  missing?: ReadonlySet<string>;
  /** Unit ids whose stacks CloudFormation's drift detection found DRIFTED. */
  drifted?: ReadonlySet<string>;
  /** ARN partition of the stack ids (default `aws`). */
  partition?: string;
}

/** Seed of the deterministic stack UUIDs (not the simulation seed: a manifest is enough). */
const UUID_SEED = 'orgward-deployed-stacks';

/**
 * The hash a stale unit's stacks carry: another hash of the same length, derived from the
 * current one, so it never equals it and is the same on every call.
 */
export function staleHash(hash: string): string {
  let out = '';
  for (let i = 0; out.length < hash.length; i++)
    out += hash32(`stale|${hash}|${String(i)}`)
      .toString(16)
      .padStart(8, '0');
  out = out.slice(0, Math.max(hash.length, 1));
  return out === hash ? `${out.slice(0, -1)}${out.endsWith('0') ? '1' : '0'}` : out;
}

/**
 * The stacks a deployment of `manifest` leaves, per `${accountId}|${region}`, sorted by
 * name. `accountIds` maps a blueprint account id to its AWS id; instances in accounts it
 * does not know are left out (nothing can be deployed where the account does not exist).
 */
export function deployedStacks(
  manifest: Manifest,
  accountIds: (bpAccountId: string) => string | undefined,
  opts: DeployedOptions = {},
): DeployedStacks {
  const partition = opts.partition ?? 'aws';
  const out: DeployedStacks = new Map();
  for (const entry of manifest.units) {
    if (opts.missing?.has(entry.id)) continue;
    const hash = opts.stale?.has(entry.id) ? staleHash(entry.hash) : entry.hash;
    for (const [i, account] of entry.accounts.entries()) {
      const accountId = accountIds(account) ?? entry.accountIds[i] ?? undefined;
      if (accountId === undefined) continue;
      for (const region of entry.regions) {
        const id = uuid(UUID_SEED, 'stack', accountId, region, entry.name);
        const stackName =
          entry.kind === 'stackset'
            ? `StackSet-${entry.name}-${uuid(UUID_SEED, 'instance', accountId, region, entry.name)}`
            : entry.name;
        const stack: DeployedStack = {
          stackName,
          stackId: `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stackName}/${id}`,
          stackStatus: 'CREATE_COMPLETE',
          // Drift detection runs only when asked: a fresh deployment has not been checked.
          driftStatus: opts.drifted?.has(entry.id) ? 'DRIFTED' : 'NOT_CHECKED',
          unit: entry.id,
          hash,
        };
        const key = `${accountId}|${region}`;
        const list = out.get(key);
        if (list) list.push(stack);
        else out.set(key, [stack]);
      }
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.stackName.localeCompare(b.stackName));
  return out;
}

/**
 * Blueprint account id -> AWS account id, as a snapshot of the organization shows it: the
 * account id the blueprint declares, else the organization's account with the blueprint
 * account's email (unique in AWS). For {@link deployedStacks} over a simulated snapshot.
 */
export function accountIdsOf(
  blueprint: Blueprint,
  snapshot: Snapshot,
): (bpAccountId: string) => string | undefined {
  const byEmail = new Map(
    (snapshot.organization?.accounts ?? []).map((a) => [a.email.toLowerCase(), a.id]),
  );
  const ids = new Map<string, string>();
  for (const a of blueprint.accounts) {
    const id = a.accountId ?? byEmail.get(a.email.toLowerCase());
    if (id !== undefined) ids.set(a.id, id);
  }
  return (bpAccountId) => ids.get(bpAccountId);
}

/**
 * `snapshot` with the deployed stacks in place: every Region of every account gets a
 * `cloudFormation` section (empty where nothing is deployed), as collect would read it.
 * Stacks for accounts or Regions the snapshot does not hold are dropped. A stack without
 * `lastUpdatedTime` gets one (a few days to a year before `takenAt`, fixed per stack).
 */
export function withDeployedStacks(
  snapshot: Snapshot,
  deployed: ReadonlyMap<string, readonly DeployedStack[]>,
): Snapshot {
  const takenAt = Date.parse(snapshot.takenAt);
  const accounts: Snapshot['accounts'] = {};
  for (const [accountId, account] of Object.entries(snapshot.accounts)) {
    const regions: typeof account.regions = {};
    for (const [region, r] of Object.entries(account.regions)) {
      const stacks = (deployed.get(`${accountId}|${region}`) ?? []).map((s) =>
        s.lastUpdatedTime !== undefined
          ? { ...s }
          : {
              ...s,
              lastUpdatedTime: new Date(
                takenAt - (3 + (hash32(s.stackId) % 360)) * 86_400_000,
              ).toISOString(),
            },
      );
      regions[region] = { ...r, cloudFormation: { stacks } };
    }
    accounts[accountId] = { ...account, regions };
  }
  return { ...snapshot, accounts };
}
