/**
 * Helpers that build statement pieces the same way in every guardrail, and in particular
 * never emit an empty condition list (an empty `ArnNotLike` list is invalid).
 */
import type { ConditionBlock, Statement } from './types.js';

/** `ArnNotLike aws:PrincipalArn` for the exempt principals, or nothing when there are none. */
export function exemptCondition(arns: readonly string[]): ConditionBlock {
  return arns.length === 0 ? {} : { ArnNotLike: { 'aws:PrincipalArn': one([...arns]) } };
}

/**
 * Merge condition blocks; keys under the same operator are combined (they are ANDed by
 * IAM either way). Returns undefined when nothing is left, so `Condition` can be omitted.
 */
export function conditions(...blocks: ConditionBlock[]): ConditionBlock | undefined {
  const out: ConditionBlock = {};
  for (const b of blocks) {
    for (const [op, kv] of Object.entries(b)) {
      if (Object.keys(kv).length === 0) continue;
      out[op] = { ...(out[op] ?? {}), ...kv };
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** A single value stays a string (AWS's own examples do so; it also saves characters). */
export function one(values: string[]): string | string[] {
  return values.length === 1 && values[0] !== undefined ? values[0] : values;
}

/** Build a statement, dropping `Condition` when empty. */
export function statement(
  s: Omit<Statement, 'Condition'> & { Condition?: ConditionBlock | undefined },
): Statement {
  const { Condition, ...rest } = s;
  return Condition === undefined ? rest : { ...rest, Condition };
}
