import { AccountClient, paginateListRegions, RegionOptStatus } from '@aws-sdk/client-account';
import type { Collector } from '../types.js';

const ENABLED: readonly string[] = [RegionOptStatus.ENABLED, RegionOptStatus.ENABLED_BY_DEFAULT];

/** `account.regions`: the Regions enabled for the account (opted-in ones included). */
export const accountRegionsCollector: Collector = {
  id: 'account.regions',
  scope: 'account',
  service: 'account',
  apis: ['account:ListRegions'],
  section: 'enabledRegions',
  async run(ctx) {
    const client = ctx.client(AccountClient);
    const regions: string[] = [];
    const pages = paginateListRegions(
      { client },
      { RegionOptStatusContains: [RegionOptStatus.ENABLED, RegionOptStatus.ENABLED_BY_DEFAULT] },
      { abortSignal: ctx.signal },
    );
    for await (const page of pages) {
      for (const r of page.Regions ?? []) {
        if (r.RegionName !== undefined && ENABLED.includes(r.RegionOptStatus ?? '')) {
          regions.push(r.RegionName);
        }
      }
    }
    return { kind: 'account', account: { enabledRegions: regions.sort() } };
  },
};
