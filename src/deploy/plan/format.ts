/**
 * The plan as terminal text: semantic changes first, grouped by kind; then the units and
 * instances that change, with counts; then the explicit actions in the order they run;
 * then warnings; then a one-line summary. Colour only when asked (a TTY).
 */
import pc from 'picocolors';
import type { ChangeKind, InstanceAction, Plan, PlanAction, UnitChange } from '../types.js';
import { count } from './draft.js';

/** Options of {@link formatPlanText}. */
export interface FormatOptions {
  /** Colour the output (use `process.stdout.isTTY`). */
  color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/** How each kind of change is headed and marked, in listing order. */
const KINDS: readonly { kind: ChangeKind; heading: string; mark: string; color: keyof Colors }[] = [
  { kind: 'create', heading: 'Create', mark: '+', color: 'green' },
  { kind: 'update', heading: 'Update', mark: '~', color: 'yellow' },
  { kind: 'move', heading: 'Move', mark: '>', color: 'cyan' },
  { kind: 'delete', heading: 'Delete', mark: '-', color: 'red' },
  { kind: 'drift', heading: 'Drift (observed only, not deployed)', mark: '!', color: 'magenta' },
  { kind: 'retain', heading: 'Left alone', mark: '=', color: 'dim' },
];

const ACTION_MARK: Readonly<Record<InstanceAction, { mark: string; color: keyof Colors }>> = {
  create: { mark: '+', color: 'green' },
  update: { mark: '~', color: 'yellow' },
  'revert-drift': { mark: '<', color: 'magenta' },
  delete: { mark: '-', color: 'red' },
  unknown: { mark: '?', color: 'dim' },
  unchanged: { mark: ' ', color: 'dim' },
};

function paint(c: Colors, color: keyof Colors, text: string): string {
  const f = c[color];
  return typeof f === 'function' ? f(text) : text;
}

/** Format the plan for a terminal. */
export function formatPlanText(plan: Plan, opts: FormatOptions): string {
  const c = pc.createColors(opts.color);
  const lines: string[] = [];
  const { summary } = plan;
  lines.push(
    c.bold(`Plan for ${plan.blueprint.name} ${plan.blueprint.version}`) +
      c.dim(
        plan.snapshot
          ? ` against the snapshot of ${plan.snapshot.takenAt} (${plan.snapshot.method})`
          : ' (no snapshot)',
      ),
    '',
  );
  if (plan.changes.length) {
    lines.push(c.bold('Changes'));
    for (const k of KINDS) {
      const group = plan.changes.filter((ch) => ch.kind === k.kind);
      if (!group.length) continue;
      lines.push(`  ${paint(c, k.color, `${k.heading} (${group.length})`)}`);
      for (const ch of group) {
        const mark = paint(c, k.color, k.mark);
        const text = ch.destructive ? c.red(ch.summary) : ch.summary;
        lines.push(`    ${mark} ${text}`);
        for (const d of ch.details) lines.push(`        ${c.dim(d)}`);
        if (ch.units.length) lines.push(`        ${c.dim(`units: ${ch.units.join(', ')}`)}`);
      }
    }
    lines.push('');
  }
  const moving = plan.units.filter((u) => u.action !== 'unchanged');
  if (moving.length) {
    lines.push(c.bold(`Units (${moving.length} of ${plan.units.length})`));
    for (const u of moving) lines.push(`  ${unitLine(c, u)}`);
    lines.push('');
  }
  if (plan.actions.length) {
    lines.push(c.bold('Actions (in this order)'));
    plan.actions.forEach((a, i) => lines.push(`  ${i + 1}. ${actionLine(c, a)}`));
    lines.push('');
  }
  if (plan.warnings.length) {
    lines.push(c.bold('Warnings'));
    for (const w of plan.warnings) lines.push(`  ${c.yellow('!')} ${w}`);
    lines.push('');
  }
  const nothing = summary.changes === 0 && summary.unitsChanged === 0 && summary.actions === 0;
  const parts = [
    `${count(summary.changes, 'change')} (${summary.destructive} destructive)`,
    `${count(summary.unitsChanged, 'unit')} to deploy (${count(summary.instancesChanged, 'instance')})`,
    `${summary.unitsUnchanged} unchanged`,
    count(summary.actions, 'action'),
    count(plan.warnings.length, 'warning'),
  ];
  const line = `${nothing ? 'No changes' : 'Plan'}: ${parts.join(', ')}.`;
  lines.push(nothing && plan.warnings.length === 0 ? c.green(line) : c.bold(line));
  return lines.join('\n') + '\n';
}

function unitLine(c: Colors, u: UnitChange): string {
  const m = ACTION_MARK[u.action];
  const counts = new Map<InstanceAction, number>();
  for (const i of u.instances) counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
  const tally =
    u.instances.length > 1
      ? ` [${[...counts]
          .filter(([a]) => a !== 'unchanged')
          .map(([a, n]) => `${n} ${a}`)
          .join(', ')} of ${count(u.instances.length, 'instance')}]`
      : '';
  return `${paint(c, m.color, `${m.mark} ${u.action.padEnd(12)}`)} ${u.unit} ${c.dim(`(${u.kind} ${u.name})`)}${tally}: ${u.reason}`;
}

function actionLine(c: Colors, a: PlanAction): string {
  switch (a.type) {
    case 'move-account':
      return `${c.cyan('move')} account ${a.account} (${a.accountId}) from ${a.fromOu} to OU ${a.toOu} ${c.dim(`- ${a.reason}`)}`;
    case 'attach-quarantine':
      return `${c.magenta('quarantine')} account ${a.account} (${a.accountId}) with SCP ${a.policy} ${c.dim(`- ${a.reason}`)}`;
    case 'close-account':
      return `${c.red('close')} account ${a.account} (${a.accountId}) ${c.dim(`- ${a.reason}`)}`;
  }
}
