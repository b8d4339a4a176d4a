/**
 * What `deploy` will execute for a plan, one line per operation, for the consent prompt:
 * exactly the units and instances whose action is not `unchanged` or `unknown`, then the
 * plan's actions in order. Deploy runs units in dependency order (organization first)
 * and StackSet instances in waves; the lines follow the plan's order.
 */
import type { InstanceAction, InstanceChange, Plan, PlanAction, UnitChange } from '../types.js';
import { activeUnits, isActive } from './select.js';

/** Most accounts named on one StackSet line before "and N more". */
const MAX_NAMED = 5;

const VERB: Record<InstanceAction, string> = {
  create: 'create',
  update: 'update',
  'revert-drift': 'revert drift of',
  delete: 'DELETE',
  unchanged: 'leave',
  unknown: 'leave',
};

/** The operations deploy will run, in words. */
export function describeDeployment(plan: Plan): string[] {
  const lines = activeUnits(plan.units).map(describeUnit);
  for (const a of plan.actions) lines.push(describeAction(a));
  return lines;
}

function describeUnit(u: UnitChange): string {
  const active = u.instances.filter(isActive);
  if (u.kind === 'stack') {
    const i = active[0] as InstanceChange;
    return `${VERB[i.action]} stack ${u.name} in ${account(i)} ${i.region}: ${u.title}`;
  }
  // The plan gives units the blueprint no longer has an empty hash: deploy removes them whole.
  if (u.hash === '' && active.every((i) => i.action === 'delete'))
    return `DELETE StackSet ${u.name} and its ${count(active.length, 'instance')}: ${u.title}`;
  const counts = new Map<InstanceAction, number>();
  for (const i of active) counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
  const what = [...counts]
    .map(([action, n]) => `${VERB[action]} ${count(n, 'instance')}`)
    .join(', ');
  const accounts = [...new Set(active.map((i) => i.account))];
  const named = accounts.slice(0, MAX_NAMED).join(', ');
  const more = accounts.length > MAX_NAMED ? ` and ${accounts.length - MAX_NAMED} more` : '';
  const regions = [...new Set(active.map((i) => i.region))].sort().join(', ');
  return `StackSet ${u.name}: ${what} (accounts ${named}${more}; ${regions}): ${u.title}`;
}

function describeAction(a: PlanAction): string {
  switch (a.type) {
    case 'move-account':
      return `move account ${a.account} (${a.accountId}) from OU ${a.fromOu} to OU ${a.toOu}: ${a.reason}`;
    case 'attach-quarantine':
      return `attach quarantine policy ${a.policy} to account ${a.account} (${a.accountId}): ${a.reason}`;
    case 'close-account':
      return `CLOSE account ${a.account} (${a.accountId}) once moved and quarantined: ${a.reason}`;
  }
}

function account(i: InstanceChange): string {
  return i.accountId ? `${i.account} (${i.accountId})` : `${i.account} (new account)`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
