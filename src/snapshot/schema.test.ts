import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { sampleSnapshot } from './__fixtures__/sample.js';
import { SNAPSHOT_KEYS, SnapshotSchema } from './schema.js';
import type { Snapshot } from './types.js';

describe('SnapshotSchema', () => {
  it('infers exactly the Snapshot type, so the schema and types.ts cannot drift', () => {
    expectTypeOf<z.output<typeof SnapshotSchema>>().toEqualTypeOf<Snapshot>();
    expectTypeOf<z.output<typeof SnapshotSchema>>().toExtend<Snapshot>();
    expectTypeOf<Snapshot>().toExtend<z.input<typeof SnapshotSchema>>();
  });

  it('lists the top-level keys in the order they are written', () => {
    expect(Object.keys(SnapshotSchema.shape)).toEqual([...SNAPSHOT_KEYS]);
  });

  it('accepts a snapshot using every section', () => {
    expect(SnapshotSchema.safeParse(sampleSnapshot(3)).success).toBe(true);
  });

  it.each([
    ['an unknown top-level key', { extra: 1 }, 'extra'],
    ['a wrong kind', { kind: 'other' }, 'kind'],
    ['a missing partition', { partition: undefined }, 'partition'],
    [
      'an unknown source method',
      { source: { ...sampleSnapshot(1).source, method: 'guess' } },
      'source.method',
    ],
  ])('rejects %s', (_name, patch, path) => {
    const r = SnapshotSchema.safeParse({ ...sampleSnapshot(1), ...patch });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => [...i.path, ...('keys' in i ? i.keys : [])].join('.'));
    expect(paths).toContain(path);
  });

  it('drops unknown keys inside sections (a newer writer adding optional fields still reads)', () => {
    const s = sampleSnapshot(1) as any;
    const id = Object.keys(s.accounts)[0]!;
    s.accounts[id].futureSection = { x: 1 };
    const r = SnapshotSchema.parse(s);
    expect((r.accounts[id] as any).futureSection).toBeUndefined();
  });
});
