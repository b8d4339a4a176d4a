/**
 * The contracts of `deploy`: what it is given (plan, templates, manifest, blueprint, and
 * the impure edges behind small interfaces: AWS clients, parameter values, the state file,
 * progress, the clock) and what it returns (one outcome per unit instance and action).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BlueprintIndex } from '../../blueprint/model.js';
import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { AwsAccessError } from '../../core/errors.js';
import type { SynthResult } from '../../synth/synth.js';
import type { Manifest, ManifestEntry, ParamSource } from '../../synth/types.js';
import type { InstanceAction, Plan, PlanAction } from '../types.js';
import type { KnownIds } from './params.js';

/** An account deploy works in: its blueprint id and, once known, its AWS account id. */
export interface AccountTarget {
  /** Blueprint account id. */
  account: string;
  /** AWS account id (required for every account but the management account). */
  accountId?: string;
}

/**
 * SDK clients per account and Region. The management account uses the caller's
 * credentials; every other account a role assumed into it (the blueprint's
 * `deployment.deployRole.name`, else the account's `accessRoleName`). Tests pass mocked
 * clients.
 */
export interface DeployClients {
  cloudFormation(target: AccountTarget, region: string): CloudFormationClient;
  /** AWS Organizations, in the management account. */
  organizations(): OrganizationsClient;
  /** IAM Identity Center administration in an account (instance lookup). */
  ssoAdmin(target: AccountTarget, region: string): SSOAdminClient;
  /** The Identity Center identity store in an account (group and user ids). */
  identityStore(target: AccountTarget, region: string): IdentitystoreClient;
  /** Amazon S3 in the management account (the assets bucket). */
  s3(region: string): S3Client;
  /** The role assumed into the account; undefined for the caller's own credentials. */
  roleFor(target: AccountTarget): string | undefined;
  /** Close the clients (sockets) at the end of the run. */
  destroy?(): void;
}

/** A stack output as DescribeStacks returns it. */
export interface StackOutput {
  OutputKey?: string | undefined;
  OutputValue?: string | undefined;
  ExportName?: string | undefined;
}

/**
 * Fills template parameters from their {@link ParamSource}: account, OU, root and
 * organization ids from the blueprint, the snapshot, the outputs of stacks deployed
 * earlier in the run (or before it), or AWS Organizations; asset bucket and keys from
 * the assets configuration. Throws when a value cannot be found.
 */
export interface ParamResolver {
  value(source: ParamSource, entry: ManifestEntry): Promise<string>;
  /** AWS account id of a blueprint account. */
  accountId(account: string): Promise<string>;
  /** AWS id of a blueprint OU (`root`: the root id). */
  ouId(ou: string): Promise<string>;
  /** AWS id (`p-...`) of a blueprint organization policy. */
  policyId(policy: string): Promise<string>;
  /** Outputs of a stack that completed: its exports feed later lookups. */
  record(outputs: readonly StackOutput[]): void;
}

/** What the state file remembers of one unit instance. */
export interface InstanceRecord {
  hash: string;
  status: 'done' | 'failed';
  outcome: Outcome;
  at: string;
  reason?: string;
}

/** What the state file remembers of one plan action. */
export interface ActionRecord {
  status: 'done' | 'failed';
  at: string;
  reason?: string;
}

/** `.orgward/deploy-state.json`: what earlier runs did, so a rerun resumes. */
export interface DeployState {
  schemaVersion: 1;
  kind: 'orgward-deploy-state';
  updatedAt: string;
  /** Unit id -> `instanceKey(account, region)` (blueprint account id) -> record. */
  instances: Record<string, Record<string, InstanceRecord>>;
  /** {@link actionKey} -> record. */
  actions: Record<string, ActionRecord>;
}

/** Where the state lives. Writes must be atomic (a crash leaves the old or the new file). */
export interface StateStore {
  load(): Promise<DeployState>;
  save(state: DeployState): Promise<void>;
}

/** Time, injectable so tests run instantly. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

/** What happened to one unit instance. */
export type Outcome = 'created' | 'updated' | 'deleted' | 'unchanged' | 'failed' | 'skipped';

/** Why an instance was skipped. */
export type SkipReason =
  /** Recorded as done with the same hash by an earlier run. */
  | 'done-earlier'
  /** A unit it depends on failed or was skipped. */
  | 'dependency'
  /** More failures than `deployment.failureTolerance`: no new work started. */
  | 'stopped'
  /** Could not be prepared (parameters, template upload): see the reason. */
  | 'blocked';

