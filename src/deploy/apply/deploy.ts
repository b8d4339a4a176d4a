/**
 * `deploy`: executes a plan. Only units and instances whose action is not `unchanged` or
 * `unknown` are touched. Order: units in dependency order (the organization's first),
 * StackSet instances wave by wave, then the units the plan removes, then the plan's
 * explicit actions (move, quarantine, close). Independent units run concurrently up to
 * `deployment.maxConcurrency`; after more than `deployment.failureTolerance` failures no
 * new work starts (running work finishes). The state file records every completion, so a
 * rerun of the same plan skips what is done and retries what failed.
 */
import { resolveLimits } from '../../blueprint/limits.js';
import { ROOT_OU } from '../../blueprint/model.js';
import { AwsAccessError } from '../../core/errors.js';
import type { ManifestEntry, SynthAsset } from '../../synth/types.js';
import { instanceKey, type InstanceChange, type UnitChange } from '../types.js';
import { runActions } from './actions.js';
import { messageOf, type CallEnv } from './call.js';
import { createParamResolver } from './params.js';
import { removedEntry, summarize } from './result.js';
import { runTasks, waveOrder, type Task } from './schedule.js';
import { activeUnits, isActive, SYSTEM_CLOCK } from './select.js';
import { deleteStack, deployStack, type UnitContext } from './stack.js';
import { deleteStackSet, deployStackSet, type SetInstanceResult } from './stackset.js';
import { actionKey } from './state.js';
import { wavesOf } from './targets.js';
import { Uploads } from './templates.js';
import {
  DEFAULT_TIMING,
  type ActionOutcome,
  type DeployOptions,
  type DeployResult,
  type InstanceOutcome,
  type Outcome,
  type SkipReason,
} from './types.js';

/** What is known of one instance when it completes. */
interface InstanceResult {
  outcome: Outcome;
  accountId?: string | null;
  skip?: SkipReason;
  reason?: string;
  failures?: string[];
}

type Report = (i: InstanceChange, r: InstanceResult) => void;

