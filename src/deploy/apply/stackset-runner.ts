/**
 * Runs StackSet operations over target groups, one after the other (a StackSet runs one
 * operation at a time), and finds out which instances a failed operation did not deploy
 * (ListStackInstances: their detailed status and reason).
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ROOT_OU, type BlueprintIndex } from '../../blueprint/model.js';
import { AwsAccessError } from '../../core/errors.js';
import type { InstanceChange } from '../types.js';
import { messageOf, type CallSite } from './call.js';
import type { UnitContext } from './stack.js';
import { listInstances, runOperation, type OperationEnd } from './stackset-ops.js';
import { accountTargets, ouTargets, type TargetGroup } from './targets.js';

/** What an operation does to an instance. */
export type Kind = 'create' | 'update' | 'delete';

/** One instance and the operation it needs. */
export interface Item {
  change: InstanceChange;
  accountId: string;
  region: string;
  kind: Kind;
  /** Blueprint OU targeted whole (units with `ous`), else undefined. */
  ou?: string;
  wave: number;
}

/** Why an instance failed. */
export interface ItemFailure {
  reason: string;
  failures?: string[];
}

/** Runs operations over target groups and records per-instance failures. */
export class Runner {
  constructor(
    private readonly ctx: UnitContext,
    private readonly site: CallSite,
    private readonly cfn: CloudFormationClient,
    private readonly job: { name: string; index: BlueprintIndex },
  ) {}

  /** Target groups: whole OUs for OU items, else accounts in their OUs (deletes: the root). */
  async groups(items: Item[], byRoot = false): Promise<TargetGroup<Item>[]> {
    const { params } = this.ctx;
    const whole = byRoot ? [] : items.filter((i) => i.ou !== undefined);
    const single = byRoot ? items : items.filter((i) => i.ou === undefined);
    const ouIds = new Map<string, string>();
    for (const i of whole) if (i.ou && !ouIds.has(i.ou)) ouIds.set(i.ou, await params.ouId(i.ou));
    const rootId = byRoot ? await params.ouId(ROOT_OU) : '';
    const parentOf = async (i: Item) =>
      byRoot ? rootId : params.ouId(this.job.index.accounts.get(i.change.account)?.ou ?? ROOT_OU);
    return [
      ...ouTargets(whole, (i) => ouIds.get(i.ou ?? '') ?? ''),
      ...(await accountTargets(single, parentOf)),
    ];
  }

  /** Run `start` over each group in turn; failed instances go to `failed`. */
  async run(
    api: string,
    groups: TargetGroup<Item>[],
    start: (g: TargetGroup<Item>, operationId: string) => Promise<unknown>,
    failed: Map<Item, ItemFailure>,
  ): Promise<void> {
    for (const g of groups) {
      const todo = g.instances.filter((i) => !failed.has(i));
      if (todo.length === 0) continue;
      this.ctx.status(`${this.job.name}: ${api.split(':')[1] ?? api} (${todo.length} instances)`);
      let end: OperationEnd;
      try {
        end = await runOperation(this.ctx, this.site, this.cfn, this.job.name, api, (id) =>
          start(g, id),
        );
      } catch (error) {
        for (const i of todo) failed.set(i, { reason: `${api}: ${messageOf(error)}` });
        if (error instanceof AwsAccessError) throw error;
        continue;
      }
      if (end.status === 'SUCCEEDED') continue;
      const detail = await listInstances(this.ctx, this.site, this.cfn, this.job.name);
      for (const i of todo) {
        const s = detail.get(`${i.accountId}|${i.region}`);
        const ok =
          i.kind === 'delete'
            ? s === undefined
            : s?.StackInstanceStatus?.DetailedStatus === 'SUCCEEDED';
        if (ok) continue;
        const why = s?.StatusReason ?? end.reason ?? `operation ${end.status}`;
        failed.set(i, { reason: `${end.status}: ${why}`, failures: [why] });
      }
    }
  }
}
