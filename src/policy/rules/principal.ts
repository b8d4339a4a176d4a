/**
 * Principal / NotPrincipal values in resource and trust policies: "*" or an object of
 * AWS / Service / Federated / CanonicalUser, each a string or list, with no partial
 * wildcards (IAM accepts "*" only as the whole value).
 */
import { didYouMean } from '../../core/diagnostics.js';
import type { JsonPath } from '../types.js';
import { isObject } from '../util.js';
import { show, stringList, type LintContext } from './context.js';
import { checkArnShape } from './resources.js';

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];

/** Check the principal elements of one statement (only where the kind allows them). */
export function checkPrincipals(
  ctx: LintContext,
  s: Record<string, unknown>,
  path: JsonPath,
): void {
  if (ctx.rules.principal === 'forbidden' || ctx.rules.principal === 'star-only') return;
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (key in s) checkPrincipal(ctx, s[key], [...path, key], key);
  }
}

function checkPrincipal(ctx: LintContext, p: unknown, path: JsonPath, key: string): void {
  if (p === '*') return;
  if (!isObject(p)) {
    ctx.report(
      'principal-invalid',
      path,
      `${key} must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}, not ${show(p)}`,
    );
    return;
  }
  if (Object.keys(p).length === 0)
    ctx.report('principal-invalid', path, `${key} is an empty object`);
  for (const [type, value] of Object.entries(p)) {
    if (!PRINCIPAL_TYPES.includes(type)) {
      const guess = didYouMean(type, PRINCIPAL_TYPES);
      ctx.report(
        'principal-invalid',
        [...path, type],
        `unknown principal type '${type}'`,
        guess ? `did you mean '${guess}'?` : `expected one of ${PRINCIPAL_TYPES.join(', ')}`,
      );
      continue;
    }
    for (const [v, vp] of stringList(
      ctx,
      value,
      [...path, type],
      'principal-invalid',
      `${key}.${type}`,
    )) {
      checkValue(ctx, type, v, vp);
    }
  }
}

function checkValue(ctx: LintContext, type: string, v: string, path: JsonPath): void {
  if (v === '*') {
    if (type !== 'AWS')
      ctx.report(
        'principal-invalid',
        path,
        `"*" is only valid as {"AWS": "*"} or "*", not for ${type}`,
      );
    return;
  }
  if (v.includes('*') || v.includes('?')) {
    ctx.report(
      'principal-invalid',
      path,
      `'${v}': Principal does not support partial wildcards`,
      'use "*" with a Condition on aws:PrincipalArn (ArnLike) instead',
    );
    return;
  }
  if (type === 'AWS') {
    if (/^\d{12}$/.test(v) || /^A[A-Z0-9]{15,}$/.test(v)) return; // account id, or unique id of a deleted principal
    if (v.startsWith('arn:')) checkArnShape(ctx, v, path, 'principal');
    else
      ctx.report(
        'principal-invalid',
        path,
        `'${v}' is not an AWS principal: expected an account ID or an IAM ARN`,
      );
  } else if (type === 'Service') {
    if (!/^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com)$/.test(v)) {
      ctx.report(
        'principal-invalid',
        path,
        `'${v}' is not a service principal (e.g. "lambda.amazonaws.com")`,
      );
    }
  } else if (type === 'Federated') {
    if (v.startsWith('arn:')) checkArnShape(ctx, v, path, 'principal');
  } else if (!/^[0-9a-f]{64}$/i.test(v)) {
    ctx.report('principal-invalid', path, `'${v}' is not a canonical user ID (64 hex characters)`);
  }
}
