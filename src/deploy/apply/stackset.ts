/**
 * One service-managed StackSet, from the management account: create it when absent
 * (auto-deployment on, managed execution, the content hash in its description), then,
 * wave by wave, update the instances whose template changed, create the new ones and
 * delete the removed ones. A template change reaches an instance only through an
 * operation that targets it, so waves hold: CloudFormation marks the others OUTDATED
 * until their wave comes. Instances created while the StackSet still carries an older
 * template (no update ran yet) are updated right after.
 */
import {
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  UpdateStackSetCommand,
  type StackSetOperationPreferences,
} from '@aws-sdk/client-cloudformation';
import type { BlueprintIndex } from '../../blueprint/model.js';
import type { ManifestEntry, SynthAsset } from '../../synth/types.js';
import type { InstanceChange } from '../types.js';
import { awsCall, messageOf, type CallSite } from './call.js';
import { resolveParameters, type UnitContext } from './stack.js';
import {
  descriptionHash,
  describeStackSet,
  listInstances,
  stackSetDescription,
  whenFree,
} from './stackset-ops.js';
import { Runner, type Item, type Kind } from './stackset-runner.js';
import type { TargetGroup, Waves } from './targets.js';
import type { Outcome, SkipReason } from './types.js';

/** The result of one StackSet instance. */
export interface SetInstanceResult {
  change: InstanceChange;
  accountId: string | null;
  outcome: Outcome;
  skip?: SkipReason;
  reason?: string;
  failures?: string[];
}

/** One StackSet to deploy. */
export interface StackSetJob {
  unit: string;
  name: string;
  hash: string;
  entry: ManifestEntry;
  body: string;
  assets: readonly SynthAsset[];
  management: string;
  homeRegion: string;
  /** The instances to act on (the plan's, less those done by an earlier run). */
  instances: readonly InstanceChange[];
  index: BlueprintIndex;
  waves: Waves;
  maxConcurrency: number;
  failureTolerance: number;
  /** True once the run stops starting new work. */
  stopped: () => boolean;
  onWave: (wave: string, instances: number) => void;
  /** Called once per instance, when its outcome is known. */
  done: (r: SetInstanceResult) => void;
}

/** Create or update a StackSet and its instances, in waves. */
export async function deployStackSet(ctx: UnitContext, job: StackSetJob): Promise<void> {
  const site: CallSite = {
    target: { account: job.management },
    role: undefined,
    region: job.homeRegion,
  };
  const cfn = ctx.clients.cloudFormation(site.target, job.homeRegion);
  const parameters = await resolveParameters(ctx, job.entry);
  await ctx.uploads.assetFiles(job.unit, job.assets);
  const template = await ctx.uploads.template(job.unit, job.hash, job.body, ctx.inlineMax);
  const description = stackSetDescription(job.entry.title, job.hash);
  const tags = [{ Key: 'orgward:unit', Value: job.unit }];

  const existing = await describeStackSet(ctx, site, cfn, job.name);
  let stale = existing !== undefined && descriptionHash(existing.Description) !== job.hash;
  if (!existing) {
    ctx.status(`creating StackSet ${job.name}`);
    await awsCall(ctx.env, site, 'cloudformation:CreateStackSet', () =>
      cfn.send(
        new CreateStackSetCommand({
          StackSetName: job.name,
          Description: description,
          ...template,
          Parameters: parameters,
          Capabilities: job.entry.capabilities,
          Tags: tags,
          PermissionModel: 'SERVICE_MANAGED',
          AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
          ManagedExecution: { Active: true },
          CallAs: 'SELF',
        }),
      ),
    );
  }
  const live = existing ? await listInstances(ctx, site, cfn, job.name) : new Map();
  const items = await plan(ctx, job, live);

  const preferences: StackSetOperationPreferences = {
    RegionConcurrencyType: 'PARALLEL',
    MaxConcurrentCount: job.maxConcurrency,
    FailureToleranceCount: job.failureTolerance,
    // Strict mode would cap concurrency at FailureToleranceCount + 1 (one account at a
    // time with the default tolerance of 0); soft mode runs at MaxConcurrentCount.
    ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
  };
  const update = (group: TargetGroup<Item>, id: string) =>
    cfn.send(
      new UpdateStackSetCommand({
        StackSetName: job.name,
        Description: description,
        ...template,
        Parameters: parameters,
        Capabilities: job.entry.capabilities,
        Tags: tags,
        DeploymentTargets: group.targets,
        Regions: group.regions,
        OperationPreferences: preferences,
        OperationId: id,
        CallAs: 'SELF',
      }),
    );
  const create = (group: TargetGroup<Item>, id: string) =>
    cfn.send(
      new CreateStackInstancesCommand({
        StackSetName: job.name,
        DeploymentTargets: group.targets,
        Regions: group.regions,
        OperationPreferences: preferences,
        OperationId: id,
        CallAs: 'SELF',
      }),
    );
  const remove = (group: TargetGroup<Item>, id: string) =>
    cfn.send(
      new DeleteStackInstancesCommand({
        StackSetName: job.name,
        DeploymentTargets: group.targets,
        Regions: group.regions,
        OperationPreferences: preferences,
        RetainStacks: false,
        OperationId: id,
        CallAs: 'SELF',
      }),
    );

  const runner = new Runner(ctx, site, cfn, job);
  for (let w = 0; w < job.waves.names.length; w++) {
    const wave = items.filter((i) => i.wave === w);
    if (wave.length === 0) continue;
    if (job.stopped()) {
      for (const i of wave)
        job.done(result(i, 'skipped', { skip: 'stopped', reason: 'failure tolerance exceeded' }));
      continue;
    }
    job.onWave(job.waves.names[w] ?? String(w), wave.length);
    const updates = wave.filter((i) => i.kind === 'update');
    const creates = wave.filter((i) => i.kind === 'create');
    const deletes = wave.filter((i) => i.kind === 'delete');
    const failed = new Map<Item, { reason: string; failures?: string[] }>();
    if (updates.length) {
      await runner.run(
        'cloudformation:UpdateStackSet',
        await runner.groups(updates),
        update,
        failed,
      );
      stale = false;
    }
    if (creates.length) {
      await runner.run(
        'cloudformation:CreateStackInstances',
        await runner.groups(creates),
        create,
        failed,
      );
      const ok = creates.filter((i) => !failed.has(i));
      if (stale && ok.length) {
        // Created from the older template the StackSet still held: bring them up to date.
        await runner.run('cloudformation:UpdateStackSet', await runner.groups(ok), update, failed);
        stale = false;
      }
    }
    if (deletes.length)
      await runner.run(
        'cloudformation:DeleteStackInstances',
        await runner.groups(deletes, true),
        remove,
        failed,
      );
    for (const i of wave) {
      const f = failed.get(i);
      if (f) job.done(result(i, 'failed', f));
      else
        job.done(
          result(i, i.kind === 'create' ? 'created' : i.kind === 'update' ? 'updated' : 'deleted', {
            ...(i.change.action === 'revert-drift'
              ? { reason: 'redeployed (StackSet operations have no drift-reverting mode)' }
              : {}),
          }),
        );
    }
  }
}

