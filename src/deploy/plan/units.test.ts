import { beforeAll, describe, expect, it } from 'vitest';
import { loadSynthInput } from '../../../test/helpers/synth.js';
import type { DeployedStack, Snapshot } from '../../snapshot/types.js';
import type { SynthInput } from '../../synth/synth.js';
import type { Manifest } from '../../synth/types.js';
import {
  instanceKey,
  type DeployedInstance,
  type DeployedState,
  type InstanceAction,
} from '../types.js';
import {
  deployedStack,
  fakeManifest,
  IDS,
  planBlueprint,
  syncedSnapshot,
} from './__fixtures__/plan.js';
import { deployedFromSnapshot, unitChanges, type DriftedEntities } from './units.js';

let input: SynthInput;
let manifest: Manifest;
beforeAll(async () => {
  input = await loadSynthInput(planBlueprint());
  manifest = fakeManifest(input, [
    // The management account's id is in the blueprint; the members' are not.
    {
      id: 'org',
      entities: ['ou:dev'],
      accounts: ['management'],
      regions: ['eu-west-1'],
      accountIds: [IDS.management!],
    },
    {
      id: 'role',
      entities: ['role:audit-read'],
      accounts: ['data-prod', 'app-dev'],
      regions: ['eu-west-1'],
      accountIds: [IDS['data-prod']!, IDS['app-dev']!],
    },
  ]);
});

const ok = (hash: string | undefined, extra: Partial<DeployedInstance> = {}): DeployedInstance => ({
  hash,
  status: 'UPDATE_COMPLETE',
  drifted: false,
  ...extra,
});

function state(entries: Record<string, Record<string, DeployedInstance>>): DeployedState {
  return new Map(Object.entries(entries).map(([u, m]) => [u, new Map(Object.entries(m))]));
}

const M = IDS.management!;
const P = IDS['data-prod']!;
const D = IDS['app-dev']!;
const key = (id: string) => instanceKey(id, 'eu-west-1');

