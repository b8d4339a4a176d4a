/**
 * Document and statement structure: top-level keys, Version, Id, Statement, and per
 * statement the element set, Sid, Effect and which of Action/Resource/Principal (or their
 * Not forms) a statement of this policy type must, may or must not have.
 */
import { didYouMean } from '../../core/diagnostics.js';
import type { JsonPath } from '../types.js';
import { isObject } from '../util.js';
import { show, type LintContext } from './context.js';

const TOP_KEYS = ['Version', 'Id', 'Statement'];
const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

function unknownKeys(
  ctx: LintContext,
  obj: Record<string, unknown>,
  known: string[],
  path: JsonPath,
  where: string,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const guess = didYouMean(key, known);
    ctx.report(
      'unknown-key',
      [...path, key],
      `unknown ${where} element '${key}'`,
      guess
        ? `did you mean '${guess}'? (element names are case-sensitive)`
        : `expected one of ${known.join(', ')}`,
    );
  }
}

/**
 * Check the top level and return the statements with their paths (empty when the
 * document is too broken to go on).
 */
export function checkDocument(
  ctx: LintContext,
  doc: unknown,
): [Record<string, unknown>, JsonPath][] {
  if (!isObject(doc)) {
    ctx.report('policy-not-object', [], `a policy is a JSON object, not ${show(doc)}`);
    return [];
  }
  unknownKeys(ctx, doc, TOP_KEYS, [], 'policy');
  checkVersion(ctx, doc);
  if ('Id' in doc && typeof doc.Id !== 'string') {
    ctx.report('id-invalid', ['Id'], `Id must be a string, not ${show(doc.Id)}`);
  }
  const st = doc.Statement;
  if (st === undefined) {
    ctx.report('statement-missing', [], 'the policy has no Statement');
    return [];
  }
  if (isObject(st)) return [[st, ['Statement']]];
  if (!Array.isArray(st)) {
    ctx.report(
      'statement-invalid',
      ['Statement'],
      `Statement must be an object or a list of objects, not ${show(st)}`,
    );
    return [];
  }
  if (st.length === 0) ctx.report('statement-missing', ['Statement'], 'Statement is an empty list');
  const out: [Record<string, unknown>, JsonPath][] = [];
  st.forEach((s, i) => {
    if (isObject(s)) out.push([s, ['Statement', i]]);
    else
      ctx.report(
        'statement-invalid',
        ['Statement', i],
        `a statement must be an object, not ${show(s)}`,
      );
  });
  return out;
}

function checkVersion(ctx: LintContext, doc: Record<string, unknown>): void {
  const v = doc.Version;
  const label = ctx.rules.label;
  if (v === undefined) {
    if (ctx.rules.version2012Required) {
      ctx.report('org-version', [], `an ${label} must state "Version": "2012-10-17"`);
    } else {
      ctx.report(
        'version-missing',
        [],
        'the policy has no Version, so IAM treats it as 2008-10-17 and does not substitute policy variables',
        'add "Version": "2012-10-17"',
      );
    }
    return;
  }
  if (v !== '2012-10-17' && v !== '2008-10-17') {
    ctx.report(
      'version-invalid',
      ['Version'],
      `Version must be "2012-10-17" (or the legacy "2008-10-17"), not ${show(v)}`,
    );
    return;
  }
  if (v === '2008-10-17') {
    if (ctx.rules.version2012Required) {
      ctx.report('org-version', ['Version'], `an ${label} must use Version "2012-10-17"`);
    } else {
      ctx.report(
        'version-2008',
        ['Version'],
        'Version 2008-10-17 does not substitute policy variables such as ${aws:username}',
        'use "2012-10-17"',
      );
    }
  }
  ctx.version = v;
}

/** The RCPFullAWSAccess statement: the one RCP statement AWS allows to Allow. */
function isRcpFullAccess(s: Record<string, unknown>): boolean {
  const star = (v: unknown): boolean =>
    v === '*' || (Array.isArray(v) && v.length === 1 && v[0] === '*');
  return (
    s.Effect === 'Allow' &&
    star(s.Principal) &&
    star(s.Action) &&
    star(s.Resource) &&
    s.Condition === undefined
  );
}

