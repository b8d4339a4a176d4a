import { AccessAnalyzerClient, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeContext } from './__fixtures__/context.js';
import { accessAnalyzerCollector } from './access-analyzer-analyzers.js';

const aa = mockClient(AccessAnalyzerClient);
beforeEach(() => aa.reset());

const analyzer = (name: string, type: 'ACCOUNT' | 'ORGANIZATION') => ({
  arn: `arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/${name}`,
  name,
  type,
  createdAt: new Date('2020-01-01T00:00:00Z'),
  status: 'ACTIVE' as const,
});

describe('access-analyzer.analyzers', () => {
  it.each([
    { name: 'none', pages: [{ analyzers: [] }], expected: [] },
    {
      name: 'two pages',
      pages: [
        { analyzers: [analyzer('org', 'ORGANIZATION')], nextToken: 't' },
        { analyzers: [analyzer('acct', 'ACCOUNT')] },
      ],
      expected: [
        {
          name: 'org',
          arn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org',
          type: 'ORGANIZATION',
          status: 'ACTIVE',
        },
        {
          name: 'acct',
          arn: 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/acct',
          type: 'ACCOUNT',
          status: 'ACTIVE',
        },
      ],
    },
  ])('$name', async ({ pages, expected }) => {
    let m = aa.on(ListAnalyzersCommand);
    for (const p of pages) m = m.resolvesOnce(p);
    expect(await accessAnalyzerCollector.run(fakeContext())).toEqual({
      kind: 'region',
      region: { accessAnalyzers: expected },
    });
    expect(aa.commandCalls(ListAnalyzersCommand)).toHaveLength(pages.length);
  });
});
