import type { Diagnostic } from '../../core/diagnostics.js';
import { CONSISTENCY_VALIDATORS } from './consistency.js';
import { IDENTITY_VALIDATORS } from './identity.js';
import { SERVICE_VALIDATORS } from './services.js';
import type { ValidationContext, Validator } from './context.js';
import { INVARIANT_VALIDATORS } from './invariants.js';
import { LOCKOUT_VALIDATORS } from './lockout.js';
import { POLICY_VALIDATORS } from './policies.js';
import { STRUCTURE_VALIDATORS } from './structure.js';

/** Every semantic validator, registered in one place, in the order they run. */
export const VALIDATORS: readonly Validator[] = [
  ...STRUCTURE_VALIDATORS,
  ...CONSISTENCY_VALIDATORS,
  ...IDENTITY_VALIDATORS,
  ...SERVICE_VALIDATORS,
  ...POLICY_VALIDATORS,
  ...LOCKOUT_VALIDATORS,
  ...INVARIANT_VALIDATORS,
];

/**
 * Run every validator. A validator that throws is a bug, but it must not hide the other
 * validators' findings, so it becomes one internal diagnostic and the rest still run.
 */
export function runValidators(
  ctx: ValidationContext,
  validators: readonly Validator[] = VALIDATORS,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const v of validators) {
    try {
      out.push(...v.run(ctx));
    } catch (e) {
      out.push({
        severity: 'error',
        code: 'internal',
        message: `validator '${v.id}' failed: ${e instanceof Error ? e.message : String(e)} (this is a bug in orgward)`,
        at: { file: ctx.file, line: 1, col: 1 },
      });
    }
  }
  return out;
}
