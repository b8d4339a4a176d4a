import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import type { OrgAccount, Snapshot } from '../../snapshot/types.js';
import { IDS, ouId, scenario, tagged } from './__fixtures__/plan.js';

const org = (s: Snapshot) => s.organization!;
const LEFT_ALONE =
  'is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)';

/** A live account orgward created and the blueprint no longer names. */
function oldAccount(onRemove: string | undefined, parent = ouId('dev'), tagged = true): OrgAccount {
  return {
    id: '888888888888',
    arn: 'arn:aws:organizations::111111111111:account/o-abc123def4/888888888888',
    name: 'Old App',
    email: 'aws-old-app@example.com',
    status: 'ACTIVE',
    parentId: parent,
    ...(tagged
      ? {
          tags: {
            'orgward:entity': 'account:old-app',
            ...(onRemove !== undefined ? { 'orgward:on-remove': onRemove } : {}),
          },
        }
      : {}),
  };
}

function legacyOu(tags: Record<string, string> | undefined) {
  const ou = { id: 'ou-ab12-legacy00', arn: 'x', name: 'Legacy', parentId: ouId('workloads') };
  return tags ? tagged(ou, tags) : ou;
}

function oldPolicy(tags: Record<string, string> | undefined) {
  const p = {
    id: 'p-old',
    arn: 'x',
    name: 'old-guard',
    description: '',
    type: 'SERVICE_CONTROL_POLICY',
    awsManaged: false,
    content: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }],
    },
    targets: [ouId('dev')],
  };
  return tags ? tagged(p, tags) : p;
}

