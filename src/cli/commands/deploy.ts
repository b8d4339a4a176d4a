/**
 * `orgward deploy <blueprint>`: synthesize, plan (from a snapshot, or from the live stack
 * state), show exactly what will run, ask, then apply it: change sets and StackSet
 * operations for the changed targets only, in dependency order and waves, resumable.
 */
import { createInterface } from 'node:readline/promises';
import { resolveLimits } from '../../blueprint/limits.js';
import { InputError } from '../../core/errors.js';
import { readLiveState } from '../../deploy/apply/live-state.js';
import {
  assetsBucketExists,
  createAssetsBucket,
  defaultAssetsBucket,
} from '../../deploy/apply/assets-bucket.js';
import {
  createDeployClients,
  createParamResolver,
  deploy,
  describeDeployment,
  fileStateStore,
  knownFromSnapshot,
  stateFile,
  SYSTEM_CLOCK,
  type DeployEvent,
  type DeployResult,
  type KnownIds,
  type ParamResolver,
} from '../../deploy/apply/index.js';
import { withoutDestruction } from '../../deploy/apply/select.js';
import { planFromLiveState } from '../../deploy/live-plan.js';
import { computePlan, formatPlanText } from '../../deploy/plan/index.js';
import type { Plan } from '../../deploy/types.js';
import { readSnapshot } from '../../snapshot/io.js';
import { synthesize } from '../../synth/synth.js';
import type { Manifest } from '../../synth/types.js';
import { writeSynth } from '../../synth/write.js';
import { makeOutputDir } from '../io.js';
import { loadValid } from './plan.js';

const NEEDS_CONSENT =
  'deploy changes AWS and asks before it does: run it on a terminal to answer, or pass --yes (after reviewing `orgward plan`)';

/** Flags of `orgward deploy`. */
export interface DeployFlags {
  snapshot?: string;
  synthDir: string;
  yes?: boolean;
  allowDestroy?: boolean;
  assetsBucket?: string;
  quiet?: boolean;
}

/** Run `orgward deploy`. */
export async function run(file: string, flags: DeployFlags): Promise<number> {
  // Without a terminal nobody can answer the prompt: say so before touching AWS.
  if (flags.yes !== true && !process.stdin.isTTY) throw new InputError(NEEDS_CONSENT);
  const loaded = await loadValid(file);
  const index = loaded.index;
  if (!index) throw new InputError(`${loaded.file} is not valid`);
  const synth = synthesize({ index, policies: loaded.policies });
  makeOutputDir(flags.synthDir);
  writeSynth(synth, flags.synthDir);
  const snapshot = flags.snapshot !== undefined ? await readSnapshot(flags.snapshot) : undefined;
  const known: KnownIds = snapshot ? knownFromSnapshot(index, snapshot) : {};
  const clients = createDeployClients({ index });
  const env = { clock: SYSTEM_CLOCK, random: Math.random };
  const say = (s: string) => process.stderr.write(`${s}\n`);
  try {
    const params = createParamResolver({ index, manifest: synth.manifest, clients, env, known });
    let plan: Plan;
    if (snapshot) {
      plan = computePlan({ index, policies: loaded.policies, manifest: synth.manifest, snapshot });
    } else {
      say('deploy: reading the deployed stacks and StackSets ...');
      const live = await readLiveState({
        manifest: synth.manifest,
        clients,
        env,
        accountId: (a) => params.accountId(a),
        concurrency: index.bp.deployment.maxConcurrency,
      });
      plan = planFromLiveState(index, synth.manifest, live);
    }
    const { plan: runnable, withheld } = flags.allowDestroy
      ? { plan, withheld: undefined }
      : withoutDestruction(plan);
    process.stdout.write(`${formatPlanText(runnable, { color: process.stdout.isTTY })}\n`);
    const steps = describeDeployment(runnable);
    const heldSteps = withheld ? describeDeployment(withheld) : [];
    if (heldSteps.length)
      say(
        `deploy: ${heldSteps.length} destructive step(s) withheld; rerun with --allow-destroy to include them`,
      );
    if (!steps.length) {
      say('deploy: nothing to deploy: every unit is up to date');
      return 0;
    }
    const inlineMax = resolveLimits(index.bp.limits).templateBodyMaxBytes;
    const needsAssets = synth.manifest.units.some(
      (u) => u.assets.length > 0 || u.templateBytes > inlineMax,
    );
    const home = index.bp.organization.homeRegion;
    let assets: { bucket: string; region: string } | undefined;
    let createBucket = false;
    if (needsAssets) {
      const bucket =
        flags.assetsBucket ??
        defaultAssetsBucket(
          synth.manifest.stackPrefix,
          await params.accountId(synth.manifest.managementAccount),
          home,
        );
      assets = { bucket, region: home };
      const site = {
        target: { account: synth.manifest.managementAccount },
        role: undefined,
        region: home,
      };
      createBucket = !(await assetsBucketExists(clients.s3(home), env, site, bucket));
      if (createBucket)
        steps.unshift(
          `create the assets bucket ${bucket} (${home}; private, versioned, TLS-only, readable by the organization)`,
        );
    }
    say('deploy will:');
    for (const s of steps) say(`  - ${s}`);
    if (!(await consent(flags.yes === true, steps.length))) {
      say('deploy: nothing was changed');
      return 0;
    }
    if (assets && createBucket) {
      const site = {
        target: { account: synth.manifest.managementAccount },
        role: undefined,
        region: home,
      };
      await createAssetsBucket(clients.s3(home), env, site, {
        bucket: assets.bucket,
        region: home,
        partition: index.bp.organization.partition ?? 'aws',
        organizationId: await organizationId(params, synth.manifest),
      });
    }
    const state = fileStateStore(stateFile(flags.synthDir));
    const result = await deploy({
      plan: runnable,
      synth,
      manifest: synth.manifest,
      index,
      clients,
      params,
      known,
      state,
      ...(assets ? { assets } : {}),
      progress: { report: progressReporter(flags.quiet === true) },
    });
    say(summary(result));
    const access = result.accessErrors[0];
    if (access) throw access;
    return result.ok ? 0 : 1;
  } finally {
    clients.destroy?.();
  }
}

