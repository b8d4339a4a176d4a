import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CIS_METRIC_ALARMS } from './cis-alarms.js';

/** CIS 5.x rows of the shared reference: id and title. */
function referenceMonitoring(): { id: string; title: string }[] {
  // The shared reference sits beside the checkout (like ../shared/data).
  const text = readFileSync(
    join(import.meta.dirname, '../../../../shared/reference/cis-aws-v7.md'),
    'utf8',
  );
  return [...text.matchAll(/^\| (5\.\d+) \| ([^|]+) \| Monitoring \|/gm)].map((m) => ({
    id: m[1] ?? '',
    title: (m[2] ?? '').trim(),
  }));
}

/**
 * A small evaluator of the CloudWatch Logs JSON filter syntax the table uses: `{ ... }`
 * around `$.a.b = v`, `!=`, `NOT EXISTS`, `&&`, `||` and parentheses; values quoted or
 * bare, with `*` as a leading or trailing wildcard. `&&` binds tighter than `||`.
 */
function matches(pattern: string, event: Record<string, unknown>): boolean {
  const body = /^\{(.*)\}$/s.exec(pattern.trim())?.[1];
  if (body === undefined) throw new Error(`not a JSON filter pattern: ${pattern}`);
  const tokens = body.match(/\(|\)|&&|\|\||!=|=|NOT EXISTS|"[^"]*"|[^\s()=!&|"]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++] ?? '';
  const lookup = (path: string): unknown =>
    path
      .replace(/^\$\./, '')
      .split('.')
      .reduce<unknown>(
        (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
        event,
      );
  const like = (actual: unknown, raw: string): boolean => {
    if (typeof actual !== 'string' && typeof actual !== 'number' && typeof actual !== 'boolean')
      return false;
    const want = raw.replace(/^"|"$/g, '');
    const re = new RegExp(
      `^${want
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(String(actual));
  };
  const term = (): boolean => {
    if (peek() === '(') {
      next();
      const v = or();
      if (next() !== ')') throw new Error(`unbalanced parentheses in ${pattern}`);
      return v;
    }
    const path = next();
    if (!path.startsWith('$.')) throw new Error(`expected a selector, got ${path} in ${pattern}`);
    const op = next();
    if (op === 'NOT EXISTS') return lookup(path) === undefined;
    const value = next();
    if (op === '=') return like(lookup(path), value);
    if (op === '!=') return !like(lookup(path), value);
    throw new Error(`unknown operator ${op} in ${pattern}`);
  };
  const and = (): boolean => {
    let v = term();
    while (peek() === '&&') {
      next();
      const r = term();
      v = v && r;
    }
    return v;
  };
  const or = (): boolean => {
    let v = and();
    while (peek() === '||') {
      next();
      const r = and();
      v = v || r;
    }
    return v;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`trailing tokens in ${pattern}`);
  return result;
}

/** A CloudTrail record with defaults (an ordinary IAM role API call). */
const ev = (fields: Record<string, unknown>): Record<string, unknown> => ({
  eventVersion: '1.09',
  eventType: 'AwsApiCall',
  userIdentity: { type: 'AssumedRole' },
  sourceIPAddress: '198.51.100.7',
  ...fields,
});

/** Per CIS id: events the filter must match and near misses it must not. */
const CASES: Record<string, { hit: Record<string, unknown>[]; miss: Record<string, unknown>[] }> = {
  '5.1': {
    hit: [
      ev({ eventName: 'DescribeInstances', errorCode: 'Client.UnauthorizedOperation' }),
      ev({ eventName: 'GetObject', errorCode: 'AccessDenied' }),
    ],
    miss: [
      ev({ eventName: 'GetObject' }),
      ev({
        eventName: 'PutObject',
        errorCode: 'AccessDenied',
        sourceIPAddress: 'delivery.logs.amazonaws.com',
      }),
      ev({ eventName: 'HeadBucket', errorCode: 'AccessDenied' }),
    ],
  },
  '5.2': {
    hit: [
      ev({
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser' },
        additionalEventData: { MFAUsed: 'No' },
        responseElements: { ConsoleLogin: 'Success' },
      }),
    ],
    miss: [
      ev({
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser' },
        additionalEventData: { MFAUsed: 'Yes' },
        responseElements: { ConsoleLogin: 'Success' },
      }),
      ev({
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'AssumedRole' },
        additionalEventData: { MFAUsed: 'No' },
        responseElements: { ConsoleLogin: 'Success' },
      }),
    ],
  },
  '5.3': {
    hit: [ev({ eventName: 'CreateUser', userIdentity: { type: 'Root' } })],
    miss: [
      ev({
        eventName: 'CreateUser',
        userIdentity: { type: 'Root', invokedBy: 'support.amazonaws.com' },
      }),
      ev({ eventName: 'Decrypt', eventType: 'AwsServiceEvent', userIdentity: { type: 'Root' } }),
    ],
  },
  '5.4': {
    hit: [
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'AttachRolePolicy' }),
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'PutUserPolicy' }),
    ],
    miss: [
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'GetPolicy' }),
      ev({ eventSource: 'organizations.amazonaws.com', eventName: 'CreatePolicy' }),
    ],
  },
  '5.5': { hit: [ev({ eventName: 'StopLogging' })], miss: [ev({ eventName: 'LookupEvents' })] },
  '5.6': {
    hit: [ev({ eventName: 'ConsoleLogin', errorMessage: 'Failed authentication' })],
    miss: [ev({ eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Success' } })],
  },
  '5.7': {
    hit: [ev({ eventSource: 'kms.amazonaws.com', eventName: 'ScheduleKeyDeletion' })],
    miss: [ev({ eventSource: 'kms.amazonaws.com', eventName: 'EnableKey' })],
  },
  '5.8': {
    hit: [ev({ eventSource: 's3.amazonaws.com', eventName: 'PutBucketPolicy' })],
    miss: [ev({ eventSource: 's3.amazonaws.com', eventName: 'GetBucketPolicy' })],
  },
  '5.9': {
    hit: [ev({ eventSource: 'config.amazonaws.com', eventName: 'StopConfigurationRecorder' })],
    miss: [ev({ eventSource: 'config.amazonaws.com', eventName: 'StartConfigurationRecorder' })],
  },
  '5.10': {
    hit: [ev({ eventName: 'AuthorizeSecurityGroupIngress' })],
    miss: [ev({ eventName: 'DescribeSecurityGroups' })],
  },
  '5.11': {
    hit: [ev({ eventName: 'ReplaceNetworkAclEntry' })],
    miss: [ev({ eventName: 'DescribeNetworkAcls' })],
  },
  '5.12': {
    hit: [ev({ eventName: 'AttachInternetGateway' })],
    miss: [ev({ eventName: 'CreateNatGateway' })],
  },
  '5.13': {
    hit: [ev({ eventSource: 'ec2.amazonaws.com', eventName: 'CreateRoute' })],
    miss: [ev({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeRouteTables' })],
  },
  '5.14': {
    hit: [ev({ eventName: 'CreateVpcPeeringConnection' })],
    miss: [ev({ eventName: 'CreateSubnet' })],
  },
  '5.15': {
    hit: [ev({ eventSource: 'organizations.amazonaws.com', eventName: 'LeaveOrganization' })],
    miss: [
      ev({ eventSource: 'organizations.amazonaws.com', eventName: 'ListAccounts' }),
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'AttachPolicy' }),
    ],
  },
};

describe('CIS 5.x metric filters', () => {
  const reference = referenceMonitoring();

  it('reads the reference', () => {
    expect(reference.length).toBeGreaterThanOrEqual(15);
  });

  it('covers every 5.x recommendation that is about monitoring events, and nothing else', () => {
    // "... are monitored" is a metric filter and alarm; "Ensure AWS Security Hub is enabled" is not.
    const filters = reference.filter((r) => /\bmonitored$/.test(r.title)).map((r) => r.id);
    expect(filters).toContain('5.15');
    expect(CIS_METRIC_ALARMS.map((a) => a.cis)).toEqual(filters);
  });

  it('has unique slugs and a title for each row', () => {
    expect(new Set(CIS_METRIC_ALARMS.map((a) => a.slug)).size).toBe(CIS_METRIC_ALARMS.length);
    for (const a of CIS_METRIC_ALARMS) expect(a.slug).toMatch(/^[a-z0-9-]+$/);
  });

  it.each(CIS_METRIC_ALARMS.map((a) => [a.cis, a] as const))(
    '%s fits CloudWatch Logs limits (1,024 characters, balanced)',
    (_id, a) => {
      expect(a.pattern.length).toBeLessThanOrEqual(1024);
      expect(a.pattern.split('(').length).toBe(a.pattern.split(')').length);
    },
  );

  it.each(CIS_METRIC_ALARMS.map((a) => [a.cis, a] as const))(
    '%s matches its events and not the near misses',
    (id, a) => {
      const c = CASES[id];
      expect(c, `test cases for ${id}`).toBeDefined();
      for (const e of c?.hit ?? []) expect(matches(a.pattern, e), JSON.stringify(e)).toBe(true);
      for (const e of c?.miss ?? []) expect(matches(a.pattern, e), JSON.stringify(e)).toBe(false);
    },
  );
});
