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
 * Merge condition blocks. IAM ANDs every operator and key, so blocks are combined without
 * changing what they mean:
 * - different operators or keys sit side by side;
 * - the same operator and key with the same values is kept once;
 * - the same negated single-valued operator and key (`ArnNotLike aws:PrincipalArn` twice)
 *   gets the union of the values, deduplicated: "not in A and not in B" is "not in A or B";
 * - anything else (`StringEquals k: a` and `StringEquals k: b` mean "a and b at once") has
 *   no single-block equivalent and throws, rather than silently dropping one of them.
 * Returns undefined when nothing is left, so `Condition` can be omitted.
 */
export function conditions(...blocks: ConditionBlock[]): ConditionBlock | undefined {
  const out: ConditionBlock = {};
  for (const b of blocks) {
    for (const [op, kv] of Object.entries(b)) {
      for (const [key, value] of Object.entries(kv)) {
        const merged = (out[op] ??= {});
        const earlier = merged[key];
        merged[key] = earlier === undefined ? value : mergeValues(op, key, earlier, value);
      }
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Negated operators without a set qualifier: `StringNotEquals`, `ArnNotLikeIfExists`... */
const UNIONABLE_OPERATOR = /^(String|Arn|Numeric|Date)?Not[A-Za-z]*$/;

function mergeValues(
  op: string,
  key: string,
  a: string | string[],
  b: string | string[],
): string | string[] {
  const left = typeof a === 'string' ? [a] : a;
  const right = typeof b === 'string' ? [b] : b;
  const union = [...new Set([...left, ...right])];
  if (union.length === new Set(left).size && union.length === new Set(right).size) return a;
  if (UNIONABLE_OPERATOR.test(op)) return one(union);
  throw new Error(
    `conditions: ${op} ${key} is given twice with different values (${JSON.stringify(a)} and ` +
      `${JSON.stringify(b)}); IAM would AND them, which one block cannot express`,
  );
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
