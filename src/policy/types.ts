/**
 * Shared types of the policy module: the kinds of policy document orgward lints, the
 * path/position vocabulary diagnostics use, and the normalized statement shape.
 */
import type { SourcePosition } from '../core/diagnostics.js';
import type { Limits } from '../blueprint/limits.js';

/** The policy document types orgward knows the grammar of. */
export type PolicyKind = 'scp' | 'rcp' | 'identity' | 'resource' | 'trust';

/** Every policy kind, in CLI order. */
export const POLICY_KINDS: readonly PolicyKind[] = ['scp', 'rcp', 'identity', 'resource', 'trust'];

/** A path inside a JSON document: object keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/**
 * Maps a path inside the policy to a source position. The JSON parser provides one for
 * policy files; the blueprint loader provides one for documents embedded in YAML.
 */
export type Locate = (path: JsonPath) => SourcePosition | undefined;

/** Options of {@link lintPolicy}. */
export interface LintOptions {
  kind: PolicyKind;
  /** Quotas to check the size against; defaults to DEFAULT_LIMITS. */
  limits?: Limits;
  /** Source positions for diagnostics; without it diagnostics carry only `path`. */
  locate?: Locate;
  /** The original text, so the size is measured as AWS measures it (whitespace included for SCP/RCP). */
  text?: string;
  /**
   * An identity policy embedded in a role (inline) rather than a managed policy: measured
   * against `roleInlinePolicyMaxSize` (the quota for all of a role's inline policies
   * together) instead of `managedPolicyMaxSize`. Ignored for other kinds.
   */
  inline?: boolean;
}

/** The principal block of a statement, with every value as an array. */
export type NormalizedPrincipal = '*' | Readonly<Record<string, readonly string[]>>;

/** One statement with every multi-valued element as an array (see normalizeStatements). */
export interface NormalizedStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: readonly string[];
  notAction?: readonly string[];
  resource?: readonly string[];
  notResource?: readonly string[];
  principal?: NormalizedPrincipal;
  notPrincipal?: NormalizedPrincipal;
  /** operator -> condition key -> values (booleans and numbers as strings). */
  condition: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /**
   * Whether `${...}` policy variables are substituted: true only under Version 2012-10-17;
   * under 2008-10-17 (also the default without a Version) they are literal text (rule B8).
   * Absent means true, for statements built by hand.
   */
  substituteVariables?: boolean;
}