describe('removal follows the on-remove tag of what orgward created', () => {
  it.each([
    {
      what: 'OU, delete',
      live: (s: Snapshot) =>
        org(s).organizationalUnits.push(
          legacyOu({ 'orgward:entity': 'ou:legacy', 'orgward:on-remove': 'delete' }),
        ),
      want: {
        kind: 'delete',
        entity: 'ou:legacy',
        summary: 'OU Legacy is deleted',
        destructive: true,
      },
    },
    {
      what: 'OU, retain',
      live: (s: Snapshot) =>
        org(s).organizationalUnits.push(
          legacyOu({ 'orgward:entity': 'ou:legacy', 'orgward:on-remove': 'retain' }),
        ),
      want: {
        kind: 'retain',
        entity: 'ou:legacy',
        summary: 'OU Legacy is no longer in the blueprint: retained (on-remove retain)',
        destructive: false,
      },
    },
    {
      what: 'OU, untagged',
      live: (s: Snapshot) => org(s).organizationalUnits.push(legacyOu(undefined)),
      want: {
        kind: 'retain',
        entity: 'ou:Legacy',
        summary: `OU Legacy ${LEFT_ALONE}`,
        destructive: false,
      },
    },
    {
      what: 'policy, detach-and-delete',
      live: (s: Snapshot) =>
        org(s).policies.push(
          oldPolicy({
            'orgward:entity': 'policy:old-guard',
            'orgward:on-remove': 'detach-and-delete',
          }),
        ),
      want: {
        kind: 'delete',
        entity: 'policy:old-guard',
        summary: 'SCP old-guard is detached from 1 target and deleted',
        destructive: true,
      },
    },
    {
      what: 'policy, default on-remove (detach-and-delete)',
      live: (s: Snapshot) =>
        org(s).policies.push(oldPolicy({ 'orgward:entity': 'policy:old-guard' })),
      want: {
        kind: 'delete',
        entity: 'policy:old-guard',
        summary: 'SCP old-guard is detached from 1 target and deleted',
        destructive: true,
      },
    },
    {
      what: 'policy, retain',
      live: (s: Snapshot) =>
        org(s).policies.push(
          oldPolicy({ 'orgward:entity': 'policy:old-guard', 'orgward:on-remove': 'retain' }),
        ),
      want: {
        kind: 'retain',
        entity: 'policy:old-guard',
        summary:
          'SCP old-guard is no longer in the blueprint: retained (on-remove retain), still attached to 1 target',
        destructive: false,
      },
    },
    {
      what: 'policy, untagged',
      live: (s: Snapshot) => org(s).policies.push(oldPolicy(undefined)),
      want: {
        kind: 'retain',
        entity: 'policy:old-guard',
        summary: `SCP old-guard ${LEFT_ALONE}`,
        destructive: false,
      },
    },
    {
      what: 'account, retain',
      live: (s: Snapshot) => org(s).accounts.push(oldAccount('retain')),
      want: {
        kind: 'retain',
        entity: 'account:old-app',
        summary:
          'account Old App (888888888888) is no longer in the blueprint: retained (on-remove retain)',
        destructive: false,
      },
    },
    {
      what: 'account, untagged',
      live: (s: Snapshot) => org(s).accounts.push(oldAccount(undefined, ouId('dev'), false)),
      want: {
        kind: 'retain',
        entity: 'account:Old App',
        summary: `account Old App (888888888888) ${LEFT_ALONE}`,
        destructive: false,
      },
    },
  ])('$what', async ({ live, want }) => {
    const { plan } = await scenario({ live });
    expect(
      plan.changes.map((c) => ({
        kind: c.kind,
        entity: c.entity,
        summary: c.summary,
        destructive: c.destructive,
      })),
    ).toEqual([want]);
    expect(plan.actions).toEqual([]);
    // Nothing the manifest holds deploys a removal or a retained extra.
    expect(plan.changes[0]?.units).toEqual([]);
  });

  it('warns when an OU to delete still holds accounts', async () => {
    const { plan } = await scenario({
      live: (s) => {
        org(s).organizationalUnits.push(
          legacyOu({ 'orgward:entity': 'ou:legacy', 'orgward:on-remove': 'delete' }),
        );
        org(s).accounts.push(oldAccount('retain', 'ou-ab12-legacy00'));
      },
    });
    expect(plan.warnings).toEqual([
      'OU Legacy is to be deleted but still holds 1 account (Old App): deleting it fails until they move out',
    ]);
  });

  it('an unknown on-remove value falls back to the default, with a warning', async () => {
    const { plan } = await scenario({
      live: (s) =>
        org(s).organizationalUnits.push(
          legacyOu({ 'orgward:entity': 'ou:legacy', 'orgward:on-remove': 'explode' }),
        ),
    });
    expect(plan.changes.map((c) => c.kind)).toEqual(['retain']);
    expect(plan.warnings).toEqual([
      'ou Legacy has orgward:on-remove=explode, which is not one of retain, delete: treated as retain',
    ]);
  });
});

