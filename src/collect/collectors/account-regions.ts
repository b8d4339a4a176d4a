import { AccountClient, paginateListRegions, RegionOptStatus } from '@aws-sdk/client-account';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';

const ENABLED: readonly string[] = [RegionOptStatus.ENABLED, RegionOptStatus.ENABLED_BY_DEFAULT];

/**
 * `account.regions`: the Regions enabled for the account (opted-in ones included), and the
 * ones that are not (opt-in Regions DISABLED, or ENABLING / DISABLING), which the engine
 * skips and names in the coverage list: nothing in them could be read. Every status is
 * listed (no `RegionOptStatusContains` filter) so that both come from the same pages.
 */
export const accountRegionsCollector: Collector = {
  ...fromCatalogue('account.regions'),
  service: 'account',
  async run(ctx) {
    const client = ctx.client(AccountClient);
    const regions: string[] = [];
    const notEnabled: { region: string; status: string }[] = [];
    const pages = paginateListRegions({ client }, {}, { abortSignal: ctx.signal });
    for await (const page of pages) {
      for (const r of page.Regions ?? []) {
        if (r.RegionName === undefined) continue;
        const status = r.RegionOptStatus ?? '';
        if (ENABLED.includes(status)) regions.push(r.RegionName);
        else notEnabled.push({ region: r.RegionName, status });
      }
    }
    return {
      kind: 'account',
      account: { enabledRegions: regions.sort() },
      regionsNotEnabled: notEnabled.sort((a, b) => a.region.localeCompare(b.region)),
    };
  },
};
