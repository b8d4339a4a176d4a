import { describe, expect, it } from 'vitest';
import type { Plan } from '../types.js';
import { formatPlanText } from './format.js';

/** An ANSI escape sequence (ESC [). */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

function plan(over: Partial<Plan> = {}): Plan {
  return {
    schemaVersion: 1,
    kind: 'orgward-plan',
    blueprint: { name: 'acme', version: '2' },
    snapshot: { takenAt: '2026-11-20T10:00:00.000Z', method: 'collect' },
    changes: [
      {
        kind: 'retain',
        entity: 'ou:Legacy',
        summary: 'OU Legacy is not in the blueprint and not created by orgward: left alone',
        details: [],
        units: [],
        destructive: false,
      },
      {
        kind: 'update',
        entity: 'policy:deny-leave-org',
        summary:
          'SCP deny-leave-org gains a statement (DenyLeave) and now also applies to OU prod: 14 accounts',
        details: ['+ statement DenyLeave', '+ attach OU prod (14 accounts)'],
        accountsAffected: 14,
        units: ['organization-policies'],
        destructive: false,
      },
      {
        kind: 'create',
        entity: 'ou:sandbox',
        summary: 'OU sandbox is created under workloads',
        details: [],
        units: ['organization-ous'],
        destructive: false,
      },
    ],
    units: [
      {
        unit: 'organization-ous',
        name: 'orgward-organization-ous',
        kind: 'stack',
        title: 'OUs',
        action: 'update',
        reason: 'template changed',
        hash: 'h',
        instances: [
          {
            account: 'management',
            accountId: '111111111111',
            region: 'eu-west-1',
            action: 'update',
          },
        ],
      },
      {
        unit: 'role-audit-read',
        name: 'orgward-role-audit-read',
        kind: 'stackset',
        title: 'role',
        action: 'revert-drift',
        reason: 'changed out of band: role:audit-read (1 of 3 instances)',
        hash: 'h',
        instances: [
          { account: 'a', accountId: '1', region: 'eu-west-1', action: 'unchanged' },
          { account: 'b', accountId: '2', region: 'eu-west-1', action: 'unchanged' },
          { account: 'c', accountId: '3', region: 'eu-west-1', action: 'revert-drift' },
        ],
      },
      {
        unit: 'baseline',
        name: 'orgward-baseline',
        kind: 'stackset',
        title: 'baseline',
        action: 'unchanged',
        reason: 'up to date',
        hash: 'h',
        instances: [],
      },
    ],
    actions: [
      {
        type: 'move-account',
        account: 'Old',
        accountId: '888888888888',
        fromOu: 'ou-1',
        toOu: 'suspended',
        reason: 'gone',
      },
      {
        type: 'attach-quarantine',
        account: 'Old',
        accountId: '888888888888',
        policy: 'quarantine',
        reason: 'gone',
      },
      { type: 'close-account', account: 'Old', accountId: '888888888888', reason: 'gone' },
    ],
    summary: {
      changes: 2,
      destructive: 0,
      unitsChanged: 2,
      unitsUnchanged: 1,
      instancesChanged: 2,
      actions: 3,
    },
    warnings: ['IAM not read in 1 account (app-dev): roles there not compared'],
    ...over,
  };
}

describe('formatPlanText', () => {
  it('lists changes by kind, then changed units with counts, actions in order, warnings and a summary', () => {
    const text = formatPlanText(plan(), { color: false });
    expect(text).not.toMatch(ANSI);
    const lines = text.trimEnd().split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    // Sections in order, and kinds in order within Changes (create before update before retain).
    const order = [
      'Changes',
      'Create (1)',
      'OU sandbox is created',
      'Update (1)',
      'SCP deny-leave-org gains',
      '+ statement DenyLeave',
      'units: organization-policies',
      'Left alone (1)',
      'Units (2 of 3)',
      'organization-ous (stack',
      'role-audit-read (stackset',
      'Actions (in this order)',
      '1. move account Old',
      '2. quarantine account Old',
      '3. close account Old',
      'Warnings',
      'IAM not read',
    ];
    const positions = order.map(at);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(text).toContain('[1 revert-drift of 3 instances]');
    expect(text).not.toContain('orgward-baseline');
    expect(lines.at(-1)).toBe(
      'Plan: 2 changes (0 destructive), 2 units to deploy (2 instances), 1 unchanged, 3 actions, 1 warning.',
    );
  });

  it('colours only when asked', () => {
    expect(formatPlanText(plan(), { color: true })).toMatch(ANSI);
  });

  it('says so when nothing changes', () => {
    const text = formatPlanText(
      plan({
        changes: [],
        units: [],
        actions: [],
        warnings: [],
        summary: {
          changes: 0,
          destructive: 0,
          unitsChanged: 0,
          unitsUnchanged: 5,
          instancesChanged: 0,
          actions: 0,
        },
      }),
      { color: false },
    );
    expect(text).toBe(
      'Plan for acme 2 against the snapshot of 2026-11-20T10:00:00.000Z (collect)\n\n' +
        'No changes: 0 changes (0 destructive), 0 units to deploy (0 instances), 5 unchanged, 0 actions, 0 warnings.\n',
    );
  });
});