/** The outcome of one unit instance (stack, or StackSet instance). */
export interface InstanceOutcome {
  unit: string;
  kind: 'stack' | 'stackset';
  /** Stack or StackSet name. */
  name: string;
  account: string;
  accountId: string | null;
  region: string;
  action: InstanceAction;
  outcome: Outcome;
  skip?: SkipReason;
  /** Why (failure reason, "no changes", "drift reverted", ...). */
  reason?: string;
  /** The first failed resources' reasons (DescribeStackEvents / StackSet instance status). */
  failures?: string[];
}

/** The outcome of one plan action. */
export interface ActionOutcome {
  action: PlanAction;
  outcome: 'done' | 'failed' | 'skipped';
  skip?: SkipReason | 'close-blocked';
  reason?: string;
}

/** What `deploy` did. */
export interface DeployResult {
  instances: InstanceOutcome[];
  actions: ActionOutcome[];
  counts: Record<Outcome, number> & {
    actionsDone: number;
    actionsFailed: number;
    actionsSkipped: number;
  };
  /** True when nothing failed and nothing was skipped for a failure (resumed work is fine). */
  ok: boolean;
  /** Work not started because failures exceeded `failureTolerance`. */
  stopped: boolean;
  /** Access problems met (each names account, role and API): the CLI exits 3 when present. */
  accessErrors: AwsAccessError[];
  startedAt: string;
  durationMs: number;
}

/** A progress event (the CLI renders a progress line; tests record them). */
export type DeployEvent =
  | { type: 'start'; units: number; instances: number; actions: number }
  | { type: 'unit-start'; unit: string; name: string; kind: 'stack' | 'stackset' }
  | { type: 'status'; unit: string; message: string }
  | { type: 'wave-start'; unit: string; wave: string; instances: number }
  | { type: 'instance-done'; outcome: InstanceOutcome }
  | { type: 'action-done'; outcome: ActionOutcome }
  | { type: 'done'; result: DeployResult };

/** Receives progress events. */
export interface DeployProgress {
  report(event: DeployEvent): void;
}

/** Polling intervals and limits (milliseconds). */
export interface DeployTiming {
  changeSetPollMs: number;
  stackPollMs: number;
  stackSetPollMs: number;
  /** Wait before retrying a call refused with OperationInProgressException. */
  operationInProgressWaitMs: number;
  /** How many times such a call is retried. */
  operationInProgressRetries: number;
  changeSetTimeoutMs: number;
  stackTimeoutMs: number;
  stackSetOperationTimeoutMs: number;
}

/** Defaults: change sets settle in seconds, stacks and StackSet operations in minutes. */
export const DEFAULT_TIMING: DeployTiming = {
  changeSetPollMs: 3_000,
  stackPollMs: 10_000,
  stackSetPollMs: 15_000,
  operationInProgressWaitMs: 30_000,
  operationInProgressRetries: 40,
  changeSetTimeoutMs: 15 * 60_000,
  stackTimeoutMs: 3 * 3_600_000,
  stackSetOperationTimeoutMs: 6 * 3_600_000,
};

/** The assets bucket (management account) templates over the inline limit and assets go to. */
export interface AssetsConfig {
  bucket: string;
  region: string;
  /** Key prefix (default `orgward/`). */
  prefix?: string;
}

/** Everything `deploy` needs. */
export interface DeployOptions {
  plan: Plan;
  synth: Pick<SynthResult, 'bodies' | 'units'>;
  manifest: Manifest;
  /** The blueprint (waves, deployment settings, account roles, OU and policy names). */
  index: BlueprintIndex;
  /** The caller's clients; the caller closes them (`destroy()`) after the run. */
  clients: DeployClients;
  /** Default: `createParamResolver` over the clients, manifest and `known`. */
  params?: ParamResolver;
  /** AWS ids known from a snapshot (`knownFromSnapshot`), for the default resolver. */
  known?: KnownIds;
  state: StateStore;
  progress?: DeployProgress;
  clock?: Clock;
  timing?: Partial<DeployTiming>;
  assets?: AssetsConfig;
  /** Random source for backoff jitter (tests: a constant). */
  random?: () => number;
}
