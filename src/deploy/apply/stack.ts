/**
 * One plain stack through a change set: CreateChangeSet (CREATE when the stack does not
 * exist, UPDATE otherwise; drift-aware `REVERT_DRIFT` when the plan says the instance
 * drifted), wait for it, execute it (or drop it when it holds no changes), wait for the
 * stack to settle, and on failure read the first failed resources from the stack events.
 * Also deletion, which the plan must ask for explicitly.
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
  type CloudFormationClient,
  type Parameter,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { ManifestEntry, SynthAsset } from '../../synth/types.js';
import type { InstanceAction } from '../types.js';
import { awsCall, isCode, messageOf, type CallEnv, type CallSite } from './call.js';
import { failureReasons } from './events.js';
import type { Uploads } from './templates.js';
import type {
  AccountTarget,
  DeployClients,
  DeployTiming,
  ParamResolver,
  StackOutput,
} from './types.js';

/** What a unit's work needs from the run. */
export interface UnitContext {
  env: CallEnv;
  clients: DeployClients;
  params: ParamResolver;
  uploads: Uploads;
  timing: DeployTiming;
  /** `limits.templateBodyMaxBytes`. */
  inlineMax: number;
  terminationProtection: boolean;
  status(message: string): void;
}

/** One stack to create or update. */
export interface StackJob {
  unit: string;
  name: string;
  hash: string;
  entry: ManifestEntry;
  body: string;
  assets: readonly SynthAsset[];
  target: AccountTarget;
  region: string;
  action: InstanceAction;
}

/** What happened to a stack. */
export interface StackResult {
  outcome: 'created' | 'updated' | 'unchanged' | 'deleted' | 'failed';
  reason?: string;
  failures?: string[];
  outputs?: StackOutput[];
}

/** Change set statuses of a change set that holds nothing to do (CloudFormation's wording). */
const NO_CHANGES = [/didn't contain changes/i, /No updates are to be performed/i];

const SUCCESS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);

/** Stack statuses deploy cannot move on from by itself. */
const STUCK = new Set([
  'ROLLBACK_FAILED',
  'DELETE_FAILED',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_FAILED',
]);

