/**
 * Why a stack operation failed: the first resources that failed, in the order they
 * failed, from DescribeStackEvents (newest first, so read backwards). The consequential
 * "cancelled" failures and the stack's own summary line are left out when a resource
 * says more.
 */
import {
  DescribeStackEventsCommand,
  type CloudFormationClient,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { awsCall, type CallEnv, type CallSite } from './call.js';

/** How many failure reasons a result keeps. */
export const MAX_FAILURES = 3;

/** Pages of events read at most (100 events each). */
const MAX_PAGES = 5;

const CONSEQUENTIAL = /Resource (creation|update|deletion) cancelled/i;

/**
 * The first failed events of the operation started with `token` (ExecuteChangeSet and
 * DeleteStack pass it as ClientRequestToken; events carry it), as
 * `Logical (Type): reason`. Reading events is best effort: an error gives no reasons.
 */
export async function failureReasons(
  env: CallEnv,
  site: CallSite,
  cfn: CloudFormationClient,
  stackName: string,
  token: string,
): Promise<string[]> {
  const events: StackEvent[] = [];
  try {
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await awsCall(env, site, 'cloudformation:DescribeStackEvents', () =>
        cfn.send(
          new DescribeStackEventsCommand({
            StackName: stackName,
            ...(next ? { NextToken: next } : {}),
          }),
        ),
      );
      const batch = out.StackEvents ?? [];
      events.push(...batch);
      // The operation's first event is the stack's own *_IN_PROGRESS with our token.
      const started = batch.some(
        (e) =>
          e.ClientRequestToken === token &&
          e.ResourceType === 'AWS::CloudFormation::Stack' &&
          (e.ResourceStatus ?? '').endsWith('_IN_PROGRESS') &&
          e.LogicalResourceId === stackName,
      );
      next = out.NextToken;
      if (started || !next) break;
    }
  } catch {
    return [];
  }
  const tokened = events.some((e) => e.ClientRequestToken === token);
  const ours = tokened ? events.filter((e) => e.ClientRequestToken === token) : events;
  const failed = ours
    .filter((e) => (e.ResourceStatus ?? '').endsWith('_FAILED') && e.ResourceStatusReason)
    .reverse();
  const resources = failed.filter(
    (e) =>
      e.ResourceType !== 'AWS::CloudFormation::Stack' &&
      !CONSEQUENTIAL.test(e.ResourceStatusReason ?? ''),
  );
  const chosen = resources.length ? resources : failed;
  const out: string[] = [];
  for (const e of chosen) {
    const line = `${e.LogicalResourceId ?? '?'} (${e.ResourceType ?? '?'}): ${e.ResourceStatusReason ?? ''}`;
    if (!out.includes(line)) out.push(line);
    if (out.length === MAX_FAILURES) break;
  }
  return out;
}
