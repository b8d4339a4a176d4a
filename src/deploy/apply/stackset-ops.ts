/**
 * StackSet operations in the management account (`CallAs: SELF`): read the StackSet and
 * its instances, and run one operation to its end: start it (waiting and retrying while
 * another operation holds the StackSet), then poll DescribeStackSetOperation until
 * SUCCEEDED, FAILED or STOPPED.
 */
import {
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  ListStackInstancesCommand,
  type CloudFormationClient,
  type StackInstanceSummary,
  type StackSet,
} from '@aws-sdk/client-cloudformation';
import { awsCall, isCode, type CallSite } from './call.js';
import type { UnitContext } from './stack.js';

/** The StackSet, or undefined when it does not exist. */
export async function describeStackSet(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  name: string,
): Promise<StackSet | undefined> {
  try {
    const out = await awsCall(ctx.env, site, 'cloudformation:DescribeStackSet', () =>
      cfn.send(new DescribeStackSetCommand({ StackSetName: name, CallAs: 'SELF' })),
    );
    return out.StackSet;
  } catch (error) {
    if (isCode(error, 'StackSetNotFoundException')) return undefined;
    throw error;
  }
}

/** Every instance of the StackSet, keyed `<accountId>|<region>`. */
export async function listInstances(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  name: string,
): Promise<Map<string, StackInstanceSummary>> {
  const out = new Map<string, StackInstanceSummary>();
  let next: string | undefined;
  do {
    const page = await awsCall(ctx.env, site, 'cloudformation:ListStackInstances', () =>
      cfn.send(
        new ListStackInstancesCommand({
          StackSetName: name,
          CallAs: 'SELF',
          ...(next ? { NextToken: next } : {}),
        }),
      ),
    );
    for (const s of page.Summaries ?? [])
      if (s.Account && s.Region) out.set(`${s.Account}|${s.Region}`, s);
    next = page.NextToken;
  } while (next);
  return out;
}

/** How an operation ended. */
export interface OperationEnd {
  status: 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  reason?: string;
}

let counter = 0;

/**
 * Start an operation with `start(operationId)` (our own OperationId, so a retried start
 * that had in fact gone through is recognised) and wait for its end.
 */
export async function runOperation(
  ctx: UnitContext,
  site: CallSite,
  cfn: CloudFormationClient,
  name: string,
  api: string,
  start: (operationId: string) => Promise<unknown>,
): Promise<OperationEnd> {
  const operationId = `orgward-${ctx.env.clock.now().getTime()}-${++counter}`;
  try {
    await whenFree(ctx, site, name, api, () => start(operationId));
  } catch (error) {
    // A start retried after a lost response: the operation exists, follow it.
    if (!isCode(error, 'OperationIdAlreadyExistsException')) throw error;
  }
  const begun = ctx.env.clock.now().getTime();
  for (;;) {
    const out = await awsCall(ctx.env, site, 'cloudformation:DescribeStackSetOperation', () =>
      cfn.send(
        new DescribeStackSetOperationCommand({
          StackSetName: name,
          OperationId: operationId,
          CallAs: 'SELF',
        }),
      ),
    );
    const op = out.StackSetOperation;
    const status = op?.Status;
    if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'STOPPED')
      return { status, ...(op?.StatusReason ? { reason: op.StatusReason } : {}) };
    if (ctx.env.clock.now().getTime() - begun > ctx.timing.stackSetOperationTimeoutMs)
      return {
        status: 'FAILED',
        reason: `operation ${operationId} still ${status ?? 'unknown'} when deploy stopped waiting`,
      };
    await ctx.env.clock.sleep(ctx.timing.stackSetPollMs);
  }
}

/**
 * Run a StackSet call, waiting and trying again while another operation (auto-deployment,
 * a colleague's change) holds the StackSet.
 */
export async function whenFree<T>(
  ctx: UnitContext,
  site: CallSite,
  name: string,
  api: string,
  fn: () => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await awsCall(ctx.env, site, api, fn);
    } catch (error) {
      if (
        !isCode(error, 'OperationInProgressException') ||
        attempt >= ctx.timing.operationInProgressRetries
      )
        throw error;
      ctx.status(`${name}: another operation is in progress, waiting`);
      await ctx.env.clock.sleep(ctx.timing.operationInProgressWaitMs);
    }
  }
}

/** `<title> [orgward <hash>]`, within CloudFormation's 1,024 characters. */
export function stackSetDescription(title: string, hash: string): string {
  const tag = ` [orgward ${hash}]`;
  return `${title.slice(0, 1024 - tag.length)}${tag}`;
}

/** The hash a StackSet description carries, if any. */
export function descriptionHash(description: string | undefined): string | undefined {
  return /\[orgward ([0-9a-f]+)\]/.exec(description ?? '')?.[1];
}
