import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { AccountClients } from '../clients.js';
import { DEFAULT_RETRY } from '../clients.js';
import { DEFAULT_LIMITS, Limiter } from '../limits.js';
import { runCollector, Sink, type RunEnv } from '../run.js';
import { emptyStats } from '../stats.js';
import type { CollectResult } from '../types.js';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { cloudFormationStacksCollector, deployedStack } from './cloudformation-stacks.js';

const cfn = mockClient(CloudFormationClient);
beforeEach(() => cfn.reset());

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const id = (name: string, uuid: string) =>
  `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/${uuid}`;

/** Stacks shaped as DescribeStacks returns them (required CreationTime, Date values). */
const ORG_STACK: Stack = {
  StackName: 'orgward-organization',
  StackId: id('orgward-organization', '5f0a1d30-0a1b-11ef-9c5a-0a1b2c3d4e5f'),
  Description: 'orgward organization',
  CreationTime: new Date('2026-01-10T08:00:00.000Z'),
  LastUpdatedTime: new Date('2026-03-02T09:30:00.000Z'),
  StackStatus: 'UPDATE_COMPLETE',
  DriftInformation: {
    StackDriftStatus: 'DRIFTED',
    LastCheckTimestamp: new Date('2026-03-03T00:00:00.000Z'),
  },
  Capabilities: ['CAPABILITY_NAMED_IAM'],
  Outputs: [
    { OutputKey: 'OrganizationId', OutputValue: 'o-a1b2c3d4e5', Description: 'the organization' },
    { OutputKey: 'OrgwardUnit', OutputValue: 'organization', Description: 'unit' },
    { OutputKey: 'OrgwardHash', OutputValue: '0123456789abcdef', Description: 'hash' },
  ],
  Tags: [{ Key: 'orgward:unit', Value: 'organization' }],
  EnableTerminationProtection: true,
};

const INSTANCE: Stack = {
  StackName: 'StackSet-orgward-baseline-config-2c9e1f0a-58d4-4b7e-9a1c-3d2e1f0a9b8c',
  StackId: id('StackSet-orgward-baseline-config', '7a8b9c0d-0a1b-11ef-9c5a-0a1b2c3d4e5f'),
  CreationTime: new Date('2026-02-01T00:00:00.000Z'),
  StackStatus: 'CREATE_COMPLETE',
  DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
  Outputs: [
    { OutputKey: 'OrgwardHash', OutputValue: 'fedcba9876543210' },
    { OutputKey: 'OrgwardUnit', OutputValue: 'baseline-config' },
  ],
};

/** Someone else's stack: its outputs and parameters must not reach the snapshot. */
const FOREIGN: Stack = {
  StackName: 'payments-db',
  StackId: id('payments-db', '9d8c7b6a-0a1b-11ef-9c5a-0a1b2c3d4e5f'),
  CreationTime: new Date('2025-11-20T12:00:00.000Z'),
  StackStatus: 'UPDATE_ROLLBACK_COMPLETE',
  Parameters: [{ ParameterKey: 'MasterUsername', ParameterValue: 'admin' }],
  Outputs: [
    { OutputKey: 'ConnectionString', OutputValue: 'postgres://admin:s3cr3t-value@db:5432/pay' },
  ],
};

const DELETED: Stack = {
  StackName: 'old-stack',
  StackId: id('old-stack', '11111111-0a1b-11ef-9c5a-0a1b2c3d4e5f'),
  CreationTime: new Date('2025-01-01T00:00:00.000Z'),
  DeletionTime: new Date('2025-06-01T00:00:00.000Z'),
  StackStatus: 'DELETE_COMPLETE',
};

