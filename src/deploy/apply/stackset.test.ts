import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  ListExportsCommand,
  ListStackInstancesCommand,
  UpdateStackSetCommand,
  type StackInstanceDetailedStatus,
  type StackInstanceSummary,
  type StackSetOperationStatus,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError } from '../../collect/collectors/__fixtures__/context.js';
import { unitContext } from './__fixtures__/context.js';
import {
  body,
  DEV_ID,
  LOG_ID,
  MGMT_ID,
  OU_WORKLOADS,
  PROD1_ID,
  PROD2_ID,
  ROOT_ID,
  testIndex,
  testManifest,
  testPlan,
} from './__fixtures__/deploy.js';
import {
  deleteStackSet,
  deployStackSet,
  type SetInstanceResult,
  type StackSetJob,
} from './stackset.js';
import { descriptionHash } from './stackset-ops.js';
import { wavesOf } from './targets.js';
import type { InstanceAction } from '../types.js';
import { ListRootsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';

const cfn = mockClient(CloudFormationClient);
const org = mockClient(OrganizationsClient);
const index = testIndex();
const manifest = testManifest();
const SET_ID = 'orgward-baseline-config:6c1e7f2a-0b5b-4f6e-9f0a-1a2b3c4d5e6f';

function job(
  unit: string,
  actions: Partial<Record<string, InstanceAction>> = {},
  fallback: InstanceAction = 'create',
) {
  const entry = manifest.units.find((u) => u.id === unit)!;
  const u = testPlan(manifest, {}, fallback).units.find((x) => x.unit === unit)!;
  const results: SetInstanceResult[] = [];
  const waves: string[] = [];
  const j: StackSetJob = {
    unit,
    name: entry.name,
    hash: entry.hash,
    entry,
    body: body(unit),
    assets: [],
    management: 'management',
    homeRegion: 'eu-west-1',
    instances: u.instances.map((i) => ({ ...i, action: actions[i.account] ?? i.action })),
    index,
    waves: wavesOf(index),
    maxConcurrency: 4,
    failureTolerance: 0,
    stopped: () => false,
    onWave: (w) => waves.push(w),
    done: (r) => results.push(r),
  };
  return { job: j, results, waves };
}

/** DescribeStackSetOperation: RUNNING once, then `status`. */
function operations(status: StackSetOperationStatus = 'SUCCEEDED') {
  cfn.on(DescribeStackSetOperationCommand).callsFake((input: { OperationId: string }) => ({
    StackSetOperation: {
      OperationId: input.OperationId,
      StackSetId: SET_ID,
      Action: 'CREATE',
      Status: seen.has(input.OperationId) ? status : (seen.add(input.OperationId), 'RUNNING'),
      CreationTimestamp: new Date('2026-11-23T12:00:00Z'),
      ...(status === 'FAILED'
        ? { StatusReason: 'The operation failed in at least one account.' }
        : {}),
    },
  }));
}
const seen = new Set<string>();

const notFound = () =>
  awsError('StackSetNotFoundException', 'StackSet orgward-baseline-config not found', 404);

function summary(
  account: string,
  region: string,
  detailed: StackInstanceDetailedStatus = 'SUCCEEDED',
  reason?: string,
): StackInstanceSummary {
  return {
    StackSetId: SET_ID,
    Region: region,
    Account: account,
    StackId: `arn:aws:cloudformation:${region}:${account}:stack/StackSet-orgward-baseline-config-1/9f0a1b2c`,
    Status: detailed === 'SUCCEEDED' ? 'CURRENT' : 'OUTDATED',
    ...(reason ? { StatusReason: reason } : {}),
    StackInstanceStatus: { DetailedStatus: detailed },
    OrganizationalUnitId: OU_WORKLOADS,
    DriftStatus: 'NOT_CHECKED',
  };
}

function existingSet(hash: string) {
  cfn.on(DescribeStackSetCommand).resolves({
    StackSet: {
      StackSetName: 'orgward-baseline-config',
      StackSetId: SET_ID,
      Description: `baseline-config title [orgward ${hash}]`,
      Status: 'ACTIVE',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      OrganizationalUnitIds: [OU_WORKLOADS],
      Regions: ['eu-west-1', 'eu-central-1'],
    },
  });
}

/** The operations in call order: `<Command> <accounts or OUs>`. */
function sequence(): string[] {
  return cfn
    .calls()
    .map((c) => {
      const cmd = c.args[0] as { constructor: { name: string }; input: Record<string, any> };
      const t = cmd.input.DeploymentTargets;
      const name = cmd.constructor.name.replace(/Command$/, '');
      if (!t) return undefined;
      return `${name} ${(t.Accounts ?? t.OrganizationalUnitIds).join(',')}`;
    })
    .filter((x): x is string => x !== undefined);
}

beforeEach(() => {
  cfn.reset();
  org.reset();
  seen.clear();
  cfn.on(ListExportsCommand).resolves({
    Exports: [
      {
        ExportingStackId: `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:stack/orgward-organization/1`,
        Name: 'orgward-ou-workloads-id',
        Value: OU_WORKLOADS,
      },
      {
        ExportingStackId: `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:stack/orgward-organization/1`,
        Name: 'orgward-account-prod-2-id',
        Value: PROD2_ID,
      },
    ],
  });
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

describe('deployStackSet', () => {
  it('creates the StackSet, then its instances wave by wave with exact targets', async () => {
    const { ctx, clients } = unitContext();
    cfn.on(DescribeStackSetCommand).rejects(notFound());
    cfn.on(CreateStackSetCommand).resolves({ StackSetId: SET_ID });
    cfn
      .on(CreateStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    const { job: j, results, waves } = job('baseline-config');
    await deployStackSet(ctx, j);

    const create = cfn.commandCalls(CreateStackSetCommand)[0]!;
    expect(clients.accountOf(create.thisValue)).toBe('management');
    expect(create.args[0].input).toMatchObject({
      StackSetName: 'orgward-baseline-config',
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      ManagedExecution: { Active: true },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      CallAs: 'SELF',
      TemplateBody: body('baseline-config'),
      Parameters: [{ ParameterKey: 'AccountIdLogArchive', ParameterValue: LOG_ID }],
    });
    expect(descriptionHash(create.args[0].input.Description)).toBe(j.hash);

    const calls = cfn.commandCalls(CreateStackInstancesCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      StackSetName: 'orgward-baseline-config',
      DeploymentTargets: {
        OrganizationalUnitIds: [OU_WORKLOADS],
        Accounts: [DEV_ID],
        AccountFilterType: 'INTERSECTION',
      },
      Regions: ['eu-central-1', 'eu-west-1'],
      OperationPreferences: {
        RegionConcurrencyType: 'PARALLEL',
        MaxConcurrentCount: 4,
        FailureToleranceCount: 0,
        ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE',
      },
      CallAs: 'SELF',
    });
    // prod-2 has no id in the blueprint: it came from the organization stack's export.
    expect(calls[1]!.DeploymentTargets).toEqual({
      OrganizationalUnitIds: [OU_WORKLOADS],
      Accounts: [PROD1_ID, PROD2_ID],
      AccountFilterType: 'INTERSECTION',
    });
    // The prod wave started only after the dev wave's operation succeeded.
    const order = cfn
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name);
    const firstCreate = order.indexOf('CreateStackInstancesCommand');
    const secondCreate = order.lastIndexOf('CreateStackInstancesCommand');
    expect(
      order
        .slice(firstCreate, secondCreate)
        .filter((n) => n === 'DescribeStackSetOperationCommand'),
    ).toHaveLength(2);
    expect(waves).toEqual(['dev', 'prod']);
    expect(
      results.map((r) => `${r.change.account}/${r.change.region}:${r.outcome}`).sort(),
    ).toEqual([
      'dev-1/eu-central-1:created',
      'dev-1/eu-west-1:created',
      'prod-1/eu-central-1:created',
      'prod-1/eu-west-1:created',
      'prod-2/eu-central-1:created',
      'prod-2/eu-west-1:created',
    ]);
    expect(results.find((r) => r.change.account === 'prod-2')?.accountId).toBe(PROD2_ID);
  });

  it('waits and retries while another operation holds the StackSet (same OperationId)', async () => {
    const { ctx, clock, statuses } = unitContext();
    cfn.on(DescribeStackSetCommand).rejects(notFound());
    cfn.on(CreateStackSetCommand).resolves({ StackSetId: SET_ID });
    cfn
      .on(CreateStackInstancesCommand)
      .rejectsOnce(
        awsError(
          'OperationInProgressException',
          'Another Operation on StackSet arn:aws:cloudformation:eu-west-1:111111111111:stackset/orgward-baseline-config is in progress',
        ),
      )
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    const { job: j, results } = job('baseline-config', {
      'prod-1': 'unchanged',
      'prod-2': 'unchanged',
    });
    j.instances = j.instances.filter((i) => i.action !== 'unchanged');
    await deployStackSet(ctx, j);
    const ids = cfn
      .commandCalls(CreateStackInstancesCommand)
      .map((c) => c.args[0].input.OperationId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
    expect(clock.sleeps).toContain(30_000);
    expect(statuses.some((s) => s.includes('another operation is in progress'))).toBe(true);
    expect(results.every((r) => r.outcome === 'created')).toBe(true);
  });

  it('updates a changed template per wave and creates new instances from the updated StackSet', async () => {
    const { ctx } = unitContext();
    existingSet('0000000000000000');
    cfn.on(ListStackInstancesCommand).resolves({
      Summaries: [
        summary(DEV_ID, 'eu-west-1'),
        summary(DEV_ID, 'eu-central-1'),
        summary(PROD1_ID, 'eu-west-1'),
        summary(PROD1_ID, 'eu-central-1'),
      ],
    });
    cfn
      .on(UpdateStackSetCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    cfn
      .on(CreateStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    // The plan thinks prod-2 exists; the live instances say otherwise: it is created.
    const { job: j, results } = job('baseline-config', {}, 'update');
    await deployStackSet(ctx, j);
    expect(cfn.commandCalls(CreateStackSetCommand)).toHaveLength(0);
    expect(sequence()).toEqual([
      `UpdateStackSet ${DEV_ID}`,
      `UpdateStackSet ${PROD1_ID}`,
      `CreateStackInstances ${PROD2_ID}`,
    ]);
    const update = cfn.commandCalls(UpdateStackSetCommand)[0]!.args[0].input;
    expect(update).toMatchObject({
      TemplateBody: body('baseline-config'),
      Regions: ['eu-central-1', 'eu-west-1'],
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      CallAs: 'SELF',
    });
    expect(descriptionHash(update.Description)).toBe(j.hash);
    expect(results.filter((r) => r.outcome === 'updated')).toHaveLength(4);
    expect(results.filter((r) => r.outcome === 'created').map((r) => r.change.account)).toEqual([
      'prod-2',
      'prod-2',
    ]);
  });

  it('brings instances created from an outdated StackSet up to date before the next wave', async () => {
    const { ctx } = unitContext();
    existingSet('0000000000000000');
    cfn.on(ListStackInstancesCommand).resolves({
      Summaries: [summary(PROD1_ID, 'eu-west-1'), summary(PROD1_ID, 'eu-central-1')],
    });
    cfn
      .on(UpdateStackSetCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    cfn
      .on(CreateStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    const { job: j } = job('baseline-config', { 'prod-1': 'update' });
    await deployStackSet(ctx, j);
    expect(sequence()).toEqual([
      `CreateStackInstances ${DEV_ID}`,
      `UpdateStackSet ${DEV_ID}`,
      `UpdateStackSet ${PROD1_ID}`,
      `CreateStackInstances ${PROD2_ID}`,
    ]);
  });

  it('targets whole OUs alone when the unit selects whole OUs, in the wave of their last account', async () => {
    const { ctx } = unitContext();
    cfn
      .on(DescribeStackSetCommand)
      .rejects(
        awsError('StackSetNotFoundException', 'StackSet orgward-baseline-roles not found', 404),
      );
    cfn.on(CreateStackSetCommand).resolves({ StackSetId: SET_ID });
    cfn
      .on(CreateStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    const { job: j, waves, results } = job('baseline-roles');
    await deployStackSet(ctx, j);
    const calls = cfn.commandCalls(CreateStackInstancesCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.DeploymentTargets).toEqual({ OrganizationalUnitIds: [OU_WORKLOADS] });
    expect(calls[0]!.Regions).toEqual(['eu-west-1']);
    expect(waves).toEqual(['prod']);
    expect(results).toHaveLength(3);
  });

  it('fails exactly the instances a failed operation did not deploy, with their reasons', async () => {
    const { ctx } = unitContext();
    cfn.on(DescribeStackSetCommand).rejects(notFound());
    cfn.on(CreateStackSetCommand).resolves({ StackSetId: SET_ID });
    cfn
      .on(CreateStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations('FAILED');
    const reason =
      "Account 444444444444 should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'AWSCloudFormationStackSetAdministrationRole'.";
    cfn.on(ListStackInstancesCommand).resolves({
      Summaries: [summary(DEV_ID, 'eu-west-1', 'FAILED', reason), summary(DEV_ID, 'eu-central-1')],
    });
    const { job: j, results } = job('baseline-config', {
      'prod-1': 'unchanged',
      'prod-2': 'unchanged',
    });
    j.instances = j.instances.filter((i) => i.action !== 'unchanged');
    await deployStackSet(ctx, j);
    const failed = results.filter((r) => r.outcome === 'failed');
    expect(failed.map((r) => r.change.region)).toEqual(['eu-west-1']);
    expect(failed[0]!.reason).toContain('AWSCloudFormationStackSetExecutionRole');
    expect(results.find((r) => r.change.region === 'eu-central-1')?.outcome).toBe('created');
  });

  it('deletes removed instances through the root with INTERSECTION, not retaining stacks', async () => {
    const { ctx } = unitContext();
    existingSet(manifest.units.find((u) => u.id === 'baseline-config')!.hash);
    cfn.on(ListStackInstancesCommand).resolves({ Summaries: [summary(PROD1_ID, 'eu-west-1')] });
    cfn
      .on(DeleteStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    operations();
    const { job: j, results } = job('baseline-config');
    j.instances = [
      { account: 'prod-1', accountId: PROD1_ID, region: 'eu-west-1', action: 'delete' },
      { account: 'prod-1', accountId: PROD1_ID, region: 'eu-central-1', action: 'delete' },
    ];
    await deployStackSet(ctx, j);
    const del = cfn.commandCalls(DeleteStackInstancesCommand).map((c) => c.args[0].input);
    expect(del).toHaveLength(1);
    expect(del[0]).toMatchObject({
      DeploymentTargets: {
        OrganizationalUnitIds: [ROOT_ID],
        Accounts: [PROD1_ID],
        AccountFilterType: 'INTERSECTION',
      },
      Regions: ['eu-west-1'],
      RetainStacks: false,
      CallAs: 'SELF',
    });
    expect(results.map((r) => `${r.change.region}:${r.outcome}:${r.reason ?? ''}`).sort()).toEqual([
      'eu-central-1:deleted:already gone',
      'eu-west-1:deleted:',
    ]);
  });
});

describe('deleteStackSet', () => {
  it('deletes every instance, then the StackSet', async () => {
    const { ctx } = unitContext();
    existingSet('0000000000000000');
    cfn
      .on(ListStackInstancesCommand)
      .resolves({ Summaries: [summary(DEV_ID, 'eu-west-1'), summary(PROD1_ID, 'eu-west-1')] });
    cfn
      .on(DeleteStackInstancesCommand)
      .callsFake((i: { OperationId: string }) => ({ OperationId: i.OperationId }));
    cfn.on(DeleteStackSetCommand).resolves({});
    cfn
      .on(ListStackInstancesCommand)
      .resolvesOnce({ Summaries: [summary(DEV_ID, 'eu-west-1'), summary(PROD1_ID, 'eu-west-1')] });
    operations();
    const { job: j, results } = job('baseline-config', {}, 'delete');
    await deleteStackSet(ctx, j);
    expect(
      cfn.commandCalls(DeleteStackInstancesCommand)[0]!.args[0].input.DeploymentTargets,
    ).toEqual({
      OrganizationalUnitIds: [ROOT_ID],
      Accounts: [DEV_ID, PROD1_ID],
      AccountFilterType: 'INTERSECTION',
    });
    expect(cfn.commandCalls(DeleteStackSetCommand)[0]!.args[0].input).toEqual({
      StackSetName: 'orgward-baseline-config',
      CallAs: 'SELF',
    });
    expect(results.every((r) => r.outcome === 'deleted')).toBe(true);
  });
});