/** Execute the plan. */
export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const clock = opts.clock ?? SYSTEM_CLOCK;
  const startedAt = clock.now();
  const env: CallEnv = { clock, random: opts.random ?? Math.random };
  const { index, manifest, clients, plan } = opts;
  const dep = index.bp.deployment;
  const timing = { ...DEFAULT_TIMING, ...opts.timing };
  const progress = opts.progress ?? { report: () => undefined };
  const management = manifest.managementAccount;
  const home = manifest.homeRegion;
  const params =
    opts.params ??
    createParamResolver({
      index,
      manifest,
      clients,
      env,
      ...(opts.known ? { known: opts.known } : {}),
      ...(opts.assets ? { assets: opts.assets } : {}),
    });
  const state = await opts.state.load();

  // Saves are chained: each writes a copy taken when its completion was recorded.
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    state.updatedAt = clock.now().toISOString();
    const copy = structuredClone(state);
    saving = saving.then(() => opts.state.save(copy));
  };

  const instances: InstanceOutcome[] = [];
  const actions: ActionOutcome[] = [];
  const accessErrors: AwsAccessError[] = [];
  let failures = 0;
  const stopped = () => failures > dep.failureTolerance;
  const noteError = (error: unknown) => {
    if (error instanceof AwsAccessError && !accessErrors.some((e) => e.message === error.message))
      accessErrors.push(error);
  };

  const record = (u: UnitChange, change: InstanceChange, r: InstanceResult) => {
    const o: InstanceOutcome = {
      unit: u.unit,
      kind: u.kind,
      name: u.name,
      account: change.account,
      accountId: r.accountId ?? change.accountId,
      region: change.region,
      action: change.action,
      outcome: r.outcome,
      ...(r.skip ? { skip: r.skip } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.failures?.length ? { failures: r.failures } : {}),
    };
    instances.push(o);
    if (o.outcome === 'failed') failures++;
    if (o.outcome !== 'skipped') {
      const unitState = (state.instances[u.unit] ??= {});
      unitState[instanceKey(change.account, change.region)] = {
        hash: u.hash,
        status: o.outcome === 'failed' ? 'failed' : 'done',
        outcome: o.outcome,
        at: clock.now().toISOString(),
        ...(o.reason ? { reason: o.reason } : {}),
      };
      save();
    }
    progress.report({ type: 'instance-done', outcome: o });
  };

  const doneEarlier = (u: UnitChange, i: InstanceChange) => {
    const rec = state.instances[u.unit]?.[instanceKey(i.account, i.region)];
    return rec?.status === 'done' && rec.hash === u.hash;
  };

  const uploads = new Uploads(
    env,
    clients,
    opts.assets,
    index.bp.organization.partition ?? 'aws',
    management,
    async () => {
      try {
        return await params.accountId(management);
      } catch {
        return undefined;
      }
    },
  );
  const unitContext = (unit: string): UnitContext => ({
    env,
    clients,
    params,
    uploads,
    timing,
    inlineMax: resolveLimits(index.bp.limits).templateBodyMaxBytes,
    terminationProtection: dep.terminationProtection,
    status: (message) => {
      progress.report({ type: 'status', unit, message });
    },
  });
  const waves = wavesOf(index);
  const entries = new Map(manifest.units.map((e) => [e.id, e]));
  const assetsOf = new Map<string, readonly SynthAsset[]>(
    opts.synth.units.map((u) => [u.id, u.assets]),
  );

  const units = activeUnits(plan.units);
  progress.report({
    type: 'start',
    units: units.length,
    instances: units.reduce((n, u) => n + u.instances.filter(isActive).length, 0),
    actions: plan.actions.length,
  });

  /** A task for one unit; `todo` are its instances not done by an earlier run. */
  /**
   * Why a unit must not run: the plan and the templates are out of step (deploying would
   * apply something the consent did not cover).
   */
  const mismatch = (u: UnitChange): string | undefined => {
    const entry = entries.get(u.unit);
    if (entry && entry.hash !== u.hash)
      return `the plan was made for template ${u.hash || '(none)'}, the synthesized one is ${entry.hash}: run plan again`;
    if (!entry && u.instances.some((i) => isActive(i) && i.action !== 'delete'))
      return `${u.unit} is not among the synthesized units: run synth and plan again`;
    return undefined;
  };

  const unitTask = (u: UnitChange, deps: string[], after: string[]): Task => {
    const todo: InstanceChange[] = [];
    for (const i of u.instances.filter(isActive)) {
      if (doneEarlier(u, i))
        record(u, i, {
          outcome: 'skipped',
          skip: 'done-earlier',
          reason: 'done by an earlier run (same hash)',
        });
      else todo.push(i);
    }
    const reported = new Set<InstanceChange>();
    let bad = false;
    const report: Report = (i, r) => {
      if (reported.has(i)) return;
      reported.add(i);
      if (r.outcome === 'failed' || r.outcome === 'skipped') bad = true;
      record(u, i, r);
    };
    const rest = (r: InstanceResult) => {
      for (const i of todo) report(i, r);
    };
    return {
      id: u.unit,
      deps,
      after,
      run: async () => {
        if (todo.length === 0) return true;
        const refused = mismatch(u);
        if (refused) {
          rest({ outcome: 'failed', reason: refused });
          return false;
        }
        progress.report({ type: 'unit-start', unit: u.unit, name: u.name, kind: u.kind });
        await runUnit(u, todo, report);
        return !bad;
      },
      skip: (why, reason) => {
        rest({ outcome: 'skipped', skip: why, reason });
      },
      fail: (error) => {
        noteError(error);
        rest({ outcome: 'failed', reason: messageOf(error) });
      },
    };
  };

  const runUnit = async (u: UnitChange, todo: InstanceChange[], report: Report): Promise<void> => {
    const ctx = unitContext(u.unit);
    const entry = entries.get(u.unit);
    // A unit the manifest no longer has is removed whole; otherwise only its instances.
    const removal = !entry;
    if (u.kind === 'stackset') {
      const job = {
        unit: u.unit,
        name: u.name,
        hash: u.hash,
        entry: entry ?? removedEntry(u),
        body: opts.synth.bodies.get(u.unit) ?? '',
        assets: assetsOf.get(u.unit) ?? [],
        management,
        homeRegion: home,
        instances: todo,
        index,
        waves,
        maxConcurrency: dep.maxConcurrency,
        failureTolerance: dep.failureTolerance,
        stopped,
        onWave: (wave: string, n: number) => {
          progress.report({ type: 'wave-start', unit: u.unit, wave, instances: n });
        },
        done: (r: SetInstanceResult) => {
          report(r.change, r);
        },
      };
      if (removal) await deleteStackSet(ctx, job);
      else {
        if (!opts.synth.bodies.has(u.unit))
          throw new Error(`no synthesized template for ${u.unit}`);
        await deployStackSet(ctx, job);
      }
      return;
    }
    for (const i of todo) {
      if (stopped()) {
        report(i, { outcome: 'skipped', skip: 'stopped', reason: 'failure tolerance exceeded' });
        continue;
      }
      try {
        const accountId =
          i.account === management
            ? (i.accountId ?? undefined)
            : (i.accountId ?? (await params.accountId(i.account)));
        const target = { account: i.account, ...(accountId ? { accountId } : {}) };
        const r =
          removal || i.action === 'delete'
            ? await deleteStack(ctx, { name: u.name, target, region: i.region })
            : await deployStack(ctx, {
                unit: u.unit,
                name: u.name,
                hash: u.hash,
                entry,
                body: requireBody(u.unit),
                assets: assetsOf.get(u.unit) ?? [],
                target,
                region: i.region,
                action: i.action,
              });
        if (r.outputs) params.record(r.outputs);
        report(i, {
          outcome: r.outcome,
          accountId: accountId ?? null,
          ...(r.reason ? { reason: r.reason } : {}),
          ...(r.failures ? { failures: r.failures } : {}),
        });
      } catch (error) {
        noteError(error);
        report(i, { outcome: 'failed', reason: messageOf(error) });
      }
    }
  };

  const requireBody = (unit: string): string => {
    const body = opts.synth.bodies.get(unit);
    if (body === undefined) throw new Error(`no synthesized template for ${unit}`);
    return body;
  };

  // Phase 1: units to create or update, in dependency order, organization first.
  const applying = units.filter((u) => entries.has(u.unit));
  const ids = new Set(applying.map((u) => u.unit));
  const orgUnits = applying
    .filter((u) => entries.get(u.unit)?.concern === 'organization')
    .map((u) => u.unit);
  const barriers: Task[] = [];
  const after = waveOrder(applying, entries, manifest.strategy, (a) => waves.of(a), barriers);
  const tasks: Task[] = [
    ...barriers,
    ...applying.map((u) => {
      const e = entries.get(u.unit) as ManifestEntry;
      const deps = [
        ...e.dependsOn.filter((d) => ids.has(d)),
        ...(e.concern === 'organization' ? [] : orgUnits),
      ];
      return unitTask(u, deps, after.get(u.unit) ?? []);
    }),
  ];
  await runTasks(tasks, dep.maxConcurrency, stopped);

  // Phase 2: units the blueprint no longer has, dependents first (reverse plan order).
  const removing = units.filter((u) => !entries.has(u.unit)).reverse();
  let previous: string[] = [];
  const removals = removing.map((u) => {
    const t = unitTask(u, [], previous);
    previous = [u.unit];
    return t;
  });
  await runTasks(removals, dep.maxConcurrency, stopped);

  // Phase 3: the plan's actions, in order.
  await runActions(
    {
      env,
      clients,
      params,
      site: { target: { account: management }, role: undefined, region: home },
      state,
      isBlueprintOu: (id) => id === ROOT_OU || index.ous.has(id),
      stopped,
      record: (o, error) => {
        actions.push(o);
        if (o.outcome === 'failed') {
          failures++;
          noteError(error);
        }
        if (o.outcome !== 'skipped') {
          state.actions[actionKey(o.action)] = {
            status: o.outcome === 'done' ? 'done' : 'failed',
            at: clock.now().toISOString(),
            ...(o.reason ? { reason: o.reason } : {}),
          };
          save();
        }
        progress.report({ type: 'action-done', outcome: o });
      },
    },
    plan.actions,
  );
  await saving;

  const result = summarize(instances, actions, accessErrors, stopped(), startedAt, clock.now());
  progress.report({ type: 'done', result });
  return result;
}