/** The organization id through the parameter resolver (blueprint, snapshot or Organizations). */
async function organizationId(params: ParamResolver, manifest: Manifest): Promise<string> {
  const entry = manifest.units[0];
  if (!entry) throw new InputError('the blueprint synthesizes no unit');
  return params.value({ kind: 'organization-id' }, entry);
}

/** Ask on a terminal; without one, only `--yes` lets deploy change AWS. */
async function consent(yes: boolean, steps: number): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY) throw new InputError(NEEDS_CONSENT);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Execute these ${steps} step(s)? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function progressReporter(quiet: boolean): (e: DeployEvent) => void {
  const tty = process.stderr.isTTY && !quiet;
  let done = 0;
  let total = 0;
  return (e) => {
    if (e.type === 'start') total = e.instances + e.actions;
    else if (e.type === 'instance-done' || e.type === 'action-done') {
      done++;
      const failed = 'outcome' in e && e.outcome.outcome === 'failed';
      if (failed) {
        const o =
          e.type === 'instance-done'
            ? `${e.outcome.name} ${e.outcome.account} ${e.outcome.region}`
            : e.outcome.action.type;
        process.stderr.write(
          `${tty ? '\r\x1b[K' : ''}deploy: FAILED ${o}: ${e.outcome.reason ?? ''}\n`,
        );
      }
    } else if (e.type === 'unit-start' && !tty && !quiet)
      process.stderr.write(`deploy: ${e.kind} ${e.name}\n`);
    if (tty)
      process.stderr.write(
        `\r[${done}/${total}] ${e.type === 'status' ? e.message : ''}`.slice(
          0,
          (process.stderr.columns || 100) - 1,
        ) + '\x1b[K',
      );
    if (tty && e.type === 'done') process.stderr.write('\n');
  };
}

function summary(r: DeployResult): string {
  const c = r.counts;
  return (
    `deploy: ${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ` +
    `${c.failed} failed, ${c.skipped} skipped; actions ${c.actionsDone} done, ${c.actionsFailed} failed` +
    ` in ${(r.durationMs / 1000).toFixed(1)} s` +
    (r.ok
      ? ''
      : r.stopped
        ? ' (stopped: failures over deployment.failureTolerance; rerun to resume)'
        : ' (rerun to resume)')
  );
}
