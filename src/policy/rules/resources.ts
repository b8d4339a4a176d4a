/**
 * Resource and NotResource values (ARN shape), plus the checks every policy string shares:
 * policy variables (known keys, not multi-valued, terminated) and template placeholders.
 */
import { isMultiValued } from '../data/global-keys.js';
import type { JsonPath } from '../types.js';
import {
  findPlaceholders,
  isPlaceholderVariable,
  scanVariables,
  splitOutsideVariables,
  SPECIAL_VARIABLES,
} from '../variables.js';
import { stringList, type LintContext } from './context.js';

const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

const hasWildcardOrVariable = (s: string): boolean =>
  s.includes('*') || s.includes('?') || s.includes('${');

/**
 * Variables and placeholders in one policy string. Returns true when the string contains a
 * placeholder, so callers can skip value-syntax checks that would only repeat the problem.
 */
export function checkPolicyString(ctx: LintContext, s: string, path: JsonPath): boolean {
  const placeholders = findPlaceholders(s);
  if (placeholders.length > 0) {
    ctx.report(
      'placeholder',
      path,
      `'${s}' contains template placeholder${placeholders.length > 1 ? 's' : ''} ${placeholders.join(', ')}`,
      'replace it with the real value; AWS would match it literally',
    );
  }
  if (!s.includes('${')) return placeholders.length > 0;
  const scan = scanVariables(s);
  if (scan.unterminated)
    ctx.report('variable-invalid', path, `'${s}' has a '\${' without its closing '}'`);
  for (const v of scan.variables) {
    if (SPECIAL_VARIABLES.has(v.key) || isPlaceholderVariable(v)) continue;
    const key = ctx.catalog.conditionKey(v.key);
    if (!key) {
      ctx.report(
        'variable-unknown',
        path,
        `unknown policy variable ${v.raw}`,
        'variables name condition keys such as ${aws:username} or ${aws:PrincipalTag/team}',
      );
    } else if (isMultiValued(key.type)) {
      ctx.report(
        'variable-multivalued',
        path,
        `${v.raw} is multi-valued and cannot be used as a policy variable`,
      );
    }
  }
  return placeholders.length > 0;
}

/** Check an ARN's shape; `what` names the element for messages. Returns false if malformed. */
export function checkArnShape(
  ctx: LintContext,
  arn: string,
  path: JsonPath,
  what: string,
): boolean {
  const parts = splitOutsideVariables(arn, 6);
  if (parts.length < 6 || parts[0] !== 'arn') {
    ctx.report(
      'resource-invalid',
      path,
      `${what} '${arn}' is not an ARN: expected arn:partition:service:region:account:resource or "*"`,
    );
    return false;
  }
  const [, partition = '', service = '', , account = ''] = parts;
  if (!PARTITIONS.has(partition) && !hasWildcardOrVariable(partition)) {
    ctx.report(
      'resource-invalid',
      path,
      `${what} '${arn}' has unknown partition '${partition}'`,
      'expected aws, aws-cn or aws-us-gov',
    );
    return false;
  }
  if (service === '') {
    ctx.report('resource-invalid', path, `${what} '${arn}' has no service`);
    return false;
  }
  if (
    account !== '' &&
    account !== 'aws' &&
    !/^[0-9*?]+$/.test(account) &&
    !account.includes('${')
  ) {
    ctx.report(
      'arn-account',
      path,
      `${what} '${arn}' has account '${account}': expected 12 digits`,
    );
    return false;
  }
  if (/^[0-9]+$/.test(account) && account.length !== 12) {
    ctx.report(
      'arn-account',
      path,
      `${what} '${arn}' has account '${account}': expected 12 digits`,
    );
    return false;
  }
  return true;
}

/** Check Resource / NotResource of one statement. */
export function checkResources(ctx: LintContext, s: Record<string, unknown>, path: JsonPath): void {
  for (const key of ['Resource', 'NotResource'] as const) {
    if (!(key in s) || ctx.rules.resource === 'forbidden') continue;
    for (const [value, p] of stringList(ctx, s[key], [...path, key], 'resource-invalid', key)) {
      checkPolicyString(ctx, value, p);
      if (value === '*') continue;
      checkArnShape(ctx, value, p, key);
    }
  }
}
