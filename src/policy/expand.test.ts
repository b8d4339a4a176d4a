import { describe, expect, it } from 'vitest';
import { expandAction } from './expand.js';

describe('expandAction', () => {
  it.each([
    ['an exact action, in canonical case', 'cloudtrail:stoplogging', ['cloudtrail:StopLogging']],
    ['a prefix wildcard', 'organizations:Leave*', ['organizations:LeaveOrganization']],
    ['a ? wildcard', 'cloudtrail:?topLogging', ['cloudtrail:StopLogging']],
    ['an unknown action', 'cloudtrail:StopLoging', []],
    ['an invalid pattern', 'cloudtrail', []],
    ['an empty action part', 's3:', []],
  ])('%s', (_name, pattern, expected) => {
    expect(expandAction(pattern)).toEqual(expected);
  });

  it('expands a service wildcard to every action of the service', () => {
    const all = expandAction('cloudtrail:*');
    expect(all.length).toBeGreaterThan(30);
    expect(all).toContain('cloudtrail:DeleteTrail');
    expect(all.every((a) => a.startsWith('cloudtrail:'))).toBe(true);
  });

  it('expands wildcards in the service part', () => {
    const r = expandAction('*:DeleteTrail');
    expect(r).toContain('cloudtrail:DeleteTrail');
    expect(expandAction('*').length).toBeGreaterThan(10_000);
  });
});
