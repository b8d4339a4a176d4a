import { describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { errorCode, hasErrorCode, readItem } from './errors.js';

describe('errorCode', () => {
  it.each([
    [awsError('NoSuchBucketPolicy'), 'NoSuchBucketPolicy'],
    [{ Code: 'AccessDenied', name: 'Error' }, 'AccessDenied'],
    [{ code: 'Throttling' }, 'Throttling'],
    [new Error('plain'), undefined],
    ['text', undefined],
    [null, undefined],
  ])('%o -> %s', (error, code) => {
    expect(errorCode(error)).toBe(code);
  });

  it('hasErrorCode matches a list', () => {
    expect(
      hasErrorCode(awsError('NoSuchEntityException'), ['NoSuchEntity', 'NoSuchEntityException']),
    ).toBe(true);
    expect(hasErrorCode(awsError('AccessDenied'), ['NoSuchEntity'])).toBe(false);
  });
});

describe('readItem', () => {
  it.each([
    ['a value', () => Promise.resolve(7), 7, 0],
    ['not configured', () => Promise.reject(awsError('NotHere')), null, 0],
    ['another error', () => Promise.reject(awsError('AccessDenied')), undefined, 1],
  ])('%s', async (_name, call, expected, gaps) => {
    const ctx = fakeContext();
    expect(await readItem(ctx, 'x:Get', 'sec', call, ['NotHere'])).toBe(expected);
    expect(ctx.gaps).toHaveLength(gaps);
    if (gaps > 0)
      expect(ctx.gaps[0]).toEqual({ api: 'x:Get', code: 'AccessDenied', section: 'sec' });
  });

  it('rethrows when the run was interrupted', async () => {
    const controller = new AbortController();
    const ctx = { ...fakeContext(), signal: controller.signal };
    controller.abort();
    await expect(
      readItem(ctx, 'x:Get', 's', () => Promise.reject(awsError('AbortError'))),
    ).rejects.toThrow();
  });
});