/** Per statement structure. Sids are collected in `sids` for the uniqueness check. */
export function checkStatementShape(
  ctx: LintContext,
  s: Record<string, unknown>,
  path: JsonPath,
  sids: Map<string, JsonPath>,
): void {
  const r = ctx.rules;
  unknownKeys(ctx, s, STATEMENT_KEYS, path, 'statement');

  if ('Sid' in s) {
    const sid = s.Sid;
    if (typeof sid !== 'string') {
      ctx.report('sid-invalid', [...path, 'Sid'], `Sid must be a string, not ${show(sid)}`);
    } else {
      if (r.sidAlphanumeric && !/^[A-Za-z0-9]*$/.test(sid)) {
        ctx.report(
          'sid-invalid',
          [...path, 'Sid'],
          `Sid '${sid}' may contain only ASCII letters and digits in an ${r.label}`,
        );
      }
      const first = sids.get(sid);
      if (first && sid !== '') {
        ctx.report(
          'sid-duplicate',
          [...path, 'Sid'],
          `Sid '${sid}' is used by another statement; Sids must be unique in a policy`,
        );
      } else sids.set(sid, path);
    }
  }

  const effect = s.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    const hint = typeof effect === 'string' ? didYouMean(effect, ['Allow', 'Deny']) : undefined;
    ctx.report(
      'effect-invalid',
      effect === undefined ? path : [...path, 'Effect'],
      effect === undefined
        ? 'the statement has no Effect'
        : `Effect must be "Allow" or "Deny", not ${show(effect)}`,
      hint ? `did you mean "${hint}"? (case-sensitive)` : undefined,
    );
  } else if (effect === 'Allow' && !r.allowEffect && !isRcpFullAccess(s)) {
    ctx.report(
      'rcp-effect',
      [...path, 'Effect'],
      'RCP statements must Deny: Allow is only supported in the AWS-managed RCPFullAWSAccess',
    );
  }

  const hasA = 'Action' in s;
  const hasNA = 'NotAction' in s;
  if (hasA && hasNA)
    ctx.report('action-conflict', path, 'a statement has either Action or NotAction, not both');
  else if (!hasA && !hasNA)
    ctx.report('action-missing', path, 'the statement has no Action (or NotAction)');
  if (hasNA && !r.notActionAllowed) {
    ctx.report(
      'rcp-notaction',
      [...path, 'NotAction'],
      'RCPs do not support NotAction',
      'list the actions to deny in Action',
    );
  } else if (hasNA && effect === 'Allow') {
    ctx.report(
      'notaction-allow',
      [...path, 'NotAction'],
      'NotAction with Allow allows every action not listed, including actions of services added later',
      'list the allowed actions in Action instead',
    );
  }

  const hasR = 'Resource' in s;
  const hasNR = 'NotResource' in s;
  if (r.resource === 'forbidden') {
    for (const k of ['Resource', 'NotResource'] as const) {
      if (k in s)
        ctx.report(
          'trust-resource',
          [...path, k],
          `a trust policy has no ${k}: the role itself is the resource`,
        );
    }
  } else if (hasR && hasNR) {
    ctx.report(
      'resource-conflict',
      path,
      'a statement has either Resource or NotResource, not both',
    );
  } else if (!hasR && !hasNR) {
    if (r.resource === 'required')
      ctx.report('resource-missing', path, 'the statement has no Resource (or NotResource)');
    else
      ctx.report(
        'scp-resource-missing',
        path,
        'the SCP statement has no Resource',
        'add "Resource": "*"',
      );
  }

  const hasP = 'Principal' in s;
  const hasNP = 'NotPrincipal' in s;
  if (r.principal === 'forbidden') {
    for (const k of ['Principal', 'NotPrincipal'] as const) {
      if (k in s) {
        ctx.report(
          'principal-forbidden',
          [...path, k],
          `an ${r.label} does not support ${k}`,
          ctx.kind === 'identity'
            ? 'the principal is whoever the policy is attached to'
            : 'use a Condition on aws:PrincipalArn',
        );
      }
    }
    return;
  }
  if (hasNP && !r.notPrincipalAllowed) {
    ctx.report(
      'principal-forbidden',
      [...path, 'NotPrincipal'],
      `an ${r.label} does not support NotPrincipal`,
      'use a Condition on aws:PrincipalArn',
    );
  }
  if (hasP && hasNP)
    ctx.report(
      'principal-conflict',
      path,
      'a statement has either Principal or NotPrincipal, not both',
    );
  else if (!hasP && !hasNP)
    ctx.report('principal-missing', path, `an ${r.label} statement must name a Principal`);
  if (hasNP && effect === 'Allow' && r.notPrincipalAllowed) {
    ctx.report(
      'notprincipal-allow',
      [...path, 'NotPrincipal'],
      'NotPrincipal is only supported with "Effect": "Deny"',
    );
  }
  if (hasP && r.principal === 'star-only') {
    const p = s.Principal;
    if (p !== '*') {
      ctx.report(
        'rcp-principal',
        [...path, 'Principal'],
        `an RCP Principal must be "*", not ${show(p)}`,
        'restrict principals with Condition keys such as aws:PrincipalOrgID',
      );
    }
  }
}
