/**
 * The guardrail model: a guardrail is a parameterised generator of organization policy
 * statements (SCP or RCP). Blueprints name guardrails by id and pass parameters; the
 * registry validates the parameters and combines the statements into one document.
 */
import type { z } from 'zod';

/** The organization policy types a guardrail can generate statements for. */
export type GuardrailPolicyType = 'scp' | 'rcp';

/** Condition block of an IAM statement: operator -> key -> value(s). */
export type ConditionBlock = Record<string, Record<string, string | string[]>>;

/**
 * One IAM policy statement as plain JSON. SCP statements never carry a principal; RCP
 * statements always carry `Principal: "*"` (the only principal RCPs accept).
 */
export interface Statement {
  Sid: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource: string | string[];
  Condition?: ConditionBlock;
}

/** A complete policy document as AWS Organizations stores it. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

/** Frameworks a guardrail can be mapped to; ids are the framework's own control ids. */
export type FrameworkId = 'CIS-AWS-v7' | 'AFSBP' | 'NIST-800-53';

/** Framework mappings of one guardrail, as data. */
export type FrameworkMap = Readonly<Partial<Record<FrameworkId, readonly string[]>>>;

/**
 * What a guardrail may know about the organization when it renders. The blueprint fills
 * it from organization settings and from roles by purpose (pipeline, break-glass, audit).
 */
export interface GuardrailContext {
  /** The organization's home Region (where global services and Identity Center live). */
  homeRegion: string;
  /** Regions the organization operates in; region-deny allows these by default. */
  governedRegions: string[];
  /** `o-xxxxxxxxxx`, when known; data-perimeter RCPs need it. */
  organizationId?: string;
  /** ARN partition: `aws`, `aws-cn` or `aws-us-gov`. */
  partition: string;
  /** Principals allowed to manage security services (security-tooling / audit roles). */
  securityRoleArnPatterns: string[];
  /** Principals the deployment pipeline runs as; exempt from most protective guardrails. */
  pipelineRoleArnPatterns: string[];
  /** Emergency-access principals; exempt from every protective guardrail by default. */
  breakGlassRoleArnPatterns: string[];
  /**
   * Control Tower's execution role, when the organization uses Control Tower: it must
   * stay able to provision accounts in the home Region whatever region-deny says.
   */
  controlTowerRoleArnPatterns?: string[];
  /** Name of the central log-archive bucket, when the blueprint declares one. */
  logArchiveBucket?: string;
  /** AWS account ids of the organization's foundational accounts, when known. */
  accountIds?: Readonly<Record<string, string>>;
}

/**
 * A parameterised generator of policy statements.
 *
 * `params` is a zod strict object with defaults: unknown parameters are errors, and
 * `statements` receives the parsed (defaulted) value. `statements` may throw
 * {@link GuardrailConfigError} when the context lacks something it needs.
 */
export interface Guardrail<P = unknown> {
  /** Stable kebab-case id that blueprints use. */
  readonly id: string;
  readonly title: string;
  /** What it denies and why, in a sentence or three. */
  readonly description: string;
  readonly policyType: GuardrailPolicyType;
  readonly params: z.ZodType<P>;
  readonly frameworks: FrameworkMap;
  statements(params: P, ctx: GuardrailContext): Statement[];
}

/** A guardrail cannot render with this context/parameters (e.g. no organization id). */
export class GuardrailConfigError extends Error {
  override readonly name = 'GuardrailConfigError';
  constructor(
    message: string,
    /** The parameter that would fix it, as a path below the use (`with.organizationId`). */
    readonly path: string = 'with',
  ) {
    super(message);
  }
}

/** Identity helper that keeps the parameter type inferred from the zod schema. */
export function defineGuardrail<P>(g: Guardrail<P>): Guardrail<P> {
  return g;
}
