import type { Diagnostic } from '../../core/diagnostics.js';
import { lintPolicy } from '../../policy/lint.js';
import { problem, type Validator } from './context.js';

const invariants: Validator = {
  id: 'invariants',
  description: 'invariant actions exist; forbid invariants do not exempt everyone they restrict',
  run(ctx) {
    const out: Diagnostic[] = [];
    ctx.bp.invariants.forEach((inv, i) => {
      if (inv.kind !== 'forbid') return;
      // The policy linter already knows every action; lint a synthetic statement and
      // map its findings back onto the invariant's `actions` list.
      const doc = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: inv.actions, Resource: '*' }],
      };
      for (const d of lintPolicy(doc, { kind: 'identity' })) {
        const m = /^Statement\[0\]\.Action\[(\d+)\]/.exec(d.path ?? '');
        if (!m || d.code.includes('size')) continue;
        // A typo in an invariant makes it vacuously true, so anything doubtful is an error.
        out.push(
          problem(
            ctx,
            'error',
            d.code,
            ['invariants', i, 'actions', Number(m[1])],
            d.message,
            d.hint,
          ),
        );
      }
      if (
        inv.except &&
        inv.principals &&
        JSON.stringify(inv.except) === JSON.stringify(inv.principals)
      ) {
        out.push(
          problem(
            ctx,
            'warning',
            'vacuous-invariant',
            ['invariants', i, 'except'],
            'except equals principals: this invariant restricts no one',
          ),
        );
      }
    });
    return out;
  },
};

/** Invariant validators. */
export const INVARIANT_VALIDATORS = [invariants] as const;
