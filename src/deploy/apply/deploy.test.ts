import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  ListExportsCommand,
} from '@aws-sdk/client-cloudformation';
import {
  AttachPolicyCommand,
  CloseAccountCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collect/collectors/__fixtures__/context.js';
import type { Manifest } from '../../synth/types.js';
import type { Plan, PlanAction } from '../types.js';
import { cfnSim, ORGANIZATION_OUTPUTS, type CfnSim } from './__fixtures__/cfn-sim.js';
import {
  DEV_ID,
  MGMT_ID,
  OU_SECURITY,
  OU_SUSPENDED,
  OU_WORKLOADS,
  PROD1_ID,
  recordProgress,
  ROOT_ID,
  testClients,
  testClock,
  testIndex,
  testManifest,
  testPlan,
  testSynth,
} from './__fixtures__/deploy.js';
import { deploy } from './deploy.js';
import { memoryStateStore } from './state.js';
import type { DeployOptions, InstanceOutcome } from './types.js';

const cfn = mockClient(CloudFormationClient);
const org = mockClient(OrganizationsClient);
let sim: CfnSim;

beforeEach(() => {
  sim = cfnSim(cfn);
  org.reset();
  org.on(ListRootsCommand).resolves({
    Roots: [
      {
        Id: ROOT_ID,
        Arn: `arn:aws:organizations::${MGMT_ID}:root/o-abcdef1234/${ROOT_ID}`,
        Name: 'Root',
        PolicyTypes: [],
      },
    ],
  });
});

function options(
  over: Partial<DeployOptions> & {
    deployment?: Record<string, unknown>;
    manifest?: Manifest;
    plan?: Plan;
  } = {},
) {
  const manifest = over.manifest ?? testManifest();
  const { deployment, ...rest } = over;
  return {
    plan: testPlan(manifest),
    synth: testSynth(manifest),
    manifest,
    index: testIndex(deployment),
    clients: testClients(),
    state: memoryStateStore(),
    clock: testClock(),
    random: () => 0.5,
    ...rest,
  } satisfies DeployOptions;
}

const outcomeOf = (list: InstanceOutcome[], unit: string) => [
  ...new Set(
    list.filter((o) => o.unit === unit).map((o) => (o.skip ? `${o.outcome}:${o.skip}` : o.outcome)),
  ),
];

describe('deploy', () => {
  it('deploys every unit in dependency order, organization first, feeding outputs to later parameters', async () => {
    const progress = recordProgress();
    const state = memoryStateStore();
    const r = await deploy(options({ progress, state }));
    expect(r.ok).toBe(true);
    expect(r.counts).toMatchObject({ created: 3 + 6 + 3, failed: 0, skipped: 0 });
    const order = sim.executed;
    expect(order[0]).toBe('orgward-organization');
    expect(order.indexOf('orgward-log-archive')).toBeLessThan(
      order.indexOf('orgward-security-tooling'),
    );
    // The OU id came from the organization stack's outputs of this very run.
    const logArchive = cfn
      .commandCalls(CreateChangeSetCommand)
      .find((c) => c.args[0].input.StackName === 'orgward-log-archive')!;
    expect(logArchive.args[0].input.Parameters).toContainEqual({
      ParameterKey: 'OuIdSecurity',
      ParameterValue: OU_SECURITY,
    });
    // StackSet operations follow the dependencies too: after log-archive completed.
    const set = sim.stackSets.get('orgward-baseline-config');
    expect(set?.instances.size).toBe(6);
    // Every completion is in the state, with its hash.
    const saved = state.current;
    expect(saved.instances['log-archive']?.['log-archive|eu-west-1']).toMatchObject({
      hash: testManifest().units[1]!.hash,
      status: 'done',
      outcome: 'created',
    });
    expect(Object.keys(saved.instances['baseline-config'] ?? {})).toHaveLength(6);
    expect(progress.events[0]).toMatchObject({ type: 'start', units: 5, instances: 12 });
    expect(progress.events.at(-1)?.type).toBe('done');
  });

  it('touches only instances whose action is not unchanged or unknown', async () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, {
      organization: 'unchanged',
      'security-tooling': 'unknown',
      'baseline-roles': 'unchanged',
    });
    const cs = plan.units.find((u) => u.unit === 'baseline-config')!;
    cs.instances = cs.instances.map((i) =>
      i.account === 'prod-1' ? { ...i, action: 'unchanged' } : i,
    );
    sim.existing('orgward-organization', 'CREATE_COMPLETE', ORGANIZATION_OUTPUTS);
    const r = await deploy(options({ manifest, plan }));
    expect(sim.executed).toEqual(['orgward-log-archive']);
    expect(r.instances.map((o) => o.unit).sort()).toEqual([
      'baseline-config',
      'baseline-config',
      'baseline-config',
      'baseline-config',
      'log-archive',
    ]);
    expect(r.instances.some((o) => o.account === 'prod-1')).toBe(false);
  });

  it('stops starting new work after more than failureTolerance failures; running work finishes', async () => {
    sim.failing.set('orgward-log-archive', 'org-logs already exists');
    const plan = testPlan(testManifest());
    plan.actions = [
      { type: 'close-account', account: 'dev-1', accountId: DEV_ID, reason: 'removed' },
    ];
    const r = await deploy(
      options({ plan, deployment: { maxConcurrency: 1, failureTolerance: 0 } }),
    );
    expect(r.ok).toBe(false);
    expect(r.stopped).toBe(true);
    expect(outcomeOf(r.instances, 'log-archive')).toEqual(['failed']);
    const failed = r.instances.find((o) => o.unit === 'log-archive')!;
    expect(failed.reason).toContain('ROLLBACK_COMPLETE');
    expect(failed.failures).toEqual(['Bucket (AWS::S3::Bucket): org-logs already exists']);
    expect(outcomeOf(r.instances, 'security-tooling')).toEqual(['skipped:dependency']);
    expect(outcomeOf(r.instances, 'baseline-config')).toEqual(['skipped:dependency']);
    // Independent of log-archive, but queued behind it: not started once the run stopped.
    expect(outcomeOf(r.instances, 'baseline-roles')).toEqual(['skipped:stopped']);
    expect(r.actions[0]).toMatchObject({ outcome: 'skipped', skip: 'stopped' });
    expect(org.commandCalls(CloseAccountCommand)).toHaveLength(0);
    expect(sim.stackSets.has('orgward-baseline-roles')).toBe(false);
  });

  it('with a failure tolerated, independent work goes on', async () => {
    sim.failing.set('orgward-log-archive', 'org-logs already exists');
    const r = await deploy(options({ deployment: { maxConcurrency: 1, failureTolerance: 1 } }));
    expect(r.stopped).toBe(false);
    expect(outcomeOf(r.instances, 'baseline-roles')).toEqual(['created']);
    expect(outcomeOf(r.instances, 'security-tooling')).toEqual(['skipped:dependency']);
  });

  it('resumes: a rerun of the same plan skips what is done and retries what failed', async () => {
    sim.failing.set('orgward-log-archive', 'org-logs already exists');
    const state = memoryStateStore();
    const first = await deploy(options({ state }));
    expect(first.ok).toBe(false);
    expect(state.current.instances['organization']?.['management|eu-west-1']?.status).toBe('done');
    expect(state.current.instances['log-archive']?.['log-archive|eu-west-1']?.status).toBe(
      'failed',
    );

    sim.failing.clear();
    sim.executed.length = 0;
    const second = await deploy(options({ state }));
    expect(second.ok).toBe(true);
    // The failed create left ROLLBACK_COMPLETE: deleted, then created again.
    expect(sim.executed).toEqual(['orgward-log-archive', 'orgward-security-tooling']);
    expect(outcomeOf(second.instances, 'organization')).toEqual(['skipped:done-earlier']);
    expect(outcomeOf(second.instances, 'baseline-roles')).toEqual(['skipped:done-earlier']);
    expect(outcomeOf(second.instances, 'log-archive')).toEqual(['created']);
    expect(outcomeOf(second.instances, 'baseline-config')).toEqual(['created']);
    expect(state.current.instances['log-archive']?.['log-archive|eu-west-1']?.status).toBe('done');

    // A third run has nothing left to do.
    sim.executed.length = 0;
    const third = await deploy(options({ state }));
    expect(sim.executed).toEqual([]);
    expect(third.counts.skipped).toBe(third.instances.length);
    expect(third.ok).toBe(true);
  });

  it('a changed hash is deployed again even when an earlier run finished the unit', async () => {
    const state = memoryStateStore();
    await deploy(options({ state }));
    sim.executed.length = 0;
    const manifest = testManifest();
    manifest.units[2]!.hash = 'ffffffffffffffff';
    await deploy(options({ state, manifest, plan: testPlan(manifest, {}, 'update') }));
    expect(sim.executed).toEqual(['orgward-security-tooling']);
  });

  it('runs the plan actions after the units, in order; close only after move and quarantine', async () => {
    org.on(MoveAccountCommand).resolves({});
    org.on(ListPoliciesCommand).resolves({
      Policies: [
        {
          Id: 'p-aws',
          Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
          Name: 'FullAWSAccess',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: true,
        },
        {
          Id: 'p-quar1234',
          Arn: `arn:aws:organizations::${MGMT_ID}:policy/o-abcdef1234/service_control_policy/p-quar1234`,
          Name: 'orgward-quarantine',
          Type: 'SERVICE_CONTROL_POLICY',
          AwsManaged: false,
        },
      ],
    });
    org.on(AttachPolicyCommand).resolves({});
    org.on(CloseAccountCommand).resolves({});
    const manifest = testManifest();
    const plan = testPlan(manifest, {}, 'unchanged');
    plan.actions = lifecycle('prod-1', PROD1_ID);
    sim.existing('orgward-organization', 'CREATE_COMPLETE', [
      {
        OutputKey: 'OuSuspendedId',
        OutputValue: OU_SUSPENDED,
        ExportName: 'orgward-ou-suspended-id',
      },
    ]);
    cfnExports([
      ['orgward-ou-suspended-id', OU_SUSPENDED],
      ['orgward-ou-workloads-id', OU_WORKLOADS],
    ]);
    const r = await deploy(options({ manifest, plan }));
    expect(r.actions.map((a) => `${a.action.type}:${a.outcome}`)).toEqual([
      'move-account:done',
      'attach-quarantine:done',
      'close-account:done',
    ]);
    expect(org.commandCalls(MoveAccountCommand)[0]!.args[0].input).toEqual({
      AccountId: PROD1_ID,
      SourceParentId: OU_WORKLOADS,
      DestinationParentId: OU_SUSPENDED,
    });
    expect(org.commandCalls(AttachPolicyCommand)[0]!.args[0].input).toEqual({
      PolicyId: 'p-quar1234',
      TargetId: PROD1_ID,
    });
    expect(org.commandCalls(CloseAccountCommand)[0]!.args[0].input).toEqual({
      AccountId: PROD1_ID,
    });
    const names = org
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    expect(names.indexOf('CloseAccountCommand')).toBeGreaterThan(
      names.indexOf('AttachPolicyCommand'),
    );
  });

  it('does not close an account whose quarantine failed', async () => {
    org
      .on(MoveAccountCommand)
      .rejects(
        awsError(
          'DuplicateAccountException',
          'That account is already present in the specified destination.',
        ),
      );
    org
      .on(AttachPolicyCommand)
      .rejects(
        awsError(
          'PolicyNotFoundException',
          "We can't find a policy with the PolicyId that you specified.",
        ),
      );
    org.on(CloseAccountCommand).resolves({});
    const plan = testPlan(testManifest(), {}, 'unchanged');
    plan.actions = lifecycle('prod-1', PROD1_ID).map((a) =>
      a.type === 'attach-quarantine' ? { ...a, policy: 'p-quar1234' } : a,
    );
    cfnExports([
      ['orgward-ou-suspended-id', OU_SUSPENDED],
      ['orgward-ou-workloads-id', OU_WORKLOADS],
    ]);
    const r = await deploy(options({ plan, deployment: { failureTolerance: 5 } }));
    expect(r.actions.map((a) => `${a.action.type}:${a.outcome}`)).toEqual([
      'move-account:done',
      'attach-quarantine:failed',
      'close-account:skipped',
    ]);
    expect(r.actions[0]?.reason).toBe('already in the destination OU');
    expect(r.actions[2]?.skip).toBe('close-blocked');
    expect(org.commandCalls(CloseAccountCommand)).toHaveLength(0);
    expect(r.ok).toBe(false);
  });

  it('with strategy stacks, per-account stacks of one StackSet follow the waves', async () => {
    const base = testManifest();
    const cfg = base.units.find((u) => u.id === 'baseline-roles')!;
    const manifest: Manifest = {
      ...base,
      strategy: 'stacks',
      units: ['dev-1', 'prod-1'].map((account) => ({
        ...cfg,
        id: `baseline-roles--${account}--eu-west-1`,
        name: `orgward-baseline-roles--${account}--eu-west-1`,
        kind: 'stack' as const,
        accounts: [account],
        regions: ['eu-west-1'],
      })),
    };
    // Plan order puts prod first: the wave, not the order, decides.
    const plan = testPlan(manifest);
    plan.units.reverse();
    const progress = recordProgress();
    await deploy(options({ manifest, plan, progress }));
    const marks = progress.events.flatMap((e) =>
      e.type === 'unit-start'
        ? [`start ${e.unit}`]
        : e.type === 'instance-done'
          ? [`done ${e.outcome.unit}`]
          : [],
    );
    expect(marks).toEqual([
      'start baseline-roles--dev-1--eu-west-1',
      'done baseline-roles--dev-1--eu-west-1',
      'start baseline-roles--prod-1--eu-west-1',
      'done baseline-roles--prod-1--eu-west-1',
    ]);
  });

  it('a unit without a synthesized template fails; the rest goes on within tolerance', async () => {
    const opts = options({ deployment: { failureTolerance: 3 } });
    opts.synth.bodies.delete('security-tooling');
    const r = await deploy(opts);
    const o = r.instances.find((x) => x.unit === 'security-tooling')!;
    expect(o.outcome).toBe('failed');
    expect(o.reason).toContain('no synthesized template');
    expect(outcomeOf(r.instances, 'baseline-config')).toEqual(['created']);
  });
});