describe('cloudformation.stacks', () => {
  it('follows NextToken and keeps every stack but the deleted ones, with orgward outputs only', async () => {
    // The second page answers only the first page's token.
    cfn
      .on(DescribeStacksCommand)
      .callsFake((input: { NextToken?: string }) =>
        input.NextToken === 'page-2'
          ? { Stacks: [DELETED, INSTANCE] }
          : { Stacks: [ORG_STACK, FOREIGN], NextToken: 'page-2' },
      );
    const ctx = fakeContext(ACCOUNT, REGION);
    const result = await cloudFormationStacksCollector.run(ctx);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(2);
    expect(ctx.gaps).toEqual([]);
    expect(result).toEqual({
      kind: 'region',
      region: {
        cloudFormation: {
          stacks: [
            {
              stackName: 'orgward-organization',
              stackId: ORG_STACK.StackId,
              stackStatus: 'UPDATE_COMPLETE',
              lastUpdatedTime: '2026-03-02T09:30:00.000Z',
              driftStatus: 'DRIFTED',
              unit: 'organization',
              hash: '0123456789abcdef',
            },
            {
              stackName: 'payments-db',
              stackId: FOREIGN.StackId,
              stackStatus: 'UPDATE_ROLLBACK_COMPLETE',
              lastUpdatedTime: '2025-11-20T12:00:00.000Z',
            },
            {
              stackName: 'StackSet-orgward-baseline-config-2c9e1f0a-58d4-4b7e-9a1c-3d2e1f0a9b8c',
              stackId: INSTANCE.StackId,
              stackStatus: 'CREATE_COMPLETE',
              lastUpdatedTime: '2026-02-01T00:00:00.000Z',
              driftStatus: 'NOT_CHECKED',
              unit: 'baseline-config',
              hash: 'fedcba9876543210',
            },
          ],
        },
      },
    });
    const text = JSON.stringify(result);
    for (const leaked of ['s3cr3t-value', 'MasterUsername', 'o-a1b2c3d4e5', 'old-stack'])
      expect(text).not.toContain(leaked);
  });

  it.each([
    [
      'the last update, else the creation time',
      { LastUpdatedTime: new Date('2026-05-05T05:05:05.000Z') },
      { lastUpdatedTime: '2026-05-05T05:05:05.000Z' },
    ],
    [
      'the creation time of a stack never updated',
      {},
      { lastUpdatedTime: '2026-01-01T00:00:00.000Z' },
    ],
    [
      'the unit without a hash (an output renamed by hand)',
      { Outputs: [{ OutputKey: 'OrgwardUnit', OutputValue: 'x' }] },
      { lastUpdatedTime: '2026-01-01T00:00:00.000Z', unit: 'x' },
    ],
    [
      'an unknown drift status as given',
      { DriftInformation: { StackDriftStatus: 'UNKNOWN' as const } },
      { lastUpdatedTime: '2026-01-01T00:00:00.000Z', driftStatus: 'UNKNOWN' },
    ],
  ])('reads %s', (_name, extra: Partial<Stack>, want) => {
    const base: Stack = {
      StackName: 's',
      StackId: 'arn:s',
      CreationTime: new Date('2026-01-01T00:00:00.000Z'),
      StackStatus: 'CREATE_COMPLETE',
    };
    expect(deployedStack({ ...base, ...extra })).toEqual({
      stackName: 's',
      stackId: 'arn:s',
      stackStatus: 'CREATE_COMPLETE',
      ...want,
    });
  });

  it('an empty Region is an empty list, not a gap', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [] });
    const ctx = fakeContext(ACCOUNT, REGION);
    expect(await cloudFormationStacksCollector.run(ctx)).toEqual({
      kind: 'region',
      region: { cloudFormation: { stacks: [] } },
    });
    expect(ctx.gaps).toEqual([]);
  });

  it('AccessDenied leaves the section out with a coverage gap (never "nothing deployed")', async () => {
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        awsError(
          'AccessDenied',
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/orgward-audit/s is not authorized to perform: cloudformation:DescribeStacks`,
          403,
        ),
      );
    const stats = emptyStats(8);
    const signal = new AbortController().signal;
    const env: RunEnv = {
      partition: 'aws',
      homeRegion: REGION,
      signal,
      now: () => new Date(0),
      stats,
    };
    const sink = new Sink(env, ACCOUNT);
    const pool = new AccountClients(
      ACCOUNT,
      () => Promise.resolve({ accessKeyId: 'ASIAX', secretAccessKey: 'y' }),
      {
        limiter: new Limiter(DEFAULT_LIMITS),
        stats,
        signal,
        retry: DEFAULT_RETRY,
        clientConfig: {},
        random: () => 0.5,
      },
    );
    const applied: CollectResult[] = [];
    await runCollector(
      env,
      sink,
      cloudFormationStacksCollector,
      { pool, region: REGION, path: `accounts.${ACCOUNT}.regions.${REGION}` },
      (r) => applied.push(r),
    );
    expect(applied).toEqual([]);
    expect(sink.provenance).toEqual([]);
    expect(sink.gaps).toEqual([
      {
        accountId: ACCOUNT,
        region: REGION,
        api: 'cloudformation:DescribeStacks',
        code: 'AccessDenied',
        message: expect.stringContaining('not authorized'),
        section: 'cloudFormation',
      },
    ]);
    expect(stats.errors.accessDenied).toBe(1);
  });
});
