import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  baseOptions,
  CALLER,
  CALLER_ARN,
  fakeAssumeRole,
  fakeCollectors,
} from './__fixtures__/engine.js';
import { awsError } from './collectors/__fixtures__/context.js';
import { collectSnapshot } from './engine.js';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const iam = mockClient(IAMClient);
const sts = mockClient(STSClient);
beforeEach(() => {
  iam.reset();
  sts.reset();
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: {} });
  sts.on(GetCallerIdentityCommand).resolves({ Account: CALLER, Arn: CALLER_ARN });
});

/** The fake collectors, with account:ListRegions denied in `denied`. */
function listRegionsDeniedIn(denied: string) {
  const fake = fakeCollectors({ enabled: () => ['eu-west-1', 'us-east-1'] });
  const collectors = fake.collectors.map((c) =>
    c.section !== 'enabledRegions'
      ? c
      : {
          ...c,
          run: (ctx: Parameters<typeof c.run>[0]) =>
            ctx.accountId === denied
              ? Promise.reject(
                  awsError(
                    'AccessDeniedException',
                    'not authorized to perform: account:ListRegions',
                    403,
                  ),
                )
              : c.run(ctx),
        },
  );
  return { collectors, runs: fake.runs };
}

describe('targetRegions', () => {
  it('ListRegions denied and no Regions asked for: home only, and the gap says the scope shrank', async () => {
    const denied = '222222222222';
    const { collectors, runs } = listRegionsDeniedIn(denied);
    const { snapshot } = await collectSnapshot(
      baseOptions(collectors, fakeAssumeRole().assumeRole),
    );
    // Behaviour kept: only the home Region (us-east-1) is read in that account.
    expect(runs.region.filter((r) => r.startsWith(`${denied}/`))).toEqual([`${denied}/us-east-1`]);
    expect(Object.keys(snapshot.accounts[denied]?.regions ?? {})).toEqual(['us-east-1']);
    // The other accounts read their enabled Regions.
    expect(Object.keys(snapshot.accounts[CALLER]?.regions ?? {})).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    const gaps = snapshot.coverage.filter((g) => g.accountId === denied);
    expect(gaps).toEqual([
      expect.objectContaining({
        api: 'account:ListRegions',
        code: 'AccessDeniedException',
        section: 'enabledRegions',
      }),
    ]);
    const message = gaps[0]?.message ?? '';
    expect(message).toContain('not authorized to perform: account:ListRegions');
    expect(message).toContain(
      `the Region scope of account ${denied} shrank to the home Region us-east-1`,
    );
    expect(message).toContain('--regions');
  });

  it('ListRegions denied with Regions asked for: those are read, the gap is left as is', async () => {
    const denied = '222222222222';
    const { collectors } = listRegionsDeniedIn(denied);
    const { snapshot } = await collectSnapshot({
      ...baseOptions(collectors, fakeAssumeRole().assumeRole),
      regions: ['eu-west-1', 'us-east-1'],
    });
    expect(Object.keys(snapshot.accounts[denied]?.regions ?? {})).toEqual([
      'eu-west-1',
      'us-east-1',
    ]);
    const gap = snapshot.coverage.find((g) => g.accountId === denied);
    expect(gap?.api).toBe('account:ListRegions');
    expect(gap?.message).not.toContain('shrank');
  });
});
