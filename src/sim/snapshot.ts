/**
 * Blueprint -> the snapshot a compliant organization built from it would have. Seeded and
 * deterministic: the same blueprint, seed and options give a byte-identical snapshot (no
 * clock, no Math.random). Regions are the blueprint's governed Regions unless
 * `SimOptions.regions` says otherwise. With `deployed` (see `deployed.ts`), every Region
 * also lists its CloudFormation stacks, which the mocked AWS then answers DescribeStacks
 * with; without it, the snapshot has no CloudFormation section (as before).
 */
import type {
  AccountSnapshot,
  DeployedStack,
  RegionSnapshot,
  Snapshot,
} from '../snapshot/types.js';
import { SNAPSHOT_FORMAT_VERSION } from '../snapshot/types.js';
import {
  accountIdOf,
  createContext,
  type SimContext,
  type SimInput,
  type SimOptions,
} from './context.js';
import { withDeployedStacks } from './deployed.js';
import { simulateEc2 } from './ec2.js';
import { simulateIam } from './iam.js';
import { simulateIdentityCenter, simulateOrganization } from './organization.js';
import { simulateBuckets, simulateKeys } from './resources.js';
import { simulateWorkload } from './workload.js';
import {
  organizationTrail,
  simulateAnalyzers,
  simulateConfig,
  simulateGuardDuty,
  simulateSecurityHub,
} from './security-services.js';

export type { SimInput, SimOptions, WorkloadCounts } from './context.js';
export { DEFAULT_WORKLOAD } from './context.js';

/** Options of {@link simulateSnapshot}: the generator's, plus what CloudFormation holds. */
export interface SimulateOptions extends SimOptions {
  /**
   * Stacks deployed per `${accountId}|${region}` (`deployedStacks` of a manifest): every
   * simulated Region then gets a `cloudFormation` section. Default: no section.
   */
  deployed?: ReadonlyMap<string, readonly DeployedStack[]>;
}

/** Generate the snapshot of a compliant organization for the blueprint. */
export function simulateSnapshot(input: SimInput, opts: SimulateOptions): Snapshot {
  const ctx = createContext(input, opts);
  const organization = simulateOrganization(ctx);
  const identityCenter = simulateIdentityCenter(ctx);
  const accounts: Record<string, AccountSnapshot> = {};
  const trail = organizationTrail(ctx);
  for (const account of ctx.bp.accounts) {
    const id = accountIdOf(ctx, account.id);
    const regions: Record<string, RegionSnapshot> = {};
    for (const region of ctx.regions) regions[region] = simulateRegion(ctx, account, region);
    // The organization trail, as DescribeTrails lists it (shadow trails included) in its
    // home Region: in the management account that owns it and in every member account.
    if (trail && regions[trail.homeRegion])
      regions[trail.homeRegion] = { ...regions[trail.homeRegion], trails: [trail] };
    const baseline = ctx.bp.security?.accountBaseline;
    const bpaOn =
      baseline?.s3BlockPublicAccess === true &&
      (baseline.targets ? ctx.selected(baseline.targets).has(account.id) : true);
    accounts[id] = {
      accountId: id,
      enabledRegions: [...ctx.regions].sort(),
      ...simulateIam(ctx, account, identityCenter),
      s3AccountPublicAccessBlock: bpaOn
        ? {
            blockPublicAcls: true,
            ignorePublicAcls: true,
            blockPublicPolicy: true,
            restrictPublicBuckets: true,
          }
        : null,
      s3Buckets: simulateBuckets(ctx, account),
      regions,
    };
  }
  const snapshot: Snapshot = {
    kind: 'orgward-snapshot',
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt: new Date(ctx.takenAtMs).toISOString(),
    source: {
      tool: 'orgward',
      toolVersion: opts.toolVersion ?? '0.0.0-sim',
      method: 'sim',
      regions: [...ctx.regions],
    },
    partition: ctx.partition,
    organization,
    ...(identityCenter ? { identityCenter } : {}),
    accounts,
    coverage: [],
    provenance: [],
  };
  return opts.deployed ? withDeployedStacks(snapshot, opts.deployed) : snapshot;
}

function simulateRegion(
  ctx: SimContext,
  account: Parameters<typeof simulateEc2>[1],
  region: string,
): RegionSnapshot {
  return {
    kmsKeys: simulateKeys(ctx, account, region),
    ...simulateWorkload(ctx, account, region),
    trails: [],
    config: simulateConfig(ctx, account, region),
    guardDuty: simulateGuardDuty(ctx, account, region),
    securityHub: simulateSecurityHub(ctx, account, region),
    accessAnalyzers: simulateAnalyzers(ctx, account, region),
    ec2: simulateEc2(ctx, account, region),
  };
}