/** Delete a StackSet: every instance it has (by account, through the root), then the StackSet. */
export async function deleteStackSet(ctx: UnitContext, job: StackSetJob): Promise<void> {
  const site: CallSite = {
    target: { account: job.management },
    role: undefined,
    region: job.homeRegion,
  };
  const cfn = ctx.clients.cloudFormation(site.target, job.homeRegion);
  const report = (outcome: Outcome, extra: { reason?: string } = {}) => {
    for (const change of job.instances)
      job.done({ change, accountId: change.accountId, outcome, ...extra });
  };
  const existing = await describeStackSet(ctx, site, cfn, job.name);
  if (!existing) {
    report('deleted', { reason: 'already gone' });
    return;
  }
  const runner = new Runner(ctx, site, cfn, job);
  const remove = (group: TargetGroup<Item>, id: string) =>
    cfn.send(
      new DeleteStackInstancesCommand({
        StackSetName: job.name,
        DeploymentTargets: group.targets,
        Regions: group.regions,
        OperationPreferences: {
          RegionConcurrencyType: 'PARALLEL',
          MaxConcurrentCount: job.maxConcurrency,
          FailureToleranceCount: job.failureTolerance,
          ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
        },
        RetainStacks: false,
        OperationId: id,
        CallAs: 'SELF',
      }),
    );
  const live = await listInstances(ctx, site, cfn, job.name);
  if (live.size > 0) {
    const items: Item[] = [...live.values()].map((s) => ({
      change: {
        account: s.Account ?? '',
        accountId: s.Account ?? null,
        region: s.Region ?? '',
        action: 'delete',
      },
      accountId: s.Account ?? '',
      region: s.Region ?? '',
      kind: 'delete',
      wave: 0,
    }));
    const failed = new Map<Item, { reason: string }>();
    await runner.run(
      'cloudformation:DeleteStackInstances',
      await runner.groups(items, true),
      remove,
      failed,
    );
    const first = [...failed.values()][0];
    if (first) {
      report('failed', { reason: `deleting its instances: ${first.reason}` });
      return;
    }
  }
  ctx.status(`deleting StackSet ${job.name}`);
  await whenFree(ctx, site, job.name, 'cloudformation:DeleteStackSet', () =>
    cfn.send(new DeleteStackSetCommand({ StackSetName: job.name, CallAs: 'SELF' })),
  );
  report('deleted');
}

/** Resolve each instance's account id and what to do with it (live instances decide). */
async function plan(
  ctx: UnitContext,
  job: StackSetJob,
  live: ReadonlyMap<string, unknown>,
): Promise<Item[]> {
  const ous = job.entry.ous ?? [];
  const ouOf = (account: string) => {
    const path = job.index.pathOf(account);
    return job.index.accounts.has(account) ? ous.find((o) => path.includes(o)) : undefined;
  };
  // A whole OU deploys in the wave of its last account: never earlier than any of them.
  const ouWave = new Map<string, number>();
  for (const a of job.entry.accounts) {
    const ou = ouOf(a);
    if (ou) ouWave.set(ou, Math.max(ouWave.get(ou) ?? 0, job.waves.of(a)));
  }
  const items: Item[] = [];
  for (const change of job.instances) {
    let accountId: string;
    try {
      accountId = change.accountId ?? (await ctx.params.accountId(change.account));
    } catch (error) {
      job.done({ change, accountId: null, outcome: 'failed', reason: messageOf(error) });
      continue;
    }
    const exists = live.has(`${accountId}|${change.region}`);
    if (change.action === 'delete' && !exists) {
      job.done({ change, accountId, outcome: 'deleted', reason: 'already gone' });
      continue;
    }
    const kind: Kind = change.action === 'delete' ? 'delete' : exists ? 'update' : 'create';
    const ou = kind === 'delete' ? undefined : ouOf(change.account);
    items.push({
      change,
      accountId,
      region: change.region,
      kind,
      ...(ou ? { ou } : {}),
      wave: ou ? (ouWave.get(ou) ?? job.waves.of(change.account)) : job.waves.of(change.account),
    });
  }
  return items;
}

function result(
  i: Item,
  outcome: Outcome,
  extra: { skip?: SkipReason; reason?: string; failures?: string[] },
): SetInstanceResult {
  return { change: i.change, accountId: i.accountId, outcome, ...extra };
}