/** Create or update one stack. */
export async function deployStack(ctx: UnitContext, job: StackJob): Promise<StackResult> {
  const site: CallSite = {
    target: job.target,
    role: ctx.clients.roleFor(job.target),
    region: job.region,
  };
  const cfn = ctx.clients.cloudFormation(job.target, job.region);
  const parameters = await resolveParameters(ctx, job.entry);
  await ctx.uploads.assetFiles(job.unit, job.assets);
  const template = await ctx.uploads.template(job.unit, job.hash, job.body, ctx.inlineMax);

  let current = await describeStack(ctx, site, cfn, job.name);
  if (current && isInProgress(current) && current.StackStatus !== 'REVIEW_IN_PROGRESS') {
    ctx.status(`waiting for ${job.name} (${current.StackStatus ?? ''}) to settle`);
    current = await waitStack(ctx, site, cfn, job.name);
  }
  if (current && STUCK.has(current.StackStatus ?? ''))
    return {
      outcome: 'failed',
      reason: `stack ${job.name} is ${current.StackStatus ?? ''}; resolve it in CloudFormation (continue the rollback or delete it), then run deploy again`,
    };
  if (current?.StackStatus === 'ROLLBACK_COMPLETE') {
    // A create that rolled back leaves a stack that can only be deleted.
    ctx.status(`deleting ${job.name}, left in ROLLBACK_COMPLETE by a failed create`);
    await awsCall(ctx.env, site, 'cloudformation:DeleteStack', () =>
      cfn.send(new DeleteStackCommand({ StackName: job.name })),
    );
    const left = await waitStack(ctx, site, cfn, job.name);
    if (left && left.StackStatus !== 'DELETE_COMPLETE')
      return {
        outcome: 'failed',
        reason: `could not delete the rolled-back stack ${job.name}: ${left.StackStatus ?? ''}`,
      };
    current = undefined;
  }

  const create = !current || current.StackStatus === 'REVIEW_IN_PROGRESS';
  const revert = job.action === 'revert-drift' && !create;
  const stamp = ctx.env.clock.now().getTime();
  ctx.status(
    `${create ? 'creating' : revert ? 'reverting drift of' : 'updating'} ${job.name}: change set`,
  );
  const created = await awsCall(ctx.env, site, 'cloudformation:CreateChangeSet', () =>
    cfn.send(
      new CreateChangeSetCommand({
        StackName: job.name,
        ChangeSetName: `orgward-${job.hash}-${stamp}`,
        ChangeSetType: create ? 'CREATE' : 'UPDATE',
        ...template,
        Parameters: parameters,
        Capabilities: job.entry.capabilities,
        Tags: [{ Key: 'orgward:unit', Value: job.unit }],
        Description: `orgward ${job.hash}`,
        ...(revert ? { DeploymentMode: 'REVERT_DRIFT' as const } : {}),
      }),
    ),
  );
  const changeSet = created.Id;
  if (!changeSet) return { outcome: 'failed', reason: 'CreateChangeSet returned no change set id' };

  const settled = await waitChangeSet(ctx, site, cfn, changeSet, job.name);
  if (settled.status === 'FAILED') {
    if (NO_CHANGES.some((re) => re.test(settled.reason))) {
      await awsCall(ctx.env, site, 'cloudformation:DeleteChangeSet', () =>
        cfn.send(new DeleteChangeSetCommand({ ChangeSetName: changeSet })),
      );
      return { outcome: 'unchanged', reason: 'no changes', outputs: current?.Outputs ?? [] };
    }
    return { outcome: 'failed', reason: `change set failed: ${settled.reason}` };
  }

  const token = `orgward-${job.hash}-${stamp}`;
  ctx.status(`executing the change set of ${job.name}`);
  await awsCall(ctx.env, site, 'cloudformation:ExecuteChangeSet', () =>
    cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet, ClientRequestToken: token })),
  );
  const final = await waitStack(ctx, site, cfn, job.name, changeSet);
  const status = final?.StackStatus ?? 'DELETE_COMPLETE';
  if (!SUCCESS.has(status)) {
    const failures = await failureReasons(ctx.env, site, cfn, job.name, token);
    const why = final?.StackStatusReason ? ` (${final.StackStatusReason})` : '';
    return {
      outcome: 'failed',
      reason: `${status}${why}${failures.length ? `: ${failures[0] ?? ''}` : ''}`,
      failures,
    };
  }
  if (create && ctx.terminationProtection)
    await awsCall(ctx.env, site, 'cloudformation:UpdateTerminationProtection', () =>
      cfn.send(
        new UpdateTerminationProtectionCommand({
          StackName: job.name,
          EnableTerminationProtection: true,
        }),
      ),
    );
  return {
    outcome: create ? 'created' : 'updated',
    ...(revert ? { reason: 'drift reverted' } : {}),
    outputs: final?.Outputs ?? [],
  };
}

/** One stack to delete (the plan asked for it). */
export interface DeleteStackJob {
  name: string;
  target: AccountTarget;
  region: string;
}

/** Delete a stack (turning its termination protection off first). */
export async function deleteStack(ctx: UnitContext, job: DeleteStackJob): Promise<StackResult> {
  const site: CallSite = {
    target: job.target,
    role: ctx.clients.roleFor(job.target),
    region: job.region,
  };
  const cfn = ctx.clients.cloudFormation(job.target, job.region);
  const current = await describeStack(ctx, site, cfn, job.name);
  if (!current) return { outcome: 'deleted', reason: 'already gone' };
  if (current.EnableTerminationProtection)
    await awsCall(ctx.env, site, 'cloudformation:UpdateTerminationProtection', () =>
      cfn.send(
        new UpdateTerminationProtectionCommand({
          StackName: job.name,
          EnableTerminationProtection: false,
        }),
      ),
    );
  const token = `orgward-delete-${ctx.env.clock.now().getTime()}`;
  ctx.status(`deleting ${job.name}`);
  await awsCall(ctx.env, site, 'cloudformation:DeleteStack', () =>
    cfn.send(new DeleteStackCommand({ StackName: job.name, ClientRequestToken: token })),
  );
  const final = await waitStack(ctx, site, cfn, job.name);
  if (!final || final.StackStatus === 'DELETE_COMPLETE') return { outcome: 'deleted' };
  const failures = await failureReasons(ctx.env, site, cfn, job.name, token);
  return {
    outcome: 'failed',
    reason: `${final.StackStatus ?? ''}${failures.length ? `: ${failures[0] ?? ''}` : ''}`,
    failures,
  };
}

