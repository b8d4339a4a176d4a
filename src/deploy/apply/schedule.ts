/**
 * Runs tasks in dependency order under a concurrency limit. A task starts when every
 * dependency completed (a failed or skipped dependency skips it) and every ordering-only
 * predecessor finished (whatever its outcome: waves order work but a failure in one wave
 * does not by itself skip the next; the failure tolerance does). Once the run is stopped
 * (too many failures), tasks that have not started are skipped; running ones finish.
 */
import pLimit from 'p-limit';
import type { ManifestEntry } from '../../synth/types.js';
import type { UnitChange } from '../types.js';
import type { SkipReason } from './types.js';

/** One schedulable piece of work. */
export interface Task {
  id: string;
  /** Tasks that must succeed first. */
  deps: readonly string[];
  /** Tasks that must finish first (success or not). */
  after?: readonly string[];
  /** Pure ordering node: takes no concurrency slot and never fails. */
  barrier?: boolean;
  /** Do the work; true on success. An exception is handed to `fail`. */
  run(): Promise<boolean>;
  skip(why: SkipReason, reason: string): void;
  fail(error: unknown): void;
}

/** Run every task; resolves when all are done or skipped. Throws on a dependency cycle. */
export async function runTasks(
  tasks: readonly Task[],
  concurrency: number,
  stopped: () => boolean,
): Promise<void> {
  const limit = pLimit(Math.max(1, concurrency));
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const results = new Map<string, Promise<boolean>>();
  for (const t of topological(tasks, byId)) {
    const deps = t.deps.filter((d) => byId.has(d));
    const after = (t.after ?? []).filter((d) => byId.has(d));
    const wait = (ids: string[]) =>
      Promise.all(ids.map((d) => results.get(d) ?? Promise.resolve(true)));
    results.set(
      t.id,
      (async () => {
        const [ok] = await Promise.all([wait(deps), wait(after)]);
        if (t.barrier) return true;
        const bad = deps.find((_, i) => !ok[i]);
        if (bad !== undefined) {
          t.skip('dependency', `${bad} did not complete`);
          return false;
        }
        return limit(async () => {
          if (stopped()) {
            t.skip('stopped', 'failure tolerance exceeded: no new work started');
            return false;
          }
          try {
            return await t.run();
          } catch (error) {
            t.fail(error);
            return false;
          }
        });
      })(),
    );
  }
  await Promise.all(results.values());
}

/** Tasks with each one after its dependencies (input order otherwise kept). */
function topological(tasks: readonly Task[], byId: ReadonlyMap<string, Task>): Task[] {
  const out: Task[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: Task, path: string[]) => {
    const s = state.get(t.id);
    if (s === 'done') return;
    if (s === 'visiting')
      throw new Error(`deploy: dependency cycle ${[...path, t.id].join(' -> ')}`);
    state.set(t.id, 'visiting');
    for (const d of [...t.deps, ...(t.after ?? [])]) {
      const dep = byId.get(d);
      if (dep) visit(dep, [...path, t.id]);
    }
    state.set(t.id, 'done');
    out.push(t);
  };
  for (const t of tasks) visit(t, []);
  return out;
}

/**
 * With `deployment.strategy: stacks`, a StackSet becomes one stack per account and Region
 * (`<unit>--<account>--<region>`): those follow the waves through barrier tasks (a stack
 * in wave n starts once every stack of the same unit in earlier waves has finished).
 */
export function waveOrder(
  units: readonly UnitChange[],
  entries: ReadonlyMap<string, ManifestEntry>,
  strategy: string,
  waveOf: (account: string) => number,
  barriers: Task[],
): Map<string, string[]> {
  const after = new Map<string, string[]>();
  if (strategy !== 'stacks') return after;
  const groups = new Map<string, Map<number, string[]>>();
  for (const u of units) {
    const parts = u.unit.split('--');
    const account = entries.get(u.unit)?.accounts[0];
    if (parts.length < 3 || u.kind !== 'stack' || !account) continue;
    const base = parts[0] ?? u.unit;
    const byWave = groups.get(base) ?? new Map<number, string[]>();
    const w = waveOf(account);
    byWave.set(w, [...(byWave.get(w) ?? []), u.unit]);
    groups.set(base, byWave);
  }
  for (const [base, byWave] of groups) {
    let gate: string | undefined;
    for (const w of [...byWave.keys()].sort((a, b) => a - b)) {
      const members = byWave.get(w) ?? [];
      if (gate) for (const m of members) after.set(m, [gate]);
      const id = `wave:${base}:${w}`;
      barriers.push({
        id,
        deps: [],
        after: [...members, ...(gate ? [gate] : [])],
        barrier: true,
        run: () => Promise.resolve(true),
        skip: () => undefined,
        fail: () => undefined,
      });
      gate = id;
    }
  }
  return after;
}
