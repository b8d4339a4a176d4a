/**
 * `organization-accounts-<n>`: the member accounts orgward manages, as
 * AWS::Organizations::Account, split into as many stacks as CloudFormation's resource and
 * output limits need. Each stack exports the ids of its accounts.
 */
import type { Account } from '../../blueprint/schema/blueprint.js';
import { getAtt, logicalId } from '../cfn.js';
import { exportName, TemplateBuilder, type SynthContext } from '../context.js';
import type { StackUnit } from '../types.js';
import { ORG_UNITS, orgTags } from './organization-common.js';

/** Outputs synth adds to every template (OrgwardUnit, OrgwardHash). */
const IDENTITY_OUTPUTS = 2;

/**
 * The accounts this concern deploys: managed ones except the management account (it
 * exists before any stack and cannot be created or closed through CloudFormation).
 *
 * Accounts that already exist (`accountId` set) are declared too: the template says what
 * the account must look like (name, e-mail, OU, tags), and CloudFormation adopts an
 * existing account only through a resource import (IMPORT change set with the account
 * id as identifier); deploy runs that import before the first update, because a plain
 * create would call CreateAccount and fail on the e-mail address already in use.
 */
export function deployedAccounts(ctx: SynthContext): Account[] {
  return ctx.bp.accounts.filter((a) => a.lifecycle === 'managed' && a.id !== ctx.management);
}

/** Accounts per stack: one resource and one exported output each. */
export function accountsPerStack(ctx: SynthContext): number {
  const n = Math.min(ctx.limits.stackMaxResources, ctx.limits.stackMaxOutputs - IDENTITY_OUTPUTS);
  if (n < 1)
    throw new Error(
      `limits leave no room for an account per stack (stackMaxOutputs ${ctx.limits.stackMaxOutputs})`,
    );
  return n;
}

/**
 * Build the units, in blueprint order: appending accounts (the usual change) never moves
 * an existing one to another stack. Inserting one earlier shifts later accounts by one
 * stack; thanks to DeletionPolicy Retain the account survives its removal from the old
 * stack, and deploy imports it into the new one (the plan reports it as a move of the
 * stack, not of the account).
 */
export function buildAccounts(ctx: SynthContext, afterOus: string = ORG_UNITS.ous): StackUnit[] {
  const accounts = deployedAccounts(ctx);
  const size = accountsPerStack(ctx);
  const units: StackUnit[] = [];
  for (let start = 0, n = 1; start < accounts.length; start += size, n++) {
    const chunk = accounts.slice(start, start + size);
    const t = new TemplateBuilder(ctx, `orgward organization: member accounts (part ${n})`, true);
    let prev: string | undefined;
    for (const a of chunk) prev = addAccount(ctx, t, a, prev);
    t.dependsOn(afterOus);
    // Organizations creates one account at a time; the previous part's accounts must be
    // done before this part starts (DependsOn inside a stack does the same per account).
    if (n > 1) t.dependsOn(ORG_UNITS.accounts(n - 1));
    units.push(
      t.stack(
        ORG_UNITS.accounts(n),
        'organization',
        `Member accounts, part ${n} (${chunk.map((a) => a.id).join(', ')})`,
        ctx.management,
        ctx.homeRegion,
      ),
    );
  }
  return units;
}

function addAccount(
  ctx: SynthContext,
  t: TemplateBuilder,
  a: Account,
  prev: string | undefined,
): string {
  const entity = `account:${a.id}`;
  const id = t.add(
    logicalId('Account', a.id),
    {
      Type: 'AWS::Organizations::Account',
      // CloudFormation documents that several accounts in one template must be created
      // one after the other (Organizations rejects concurrent CreateAccount calls).
      ...(prev ? { DependsOn: [prev] } : {}),
      Properties: {
        AccountName: a.name,
        Email: a.email,
        ParentIds: [t.ouId(a.ou)],
        RoleName: a.accessRoleName,
        Tags: orgTags(entity, a.onRemove, a.tags),
      },
      // Always Retain, whatever onRemove says: deleting this resource closes the account,
      // which is irreversible after the post-closure period and loses everything in it.
      // Removal is a plan action instead (suspend: move to the suspended OU under a
      // quarantine SCP; close: CloseAccount after that), run deliberately by deploy.
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    entity,
  );
  t.output(
    logicalId('Account', a.id, 'Id'),
    getAtt(id, 'AccountId'),
    `AWS account id of ${a.id}`,
    exportName(ctx.prefix, 'account', a.id),
  );
  return id;
}
