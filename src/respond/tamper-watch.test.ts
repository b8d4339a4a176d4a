import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { busSink, makeHandler } from './lambda.js';
import { TAMPER_WATCH, watch, type WatchAlert, type WatchedRecord } from './tamper-watch.js';

const STRATUS = join(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'data',
  'stratus-detonation-logs',
);
const records = (technique: string): WatchedRecord[] =>
  JSON.parse(readFileSync(join(STRATUS, `${technique}.json`), 'utf8')) as WatchedRecord[];

describe('tamper watch on Stratus Red Team detonations', () => {
  it.each([
    ['aws.defense-evasion.cloudtrail-stop', 'D16', 'critical'],
    ['aws.defense-evasion.cloudtrail-delete', 'D16', 'critical'],
    ['aws.defense-evasion.organizations-leave', 'D23', 'high'],
  ])('%s raises %s (%s)', (technique, catalog, severity) => {
    const alerts = records(technique)
      .map((r) => watch(r, []))
      .filter((a): a is WatchAlert => a !== undefined);
    expect(alerts.map((a) => a.catalog)).toContain(catalog);
    expect(alerts.find((a) => a.catalog === catalog)?.severity).toBe(severity);
  });

  it('stays quiet on unrelated techniques', () => {
    const alerts = records('aws.credential-access.secretsmanager-retrieve-secrets').filter((r) =>
      watch(r, []),
    );
    expect(alerts).toEqual([]);
  });
});

describe('watch exemptions', () => {
  const stop: WatchedRecord = {
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: 'StopLogging',
    recipientAccountId: '111122223333',
    userIdentity: {
      type: 'AssumedRole',
      arn: 'arn:aws:sts::111122223333:assumed-role/pipeline/session',
      sessionContext: { sessionIssuer: { arn: 'arn:aws:iam::111122223333:role/pipeline' } },
    },
  };
  it.each([
    ['a trusted pipeline role', stop, ['arn:aws:iam::*:role/pipeline'], false],
    ['an untrusted role', stop, ['arn:aws:iam::*:role/other'], true],
    ['an AWS service', { ...stop, userIdentity: { type: 'AWSService' } }, [], false],
    [
      'a service-linked role',
      {
        ...stop,
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:iam::1:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX',
        },
      },
      [],
      false,
    ],
    ['an unwatched call', { ...stop, eventName: 'DescribeTrails' }, [], false],
  ])('%s', (_name, record, trusted, alerts) => {
    expect(watch(record, trusted) !== undefined).toBe(alerts);
  });

  it('lowers the severity of failed attempts', () => {
    expect(watch({ ...stop, errorCode: 'AccessDenied' }, [])?.severity).toBe('high');
  });

  it('indexes every watched call once', () => {
    const keys = TAMPER_WATCH.flatMap((w) => w.names.map((n) => `${w.source}:${n}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('responder handler', () => {
  it('publishes one alert per watched event and nothing for others', async () => {
    const sent: WatchAlert[] = [];
    const handle = makeHandler(async (a) => {
      sent.push(a);
      await Promise.resolve();
    }, []);
    const [first] = records('aws.defense-evasion.cloudtrail-stop').filter(
      (r) => r.eventName === 'StopLogging',
    );
    expect(
      await handle({
        'detail-type': 'AWS API Call via CloudTrail',
        ...(first ? { detail: first } : {}),
      }),
    ).toEqual({ alerts: 1 });
    expect(
      await handle({
        'detail-type': 'AWS API Call via CloudTrail',
        detail: { eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' },
      }),
    ).toEqual({ alerts: 0 });
    expect(await handle({})).toEqual({ alerts: 0 });
    expect(sent.map((a) => a.catalog)).toEqual(['D16']);
  });
});

describe('bus sink', () => {
  const alert = watch({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'DeleteTrail' }, []);
  it('puts the alert on the security bus with the routed source and detail-type', async () => {
    const eb = mockClient(EventBridgeClient);
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
    if (!alert) throw new Error('no alert');
    await busSink(new EventBridgeClient({}), 'orgward-security-events', 'orgward')(alert);
    const entry = eb.commandCalls(PutEventsCommand)[0]?.args[0].input.Entries?.[0];
    expect(entry).toMatchObject({
      EventBusName: 'orgward-security-events',
      Source: 'orgward',
      DetailType: 'orgward Alert',
    });
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({
      severity: 'critical',
      catalog: 'D16',
    });
    eb.restore();
  });
  it('fails the invocation when PutEvents rejects the entry (so Lambda retries)', async () => {
    const eb = mockClient(EventBridgeClient);
    eb.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }],
    });
    if (!alert) throw new Error('no alert');
    await expect(busSink(new EventBridgeClient({}), 'b', 'orgward')(alert)).rejects.toThrow(/boom/);
    eb.restore();
  });
});
