/**
 * Zod building blocks shared by guardrail parameter schemas, so that every guardrail
 * reports a bad ARN pattern, Region or account id with the same words.
 */
import { z } from 'zod';
import type { GuardrailContext } from './types.js';

/** An ARN or ARN pattern (`*` and `?` allowed) as `ArnLike`/`ArnNotLike` accept it. */
export const ArnPattern = z
  .string()
  .max(2048)
  .regex(/^arn:(\*|aws|aws-cn|aws-us-gov):[^:]*:[^:]*:[^:]*:.+$/, {
    message: "not an ARN pattern such as 'arn:aws:iam::*:role/orgward-pipeline'",
  });

/** A Region name such as `eu-west-1`. */
export const Region = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'not a Region name such as eu-west-1' });

/** A 12-digit AWS account id. */
export const AccountId = z
  .string()
  .regex(/^\d{12}$/, { message: 'an AWS account id is 12 digits' });

/** An AWS Organizations id, `o-` and 10 to 32 lower-case letters or digits. */
export const OrganizationId = z
  .string()
  .regex(/^o-[a-z0-9]{10,32}$/, { message: 'not an organization id such as o-a1b2c3d4e5' });

/** An IAM action or action pattern, `service:Action` (wildcards allowed). */
export const ActionPattern = z
  .string()
  .regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, { message: "not an action such as 'ec2:RunInstances'" });

/** Which context principals a guardrail exempts when `exemptPrincipalArns` is not given. */
export type ExemptionSource = 'security' | 'pipeline' | 'breakGlass' | 'controlTower';

const SOURCE_WORDS: Readonly<Record<ExemptionSource, string>> = {
  security: 'security roles',
  pipeline: 'pipeline roles',
  breakGlass: 'break-glass roles',
  controlTower: 'Control Tower execution role (when Control Tower is used)',
};

/**
 * The `exemptPrincipalArns` parameter. Absent means "the context's roles of these
 * kinds"; a given list replaces those defaults (an explicit `[]` exempts nobody).
 */
export function exemptPrincipalArnsParam(sources: readonly ExemptionSource[]) {
  const from =
    sources.length === 0
      ? 'none'
      : `the blueprint's ${sources.map((s) => SOURCE_WORDS[s]).join(', ')}`;
  return z
    .array(ArnPattern)
    .optional()
    .describe(
      `principal ARN patterns exempt from the deny (ArnNotLike aws:PrincipalArn); default: ${from}`,
    );
}

/** Resolve the exemptions of a guardrail: the parameter, else the context's roles. */
export function resolveExemptions(
  given: readonly string[] | undefined,
  ctx: GuardrailContext,
  sources: readonly ExemptionSource[],
): string[] {
  if (given !== undefined) return unique(given);
  const out: string[] = [];
  for (const s of sources) {
    if (s === 'security') out.push(...ctx.securityRoleArnPatterns);
    else if (s === 'pipeline') out.push(...ctx.pipelineRoleArnPatterns);
    else if (s === 'controlTower') out.push(...(ctx.controlTowerRoleArnPatterns ?? []));
    else out.push(...ctx.breakGlassRoleArnPatterns);
  }
  return unique(out);
}

/** Distinct values in first-seen order (duplicates in conditions only waste quota). */
export function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
