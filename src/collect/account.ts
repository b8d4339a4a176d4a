/**
 * Reading one member account: credentials (AssumeRole, or the caller's own), then the
 * account's enabled Regions, then every account- and region-scope collector at once (the
 * call limiter, not the order here, bounds concurrency, so the account always has calls
 * ready for the overall pool).
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { AccountSnapshot } from '../snapshot/types.js';
import { gapCode, gapMessage } from './classify.js';
import { AccountClients, withRetries, type ClientEnv } from './clients.js';
import { memoizeCredentials, roleArn, type AssumeRoleFn } from './credentials.js';
import { runCollector, Sink, type RunEnv } from './run.js';
import type { CollectResult, Collector } from './types.js';

/** What reading accounts needs beyond {@link RunEnv}. */
export interface AccountEnv extends RunEnv {
  clients: ClientEnv;
  callerAccountId: string;
  baseCredentials: AwsCredentialIdentityProvider;
  assumeRole: AssumeRoleFn;
  roleName: string;
  /** Session name for every AssumeRole of the run. */
  session: string;
  /** Regions asked for; undefined means the account's enabled Regions. */
  regions: readonly string[] | undefined;
  accountCollectors: readonly Collector[];
  regionCollectors: readonly Collector[];
}

/** One account's outcome: its snapshot (absent when it could not be entered) and gaps. */
export interface AccountOutcome {
  accountId: string;
  account: AccountSnapshot | undefined;
  sink: Sink;
}

/** The section of the collector that reads enabled Regions, and its API. */
const REGIONS_SECTION = 'enabledRegions';
const REGIONS_API = 'account:ListRegions';

/** Read one account. Rejects only when the run is interrupted. */
export async function collectAccount(env: AccountEnv, accountId: string): Promise<AccountOutcome> {
  const sink = new Sink(env, accountId);
  const credentials = await accountCredentials(env, accountId, sink);
  if (!credentials) return { accountId, account: undefined, sink };
  const pool = new AccountClients(accountId, credentials, env.clients);
  try {
    const account: AccountSnapshot = { accountId, regions: {} };
    const accountPath = `accounts.${accountId}`;
    const applyAccount = (r: CollectResult) => {
      if (r.kind === 'account') Object.assign(account, r.account);
    };
    const home = { pool, region: env.homeRegion, path: accountPath };
    // Enabled Regions first: they decide where the region-scope collectors go.
    const regionsCollector = env.accountCollectors.find((c) => c.section === REGIONS_SECTION);
    let notEnabled: readonly { region: string; status: string }[] = [];
    if (regionsCollector)
      await runCollector(env, sink, regionsCollector, home, (r) => {
        applyAccount(r);
        if (r.kind === 'account') notEnabled = r.regionsNotEnabled ?? [];
      });
    const regions = targetRegions(env, account, notEnabled, sink);
    if (account.enabledRegions) sink.knownEnabled = new Set(account.enabledRegions);
    const work: Promise<void>[] = [];
    for (const c of env.accountCollectors)
      if (c !== regionsCollector) work.push(runCollector(env, sink, c, home, applyAccount));
    for (const region of regions) {
      const path = `${accountPath}.regions.${region}`;
      const applyRegion = (r: CollectResult) => {
        if (r.kind !== 'region') return;
        account.regions[region] = { ...account.regions[region], ...r.region };
      };
      for (const c of env.regionCollectors)
        work.push(runCollector(env, sink, c, { pool, region, path }, applyRegion));
    }
    await Promise.all(work);
    for (const r of sink.disabledRegions) Reflect.deleteProperty(account.regions, r);
    sink.pruneDisabled();
    account.regions = sortKeys(account.regions);
    return { accountId, account, sink };
  } finally {
    pool.destroy();
    env.clients.limiter.release(accountId);
  }
}

/** The caller's own credentials for its account; AssumeRole for the others (one gap if it fails). */
async function accountCredentials(
  env: AccountEnv,
  accountId: string,
  sink: Sink,
): Promise<AwsCredentialIdentityProvider | undefined> {
  if (accountId === env.callerAccountId) return env.baseCredentials;
  const arn = roleArn(env.partition, accountId, env.roleName);
  const assume = env.assumeRole({
    accountId,
    roleArn: arn,
    sessionName: env.session,
    credentials: env.baseCredentials,
    region: env.homeRegion,
    clientConfig: env.clients.clientConfig,
  });
  // STS throttles too (and a mocked client has no SDK retries): retry like any other call,
  // on the first fetch and on every refresh.
  const provider = memoizeCredentials(
    () => withRetries(env.clients, 'sts:AssumeRole', () => assume()),
    env.now,
  );
  try {
    // Resolve now, so a role that cannot be assumed is one gap, not one per collector.
    await provider();
    return provider;
  } catch (error) {
    env.signal.throwIfAborted();
    env.stats.errors.assumeRole++;
    sink.gaps.push({
      accountId,
      api: 'sts:AssumeRole',
      code: gapCode(error),
      message: `cannot assume ${arn}: ${gapMessage(error)}`,
      section: 'account',
    });
    return undefined;
  }
}

/**
 * Regions to read: the ones asked for that are enabled, else the enabled ones, else home
 * (account:ListRegions failed: its gap then says the scope shrank to the home Region).
 * A Region that was asked for but is not enabled (an opt-in Region that is off) is one gap.
 * With no Regions asked for, the disabled ones are simply out of scope: reporting every
 * opt-in Region AWS has, in every account, would bury the real gaps.
 */
function targetRegions(
  env: AccountEnv,
  account: AccountSnapshot,
  notEnabled: readonly { region: string; status: string }[],
  sink: Sink,
): string[] {
  for (const { region, status } of notEnabled)
    if (env.regions?.includes(region))
      sink.disableRegion(
        region,
        REGIONS_API,
        'OptInRequired',
        `${region} is ${status} for account ${sink.accountId}`,
      );
  const enabled = account.enabledRegions;
  if (env.regions === undefined) {
    if (enabled && enabled.length > 0) return [...enabled].sort();
    // The enabled Regions could not be read: only the home Region is, so the gap must say
    // that every other Region of the account went unread, not just that a call failed.
    for (const g of sink.gaps)
      if (g.api === REGIONS_API && g.region === undefined && g.section === REGIONS_SECTION)
        g.message = `${g.message}; the Region scope of account ${sink.accountId} shrank to the home Region ${env.homeRegion}: no other Region was read (allow account:ListRegions, or ask for Regions with --regions)`;
    return [env.homeRegion];
  }
  if (!enabled) return [...env.regions];
  const on = new Set(enabled);
  for (const r of env.regions)
    if (!on.has(r)) sink.disableRegion(r, REGIONS_API, 'RegionNotEnabled', `${r} is not enabled`);
  return env.regions.filter((r) => on.has(r));
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
