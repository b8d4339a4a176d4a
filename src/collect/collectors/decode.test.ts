import { describe, expect, it } from 'vitest';
import {
  decodePolicyDocument,
  defined,
  isoDate,
  mapLimit,
  resourcePolicy,
  tagRecord,
} from './decode.js';

const doc = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'ec2.amazonaws.com' },
      Action: 'sts:AssumeRole',
      Condition: {
        StringLike: { 'aws:userid': 'AROA%:*', 's3:prefix': 'home/${aws:username}/+x' },
      },
    },
  ],
};
const json = JSON.stringify(doc);

describe('decodePolicyDocument', () => {
  it.each([
    ['an object (AWS CLI output)', doc],
    ['a JSON string', json],
    ['a pretty JSON string with leading whitespace', `\n  ${JSON.stringify(doc, null, 2)}`],
    ['a URL-encoded string (IAM through the SDK)', encodeURIComponent(json)],
    ['a URL-encoded pretty string', encodeURIComponent(JSON.stringify(doc, null, 4))],
    ['a JSON string holding JSON', JSON.stringify(json)],
  ])('decodes %s', (_name, input) => {
    expect(decodePolicyDocument(input)).toEqual(doc);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an array', [doc]],
    ['a number', 42],
    ['an empty string', ''],
    ['not JSON', 'Version=2012'],
    ['a bad escape', '%E0%A4%A'],
    ['truncated JSON', json.slice(0, 20)],
    ['a URL-encoded JSON array', encodeURIComponent('[1]')],
  ])('gives undefined for %s', (_name, input) => {
    expect(decodePolicyDocument(input)).toBeUndefined();
  });
});

describe('resourcePolicy', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['  ', undefined],
    [json, doc],
  ])('%j gives the document or undefined', (input, expected) => {
    expect(resourcePolicy(input)).toEqual(expected);
  });

  it('throws on a policy that is not JSON (a gap, not "no policy")', () => {
    expect(() => resourcePolicy('{oops')).toThrow(/not valid JSON/);
  });
});

describe('helpers', () => {
  it('tagRecord maps Key/Value lists', () => {
    expect(tagRecord([{ Key: 'a', Value: '1' }, { Key: 'b' }, { Value: 'x' }])).toEqual({
      a: '1',
      b: '',
    });
    expect(tagRecord(undefined)).toEqual({});
  });

  it('isoDate formats dates and passes strings', () => {
    expect(isoDate(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z');
    expect(isoDate('2024-01-02T03:04:05Z')).toBe('2024-01-02T03:04:05Z');
    expect(isoDate(undefined)).toBeUndefined();
    expect(isoDate(new Date('nope'))).toBeUndefined();
  });

  it('defined drops undefined values', () => {
    expect(defined({ a: 1, b: undefined, c: null })).toEqual({ a: 1, c: null });
    expect(Object.keys(defined({ b: undefined }))).toEqual([]);
  });

  it('mapLimit keeps order and bounds concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 3, 2, 4], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
    expect(await mapLimit([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
