/**
 * CloudFormation templates as typed plain objects, the intrinsic functions we use, and
 * the one serialization and hash every template goes through (so `synth` is
 * byte-for-byte deterministic and the plan can compare hashes).
 */
import { createHash } from 'node:crypto';

/** Any value a template may hold. */
export type CfnValue = string | number | boolean | CfnValue[] | { [key: string]: CfnValue };

/** Deletion and replacement policies CloudFormation accepts. */
export type CfnDeletionPolicy = 'Delete' | 'Retain' | 'RetainExceptOnCreate' | 'Snapshot';

/** One resource. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  DependsOn?: string[];
  Condition?: string;
  DeletionPolicy?: CfnDeletionPolicy;
  UpdateReplacePolicy?: CfnDeletionPolicy;
  Metadata?: Record<string, CfnValue>;
}

/** One template parameter. */
export interface CfnParameter {
  Type: 'String' | 'Number' | 'CommaDelimitedList';
  Description: string;
  Default?: string;
  AllowedPattern?: string;
}

/** One output. */
export interface CfnOutput {
  Description?: string;
  Value: CfnValue;
  Export?: { Name: CfnValue };
}

/** A whole template. */
export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters?: Record<string, CfnParameter>;
  Conditions?: Record<string, CfnValue>;
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, CfnOutput>;
}

/** `{ "Ref": name }`: a parameter, a resource's primary id, or a pseudo parameter. */
export const ref = (name: string): CfnValue => ({ Ref: name });
/** `Fn::GetAtt`. */
export const getAtt = (resource: string, attribute: string): CfnValue => ({
  'Fn::GetAtt': [resource, attribute],
});
/** `Fn::Sub` with `${AWS::Partition}`-style references. */
export const sub = (text: string, vars?: Record<string, CfnValue>): CfnValue =>
  vars ? { 'Fn::Sub': [text, vars] } : { 'Fn::Sub': text };
/** `Fn::Join`. */
export const join = (sep: string, parts: CfnValue[]): CfnValue => ({ 'Fn::Join': [sep, parts] });
/** `Fn::If`. */
export const ifThen = (condition: string, a: CfnValue, b: CfnValue): CfnValue => ({
  'Fn::If': [condition, a, b],
});
/** `Fn::Equals`. */
export const equals = (a: CfnValue, b: CfnValue): CfnValue => ({ 'Fn::Equals': [a, b] });
/** `Fn::ImportValue`. */
export const importValue = (name: string): CfnValue => ({ 'Fn::ImportValue': name });
/** `AWS::NoValue`: drops a property under a condition. */
export const NO_VALUE: CfnValue = { Ref: 'AWS::NoValue' };

/** Tags as CloudFormation's `[{Key, Value}]` list, sorted by key. */
export function cfnTags(tags: Readonly<Record<string, string>> | undefined): CfnValue[] {
  return Object.keys(tags ?? {})
    .sort()
    .map((k) => ({ Key: k, Value: tags?.[k] ?? '' }));
}

/**
 * A logical id from blueprint ids: alphanumeric PascalCase (CloudFormation allows only
 * A-Za-z0-9), e.g. `('Ou', 'workloads-prod')` -> `OuWorkloadsProd`.
 */
export function logicalId(...parts: string[]): string {
  const id = parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return id.slice(0, 255);
}

/** One justified cdk-nag suppression (AwsSolutions pack rule id, and why it does not apply). */
export interface NagSuppression {
  id: string;
  reason: string;
}

/**
 * Resource metadata carrying cdk-nag suppressions in the v2 format
 * (`cdk_nag.rules_to_suppress`), so the reason travels with the template and reviewers
 * see it; the template tests acknowledge exactly these.
 */
export function nagMetadata(...rules: NagSuppression[]): Record<string, CfnValue> {
  return {
    cdk_nag: { rules_to_suppress: rules.map((r) => ({ id: r.id, reason: r.reason })) },
  };
}

/** Serialize a template the one way synth writes it (2-space JSON, trailing newline). */
export function serializeTemplate(t: CfnTemplate): string {
  return JSON.stringify(t, null, 2) + '\n';
}

/** Content hash (sha256, first 16 hex digits) of any JSON-able value, in canonical key order. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every level, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as Record<string, unknown>)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