/** The template's parameters, each resolved from its source (sorted by key). */
export async function resolveParameters(
  ctx: UnitContext,
  entry: ManifestEntry,
): Promise<Parameter[]> {
  const sources = Object.entries(entry.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    sources.map(async ([key, source]) => ({
      ParameterKey: key,
      ParameterValue: await ctx.params.value(source, entry),
    })),
  );
}

/** The stack, or undefined when it does not exist. */
async function describeStack(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  name: string,
): Promise<Stack | undefined> {
  try {
    const out = await awsCall(ctx.env, site, 'cloudformation:DescribeStacks', () =>
      cfn.send(new DescribeStacksCommand({ StackName: name })),
    );
    return out.Stacks?.[0];
  } catch (error) {
    // CloudFormation's answer for a stack that does not exist (or no longer does).
    if (isCode(error, 'ValidationError') && /does not exist/.test(messageOf(error)))
      return undefined;
    throw error;
  }
}

function isInProgress(s: Stack): boolean {
  return (s.StackStatus ?? '').endsWith('_IN_PROGRESS');
}

/**
 * Polls a stale answer may take before the execution shows: right after ExecuteChangeSet,
 * DescribeStacks can still report the previous operation's end.
 */
const STALE_POLLS = 6;

/**
 * Poll DescribeStacks until the stack leaves every *_IN_PROGRESS status (or is gone).
 * After executing `changeSet`, the stack must also show that change set (its ChangeSetId)
 * and REVIEW_IN_PROGRESS (a stack created by a change set not yet running) is not an end.
 */
async function waitStack(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  name: string,
  changeSet?: string,
): Promise<Stack | undefined> {
  const start = ctx.env.clock.now().getTime();
  let stale = 0;
  for (;;) {
    const s = await describeStack(ctx, site, cfn, name);
    if (!s) return s;
    const review = s.StackStatus === 'REVIEW_IN_PROGRESS';
    const behind =
      changeSet !== undefined &&
      s.ChangeSetId !== undefined &&
      s.ChangeSetId !== changeSet &&
      stale++ < STALE_POLLS;
    if (!behind && (!isInProgress(s) || (review && changeSet === undefined))) return s;
    if (ctx.env.clock.now().getTime() - start > ctx.timing.stackTimeoutMs)
      throw new Error(
        `stack ${name} still ${s.StackStatus ?? ''} after ${minutes(ctx.timing.stackTimeoutMs)}`,
      );
    await ctx.env.clock.sleep(ctx.timing.stackPollMs);
  }
}

/** Poll DescribeChangeSet until it is ready (CREATE_COMPLETE) or FAILED. */
async function waitChangeSet(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  changeSet: string,
  name: string,
): Promise<{ status: 'CREATE_COMPLETE' | 'FAILED'; reason: string }> {
  const start = ctx.env.clock.now().getTime();
  for (;;) {
    const cs = await awsCall(ctx.env, site, 'cloudformation:DescribeChangeSet', () =>
      cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSet })),
    );
    if (cs.Status === 'CREATE_COMPLETE') return { status: 'CREATE_COMPLETE', reason: '' };
    if (cs.Status === 'FAILED' || cs.Status?.startsWith('DELETE_'))
      return { status: 'FAILED', reason: cs.StatusReason ?? cs.Status };
    if (ctx.env.clock.now().getTime() - start > ctx.timing.changeSetTimeoutMs)
      throw new Error(
        `the change set of ${name} still ${cs.Status ?? ''} after ${minutes(ctx.timing.changeSetTimeoutMs)}`,
      );
    await ctx.env.clock.sleep(ctx.timing.changeSetPollMs);
  }
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`;
}