describe('accounts suspend and close through the suspended OU and its quarantine SCP', () => {
  const move = {
    type: 'move-account',
    account: 'Old App',
    accountId: '888888888888',
    fromOu: ouId('dev'),
    toOu: 'suspended',
  };
  const quarantine = {
    type: 'attach-quarantine',
    account: 'Old App',
    accountId: '888888888888',
    policy: 'quarantine',
  };
  const close = { type: 'close-account', account: 'Old App', accountId: '888888888888' };
  const strip = (actions: object[]) =>
    actions.map((a) => {
      const copy: Record<string, unknown> = { ...a };
      delete copy.reason;
      return copy;
    });

  it.each([
    {
      what: 'suspend: move, then quarantine',
      onRemove: 'suspend',
      parent: ouId('dev'),
      actions: [move, quarantine],
      details: ['move from OU dev to OU suspended', 'attach SCP quarantine'],
      change: {
        kind: 'move',
        summary:
          'account Old App (888888888888) is suspended: it moves to OU suspended under SCP quarantine',
      },
    },
    {
      what: 'close: move, quarantine, and only then close',
      onRemove: 'close',
      parent: ouId('dev'),
      actions: [move, quarantine, close],
      details: ['move from OU dev to OU suspended', 'attach SCP quarantine', 'close the account'],
      change: {
        kind: 'delete',
        summary:
          'account Old App (888888888888) is closed after it moves to OU suspended under SCP quarantine',
      },
    },
    {
      what: 'close an account already in the suspended OU',
      onRemove: 'close',
      parent: ouId('suspended'),
      actions: [quarantine, close],
      details: ['attach SCP quarantine', 'close the account'],
      change: {
        kind: 'delete',
        summary:
          'account Old App (888888888888) is closed after it moves to OU suspended under SCP quarantine',
      },
    },
  ])('$what', async ({ onRemove, parent, actions, details, change }) => {
    const { plan } = await scenario({
      live: (s) => org(s).accounts.push(oldAccount(onRemove, parent)),
    });
    expect(strip(plan.actions)).toEqual(actions);
    expect(
      plan.actions.every((a) => a.reason === `no longer in the blueprint (on-remove ${onRemove})`),
    ).toBe(true);
    expect(plan.changes[0]?.details).toEqual(details);
    expect(plan.changes.map((c) => ({ kind: c.kind, summary: c.summary }))).toEqual([change]);
    expect(plan.changes[0]?.destructive).toBe(true);
    expect(plan.summary.actions).toBe(actions.length);
  });

  it('an account already quarantined directly is only closed', async () => {
    const { plan } = await scenario({
      live: (s) => {
        org(s).accounts.push(oldAccount('close', ouId('suspended')));
        org(s)
          .policies.find((p) => p.name === 'quarantine')!
          .targets.push('888888888888');
      },
    });
    expect(strip(plan.actions)).toEqual([close]);
  });

  it('without a suspended OU nothing is done, and a warning says why', async () => {
    const noSuspended = (bp: BlueprintInput) => {
      bp.accounts = bp.accounts.filter((a) => a.id !== 'parked');
      bp.organizationalUnits = bp.organizationalUnits!.filter((o) => o.id !== 'suspended');
      bp.policies = bp.policies!.filter((p) => p.id !== 'quarantine');
    };
    const { plan } = await scenario({
      bp: noSuspended,
      live: (s) => {
        org(s).accounts.push(oldAccount('close'));
        // What the old blueprint deployed is still there and tagged; the test is about the account.
        org(s).accounts = org(s).accounts.filter((a) => a.id !== IDS.parked);
        org(s).organizationalUnits = org(s).organizationalUnits.filter(
          (o) => o.id !== ouId('suspended'),
        );
        org(s).policies = org(s).policies.filter((p) => p.name !== 'quarantine');
      },
    });
    expect(plan.actions).toEqual([]);
    expect(plan.warnings).toEqual([
      'account Old App (888888888888) is to be closed (on-remove close), but the blueprint has no suspended OU (an OU holding an account with role suspended): nothing is done to it',
    ]);
  });

  it('without a quarantine SCP the account moves but is not closed', async () => {
    const { plan } = await scenario({
      bp: (bp) => (bp.policies = bp.policies!.filter((p) => p.id !== 'quarantine')),
      live: (s) => {
        org(s).accounts.push(oldAccount('close'));
        org(s).policies = org(s).policies.filter((p) => p.name !== 'quarantine');
      },
    });
    expect(strip(plan.actions)).toEqual([move]);
    expect(plan.warnings).toEqual([
      'account Old App (888888888888) moves to OU suspended, but no SCP is attached to that OU to quarantine it: it is not closed',
    ]);
  });

  it('a closed account is not planned again', async () => {
    const { plan } = await scenario({
      live: (s) => org(s).accounts.push({ ...oldAccount('close'), status: 'SUSPENDED' }),
    });
    expect(plan.changes).toEqual([]);
    expect(plan.actions).toEqual([]);
  });
});
