/**
 * What deploy acts on: units and instances whose action is neither `unchanged` nor
 * `unknown` (shared by `deploy` and `describeDeployment`, so the consent prompt lists
 * exactly what runs), and the real clock.
 */
import type { InstanceChange, Plan, UnitChange } from '../types.js';
import type { Clock } from './types.js';

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Whether deploy acts on an instance. */
export function isActive(i: InstanceChange): boolean {
  return i.action !== 'unchanged' && i.action !== 'unknown';
}

/** The units deploy acts on, in plan order. */
export function activeUnits(units: readonly UnitChange[]): UnitChange[] {
  return units.filter(
    (u) => u.action !== 'unchanged' && u.action !== 'unknown' && u.instances.some(isActive),
  );
}

/**
 * The plan without its destructive parts (for a deploy without `--allow-destroy`):
 * instance deletions become `unchanged` and the account actions (move to the suspended
 * OU, quarantine, close) are dropped. Returns the plan deploy may run and the lines of
 * what was held back, for the CLI to print.
 */
export function withoutDestruction(plan: Plan): { plan: Plan; withheld: Plan } {
  const keep: UnitChange[] = [];
  const held: UnitChange[] = [];
  for (const u of plan.units) {
    const deletes = u.instances.filter((i) => i.action === 'delete');
    if (deletes.length === 0) {
      keep.push(u);
      continue;
    }
    held.push({ ...u, instances: deletes });
    const instances = u.instances.map((i) =>
      i.action === 'delete' ? { ...i, action: 'unchanged' as const } : i,
    );
    keep.push({ ...u, instances, action: strongest(instances) });
  }
  return {
    plan: { ...plan, units: keep, actions: [] },
    withheld: { ...plan, units: held, actions: plan.actions },
  };
}

const ORDER: readonly InstanceChange['action'][] = [
  'create',
  'update',
  'revert-drift',
  'delete',
  'unknown',
  'unchanged',
];

function strongest(instances: readonly InstanceChange[]): InstanceChange['action'] {
  return ORDER.find((a) => instances.some((i) => i.action === a)) ?? 'unchanged';
}
