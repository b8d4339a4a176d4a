import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';

/** `access-analyzer.analyzers`: the Region's analyzers (account, organization, unused access). */
export const accessAnalyzerCollector: Collector = {
  ...fromCatalogue('access-analyzer.analyzers'),
  service: 'access-analyzer',
  async run(ctx) {
    const client = ctx.client(AccessAnalyzerClient);
    const accessAnalyzers: NonNullable<RegionSnapshot['accessAnalyzers']> = [];
    for await (const page of paginateListAnalyzers({ client }, {}, { abortSignal: ctx.signal })) {
      for (const a of page.analyzers ?? []) {
        accessAnalyzers.push({
          name: a.name ?? '',
          arn: a.arn ?? '',
          type: a.type ?? '',
          status: a.status ?? '',
        });
      }
    }
    return { kind: 'region', region: { accessAnalyzers } };
  },
};
