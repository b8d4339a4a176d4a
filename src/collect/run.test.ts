import { describe, expect, it } from 'vitest';
import { Sink, type RunEnv } from './run.js';
import { emptyStats } from './stats.js';

const env = (): RunEnv => ({
  partition: 'aws',
  homeRegion: 'eu-west-1',
  signal: new AbortController().signal,
  now: () => new Date(0),
  stats: emptyStats(8),
});
const rejected = {
  name: 'InvalidClientTokenId',
  message: 'The security token included in the request is invalid',
};

describe('Sink: a rejected token in a Region', () => {
  it('means the Region is off when nothing says otherwise', () => {
    const sink = new Sink(env(), '111111111111');
    expect(
      sink.gap(rejected, { api: 'sns:ListTopics', section: 'snsTopics', region: 'ap-east-1' }),
    ).toBe('region-disabled');
    expect([...sink.disabledRegions]).toEqual(['ap-east-1']);
  });

  it('is an unexpected error (not a dropped Region) where ListRegions said the Region is enabled', () => {
    const e = env();
    const sink = new Sink(e, '111111111111');
    sink.knownEnabled = new Set(['ap-east-1']);
    expect(
      sink.gap(rejected, { api: 'sns:ListTopics', section: 'snsTopics', region: 'ap-east-1' }),
    ).toBe('unexpected');
    expect(sink.disabledRegions.size).toBe(0);
    expect(e.stats.errors.unexpected).toBe(1);
    expect(sink.gaps[0]).toMatchObject({
      region: 'ap-east-1',
      api: 'sns:ListTopics',
      code: 'InvalidClientTokenId',
    });
  });
});
