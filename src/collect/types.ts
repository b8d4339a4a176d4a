/**
 * The collector contract. A collector reads one concern (one or a few related APIs) for
 * one scope and writes its section of the snapshot. The engine (`engine.ts`) decides which
 * accounts and regions to visit, gives each collector SDK clients already configured for
 * that account and region (credentials, retries with backoff, call counting, concurrency
 * limits), and turns errors into coverage gaps. Collectors are registered in one place
 * (`registry.ts`).
 */
import type {
  AccountSnapshot,
  OrganizationSnapshot,
  IdentityCenterSnapshot,
  RegionSnapshot,
} from '../snapshot/types.js';

/** Where a collector runs. */
export type CollectorScope = 'organization' | 'account' | 'region';

/** An AWS SDK v3 client class (constructor). */
export type ClientClass<C> = new (config: Record<string, unknown>) => C;

/** What a collector gets for one run. */
export interface CollectContext {
  /** The account being read (for organization scope: the management/delegated account). */
  accountId: string;
  /** Region for region scope; the home region otherwise. */
  region: string;
  partition: string;
  /** An SDK client for this account and region (cached per account, region and class). */
  client<C>(cls: ClientClass<C>, region?: string): C;
  /** Abort signal: set when the run is interrupted. */
  signal: AbortSignal;
  /** Record a gap for a part of the section that could not be read, and keep going. */
  gap(api: string, error: unknown, section?: string): void;
}

/** One collector. */
export interface Collector {
  /** Stable id, e.g. `iam.authorization-details`, `ec2.security-groups`. */
  id: string;
  scope: CollectorScope;
  /** Service prefix used for the per-service concurrency limit, e.g. `iam`. */
  service: string;
  /** API operations it calls, as `service:Operation` (documentation and provenance). */
  apis: readonly string[];
  /** Snapshot section it fills, for coverage entries, e.g. `iam`, `kmsKeys`, `ec2`. */
  section: string;
  /** Read and return the section (the engine writes it and records provenance). */
  run(ctx: CollectContext): Promise<CollectResult>;
}

/** What a collector returns: the part of the snapshot it read. */
export type CollectResult =
  | { kind: 'organization'; organization: OrganizationSnapshot }
  | { kind: 'identityCenter'; identityCenter: IdentityCenterSnapshot }
  | {
      kind: 'account';
      account: Partial<Omit<AccountSnapshot, 'accountId' | 'regions'>>;
      /**
       * Regions account:ListRegions reports as not enabled (DISABLED, ENABLING, DISABLING):
       * the engine skips each and records one gap for it.
       */
      regionsNotEnabled?: { region: string; status: string }[];
    }
  | { kind: 'region'; region: Partial<RegionSnapshot> }
  | { kind: 'none' };
