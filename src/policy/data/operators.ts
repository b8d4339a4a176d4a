/**
 * Condition operators as data. Source: IAM User Guide, "IAM JSON policy elements:
 * Condition operators". Every operator except Null takes an `IfExists` suffix; the set
 * prefixes `ForAllValues:` and `ForAnyValue:` apply to multi-valued keys.
 */

/** Operator family: decides the value syntax and how matching works. */
export type OperatorFamily =
  'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

/** One base operator. */
export interface OperatorInfo {
  name: string;
  family: OperatorFamily;
  /** Negated operators NOR their values and are true when the key is absent. */
  negated: boolean;
  /** Matching kind inside the family. */
  match: 'equals' | 'ignoreCase' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'ip' | 'null';
}

const ops: OperatorInfo[] = [
  { name: 'StringEquals', family: 'String', negated: false, match: 'equals' },
  { name: 'StringNotEquals', family: 'String', negated: true, match: 'equals' },
  { name: 'StringEqualsIgnoreCase', family: 'String', negated: false, match: 'ignoreCase' },
  { name: 'StringNotEqualsIgnoreCase', family: 'String', negated: true, match: 'ignoreCase' },
  { name: 'StringLike', family: 'String', negated: false, match: 'like' },
  { name: 'StringNotLike', family: 'String', negated: true, match: 'like' },
  { name: 'NumericEquals', family: 'Numeric', negated: false, match: 'equals' },
  { name: 'NumericNotEquals', family: 'Numeric', negated: true, match: 'equals' },
  { name: 'NumericLessThan', family: 'Numeric', negated: false, match: 'lt' },
  { name: 'NumericLessThanEquals', family: 'Numeric', negated: false, match: 'lte' },
  { name: 'NumericGreaterThan', family: 'Numeric', negated: false, match: 'gt' },
  { name: 'NumericGreaterThanEquals', family: 'Numeric', negated: false, match: 'gte' },
  { name: 'DateEquals', family: 'Date', negated: false, match: 'equals' },
  { name: 'DateNotEquals', family: 'Date', negated: true, match: 'equals' },
  { name: 'DateLessThan', family: 'Date', negated: false, match: 'lt' },
  { name: 'DateLessThanEquals', family: 'Date', negated: false, match: 'lte' },
  { name: 'DateGreaterThan', family: 'Date', negated: false, match: 'gt' },
  { name: 'DateGreaterThanEquals', family: 'Date', negated: false, match: 'gte' },
  { name: 'Bool', family: 'Bool', negated: false, match: 'equals' },
  { name: 'BinaryEquals', family: 'Binary', negated: false, match: 'equals' },
  { name: 'IpAddress', family: 'IpAddress', negated: false, match: 'ip' },
  { name: 'NotIpAddress', family: 'IpAddress', negated: true, match: 'ip' },
  { name: 'ArnEquals', family: 'Arn', negated: false, match: 'like' },
  { name: 'ArnLike', family: 'Arn', negated: false, match: 'like' },
  { name: 'ArnNotEquals', family: 'Arn', negated: true, match: 'like' },
  { name: 'ArnNotLike', family: 'Arn', negated: true, match: 'like' },
  { name: 'Null', family: 'Null', negated: false, match: 'null' },
];

/** Base operators by name. */
export const OPERATORS: ReadonlyMap<string, OperatorInfo> = new Map(ops.map((o) => [o.name, o]));

/** A condition operator split into its parts. */
export interface ParsedOperator {
  base: OperatorInfo;
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
}

/**
 * Parse `ForAnyValue:StringLikeIfExists` into its parts, or undefined when it is not a
 * documented operator. Operator names are matched exactly, as IAM documents them.
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: ParsedOperator['set'];
  if (rest.startsWith('ForAllValues:')) {
    set = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  } else if (rest.startsWith('ForAnyValue:')) {
    set = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  }
  let ifExists = false;
  let base = OPERATORS.get(rest);
  if (!base && rest.endsWith('IfExists')) {
    base = OPERATORS.get(rest.slice(0, -'IfExists'.length));
    ifExists = true;
    if (base?.family === 'Null') return undefined;
  }
  if (!base) return undefined;
  if (set && base.family === 'Null') return undefined;
  return set ? { base, set, ifExists } : { base, ifExists };
}

/** Every operator spelling (for "did you mean" hints). */
export function allOperatorNames(): string[] {
  const out: string[] = [];
  for (const o of ops) {
    out.push(o.name);
    if (o.family !== 'Null') {
      out.push(`${o.name}IfExists`);
      for (const p of ['ForAllValues:', 'ForAnyValue:'])
        out.push(`${p}${o.name}`, `${p}${o.name}IfExists`);
    }
  }
  return out;
}
