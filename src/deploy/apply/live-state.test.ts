import {
  CloudFormationClient,
  DescribeStackSetCommand,
  DescribeStacksCommand,
  ListStackInstancesCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { planFromLiveState } from '../live-plan.js';
import { instanceKey } from '../types.js';
import {
  DEV_ID,
  LOG_ID,
  MGMT_ID,
  PROD1_ID,
  SEC_ID,
  testClients,
  testClock,
  testIndex,
  testManifest,
} from './__fixtures__/deploy.js';
import { readLiveState } from './live-state.js';

const cfn = mockClient(CloudFormationClient);
const manifest = testManifest();
const hashOf = (id: string) => manifest.units.find((u) => u.id === id)?.hash ?? '';
const IDS: Record<string, string> = {
  management: MGMT_ID,
  'log-archive': LOG_ID,
  'security-tooling': SEC_ID,
  'dev-1': DEV_ID,
  'prod-1': PROD1_ID,
};

function read() {
  return readLiveState({
    manifest,
    clients: testClients(),
    env: { clock: testClock(), random: () => 0.5 },
    accountId: (a) => (IDS[a] ? Promise.resolve(IDS[a]) : Promise.reject(new Error(`no ${a}`))),
    concurrency: 4,
  });
}

const stack = (name: string, hash: string, status: StackStatus = 'UPDATE_COMPLETE') => ({
  Stacks: [
    {
      StackName: name,
      StackStatus: status,
      CreationTime: new Date(),
      Outputs: [{ OutputKey: 'OrgwardHash', OutputValue: hash }],
    },
  ],
});

beforeEach(() => {
  cfn.reset();
  cfn
    .on(DescribeStacksCommand, { StackName: 'orgward-organization' })
    .resolves(stack('orgward-organization', hashOf('organization')));
  cfn
    .on(DescribeStacksCommand, { StackName: 'orgward-log-archive' })
    .resolves(stack('orgward-log-archive', 'older0000000000a'));
  cfn.on(DescribeStacksCommand, { StackName: 'orgward-security-tooling' }).rejects(
    Object.assign(new Error('Stack with id orgward-security-tooling does not exist'), {
      name: 'ValidationError',
    }),
  );
  cfn.on(DescribeStackSetCommand, { StackSetName: 'orgward-baseline-config' }).resolves({
    StackSet: {
      StackSetName: 'orgward-baseline-config',
      Description: `config [orgward ${hashOf('baseline-config')}]`,
    },
  });
  cfn.on(ListStackInstancesCommand, { StackSetName: 'orgward-baseline-config' }).resolves({
    Summaries: [
      { Account: DEV_ID, Region: 'eu-west-1', Status: 'CURRENT' },
      { Account: DEV_ID, Region: 'eu-central-1', Status: 'OUTDATED' },
      { Account: PROD1_ID, Region: 'eu-west-1', Status: 'CURRENT' },
      { Account: PROD1_ID, Region: 'eu-central-1', Status: 'CURRENT' },
    ],
  });
  cfn.on(DescribeStackSetCommand, { StackSetName: 'orgward-baseline-roles' }).rejects(
    Object.assign(new Error('StackSet orgward-baseline-roles not found'), {
      name: 'StackSetNotFoundException',
    }),
  );
});

describe('live deployed state', () => {
  it('reads stack hashes, StackSet instances, and accounts not created yet', async () => {
    const live = await read();
    expect(live.missingAccounts).toEqual(new Set(['prod-2']));
    expect(live.deployed.get('organization')?.get(instanceKey(MGMT_ID, 'eu-west-1'))?.hash).toBe(
      hashOf('organization'),
    );
    expect(live.deployed.has('security-tooling')).toBe(false);
    const config = live.deployed.get('baseline-config');
    expect(config?.get(instanceKey(DEV_ID, 'eu-west-1'))?.hash).toBe(hashOf('baseline-config'));
    // An OUTDATED instance does not run the StackSet's template.
    expect(config?.get(instanceKey(DEV_ID, 'eu-central-1'))?.hash).toBeUndefined();
  });

  it('plans exactly the instances whose deployed hash differs', async () => {
    const plan = planFromLiveState(testIndex(), manifest, await read());
    const action = (id: string) => plan.units.find((u) => u.unit === id)?.action;
    expect(action('organization')).toBe('unchanged');
    expect(action('log-archive')).toBe('update');
    expect(action('security-tooling')).toBe('create');
    expect(action('baseline-roles')).toBe('create');
    const config = plan.units.find((u) => u.unit === 'baseline-config');
    expect(
      config?.instances
        .filter((i) => i.action !== 'unchanged')
        .map((i) => `${i.account}:${i.region}:${i.action}`)
        .sort(),
    ).toEqual([
      'dev-1:eu-central-1:update',
      'prod-2:eu-central-1:create',
      'prod-2:eu-west-1:create',
    ]);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings[0]).toMatch(/--snapshot/);
  });
});
