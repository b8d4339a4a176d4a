/**
 * A {@link UnitContext} over the test blueprint and clients, with an instant clock, for
 * tests of one stack or StackSet.
 */
import { createParamResolver } from '../params.js';
import type { UnitContext } from '../stack.js';
import { Uploads } from '../templates.js';
import { DEFAULT_TIMING, type AssetsConfig } from '../types.js';
import { MGMT_ID, testClients, testClock, testIndex, testManifest, type TestClients } from './deploy.js';

/** A unit context and the pieces a test inspects. */
export function unitContext(opts: { assets?: AssetsConfig; terminationProtection?: boolean } = {}): {
  ctx: UnitContext;
  clients: TestClients;
  clock: ReturnType<typeof testClock>;
  statuses: string[];
} {
  const index = testIndex();
  const manifest = testManifest();
  const clients = testClients();
  const clock = testClock();
  const env = { clock, random: () => 0.5 };
  const statuses: string[] = [];
  const params = createParamResolver({
    index,
    manifest,
    clients,
    env,
    ...(opts.assets ? { assets: opts.assets } : {}),
  });
  const uploads = new Uploads(env, clients, opts.assets, 'aws', 'management', () => Promise.resolve(MGMT_ID));
  return {
    ctx: {
      env,
      clients,
      params,
      uploads,
      timing: DEFAULT_TIMING,
      inlineMax: 51_200,
      terminationProtection: opts.terminationProtection ?? true,
      status: (m) => statuses.push(m),
    },
    clients,
    clock,
    statuses,
  };
}
