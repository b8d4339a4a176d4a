import { describe, expect, it } from 'vitest';
import { show } from './rules/context.js';
import { isCyclic, isObject, NUMBER_RE, scalar } from './util.js';

const selfRef = (): unknown => {
  const a: any = { x: 1 };
  a.self = a;
  return a;
};
const shared = (): unknown => {
  const s = { k: 'v' };
  return { a: s, b: [s, s] };
};
const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('isCyclic', () => {
  const arrayCycle = (): unknown => {
    const l: any[] = [];
    l.push({ l });
    return { l };
  };
  it.each([
    ['primitive', false, 1],
    ['null', false, null],
    ['plain object', false, { a: [1, { b: 2 }] }],
    ['shared without a cycle', false, shared()],
    ['self reference', true, selfRef()],
    ['cycle through an array', true, arrayCycle()],
    ['deep but acyclic', false, deep(200_000)],
  ])('%s -> %s', (_note, want, v) => {
    expect(isCyclic(v)).toBe(want);
  });
});

describe('isObject, scalar, NUMBER_RE', () => {
  it.each([
    [{}, true],
    [[], false],
    [null, false],
    ['x', false],
  ])('isObject(%j) -> %s', (v, want) => {
    expect(isObject(v)).toBe(want);
  });
  it.each([
    ['a', 'a'],
    [1.5, '1.5'],
    [false, 'false'],
    [null, undefined],
    [[1], undefined],
    [{}, undefined],
  ])('scalar(%j) -> %j', (v, want) => {
    expect(scalar(v)).toBe(want);
  });
  it.each([
    ['1', true],
    ['-1.25', true],
    ['0x10', false],
    ['1e3', false],
    ['1.', false],
    ['', false],
  ])('NUMBER_RE %j -> %s', (v, want) => {
    expect(NUMBER_RE.test(v)).toBe(want);
  });
});

describe('show', () => {
  it.each([
    ['string', 'x'],
    ['number', 1.5],
    ['null', null],
    ['undefined', undefined],
    ['object', { a: 1, b: [true, null], c: undefined, d: 'x' }],
    ['array with holes for undefined', [1, undefined, () => 1]],
    ['date', new Date(0)],
    ['long', { key: 'x'.repeat(100) }],
    ['exactly 60', 'y'.repeat(58)],
    ['61', 'y'.repeat(59)],
    ['nested', [[[[{ a: [{ b: 'c' }] }]]]]],
    ['shared', shared()],
  ])('matches JSON.stringify for %s', (_note, v) => {
    const json = JSON.stringify(v) as string | undefined;
    const want =
      json === undefined ? String(v) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
    expect(show(v)).toBe(want);
  });

  it.each([
    ['self reference', selfRef(), '{"x":1,"self":<cyclic>}'],
    ['deep', deep(200_000), `${'['.repeat(57)}...`],
    ['bigint', 10n, '10'],
  ])('copes with %s', (_note, v, want) => {
    expect(show(v)).toBe(want);
  });
});
