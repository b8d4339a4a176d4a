/**
 * The plan's explicit actions, after the units and in the plan's order: move an account
 * (MoveAccount), attach the quarantine policy (AttachPolicy), close an account
 * (CloseAccount). A close runs only once every move and quarantine the plan has for that
 * account succeeded (in this run or an earlier one). Each action is idempotent: the
 * "already so" answers of AWS Organizations count as done.
 */
import {
  AttachPolicyCommand,
  CloseAccountCommand,
  MoveAccountCommand,
} from '@aws-sdk/client-organizations';
import type { PlanAction } from '../types.js';
import { awsCall, isCode, messageOf, type CallEnv, type CallSite } from './call.js';
import { actionKey } from './state.js';
import type { ActionOutcome, DeployClients, DeployState, ParamResolver } from './types.js';

/** What running the actions needs. */
export interface ActionsContext {
  env: CallEnv;
  clients: DeployClients;
  params: ParamResolver;
  site: CallSite;
  state: DeployState;
  /** Whether an id names a blueprint OU (else an OU or root id from AWS, as plan writes `fromOu`). */
  isBlueprintOu: (id: string) => boolean;
  stopped: () => boolean;
  /** Record an outcome (state, progress, counts), with the error of a failure. */
  record: (outcome: ActionOutcome, error?: unknown) => void;
}

/** An AWS id given where a blueprint OU id is expected (`ou-...`, `r-...`). */
const AWS_PARENT = /^(ou-[a-z0-9]+-[a-z0-9]+|r-[a-z0-9]+)$/;

/** Run the actions in order. */
export async function runActions(
  ctx: ActionsContext,
  actions: readonly PlanAction[],
): Promise<void> {
  const succeeded = new Set<string>();
  for (const [key, rec] of Object.entries(ctx.state.actions))
    if (rec.status === 'done') succeeded.add(key);
  for (const [n, action] of actions.entries()) {
    const key = actionKey(action);
    if (ctx.state.actions[key]?.status === 'done') {
      ctx.record({
        action,
        outcome: 'skipped',
        skip: 'done-earlier',
        reason: 'done by an earlier run',
      });
      continue;
    }
    if (ctx.stopped()) {
      ctx.record({
        action,
        outcome: 'skipped',
        skip: 'stopped',
        reason: 'failure tolerance exceeded',
      });
      continue;
    }
    if (action.type === 'close-account') {
      const before = actions
        .slice(0, n)
        .filter((a) => a.account === action.account && a.type !== 'close-account')
        .map(actionKey);
      const missing = before.filter((k) => !succeeded.has(k));
      if (missing.length) {
        ctx.record({
          action,
          outcome: 'skipped',
          skip: 'close-blocked',
          reason: `not closed: ${missing.map((k) => k.split('|')[0]).join(' and ')} did not succeed`,
        });
        continue;
      }
    }
    try {
      const note = await runOne(ctx, action);
      succeeded.add(key);
      ctx.record({ action, outcome: 'done', ...(note ? { reason: note } : {}) });
    } catch (error) {
      ctx.record({ action, outcome: 'failed', reason: messageOf(error) }, error);
    }
  }
}

/** Run one action; returns a note when AWS says it was already so. */
async function runOne(ctx: ActionsContext, a: PlanAction): Promise<string | undefined> {
  const org = ctx.clients.organizations();
  const parent = (ou: string) =>
    !ctx.isBlueprintOu(ou) && AWS_PARENT.test(ou) ? Promise.resolve(ou) : ctx.params.ouId(ou);
  try {
    switch (a.type) {
      case 'move-account': {
        const [from, to] = await Promise.all([parent(a.fromOu), parent(a.toOu)]);
        await awsCall(ctx.env, ctx.site, 'organizations:MoveAccount', () =>
          org.send(
            new MoveAccountCommand({
              AccountId: a.accountId,
              SourceParentId: from,
              DestinationParentId: to,
            }),
          ),
        );
        return undefined;
      }
      case 'attach-quarantine': {
        const policy = await ctx.params.policyId(a.policy);
        await awsCall(ctx.env, ctx.site, 'organizations:AttachPolicy', () =>
          org.send(new AttachPolicyCommand({ PolicyId: policy, TargetId: a.accountId })),
        );
        return undefined;
      }
      case 'close-account':
        await awsCall(ctx.env, ctx.site, 'organizations:CloseAccount', () =>
          org.send(new CloseAccountCommand({ AccountId: a.accountId })),
        );
        return undefined;
    }
  } catch (error) {
    if (isCode(error, 'DuplicateAccountException')) return 'already in the destination OU';
    if (isCode(error, 'DuplicatePolicyAttachmentException')) return 'policy already attached';
    if (isCode(error, 'AccountAlreadyClosedException')) return 'already closed';
    throw error;
  }
}
