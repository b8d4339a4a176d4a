/**
 * `cloudformation.stacks`: the Region's CloudFormation stacks, so `plan` knows what orgward
 * deployed where (and from which template) without a state file: every stack but the
 * deleted ones, with status, last update and drift status, and the `OrgwardUnit` /
 * `OrgwardHash` outputs that orgward's templates (and so its StackSet instances) carry.
 *
 * Nothing else of a stack is kept: outputs and parameters of other stacks may hold
 * sensitive values (connection strings, generated passwords, tokens), and no secret value
 * may reach a snapshot. Only the two orgward outputs are read, by key.
 */
import {
  CloudFormationClient,
  paginateDescribeStacks,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import type { DeployedStack } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, isoDate } from './decode.js';

/** Output names of orgward's templates (`UNIT_OUTPUT` / `HASH_OUTPUT` in src/synth/synth.ts). */
export const ORGWARD_OUTPUTS = { unit: 'OrgwardUnit', hash: 'OrgwardHash' } as const;

/** A stack as the snapshot keeps it: identity, status, times, drift, orgward's outputs only. */
export function deployedStack(s: Stack): DeployedStack {
  const output = (key: string) => s.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
  return {
    stackName: s.StackName ?? '',
    stackId: s.StackId ?? '',
    stackStatus: s.StackStatus ?? '',
    ...defined({
      lastUpdatedTime: isoDate(s.LastUpdatedTime ?? s.CreationTime),
      driftStatus: s.DriftInformation?.StackDriftStatus,
      unit: output(ORGWARD_OUTPUTS.unit),
      hash: output(ORGWARD_OUTPUTS.hash),
    }),
  };
}

/**
 * The collector. DescribeStacks without a stack name lists every stack of the Region but
 * the deleted ones; DELETE_COMPLETE is filtered here as well, so a stack that is gone never
 * reads as deployed. A denied or failed listing fails the section (the engine records the
 * gap): an empty list would read as "nothing deployed", and plan would create everything.
 */
export const cloudFormationStacksCollector: Collector = {
  ...fromCatalogue('cloudformation.stacks'),
  service: 'cloudformation',
  async run(ctx) {
    const client = ctx.client(CloudFormationClient);
    const stacks: DeployedStack[] = [];
    for await (const page of paginateDescribeStacks({ client }, {}, { abortSignal: ctx.signal })) {
      for (const s of page.Stacks ?? [])
        if (s.StackStatus !== 'DELETE_COMPLETE') stacks.push(deployedStack(s));
    }
    stacks.sort((a, b) => a.stackName.localeCompare(b.stackName));
    return { kind: 'region', region: { cloudFormation: { stacks } } };
  },
};
