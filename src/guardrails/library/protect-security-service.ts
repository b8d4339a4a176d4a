import { z } from 'zod';
import { conditions, exemptCondition, statement } from '../conditions.js';
import { exemptPrincipalArnsParam, resolveExemptions } from '../params.js';
import { defineGuardrail, type Guardrail } from '../types.js';
import { SECURITY_SERVICES, type SecurityServiceSpec } from './data/security-services.js';

const EXEMPT_FROM = ['security', 'pipeline', 'breakGlass'] as const;

const params = z.strictObject({ exemptPrincipalArns: exemptPrincipalArnsParam(EXEMPT_FROM) });

/**
 * One guardrail per security service, generated from the data table: they differ only in
 * their action lists and framework mappings, and one id per service keeps each mapping
 * exact (a blueprint that protects GuardDuty only claims the GuardDuty controls).
 */
function protectSecurityService(spec: SecurityServiceSpec): Guardrail<z.output<typeof params>> {
  return defineGuardrail({
    id: `protect-${spec.key}`,
    title: `Protect ${spec.name} from being disabled or altered`,
    description:
      `Denies the ${spec.name} actions that disable, delete, weaken or blind it ` +
      `(${spec.actions.length} actions), except to the security, pipeline and break-glass roles.`,
    policyType: 'scp',
    params,
    frameworks: spec.frameworks,
    statements(p, ctx) {
      return [
        statement({
          Sid: spec.sid,
          Effect: 'Deny',
          Action: [...spec.actions],
          Resource: '*',
          Condition: conditions(
            exemptCondition(resolveExemptions(p.exemptPrincipalArns, ctx, EXEMPT_FROM)),
          ),
        }),
      ];
    },
  });
}

/** The protect-<service> guardrails, in the data table's order. */
export const protectSecurityServices: readonly Guardrail<z.output<typeof params>>[] =
  SECURITY_SERVICES.map(protectSecurityService);
