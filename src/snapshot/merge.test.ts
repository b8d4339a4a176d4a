import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { mergeSnapshots } from './merge.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './types.js';
import { organization } from '../collect/__fixtures__/engine.js';

function snap(accounts: string[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    kind: 'orgward-snapshot',
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt: '2026-01-02T00:00:00.000Z',
    source: { tool: 'orgward', toolVersion: '0.1.0', method: 'collect', regions: ['us-east-1'] },
    partition: 'aws',
    accounts: Object.fromEntries(accounts.map((id) => [id, { accountId: id, regions: {} }])),
    coverage: [],
    provenance: [],
    ...extra,
  };
}

const ORG = organization([
  ['111111111111', 'ACTIVE'],
  ['222222222222', 'ACTIVE'],
  ['333333333333', 'ACTIVE'],
]);

describe('mergeSnapshots', () => {
  it('unions accounts, takes the organization from the snapshot that has it', () => {
    const m = mergeSnapshots([
      snap(['111111111111'], { organization: ORG }),
      snap(['222222222222', '333333333333'], {
        takenAt: '2026-01-01T00:00:00.000Z',
        source: {
          tool: 'orgward',
          toolVersion: '0.1.0',
          method: 'collect',
          regions: ['eu-west-1'],
        },
      }),
    ]);
    expect(Object.keys(m.accounts)).toEqual(['111111111111', '222222222222', '333333333333']);
    expect(m.organization).toBe(ORG);
    expect(m.takenAt).toBe('2026-01-01T00:00:00.000Z');
    expect(m.source).toMatchObject({ method: 'merge', regions: ['eu-west-1', 'us-east-1'] });
    expect(m.coverage).toEqual([]);
  });

  it('drops duplicate gaps and flags ACTIVE accounts no snapshot holds', () => {
    const gap = {
      api: 'organizations:ListPolicies',
      code: 'AccessDenied',
      message: 'x',
      section: 'organization',
    };
    const m = mergeSnapshots([
      snap(['111111111111'], { organization: ORG, coverage: [gap] }),
      snap(['222222222222'], { coverage: [gap] }),
    ]);
    expect(m.coverage).toEqual([
      gap,
      expect.objectContaining({ accountId: '333333333333', code: 'NotCollected' }),
    ]);
  });

  it.each([
    [
      'organizations differ',
      [snap([], { organization: ORG }), snap([], { organization: { ...ORG, id: 'o-other00000' } })],
    ],
    [
      'an account differs',
      [
        snap(['1']),
        { ...snap([]), accounts: { '1': { accountId: '1', regions: { 'us-east-1': {} } } } },
      ],
    ],
    ['partitions differ', [snap([]), snap([], { partition: 'aws-cn' })]],
    ['nothing to merge', []],
  ] as [string, Snapshot[]][])('refuses when %s', (_name, snaps) => {
    expect(() => mergeSnapshots(snaps)).toThrow(InputError);
  });

  it('accepts the same account twice when identical', () => {
    expect(Object.keys(mergeSnapshots([snap(['1']), snap(['1'])]).accounts)).toEqual(['1']);
  });
});
