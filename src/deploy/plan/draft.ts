/**
 * What every diff module produces, and the small wording helpers that keep the plan's
 * sentences uniform ("3 accounts", "a, b and c", "SCP deny-leave-org").
 */
import type { PolicyType } from '../../blueprint/schema/organization.js';
import type { EntityRef } from '../../synth/types.js';
import type { ChangeKind, PlanAction } from '../types.js';

/**
 * A semantic change before its units are known. `scope` names the blueprint accounts the
 * change is confined to (a role's trust drifted in one account): only the unit instances
 * there revert drift. Absent: the whole entity.
 */
export interface Draft {
  kind: ChangeKind;
  entity: EntityRef;
  summary: string;
  details: string[];
  accountsAffected?: number;
  destructive: boolean;
  scope?: readonly string[];
}

/** The output of one diff module. */
export interface DiffResult {
  changes: Draft[];
  actions: PlanAction[];
  warnings: string[];
}

/** An empty result to fill. */
export function emptyResult(): DiffResult {
  return { changes: [], actions: [], warnings: [] };
}

/** `1 account`, `3 accounts`. */
export function count(n: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : pluralNoun}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** A list for a sentence, cut after `max` names (`a, b, c and 4 more`). */
export function shortList(items: readonly string[], max = 5): string {
  if (items.length <= max) return andList(items);
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** What a policy of each type is called in a sentence. */
export const POLICY_LABEL: Readonly<Record<PolicyType, string>> = {
  scp: 'SCP',
  rcp: 'RCP',
  tag: 'tag policy',
  backup: 'backup policy',
  'declarative-ec2': 'declarative policy (EC2)',
  'ai-opt-out': 'AI services opt-out policy',
  chatbot: 'chatbot policy',
};

/** The sentence for a live entity orgward did not create and the blueprint does not name. */
export function untaggedSentence(label: string): string {
  return `${label} is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)`;
}

/** Tag orgward puts on everything it creates: the blueprint entity (`ou:sandbox`). */
export const ENTITY_TAG = 'orgward:entity';
/** Tag recording the entity's `onRemove` when it was created. */
export const ON_REMOVE_TAG = 'orgward:on-remove';
/** Tag the role StackSets put on blueprint roles (the role id). */
export const ROLE_TAG = 'orgward:role';

/**
 * The tags of a snapshot item. Read structurally: OUs and policies gain `tags` in the
 * snapshot format, and older snapshots have none.
 */
export function tagsOf(item: object): Readonly<Record<string, string>> | undefined {
  const tags = (item as { tags?: unknown }).tags;
  if (typeof tags !== 'object' || tags === null) return undefined;
  return tags as Record<string, string>;
}

/** At most `max` detail lines; the rest as one `... and N more` line (a plan for 1,000 accounts stays readable). */
export function capped(lines: readonly string[], max = 10): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `... and ${lines.length - max} more`];
}
