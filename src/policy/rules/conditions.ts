/**
 * Condition blocks: shape, documented operators, known keys, values that fit the operator,
 * operator/key type agreement, and the set-operator footguns (rule C5).
 */
import { didYouMean } from '../../core/diagnostics.js';
import { isMultiValued } from '../data/global-keys.js';
import { allOperatorNames, parseOperator, type OperatorFamily } from '../data/operators.js';
import type { JsonPath } from '../types.js';
import { splitOutsideVariables } from '../variables.js';
import { isObject, NUMBER_RE, scalar } from '../util.js';
import { show, type LintContext } from './context.js';
import { checkPolicyString } from './resources.js';

const OPERATOR_NAMES = allOperatorNames();

const IPV4 =
  /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const IPV6 = /^[0-9a-f:.]*:[0-9a-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The key type each operator family expects (undefined: any). */
const FAMILY_KEY_TYPE: Partial<Record<OperatorFamily, string[]>> = {
  Numeric: ['Numeric'],
  Date: ['Date', 'Numeric'],
  Bool: ['Bool'],
  IpAddress: ['IPAddress'],
  Arn: ['ARN'],
};

function valueProblem(family: OperatorFamily, v: string): string | undefined {
  switch (family) {
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(v) ? undefined : 'expected "true" or "false"';
    case 'Numeric':
      return NUMBER_RE.test(v) ? undefined : 'expected a number';
    case 'Date':
      return ISO_DATE.test(v) || /^\d+$/.test(v)
        ? undefined
        : 'expected an ISO 8601 date or epoch seconds';
    case 'IpAddress':
      return IPV4.test(v) || IPV6.test(v) ? undefined : 'expected an IP address or CIDR block';
    case 'Binary':
      return BASE64.test(v) && v !== '' ? undefined : 'expected base64';
    case 'Arn':
      if (v === '*') return undefined;
      return v.startsWith('arn:') && splitOutsideVariables(v, 6).length === 6
        ? undefined
        : 'expected an ARN (arn:partition:service:region:account:resource)';
    default:
      return undefined;
  }
}

/** Check one statement's Condition element. */
export function checkConditions(
  ctx: LintContext,
  s: Record<string, unknown>,
  path: JsonPath,
): void {
  if (!('Condition' in s)) return;
  const cond = s.Condition;
  const cpath = [...path, 'Condition'];
  if (!isObject(cond)) {
    ctx.report(
      'condition-invalid',
      cpath,
      `Condition must be an object of operators, not ${show(cond)}`,
    );
    return;
  }
  for (const [opName, block] of Object.entries(cond)) {
    const opPath = [...cpath, opName];
    const op = parseOperator(opName);
    if (!op) {
      const guess = didYouMean(opName, OPERATOR_NAMES);
      ctx.report(
        'condition-operator-unknown',
        opPath,
        `unknown condition operator '${opName}'`,
        guess ? `did you mean '${guess}'?` : undefined,
      );
    }
    if (!isObject(block)) {
      ctx.report(
        'condition-invalid',
        opPath,
        `'${opName}' must map condition keys to values, not ${show(block)}`,
      );
      continue;
    }
    if (Object.keys(block).length === 0)
      ctx.report('condition-invalid', opPath, `'${opName}' has no condition keys`);
    for (const [key, raw] of Object.entries(block)) {
      const kpath = [...opPath, key];
      const values = conditionValues(ctx, raw, kpath);
      if (!/^[^:\s]+:\S+$/.test(key)) {
        ctx.report(
          'condition-key-invalid',
          kpath,
          `'${key}' is not a condition key: expected "prefix:name" (e.g. "aws:SourceIp")`,
        );
        continue;
      }
      const known = ctx.catalog.conditionKey(key);
      if (!known) ctx.report('condition-key-unknown', kpath, `unknown condition key '${key}'`);
      if (!op) continue;
      for (const [v, vp] of values) {
        const placeholder = checkPolicyString(ctx, v, vp);
        if (placeholder || (v.includes('${') && op.base.family !== 'Null')) continue;
        const problem = valueProblem(op.base.family, v);
        if (problem)
          ctx.report(
            'condition-value-type',
            vp,
            `'${v}' is not a valid ${opName} value: ${problem}`,
          );
      }
      if (!known) continue;
      const multi = isMultiValued(known.type);
      const baseType = known.type.replace(/^ArrayOf/, '');
      const expected = FAMILY_KEY_TYPE[op.base.family];
      if (expected && !expected.includes(baseType)) {
        ctx.report(
          'condition-type-mismatch',
          kpath,
          `${opName} compares ${op.base.family} values but ${known.key} is of type ${known.type}`,
        );
      }
      if (op.set && !multi) {
        ctx.report(
          'condition-set-single-valued',
          kpath,
          `${op.set}: is for multi-valued keys; ${known.key} is single-valued`,
          `use ${opName.slice(op.set.length + 1)}`,
        );
      } else if (!op.set && multi && op.base.family !== 'Null') {
        ctx.report(
          'condition-multivalued-plain',
          kpath,
          `${known.key} is multi-valued: a plain ${opName} does not match it`,
          `use ForAnyValue:${opName} or ForAllValues:${opName}`,
        );
      }
      if (op.set === 'ForAllValues' && s.Effect === 'Allow' && !hasNullFalse(cond, key)) {
        ctx.report(
          'condition-forallvalues-allow',
          kpath,
          `ForAllValues is also true when ${key} is absent from the request, so this Allow applies to requests without it`,
          `add "Null": {"${key}": "false"}`,
        );
      }
    }
  }
}

/** The statement also requires the key to be present (`"Null": {key: "false"}`). */
function hasNullFalse(cond: Record<string, unknown>, key: string): boolean {
  const block = cond.Null;
  if (!isObject(block)) return false;
  const lower = key.toLowerCase();
  return Object.entries(block).some(
    ([k, v]) =>
      k.toLowerCase() === lower &&
      (v === 'false' ||
        v === false ||
        (Array.isArray(v) && v.every((x) => x === 'false' || x === false))),
  );
}

function conditionValues(ctx: LintContext, raw: unknown, path: JsonPath): [string, JsonPath][] {
  if (Array.isArray(raw)) {
    if (raw.length === 0)
      ctx.report(
        'condition-invalid',
        path,
        'the condition has no values (an empty list never matches)',
      );
    const out: [string, JsonPath][] = [];
    raw.forEach((v, i) => {
      const s = scalar(v);
      if (s === undefined)
        ctx.report(
          'condition-invalid',
          [...path, i],
          `condition values are strings, numbers or booleans, not ${show(v)}`,
        );
      else out.push([s, [...path, i]]);
    });
    return out;
  }
  const s = scalar(raw);
  if (s === undefined) {
    ctx.report(
      'condition-invalid',
      path,
      `condition values are strings, numbers or booleans, not ${show(raw)}`,
    );
    return [];
  }
  return [[s, path]];
}