describe('unitChanges', () => {
  it.each<{
    name: string;
    deployed: Record<string, Record<string, DeployedInstance>>;
    drifted?: DriftedEntities;
    org: InstanceAction;
    role: InstanceAction[];
    reason?: string;
  }>([
    {
      name: 'nothing deployed: create',
      deployed: {},
      org: 'create',
      role: ['create', 'create'],
      reason: 'not deployed (2 of 2 instances)',
    },
    {
      name: 'same hash: unchanged',
      deployed: {
        org: { [key(M)]: ok('hash-org') },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      org: 'unchanged',
      role: ['unchanged', 'unchanged'],
      reason: 'up to date',
    },
    {
      name: 'other hash: update (one instance)',
      deployed: {
        org: { [key(M)]: ok('old') },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('old') },
      },
      org: 'update',
      role: ['unchanged', 'update'],
      reason: 'template changed (1 of 2 instances)',
    },
    {
      name: 'same hash, entity drifted: revert-drift',
      deployed: {
        org: { [key(M)]: ok('hash-org') },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      drifted: new Set(['ou:dev', 'role:audit-read']),
      org: 'revert-drift',
      role: ['revert-drift', 'revert-drift'],
      reason: 'changed out of band: role:audit-read (2 of 2 instances)',
    },
    {
      name: 'drift scoped to one account reverts only that instance',
      deployed: {
        org: { [key(M)]: ok('hash-org') },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      drifted: new Map([['role:audit-read', new Set(['app-dev'])]]),
      org: 'unchanged',
      role: ['unchanged', 'revert-drift'],
    },
    {
      name: 'drift of an entity in a stale unit is an update',
      deployed: {
        org: { [key(M)]: ok('old') },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      drifted: new Set(['ou:dev']),
      org: 'update',
      role: ['unchanged', 'unchanged'],
    },
    {
      name: 'CloudFormation reports the stack drifted',
      deployed: {
        org: { [key(M)]: ok('hash-org', { drifted: true }) },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      org: 'revert-drift',
      role: ['unchanged', 'unchanged'],
    },
    {
      name: 'a stack whose creation rolled back is created again',
      deployed: {
        org: { [key(M)]: ok(undefined, { status: 'ROLLBACK_COMPLETE' }) },
        role: { [key(P)]: ok('hash-role'), [key(D)]: ok('hash-role') },
      },
      org: 'create',
      role: ['unchanged', 'unchanged'],
    },
    {
      name: 'an instance the manifest no longer targets is deleted',
      deployed: {
        org: { [key(M)]: ok('hash-org') },
        role: {
          [key(P)]: ok('hash-role'),
          [key(D)]: ok('hash-role'),
          [key(IDS['app-prod']!)]: ok('hash-role'),
        },
      },
      org: 'unchanged',
      role: ['unchanged', 'unchanged', 'delete'],
      reason: 'no longer targeted (1 of 3 instances)',
    },
  ])('$name', ({ deployed, drifted, org, role, reason }) => {
    const units = unitChanges(manifest, state(deployed), drifted ?? new Set());
    const byId = new Map(units.map((u) => [u.unit, u]));
    expect(byId.get('org')?.action).toBe(org);
    expect(byId.get('role')?.instances.map((i) => i.action)).toEqual(role);
    if (reason) expect(byId.get('role')?.reason).toBe(reason);
    expect(units.map((u) => u.unit)).toEqual(['org', 'role']);
  });

  it('a deployed unit no longer in the manifest is deleted (StackSet or stack by its name)', () => {
    const gone: DeployedInstance & { stackName: string } = {
      ...ok('x'),
      stackName: 'StackSet-orgward-old-0a1b2c3d-1111-2222-3333-444455556666',
    };
    const units = unitChanges(
      manifest,
      state({ old: { [key(P)]: gone }, older: { [key(M)]: ok('y') } }),
      new Set(),
    );
    expect(
      units
        .filter((u) => u.action === 'delete')
        .map((u) => [u.unit, u.kind, u.name, u.instances.map((i) => i.account)]),
    ).toEqual([
      ['old', 'stackset', 'orgward-old', ['data-prod']],
      ['older', 'stack', 'orgward-older', ['management']],
    ]);
  });

  it('a stack recognised only by its name is updated or recreated, never deleted', () => {
    const byName = (status: string): DeployedInstance & { inferred: boolean } => ({
      ...ok(undefined, { status }),
      inferred: true,
    });
    const units = unitChanges(
      manifest,
      state({
        org: { [key(M)]: byName('UPDATE_ROLLBACK_COMPLETE') },
        role: { [key(IDS['app-prod']!)]: byName('CREATE_COMPLETE') },
        'not-ours': { [key(M)]: byName('CREATE_COMPLETE') },
      }),
      new Set(),
    );
    expect(units.map((u) => [u.unit, u.instances.map((i) => i.action)])).toEqual([
      ['org', ['update']],
      ['role', ['create', 'create']],
    ]);
  });

  it('unknown: no account id (unless the account is being created), or stacks not read', () => {
    const noIds = fakeManifest(input, [
      { id: 'role', entities: [], accounts: ['data-prod', 'app-dev'], regions: ['eu-west-1'] },
    ]);
    expect(unitChanges(noIds, new Map(), new Set())[0]?.instances.map((i) => i.action)).toEqual([
      'unknown',
      'unknown',
    ]);
    expect(
      unitChanges(noIds, new Map(), new Set(), {
        creating: new Set(['app-dev']),
      })[0]?.instances.map((i) => i.action),
    ).toEqual(['unknown', 'create']);
    const resolved = unitChanges(noIds, new Map(), new Set(), {
      accountIdOf: (a) => IDS[a],
      known: (accountId) => accountId === D,
    })[0];
    expect(resolved?.instances.map((i) => [i.accountId, i.action])).toEqual([
      [P, 'unknown'],
      [D, 'create'],
    ]);
    // Unknown never outranks a real change, and is not "unchanged".
    expect(resolved?.action).toBe('create');
  });

  it('a deployed instance in an account it cannot name stays unknown while some target has no id', () => {
    const noIds = fakeManifest(input, [
      { id: 'role', entities: [], accounts: ['data-prod'], regions: ['eu-west-1'] },
    ]);
    const units = unitChanges(noIds, state({ role: { [key(P)]: ok('hash-role') } }), new Set());
    expect(units[0]?.instances.map((i) => i.action)).toEqual(['unknown', 'unknown']);
  });
});

/** A stack as DescribeStacks lists it before its outputs exist (creation failed). */
function withoutOutputs(s: DeployedStack): DeployedStack {
  const copy = { ...s };
  delete copy.unit;
  delete copy.hash;
  return copy;
}

describe('deployedFromSnapshot', () => {
  it('reads OrgwardUnit/OrgwardHash, else the stack name, and skips deleted stacks', () => {
    const s: Snapshot = syncedSnapshot(input, {
      management: {
        'eu-west-1': [
          deployedStack('organization-ous', 'h1'),
          { ...withoutOutputs(deployedStack('failed', undefined)), stackStatus: 'CREATE_FAILED' },
          { ...deployedStack('gone', 'h0'), stackStatus: 'DELETE_COMPLETE' },
          { stackName: 'someone-elses', stackId: 'x', stackStatus: 'CREATE_COMPLETE' },
        ],
      },
      'data-prod': {
        'us-east-1': [withoutOutputs(deployedStack('baseline', undefined, true))],
      },
    });
    const d = deployedFromSnapshot(s, 'orgward');
    expect([...d.keys()].sort()).toEqual(['baseline', 'failed', 'organization-ous']);
    expect(d.get('organization-ous')?.get(instanceKey(M, 'eu-west-1'))).toMatchObject({
      hash: 'h1',
      drifted: false,
    });
    expect(d.get('baseline')?.get(instanceKey(P, 'us-east-1'))?.hash).toBeUndefined();
    expect(d.get('failed')?.get(instanceKey(M, 'eu-west-1'))?.status).toBe('CREATE_FAILED');
  });

  it('prefers the stack that carries a hash when two claim one instance, and reads drift', () => {
    const s = syncedSnapshot(input, {
      management: {
        'eu-west-1': [
          { ...deployedStack('org', 'h1'), driftStatus: 'DRIFTED' },
          {
            ...deployedStack('org', undefined),
            stackName: 'orgward-org',
            stackStatus: 'ROLLBACK_COMPLETE',
          },
        ],
      },
    });
    expect(
      deployedFromSnapshot(s, 'orgward').get('org')?.get(instanceKey(M, 'eu-west-1')),
    ).toMatchObject({
      hash: 'h1',
      drifted: true,
    });
  });
});
