/**
 * Builders for lint tests: a valid minimal policy of each kind, with per-case overrides,
 * so each table row states only what it changes.
 */
import { lintPolicy } from '../lint.js';
import { parsePolicyText } from '../parse.js';
import type { LintOptions, PolicyKind } from '../types.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Limits } from '../../blueprint/limits.js';

/** A valid statement for each kind. */
export const BASE_STATEMENT: Readonly<Record<PolicyKind, Record<string, unknown>>> = {
  scp: { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
  rcp: { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' },
  identity: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example/*' },
  resource: {
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root' },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::example/*',
  },
  trust: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
};

/** Overrides: a key set to `undefined` is removed. */
export type Overrides = Record<string, unknown>;

function apply(base: Record<string, unknown>, o: Overrides | undefined): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(o ?? {})) {
    if (v === undefined) Reflect.deleteProperty(out, k);
    else out[k] = v;
  }
  return out;
}

/** A policy of `kind` with one (overridden) statement and overridden top-level keys. */
export function policy(kind: PolicyKind, st?: Overrides, top?: Overrides): Record<string, unknown> {
  return apply({ Version: '2012-10-17', Statement: [apply(BASE_STATEMENT[kind], st)] }, top);
}

/** One row of a rule table. */
export interface RuleCase {
  note: string;
  kind?: PolicyKind;
  /** Statement overrides (ignored when doc or text is given). */
  st?: Overrides;
  top?: Overrides;
  doc?: unknown;
  /** Raw text: parsed first, so JSON syntax rules can be tested too. */
  text?: string;
  limits?: Limits;
  /** LintOptions.inline. */
  inline?: boolean;
}

/** Diagnostics of one case (parse + lint). */
export function runCase(c: RuleCase): Diagnostic[] {
  const opts: LintOptions = { kind: c.kind ?? 'identity' };
  if (c.limits) opts.limits = c.limits;
  if (c.inline !== undefined) opts.inline = c.inline;
  if (c.text !== undefined) {
    const p = parsePolicyText(c.text, 'case.json');
    if (p.value === undefined) return p.diagnostics;
    return [...p.diagnostics, ...lintPolicy(p.value, { ...opts, text: c.text })];
  }
  const doc = c.doc !== undefined ? c.doc : policy(opts.kind, c.st, c.top);
  return lintPolicy(doc, opts);
}
