/**
 * Where account baselines go: the accounts and Regions a selector picks (only accounts
 * orgward manages), whether they are exactly whole OUs (so a service-managed StackSet can
 * target the OUs and auto-deployment follows them), and the split every baseline needs
 * because StackSets never deploy to the management account.
 */
import { ROOT_OU } from '../../blueprint/model.js';
import type { Selector } from '../../blueprint/schema/common.js';
import { selectAccounts, selectRegions } from '../../blueprint/selectors.js';
import { equals, ref } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import type { Unit } from '../types.js';

/**
 * Blueprint ids of the accounts a selector picks that a baseline can deploy to: managed
 * (not `observed` or `ignored`) and not on their way out (`suspended` accounts sit under
 * a quarantine SCP that denies everything, so a StackSet instance there could only fail).
 */
export function baselineAccounts(ctx: SynthContext, sel: Selector | undefined): string[] {
  return selectAccounts(ctx.idx, sel)
    .filter((a) => a.lifecycle === 'managed' && a.role !== 'suspended')
    .map((a) => a.id);
}

/** The Regions a selector picks (default: the governed Regions). */
export function baselineRegions(ctx: SynthContext, sel: Selector | undefined): string[] {
  return selectRegions(ctx.idx, sel);
}

/**
 * The OUs whose accounts are exactly `accounts` (the management account aside: it sits in
 * the root and StackSets never reach it), as the fewest, highest OUs in blueprint order,
 * or `undefined` when the accounts are not a union of whole OUs. `root` stands for the
 * organization root when every member account is selected. An OU without accounts is
 * never chosen on its own: nothing says its future accounts were meant.
 */
export function wholeOus(ctx: SynthContext, accounts: readonly string[]): string[] | undefined {
  const idx = ctx.idx;
  const members = (ou: string) => idx.accountsUnder(ou).filter((a) => a.id !== ctx.management);
  const want = new Set(accounts.filter((a) => a !== ctx.management));
  if (!want.size) return undefined;
  const chosen: string[] = [];
  const visit = (ou: string): void => {
    const all = members(ou);
    if (all.length && all.every((a) => want.has(a.id))) chosen.push(ou);
    else for (const child of idx.childOus.get(ou) ?? []) visit(child);
  };
  visit(ROOT_OU);
  // A selected account directly in an OU that is not whole is not covered: no OU set fits.
  const covered = new Set(chosen.flatMap((ou) => members(ou).map((a) => a.id)));
  return [...want].every((a) => covered.has(a)) ? chosen : undefined;
}

/** One account baseline: its unit id, where it goes and how its template is filled. */
export interface BaselinePart {
  /** Unit id, e.g. `baseline-config`. */
  id: string;
  /** One line for people. */
  title: string;
  /** Template Description. */
  description: string;
  /** Blueprint account ids (may include the management account). */
  accounts: readonly string[];
  regions: readonly string[];
  /**
   * Fills one template; called once for the StackSet (with its member accounts) and once
   * per management stack (with the management account).
   */
  build: (t: TemplateBuilder, accounts: readonly string[]) => void;
}

/**
 * The units of a baseline: a service-managed StackSet for the member accounts (targeting
 * whole OUs when it can) and, when the management account is selected, one plain stack
 * per Region there (`<id>-management-<region>`), since StackSets skip it.
 */
export function baselineUnits(ctx: SynthContext, part: BaselinePart): Unit[] {
  const regions = [...part.regions];
  if (!regions.length) return [];
  const units: Unit[] = [];
  const members = part.accounts.filter((a) => a !== ctx.management);
  if (members.length) {
    const t = new TemplateBuilder(ctx, part.description);
    part.build(t, members);
    units.push(
      t.stackSet(part.id, 'baseline', part.title, members, regions, wholeOus(ctx, members)),
    );
  }
  if (part.accounts.includes(ctx.management))
    for (const region of regions) {
      const t = new TemplateBuilder(ctx, part.description, region === ctx.homeRegion);
      part.build(t, [ctx.management]);
      units.push(
        t.stack(
          `${part.id}-management-${region}`,
          'baseline',
          `${part.title} (management account, ${region})`,
          ctx.management,
          region,
        ),
      );
    }
  return units;
}

/** Name of the condition that is true in the home Region (global settings live there). */
export const HOME_REGION = 'IsHomeRegion';

/** Declare (once) and return the home-Region condition. */
export function homeRegionCondition(t: TemplateBuilder): string {
  return t.condition(HOME_REGION, equals(ref('AWS::Region'), t.ctx.homeRegion));
}
