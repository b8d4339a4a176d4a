import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AwsAccessError } from '../core/errors.js';
import { mergeSnapshots } from '../snapshot/merge.js';
import { awsError } from './collectors/__fixtures__/context.js';
import {
  CALLER,
  CALLER_ARN,
  baseOptions,
  fakeAssumeRole,
  fakeCollectors,
} from './__fixtures__/engine.js';
import { collectSnapshot } from './engine.js';

const sts = mockClient(STSClient);
const iam = mockClient(IAMClient);
const ACTIVE = [CALLER, '222222222222', '444444444444', '666666666666', '777777777777'];

beforeEach(() => {
  sts.reset();
  iam.reset();
  sts
    .on(GetCallerIdentityCommand)
    .resolves({ Account: CALLER, Arn: CALLER_ARN, UserId: 'AIDAEXAMPLE' });
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1 } });
});

describe('collectSnapshot', () => {
  it('reads the organization, every ACTIVE account and Region, and records provenance', async () => {
    const { collectors, runs } = fakeCollectors();
    const { assumeRole, requests } = fakeAssumeRole();
    const { snapshot, stats } = await collectSnapshot({
      ...baseOptions(collectors, assumeRole),
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(Object.keys(snapshot.accounts)).toEqual(ACTIVE);
    expect(snapshot.organization?.id).toBe('o-abcdef1234');
    expect(snapshot.identityCenter?.instanceArn).toBe('arn:ins');
    expect(snapshot.accounts['222222222222']?.regions).toEqual({
      'eu-west-1': { kmsKeys: [] },
      'us-east-1': { kmsKeys: [] },
    });
    expect(snapshot.accounts[CALLER]?.accountSummary).toEqual({ AccountMFAEnabled: 1 });
    // The caller's own account uses the base credentials; the others assume the role.
    expect(requests.map((r) => r.accountId).sort()).toEqual(ACTIVE.slice(1));
    expect(requests[0]).toMatchObject({
      roleArn: `arn:aws:iam::${requests[0]?.accountId ?? ''}:role/OrganizationAccountAccessRole`,
      sessionName: 'orgward-collect-202601021504',
    });
    expect(runs.org).toEqual([CALLER]);
    expect(snapshot.source).toMatchObject({
      method: 'collect',
      principalArn: CALLER_ARN,
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(snapshot.takenAt).toBe('2026-01-02T15:04:05.000Z');
    expect(snapshot.provenance.map((p) => p.section)).toContain(
      'accounts.222222222222.regions.eu-west-1.kmsKeys',
    );
    expect(snapshot.provenance.map((p) => p.section)).toContain('organization');
    expect(stats.callsByApi['iam:GetAccountSummary']).toBe(5);
    expect(stats.accounts).toEqual({ total: 7, done: 5, resumed: 0, inactive: 2 });
  });

  it('records SUSPENDED and PENDING_CLOSURE accounts as coverage, not failures', async () => {
    const { collectors } = fakeCollectors();
    const { snapshot } = await collectSnapshot(
      baseOptions(collectors, fakeAssumeRole().assumeRole),
    );
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({ accountId: '333333333333', code: 'SUSPENDED', section: 'account' }),
      expect.objectContaining({
        accountId: '555555555555',
        code: 'PENDING_CLOSURE',
        section: 'account',
      }),
    ]);
  });

  it('an account whose role cannot be assumed is one gap; the others complete', async () => {
    const { collectors, runs } = fakeCollectors();
    const { snapshot, stats } = await collectSnapshot(
      baseOptions(collectors, fakeAssumeRole(['444444444444']).assumeRole),
    );
    const gaps = snapshot.coverage.filter((g) => g.accountId === '444444444444');
    expect(gaps).toEqual([
      {
        accountId: '444444444444',
        api: 'sts:AssumeRole',
        code: 'AccessDenied',
        message: expect.stringContaining('role/OrganizationAccountAccessRole') as string,
        section: 'account',
      },
    ]);
    expect(snapshot.accounts['444444444444']).toBeUndefined();
    expect(runs.account).not.toContain('444444444444');
    expect(Object.keys(snapshot.accounts)).toHaveLength(4);
    expect(stats.errors.assumeRole).toBe(1);
  });

  it.each([
    ['AccessDeniedException', 'accessDenied', 'AccessDeniedException'],
    ['UnauthorizedOperation', 'accessDenied', 'UnauthorizedOperation'],
    ['ValidationException', 'unexpected', 'unexpected error: '],
  ] as const)(
    '%s in a Region is a gap (%s) naming account, Region and section',
    async (code, kind, msg) => {
      const { collectors } = fakeCollectors({
        onRegion: (ctx) => {
          if (ctx.accountId === '666666666666' && ctx.region === 'eu-west-1') throw awsError(code);
        },
      });
      const { snapshot, stats } = await collectSnapshot({
        ...baseOptions(collectors, fakeAssumeRole().assumeRole),
        regions: ['eu-west-1', 'us-east-1'],
      });
      const gap = snapshot.coverage.find((g) => g.accountId === '666666666666');
      expect(gap).toMatchObject({
        region: 'eu-west-1',
        api: 'kms:ListKeys',
        code,
        section: 'kmsKeys',
      });
      expect(gap?.message.startsWith(msg)).toBe(true);
      expect(stats.errors[kind]).toBe(1);
      expect(snapshot.accounts['666666666666']?.regions['us-east-1']).toEqual({ kmsKeys: [] });
    },
  );

  it('a Region that turns out to be disabled is one gap and is skipped', async () => {
    const { collectors } = fakeCollectors({
      onRegion: (ctx) => {
        if (ctx.accountId === '222222222222' && ctx.region === 'ap-east-1')
          throw awsError(
            'UnrecognizedClientException',
            'The security token included in the request is invalid',
          );
      },
    });
    const { snapshot, stats } = await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      regions: ['ap-east-1', 'us-east-1'],
    });
    const acct = snapshot.accounts['222222222222'];
    expect(Object.keys(acct?.regions ?? {})).toEqual(['us-east-1']);
    expect(snapshot.coverage.filter((g) => g.accountId === '222222222222')).toEqual([
      expect.objectContaining({
        region: 'ap-east-1',
        code: 'UnrecognizedClientException',
        section: 'regions',
      }),
    ]);
    expect(stats.errors.regionDisabled).toBe(1);
  });

  it('Regions not enabled (account:ListRegions) are gaps and never visited', async () => {
    const { collectors, runs } = fakeCollectors({
      enabled: (id) => (id === '777777777777' ? ['us-east-1'] : undefined),
    });
    const { snapshot } = await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(runs.region).not.toContain('777777777777/eu-west-1');
    expect(snapshot.coverage.filter((g) => g.accountId === '777777777777')).toEqual([
      expect.objectContaining({
        region: 'eu-west-1',
        code: 'RegionNotEnabled',
        api: 'account:ListRegions',
      }),
    ]);
  });

  it("without --regions reads each account's enabled Regions", async () => {
    const { collectors } = fakeCollectors({ enabled: () => ['us-west-2', 'eu-central-1'] });
    const { snapshot } = await collectSnapshot(
      baseOptions(collectors, fakeAssumeRole().assumeRole),
    );
    expect(Object.keys(snapshot.accounts[CALLER]?.regions ?? {})).toEqual([
      'eu-central-1',
      'us-west-2',
    ]);
    expect(snapshot.source.regions).toEqual(['eu-central-1', 'us-west-2']);
  });

  it('retries throttling until it succeeds', async () => {
    iam
      .on(GetAccountSummaryCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ SummaryMap: { AccountMFAEnabled: 1 } });
    const { collectors } = fakeCollectors();
    const { snapshot, stats } = await collectSnapshot(
      baseOptions(collectors, fakeAssumeRole().assumeRole),
    );
    expect(snapshot.coverage.filter((g) => g.section !== 'account')).toEqual([]);
    expect(stats.throttles).toBe(2);
    expect(stats.retries).toBe(2);
    expect(stats.callsByApi['iam:GetAccountSummary']).toBe(7);
    for (const id of ACTIVE) expect(snapshot.accounts[id]?.accountSummary).toBeDefined();
  });

  it('gives up after maxAttempts and records a gap', async () => {
    iam.on(GetAccountSummaryCommand).rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const { collectors } = fakeCollectors();
    const { snapshot, stats } = await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      accountFilter: (id) => id === CALLER,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect(stats.callsByApi['iam:GetAccountSummary']).toBe(3);
    expect(snapshot.coverage).toEqual([
      expect.objectContaining({
        api: 'iam:GetAccountSummary',
        code: 'ThrottlingException',
        message: 'gave up after retries: Rate exceeded',
      }),
    ]);
  });

  it('keeps API calls within the overall limit and fills it', async () => {
    iam.on(GetAccountSummaryCommand).callsFake(
      () =>
        new Promise((resolve) => {
          setTimeout(() => {
            resolve({ SummaryMap: {} });
          }, 3);
        }),
    );
    const { collectors } = fakeCollectors({ iamCalls: 12 });
    const { stats } = await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      limits: { overall: 4, perAccount: 2, perService: 2 },
    });
    expect(stats.peakInFlight).toBe(4);
    expect(stats.calls).toBeGreaterThan(60);
  });

  it('no usable credentials is an AWS access error (exit 3)', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .rejects(awsError('InvalidClientTokenId', 'The security token is invalid', 403));
    const { collectors } = fakeCollectors();
    await expect(
      collectSnapshot(baseOptions(collectors, fakeAssumeRole().assumeRole)),
    ).rejects.toThrow(AwsAccessError);
  });
});

