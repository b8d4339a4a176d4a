/**
 * Action and NotAction values: `*` or `service:Action` with `*`/`?` wildcards, the service
 * and action known to the IAM catalog (a wildcard must match something), and the RCP limits
 * (no bare `*`, only services that support RCPs).
 */
import { didYouMean } from '../../core/diagnostics.js';
import { compileGlob } from '../glob.js';
import type { JsonPath } from '../types.js';
import { stringList, type LintContext } from './context.js';

const ACTION_RE = /^([a-z0-9][a-z0-9._-]*):([A-Za-z0-9*?_.-]+)$/i;

/** Check one statement's Action or NotAction element. */
export function checkActions(ctx: LintContext, s: Record<string, unknown>, path: JsonPath): void {
  for (const key of ['Action', 'NotAction'] as const) {
    if (!(key in s)) continue;
    for (const [action, p] of stringList(ctx, s[key], [...path, key], 'action-invalid', key)) {
      checkAction(ctx, action, p, key);
    }
  }
}

function checkAction(ctx: LintContext, action: string, path: JsonPath, key: string): void {
  if (action === '*') {
    if (!ctx.rules.actionStarAllowed && key === 'Action') {
      ctx.report(
        'rcp-action-star',
        path,
        'an RCP cannot use "*" as an action',
        'name the service, e.g. "s3:*"',
      );
    }
    return;
  }
  const m = ACTION_RE.exec(action);
  const service = m?.[1];
  const name = m?.[2];
  if (service === undefined || name === undefined) {
    ctx.report(
      'action-invalid',
      path,
      `'${action}' is not an action: expected "service:Action" (e.g. "s3:GetObject") or "*"`,
    );
    return;
  }
  const lowerService = service.toLowerCase();
  if (ctx.kind === 'rcp' && !ctx.catalog.rcpServices().has(lowerService)) {
    ctx.report(
      'rcp-unsupported-service',
      path,
      `'${service}' does not support RCPs, so this action is never restricted by an RCP`,
      'see "List of AWS services that support RCPs" in the AWS Organizations guide',
    );
  }
  const actions = ctx.catalog.actions(lowerService);
  if (!actions) {
    ctx.report(
      'action-unknown-service',
      path,
      `unknown service prefix '${service}' in '${action}'`,
      hintFor(didYouMean(service, knownServices(ctx, service))),
    );
    return;
  }
  if (name.includes('*') || name.includes('?')) {
    const re = compileGlob(name, true);
    for (const lower of actions.keys()) if (re.test(lower)) return;
    ctx.report('action-wildcard-unmatched', path, `'${action}' matches no ${service} action`);
    return;
  }
  if (!actions.has(name.toLowerCase())) {
    const guess = didYouMean(name, actions.values());
    ctx.report(
      'action-unknown',
      path,
      `unknown action '${action}'`,
      hintFor(guess && `${service}:${guess}`),
    );
  }
}

function hintFor(guess: string | undefined): string | undefined {
  return guess ? `did you mean '${guess}'?` : undefined;
}

/** Candidate service names for a hint (only checks plausible ones, cheaply). */
function knownServices(ctx: LintContext, service: string): string[] {
  const out: string[] = [];
  const lower = service.toLowerCase();
  for (const cand of [
    lower.replace(/_/g, '-'),
    lower.replace(/-/g, ''),
    lower.slice(0, -1),
    `${lower}s`,
  ]) {
    if (cand !== lower && ctx.catalog.hasService(cand)) out.push(cand);
  }
  return out;
}
