import { AccountClient, ListRegionsCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { accountRegionsCollector } from './account-regions.js';

const account = mockClient(AccountClient);
beforeEach(() => account.reset());

describe('account.regions', () => {
  it('keeps enabled Regions across pages and reports the others', async () => {
    account
      .on(ListRegionsCommand)
      .resolvesOnce({
        Regions: [
          { RegionName: 'us-east-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
          { RegionName: 'af-south-1', RegionOptStatus: 'ENABLED' },
        ],
        NextToken: 't1',
      })
      .resolvesOnce({
        Regions: [
          { RegionName: 'eu-west-1', RegionOptStatus: 'ENABLED_BY_DEFAULT' },
          { RegionName: 'me-south-1', RegionOptStatus: 'DISABLED' },
          { RegionName: 'ap-east-1', RegionOptStatus: 'ENABLING' },
        ],
      });
    const result = await accountRegionsCollector.run(fakeContext());
    expect(result).toEqual({
      kind: 'account',
      account: { enabledRegions: ['af-south-1', 'eu-west-1', 'us-east-1'] },
      regionsNotEnabled: [
        { region: 'ap-east-1', status: 'ENABLING' },
        { region: 'me-south-1', status: 'DISABLED' },
      ],
    });
    const calls = account.commandCalls(ListRegionsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.args[0].input.RegionOptStatusContains).toBeUndefined();
    expect(calls[1]?.args[0].input.NextToken).toBe('t1');
  });

  it('throws when the list itself is denied (the engine records the gap)', async () => {
    account.on(ListRegionsCommand).rejects(awsError('AccessDeniedException'));
    await expect(accountRegionsCollector.run(fakeContext())).rejects.toThrow(
      'AccessDeniedException',
    );
  });
});