function lifecycle(account: string, accountId: string): PlanAction[] {
  return [
    {
      type: 'move-account',
      account,
      accountId,
      fromOu: 'workloads',
      toOu: 'suspended',
      reason: 'onRemove: close',
    },
    {
      type: 'attach-quarantine',
      account,
      accountId,
      policy: 'quarantine',
      reason: 'onRemove: close',
    },
    { type: 'close-account', account, accountId, reason: 'onRemove: close' },
  ];
}

function cfnExports(list: [string, string][]): void {
  cfn.on(ListExportsCommand).resolves({
    Exports: list.map(([Name, Value]) => ({
      ExportingStackId: `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:stack/orgward-organization/1`,
      Name,
      Value,
    })),
  });
}

describe('deploy refuses what the consent did not cover', () => {
  it('fails a unit whose plan hash differs from the synthesized template', async () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, {}, 'unchanged');
    const st = plan.units.find((u) => u.unit === 'security-tooling')!;
    st.action = 'update';
    st.hash = '0123456789abcdef';
    st.instances = st.instances.map((i) => ({ ...i, action: 'update' }));
    const r = await deploy(options({ manifest, plan }));
    expect(r.instances[0]).toMatchObject({ unit: 'security-tooling', outcome: 'failed' });
    expect(r.instances[0]!.reason).toContain('run plan again');
    expect(sim.executed).toEqual([]);
  });

  it('never deletes a unit missing from the manifest unless the plan says delete', async () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, {}, 'unchanged');
    plan.units.push({
      unit: 'old-unit',
      name: 'orgward-old-unit',
      kind: 'stack',
      title: 'gone',
      action: 'update',
      reason: 'test',
      hash: 'aaaaaaaaaaaaaaaa',
      instances: [
        {
          account: 'log-archive',
          accountId: '222222222222',
          region: 'eu-west-1',
          action: 'update',
        },
      ],
    });
    sim.existing('orgward-old-unit');
    const r = await deploy(options({ manifest, plan }));
    expect(r.instances[0]).toMatchObject({ unit: 'old-unit', outcome: 'failed' });
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
  });

  it('deletes a removed stack the plan deletes, after the other units', async () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, { 'security-tooling': 'update' }, 'unchanged');
    sim.existing('orgward-security-tooling', 'UPDATE_COMPLETE');
    plan.units.push({
      unit: 'old-unit',
      name: 'orgward-old-unit',
      kind: 'stack',
      title: 'no longer synthesized from the blueprint',
      action: 'delete',
      reason: 'no longer in the manifest',
      hash: '',
      instances: [
        {
          account: 'log-archive',
          accountId: '222222222222',
          region: 'eu-west-1',
          action: 'delete',
        },
      ],
    });
    sim.existing('orgward-old-unit');
    const r = await deploy(options({ manifest, plan }));
    expect(r.instances.map((o) => `${o.unit}:${o.outcome}`)).toEqual([
      'security-tooling:updated',
      'old-unit:deleted',
    ]);
    expect(sim.stacks.get('orgward-old-unit')?.status).toBe('DELETE_COMPLETE');
  });
});
