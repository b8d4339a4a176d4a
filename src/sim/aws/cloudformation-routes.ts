/**
 * CloudFormation responders: DescribeStacks lists the Region's stacks of the served
 * snapshot (`regions[R].cloudFormation.stacks`; none when the section is absent), 100 per
 * page, leaving out DELETE_COMPLETE stacks as AWS does when no stack name is given. orgward's
 * unit and hash come back as the `OrgwardUnit` / `OrgwardHash` outputs its templates declare.
 *
 * Times: a stack with `lastUpdatedTime` in an UPDATE_* status was created 30 days earlier and
 * updated then; in any other status it was created then and never updated. A stack without
 * one was created 30 days before the snapshot (`expected.ts` expects that time).
 *
 * With `planted`, every stack also has an output holding a secret-looking value, as a
 * template that outputs a generated password would: the collector must not keep it.
 */
import * as cfn from '@aws-sdk/client-cloudformation';
import type { DeployedStack } from '../../snapshot/types.js';
import { PLANTED } from '../secrets.js';
import { awsError } from './errors.js';
import {
  createdDaysAgo,
  nextField,
  page,
  regionalRoute,
  str,
  type Call,
  type Route,
} from './route.js';

const S = 'cloudformation';
/** Stacks per DescribeStacks page (AWS pages by response size; 100 keeps pages realistic). */
const PAGE = 100;
const DAY_MS = 86_400_000;
/** Age of a served stack that carries no time, in days (see the module comment). */
export const UNTIMED_STACK_AGE_DAYS = 30;

function stacksOf(c: Call): DeployedStack[] {
  return (c.regionData?.cloudFormation?.stacks ?? []).filter(
    (s) => s.stackStatus !== 'DELETE_COMPLETE',
  );
}

function times(c: Call, s: DeployedStack): { CreationTime: Date; LastUpdatedTime?: Date } {
  if (s.lastUpdatedTime === undefined)
    return { CreationTime: createdDaysAgo(c, UNTIMED_STACK_AGE_DAYS) };
  const at = new Date(s.lastUpdatedTime);
  return s.stackStatus.startsWith('UPDATE_')
    ? { CreationTime: new Date(at.getTime() - 30 * DAY_MS), LastUpdatedTime: at }
    : { CreationTime: at };
}

function stackShape(c: Call, s: DeployedStack, planted: boolean): cfn.Stack {
  const outputs: cfn.Output[] = [];
  if (s.unit !== undefined)
    outputs.push({
      OutputKey: 'OrgwardUnit',
      OutputValue: s.unit,
      Description: 'orgward deployment unit',
    });
  if (s.hash !== undefined)
    outputs.push({
      OutputKey: 'OrgwardHash',
      OutputValue: s.hash,
      Description: 'content hash of this template',
    });
  if (planted)
    outputs.push({
      OutputKey: 'DatabasePassword',
      OutputValue: PLANTED.lambdaEnvPassword,
      Description: 'generated master password',
    });
  return {
    StackId: s.stackId,
    StackName: s.stackName,
    ...(s.unit !== undefined ? { Description: `orgward ${s.unit}` } : {}),
    ...times(c, s),
    StackStatus: s.stackStatus as cfn.StackStatus,
    DisableRollback: false,
    NotificationARNs: [],
    Capabilities: s.unit !== undefined ? ['CAPABILITY_NAMED_IAM'] : [],
    Outputs: outputs,
    Tags: [],
    EnableTerminationProtection: false,
    ...(s.driftStatus !== undefined
      ? { DriftInformation: { StackDriftStatus: s.driftStatus as cfn.StackDriftStatus } }
      : {}),
  };
}

/** CloudFormation routes; `planted` adds a secret-valued output to every stack. */
export function cloudFormationRoutes(planted: boolean): Route[] {
  return [
    regionalRoute(
      'cloudformation:DescribeStacks',
      cfn.CloudFormationClient,
      cfn.DescribeStacksCommand,
      (c) => {
        const name = str(c.input, 'StackName');
        if (name !== undefined) {
          const s = stacksOf(c).find((x) => x.stackName === name || x.stackId === name);
          if (!s) throw awsError(S, 'ValidationError', 400, `Stack with id ${name} does not exist`);
          return { Stacks: [stackShape(c, s, planted)] };
        }
        const p = page(
          S,
          stacksOf(c),
          str(c.input, 'NextToken'),
          undefined,
          PAGE,
          'ValidationError',
        );
        return {
          Stacks: p.items.map((s) => stackShape(c, s, planted)),
          ...nextField('NextToken', p.next),
        };
      },
    ),
  ];
}