describe('checkpoint', () => {
  it('an interrupted run resumes without reading finished accounts again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'orgward-ckpt-')), 'run.jsonl');
    const ac = new AbortController();
    let seen = 0;
    const first = fakeCollectors({
      onAccount: () => {
        seen++;
        if (seen === 3) ac.abort();
      },
    });
    const opts = {
      ...baseOptions(first.collectors, fakeAssumeRole().assumeRole),
      limits: { accounts: 1 },
    };
    const r1 = await collectSnapshot({ ...opts, checkpointFile: file, signal: ac.signal });
    expect(r1.stats.interrupted).toBe(true);
    expect(r1.stats.accounts.done).toBe(2);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    expect(lines.map((l) => l.type)).toEqual([
      'header',
      'collector',
      'collector',
      'account',
      'account',
    ]);

    const second = fakeCollectors();
    const r2 = await collectSnapshot({
      ...baseOptions(second.collectors, fakeAssumeRole().assumeRole),
      limits: { accounts: 1 },
      checkpointFile: file,
    });
    expect(second.runs.org).toEqual([]);
    expect(second.runs.ic).toEqual([]);
    expect(second.runs.account).toEqual(ACTIVE.slice(2));
    expect(r2.stats.accounts).toMatchObject({ done: 3, resumed: 2 });
    expect(Object.keys(r2.snapshot.accounts)).toEqual(ACTIVE);
    expect(r2.snapshot.organization?.id).toBe('o-abcdef1234');
  });

  it('refuses a checkpoint written for other options', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'orgward-ckpt-')), 'run.jsonl');
    const { collectors } = fakeCollectors();
    await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      checkpointFile: file,
    });
    await expect(
      collectSnapshot({
        ...baseOptions(collectors, fakeAssumeRole().assumeRole),
        checkpointFile: file,
        regions: ['eu-west-1'],
      }),
    ).rejects.toThrow(/other options/);
  });
});

