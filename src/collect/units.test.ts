import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { classifyError } from './classify.js';
import { awsError } from './collectors/__fixtures__/context.js';
import { backoff, DEFAULT_RETRY } from './clients.js';
import { memoizeCredentials, partitionOf, roleArn, sessionName } from './credentials.js';
import { accountsInFlight, DEFAULT_LIMITS, serviceLimit } from './limits.js';
import { formatDuration, formatProgress, progressLine } from './progress.js';
import { inShard, parseShard, shardOf } from './shard.js';

describe('shard', () => {
  it.each([
    ['0/4', { index: 0, count: 4 }],
    ['3/4', { index: 3, count: 4 }],
    [' 0/1 ', { index: 0, count: 1 }],
  ])('parses %s', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });
  it.each(['4/4', '1', 'a/b', '0/0', '-1/2'])('rejects %s', (text) => {
    expect(() => parseShard(text)).toThrow(InputError);
  });
  it('assigns each account to exactly one shard, stable by id', () => {
    const ids = Array.from({ length: 200 }, (_, i) => String(100000000000 + i * 7919));
    for (const n of [1, 2, 5]) {
      for (const id of ids) {
        const owners = Array.from({ length: n }, (_, i) => i).filter((i) =>
          inShard(id, { index: i, count: n }),
        );
        expect(owners).toEqual([shardOf(id, n)]);
      }
    }
    expect(shardOf('not-numeric', 3)).toBe(shardOf('not-numeric', 3));
  });
});

describe('classifyError', () => {
  it.each([
    ['AccessDenied', false, 'access-denied'],
    ['AuthorizationError', false, 'access-denied'],
    ['OptInRequired', true, 'region-disabled'],
    ['InvalidClientTokenId', true, 'region-disabled'],
    ['InvalidClientTokenId', false, 'unexpected'],
    ['Throttling', false, 'throttled'],
    ['RequestLimitExceeded', false, 'throttled'],
    ['InternalFailure', false, 'transient'],
    ['NoSuchEntity', false, 'unexpected'],
  ] as const)('%s (regional %s) is %s', (code, regional, kind) => {
    expect(classifyError(awsError(code), regional)).toBe(kind);
  });
  it.each([
    [429, 'throttled'],
    [503, 'transient'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    expect(classifyError(awsError('Weird', 'x', status), false)).toBe(kind);
  });
});

describe('credentials', () => {
  it('names sessions by the UTC minute and builds role ARNs per partition', () => {
    expect(sessionName(new Date('2026-03-04T05:06:59Z'))).toBe('orgward-collect-202603040506');
    expect(roleArn(partitionOf('arn:aws-cn:iam::1:user/x'), '2', 'R')).toBe(
      'arn:aws-cn:iam::2:role/R',
    );
  });
  it('fetches once, shares the fetch, refreshes near expiry and retries after failure', async () => {
    let t = 0;
    let calls = 0;
    let fail = false;
    const provider = memoizeCredentials(
      () => {
        calls++;
        if (fail) return Promise.reject(new Error('boom'));
        return Promise.resolve({
          accessKeyId: `k${calls}`,
          secretAccessKey: 's',
          expiration: new Date(t + 3_600_000),
        });
      },
      () => new Date(t),
    );
    await Promise.all([provider(), provider(), provider()]);
    expect(calls).toBe(1);
    t = 3_600_000 - 60_000; // one minute before expiry
    expect((await provider()).accessKeyId).toBe('k2');
    t += 3_600_000;
    fail = true;
    await expect(provider()).rejects.toThrow('boom');
    fail = false;
    expect((await provider()).accessKeyId).toBe('k4');
  });
});

describe('limits and retries', () => {
  it('derives accounts in flight and per-service limits', () => {
    expect(accountsInFlight(DEFAULT_LIMITS)).toBe(16);
    expect(accountsInFlight({ ...DEFAULT_LIMITS, accounts: 3 })).toBe(3);
    expect(serviceLimit(DEFAULT_LIMITS, 'iam')).toBe(3);
    expect(serviceLimit(DEFAULT_LIMITS, 'kms')).toBe(4);
    expect(serviceLimit({ ...DEFAULT_LIMITS, perService: 9 }, 'kms')).toBe(9);
  });
  it('backs off exponentially with jitter, capped', () => {
    expect(backoff(DEFAULT_RETRY, 1, () => 1)).toBe(100);
    expect(backoff(DEFAULT_RETRY, 4, () => 0.5)).toBe(400);
    expect(backoff(DEFAULT_RETRY, 30, () => 1)).toBe(20_000);
  });
});

describe('progress', () => {
  const p = {
    phase: 'accounts' as const,
    accountsDone: 12,
    accountsTotal: 1000,
    calls: 4567,
    errors: 3,
    throttles: 9,
    elapsedMs: 10_000,
    callsPerSecond: 456.7,
    etaMs: 125_000,
  };
  it('formats the line', () => {
    expect(formatProgress(p)).toBe(
      'collect: 12/1000 accounts, 4567 API calls (457/s), 3 gaps, 9 throttled, ETA 2m05s',
    );
    expect(formatDuration(3_725_000)).toBe('1h02m');
  });
  it.each([
    [true, false, 2],
    [false, false, 0],
    [true, true, 0],
  ])('writes on a TTY (%s) unless quiet (%s)', (isTTY, quiet, writes) => {
    const out: string[] = [];
    const line = progressLine({ isTTY, columns: 80, write: (s: string) => out.push(s) }, quiet);
    line.update(p);
    line.end();
    expect(out).toHaveLength(writes);
  });
});
