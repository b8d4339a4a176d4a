/**
 * What is deployed, read live (deploy without a snapshot): each stack unit's stack in its
 * account and Region (DescribeStacks: status and the OrgwardHash output), each StackSet
 * (DescribeStackSet: the hash in its description) and its instances (ListStackInstances:
 * CURRENT instances carry the StackSet's hash, OUTDATED ones do not).
 */
import {
  DescribeStackSetCommand,
  DescribeStacksCommand,
  ListStackInstancesCommand,
  type StackInstanceSummary,
} from '@aws-sdk/client-cloudformation';
import pLimit from 'p-limit';
import { HASH_OUTPUT } from '../../synth/synth.js';
import type { Manifest, ManifestEntry } from '../../synth/types.js';
import { instanceKey, type DeployedInstance, type DeployedState } from '../types.js';
import { awsCall, isCode, messageOf, type CallEnv, type CallSite } from './call.js';
import { descriptionHash } from './stackset-ops.js';
import type { AccountTarget, DeployClients } from './types.js';

/** The live state and which accounts have no AWS id yet (the plan creates them). */
export interface LiveState {
  deployed: DeployedState;
  accountIds: Map<string, string>;
  missingAccounts: Set<string>;
}

/** Read the deployed state of every manifest unit. */
export async function readLiveState(opts: {
  manifest: Manifest;
  clients: DeployClients;
  env: CallEnv;
  /** AWS account id of a blueprint account; rejects when it does not exist yet. */
  accountId: (account: string) => Promise<string>;
  concurrency: number;
}): Promise<LiveState> {
  const { manifest, clients, env } = opts;
  const accountIds = new Map<string, string>();
  const missingAccounts = new Set<string>();
  const all = [...new Set(manifest.units.flatMap((u) => u.accounts))];
  await Promise.all(
    all.map(async (a) => {
      try {
        accountIds.set(a, await opts.accountId(a));
      } catch {
        missingAccounts.add(a);
      }
    }),
  );
  const deployed: DeployedState = new Map();
  const limit = pLimit(opts.concurrency);
  const mgmt: AccountTarget = { account: manifest.managementAccount };
  await Promise.all(
    manifest.units.map((entry) =>
      limit(async () => {
        const states =
          entry.kind === 'stack'
            ? await readStack(entry, clients, env, accountIds, manifest.managementAccount)
            : await readStackSet(entry, clients, env, mgmt, manifest.homeRegion);
        if (states.size) deployed.set(entry.id, states);
      }),
    ),
  );
  return { deployed, accountIds, missingAccounts };
}

async function readStack(
  entry: ManifestEntry,
  clients: DeployClients,
  env: CallEnv,
  ids: ReadonlyMap<string, string>,
  management: string,
): Promise<Map<string, DeployedInstance>> {
  const out = new Map<string, DeployedInstance>();
  const account = entry.accounts[0] ?? management;
  const region = entry.regions[0] ?? '';
  const accountId = ids.get(account);
  if (accountId === undefined) return out;
  const target: AccountTarget = account === management ? { account } : { account, accountId };
  const site: CallSite = { target, role: clients.roleFor(target), region };
  try {
    const res = await awsCall(env, site, 'cloudformation:DescribeStacks', () =>
      clients
        .cloudFormation(target, region)
        .send(new DescribeStacksCommand({ StackName: entry.name })),
    );
    const s = res.Stacks?.[0];
    if (s)
      out.set(instanceKey(accountId, region), {
        hash: s.Outputs?.find((o) => o.OutputKey === HASH_OUTPUT)?.OutputValue,
        status: s.StackStatus ?? 'UNKNOWN',
        drifted: s.DriftInformation?.StackDriftStatus === 'DRIFTED',
      });
  } catch (error) {
    // CloudFormation's answer for a stack that does not exist.
    if (!(isCode(error, 'ValidationError') && /does not exist/.test(messageOf(error)))) throw error;
  }
  return out;
}

async function readStackSet(
  entry: ManifestEntry,
  clients: DeployClients,
  env: CallEnv,
  mgmt: AccountTarget,
  home: string,
): Promise<Map<string, DeployedInstance>> {
  const out = new Map<string, DeployedInstance>();
  const site: CallSite = { target: mgmt, role: undefined, region: home };
  const cfn = clients.cloudFormation(mgmt, home);
  let hash: string | undefined;
  try {
    const res = await awsCall(env, site, 'cloudformation:DescribeStackSet', () =>
      cfn.send(new DescribeStackSetCommand({ StackSetName: entry.name, CallAs: 'SELF' })),
    );
    hash = descriptionHash(res.StackSet?.Description);
  } catch (error) {
    if (isCode(error, 'StackSetNotFoundException')) return out;
    throw error;
  }
  let next: string | undefined;
  do {
    const page = await awsCall(env, site, 'cloudformation:ListStackInstances', () =>
      cfn.send(
        new ListStackInstancesCommand({
          StackSetName: entry.name,
          CallAs: 'SELF',
          ...(next ? { NextToken: next } : {}),
        }),
      ),
    );
    for (const s of page.Summaries ?? [])
      if (s.Account && s.Region) out.set(instanceKey(s.Account, s.Region), instanceState(s, hash));
    next = page.NextToken;
  } while (next);
  return out;
}

function instanceState(s: StackInstanceSummary, hash: string | undefined): DeployedInstance {
  // Only a CURRENT instance runs the StackSet's template; OUTDATED or INOPERABLE ones
  // need the operation again.
  return {
    hash: s.Status === 'CURRENT' ? hash : undefined,
    status: s.StackInstanceStatus?.DetailedStatus ?? s.Status ?? 'UNKNOWN',
    drifted: s.DriftStatus === 'DRIFTED',
  };
}
