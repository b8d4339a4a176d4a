/**
 * The organization phase: organization-scope collectors in the calling account. The
 * structure collector runs first (it yields the account list); the others (Identity
 * Center) start at once but run alongside the accounts, since nothing waits for them.
 */
import { AwsAccessError } from '../core/errors.js';
import type { IdentityCenterSnapshot, OrganizationSnapshot } from '../snapshot/types.js';
import type { Checkpoint } from './checkpoint.js';
import type { AccountClients } from './clients.js';
import { runCollector, Sink, type RunEnv } from './run.js';
import type { CollectResult, Collector } from './types.js';

/** The section the structure collector fills. */
const STRUCTURE_SECTION = 'organization';

/** What the organization phase yields. */
export interface OrgState {
  organization?: OrganizationSnapshot;
  /** Every account with its status; just the caller's when the organization is unreadable. */
  accounts: { id: string; status: string }[];
  sink: Sink;
  /**
   * Settles with Identity Center when the other organization-scope collectors are done
   * (never rejects; undefined when not read).
   */
  rest: Promise<IdentityCenterSnapshot | undefined>;
}

/** Inputs of {@link orgPhase}. */
export interface OrgPhaseInput {
  env: RunEnv;
  pool: AccountClients;
  callerAccountId: string;
  collectors: readonly Collector[];
  /** False on shards other than 0: read the structure for the account list, keep nothing. */
  keepOrganization: boolean;
  checkpoint: Checkpoint | undefined;
}

/** Run the organization phase (see the module comment). */
export async function orgPhase(input: OrgPhaseInput): Promise<OrgState> {
  const { env, pool, callerAccountId, checkpoint } = input;
  const sink = new Sink(env, callerAccountId);
  let organization: OrganizationSnapshot | undefined;
  let identityCenter: IdentityCenterSnapshot | undefined;
  const apply = (r: CollectResult) => {
    if (r.kind === 'organization') organization = r.organization;
    else if (r.kind === 'identityCenter') identityCenter = r.identityCenter;
  };
  const runOne = async (c: Collector, keepProvenance: boolean): Promise<void> => {
    const prior = checkpoint?.resumed?.collectors.get(c.id);
    const own = new Sink(env, callerAccountId);
    if (prior) {
      apply(prior.result);
      own.gaps.push(...prior.gaps);
      own.provenance.push(...prior.provenance);
    } else {
      let result = { kind: 'none' } as CollectResult;
      try {
        await runCollector(env, own, c, { pool, region: env.homeRegion, path: '' }, (r) => {
          result = r;
          apply(r);
        });
      } catch {
        return; // interrupted: nothing to record
      }
      // A collector that read nothing is not done: a resumed run must try it again.
      if (result.kind !== 'none') {
        checkpoint?.append({
          type: 'collector',
          id: c.id,
          result,
          gaps: own.gaps,
          provenance: own.provenance,
        });
      }
    }
    sink.gaps.push(...own.gaps);
    if (keepProvenance) sink.provenance.push(...own.provenance);
  };

  const structure = input.collectors.find((c) => c.section === STRUCTURE_SECTION);
  if (structure) await runOne(structure, input.keepOrganization);
  if (structure && !organization) {
    // Without the account list, the run would quietly shrink to one account. Only a
    // standalone account (no organization at all) may go on that way.
    const gap = sink.gaps.find((g) => g.api.startsWith('organizations:'));
    if (gap && gap.code !== 'AWSOrganizationsNotInUseException' && !env.signal.aborted) {
      throw new AwsAccessError(
        `cannot read the organization (${gap.api}: ${gap.code}); run collect with credentials of the management account or of a delegated administrator for AWS Organizations`,
        { accountId: callerAccountId, api: gap.api },
      );
    }
  }
  const accounts = organization
    ? organization.accounts.map((a) => ({ id: a.id, status: a.status }))
    : [{ id: callerAccountId, status: 'ACTIVE' }];
  const others = input.keepOrganization ? input.collectors.filter((c) => c !== structure) : [];
  const rest = Promise.all(others.map((c) => runOne(c, true))).then(() => identityCenter);
  return {
    ...(organization && input.keepOrganization ? { organization } : {}),
    accounts,
    sink,
    rest,
  };
}
