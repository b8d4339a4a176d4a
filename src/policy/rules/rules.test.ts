import { describe, expect, it } from 'vitest';
import { NEGATIVE_STRUCTURE, POSITIVE_STRUCTURE } from '../__fixtures__/cases-structure.js';
import { NEGATIVE_VALUES, POSITIVE_VALUES } from '../__fixtures__/cases-values.js';
import { runCase, type RuleCase } from '../__fixtures__/helpers.js';
import { RULES, type RuleCode } from './registry.js';

const POSITIVE: Partial<Record<RuleCode, RuleCase[]>> = {
  ...POSITIVE_STRUCTURE,
  ...POSITIVE_VALUES,
};
const NEGATIVE: Partial<Record<RuleCode, RuleCase[]>> = {
  ...NEGATIVE_STRUCTURE,
  ...NEGATIVE_VALUES,
};

const codes = (c: RuleCase): string[] => runCase(c).map((d) => d.code);

describe('lint rules', () => {
  const all = Object.keys(RULES) as RuleCode[];
  it('every rule has positive and negative cases', () => {
    expect(all.filter((c) => !POSITIVE[c]?.length)).toEqual([]);
    expect(all.filter((c) => !NEGATIVE[c]?.length)).toEqual([]);
  });
  for (const code of all) {
    describe(code, () => {
      it.each(POSITIVE[code] ?? [])('fires: $note', (c) => {
        const ds = runCase(c);
        expect(ds.map((d) => d.code)).toContain(code);
        for (const d of ds.filter((x) => x.code === code)) {
          expect(d.severity).toBe(RULES[code].severity);
          expect(d.path).toBeTypeOf('string');
        }
      });
      it.each(NEGATIVE[code] ?? [])('does not fire: $note', (c) => {
        expect(codes(c)).not.toContain(code);
      });
    });
  }
  it('the base policy of every kind is clean', () => {
    for (const kind of ['scp', 'rcp', 'identity', 'resource', 'trust'] as const) {
      expect(codes({ note: kind, kind })).toEqual([]);
    }
  });
});