describe('shards', () => {
  it.each([2, 3])('the union of %i shards is the whole organization', async (n) => {
    const whole = await collectSnapshot({
      ...baseOptions(fakeCollectors().collectors, fakeAssumeRole().assumeRole),
      regions: ['us-east-1'],
    });
    const shards = [];
    for (let i = 0; i < n; i++) {
      const { collectors, runs } = fakeCollectors();
      const r = await collectSnapshot({
        ...baseOptions(collectors, fakeAssumeRole().assumeRole),
        regions: ['us-east-1'],
        shard: { index: i, count: n },
      });
      expect(r.snapshot.source.shard).toEqual({ index: i, count: n });
      expect(r.snapshot.organization !== undefined).toBe(i === 0);
      expect(runs.ic.length).toBe(i === 0 ? 1 : 0);
      shards.push(r.snapshot);
    }
    const ids = shards.map((s) => Object.keys(s.accounts));
    expect(ids.flat().sort()).toEqual(ACTIVE);
    const merged = mergeSnapshots(shards);
    expect(merged.accounts).toEqual(whole.snapshot.accounts);
    expect(merged.organization).toEqual(whole.snapshot.organization);
    expect(merged.identityCenter).toEqual(whole.snapshot.identityCenter);
    expect(merged.coverage).toEqual(whole.snapshot.coverage);
    expect(merged.source.method).toBe('merge');
  });
});
