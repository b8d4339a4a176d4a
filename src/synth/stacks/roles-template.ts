/**
 * The template of one IAM role (the same body for its StackSet and for the management
 * account's plain stack): AWS::IAM::Role with the trust policy from `trust.ts`, managed
 * and inline policies, permissions boundary and the orgward entity tag.
 */
import type { Role } from '../../blueprint/schema/blueprint.js';
import { InputError } from '../../core/errors.js';
import { cfnTags, nagMetadata, sub, type CfnValue, type NagSuppression } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import { trustPolicy } from '../trust.js';

/** Logical id of the role in every role template. */
export const ROLE_LOGICAL_ID = 'Role';

/** What a role template adds beyond the blueprint role (the audit role's collector policies). */
export interface RoleExtras {
  /** Entity refs the unit deploys (default `role:<id>`). */
  entities: string[];
  /** Tag value of `orgward:entity` (default `role:<id>`). */
  entityTag?: string;
  /** Adds resources and returns extra ManagedPolicyArns for the role. */
  addPolicies?: (t: TemplateBuilder, roleLogicalId: string) => CfnValue[];
  /** Why each AWS managed policy of this role is acceptable (IAM4), if the default won't do. */
  managedPolicyReason?: string;
}

/**
 * A managed policy ARN as CloudFormation needs it: the blueprint's `${AccountId}`
 * placeholder becomes the deploying account (`Fn::Sub` with `${AWS::AccountId}`).
 */
export function managedPolicyArn(arn: string): CfnValue {
  return arn.includes('${AccountId}')
    ? sub(arn.replaceAll('${AccountId}', '${AWS::AccountId}'))
    : arn;
}

/** Whether an ARN is an AWS managed policy (cdk-nag IAM4 flags these). */
export function isAwsManaged(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

/** Build the template of a role. */
export function roleTemplate(ctx: SynthContext, role: Role, extras: RoleExtras): TemplateBuilder {
  const t = new TemplateBuilder(ctx, `orgward: IAM role ${role.name} (${role.purpose})`);
  const trust = trustPolicy(ctx, role, t);
  const managed = role.managedPolicies ?? [];
  const extra = extras.addPolicies?.(t, ROLE_LOGICAL_ID) ?? [];
  const arns = [...managed.map(managedPolicyArn), ...extra];
  if (arns.length > ctx.limits.managedPoliciesPerRole)
    throw new InputError(
      `role ${role.id}: ${String(arns.length)} managed policies, over the limit of ${String(ctx.limits.managedPoliciesPerRole)} per role (limits.managedPoliciesPerRole)`,
    );
  const inline = role.inlinePolicies ?? [];
  const suppress: NagSuppression[] = managed.filter(isAwsManaged).map((arn) => ({
    id: `AwsSolutions-IAM4[Policy::${arn}]`,
    reason:
      extras.managedPolicyReason ??
      `AWS managed ${policyName(arn)} is attached because blueprint role ${role.id} asks for it; AWS keeps it current as services add actions, and the blueprint review owns that choice`,
  }));
  for (const p of inline)
    for (const finding of wildcardFindings(p.document))
      suppress.push({
        id: `AwsSolutions-IAM5${finding}`,
        reason: `the wildcard comes from inline policy ${p.name} of blueprint role ${role.id}, which orgward validate lints (grammar, catalog, lockout) before synth`,
      });
  t.add(ROLE_LOGICAL_ID, {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: role.name,
      Path: role.path,
      ...(role.description !== undefined ? { Description: role.description } : {}),
      MaxSessionDuration: role.maxSessionDuration,
      AssumeRolePolicyDocument: trust.document,
      ...(arns.length ? { ManagedPolicyArns: arns } : {}),
      ...(inline.length
        ? {
            Policies: inline.map((p) => ({
              PolicyName: p.name,
              PolicyDocument: asCfn(p.document),
            })),
          }
        : {}),
      ...(role.permissionsBoundary !== undefined
        ? { PermissionsBoundary: managedPolicyArn(role.permissionsBoundary) }
        : {}),
      Tags: cfnTags({ 'orgward:entity': extras.entityTag ?? `role:${role.id}` }),
    },
    ...(suppress.length ? { Metadata: nagMetadata(...suppress) } : {}),
  });
  for (const e of extras.entities) t.entity(e);
  return t;
}

function policyName(arn: string): string {
  return arn.slice(arn.indexOf(':policy/') + ':policy/'.length);
}

/**
 * The cdk-nag IAM5 findings of a policy document, named as cdk-nag names them
 * (`[Action::x]`, `[Resource::y]`, or no suffix for a statement it cannot read), so each
 * suppression names exactly what it excuses.
 */
export function wildcardFindings(doc: Record<string, unknown>): string[] {
  const statements: unknown[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const out = new Set<string>();
  for (const s of statements) {
    if (!s || typeof s !== 'object') continue;
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow') continue;
    if (st.Action === undefined || st.Resource === undefined) out.add('');
    for (const a of [st.Action ?? []].flat())
      if (typeof a === 'string' && a.includes('*')) out.add(`[Action::${a}]`);
    for (const r of [st.Resource ?? []].flat()) {
      // cdk-nag shows Fn::Sub-style `${x}` as `<x>` in finding ids.
      const flat = typeof r === 'string' ? r.replace(/\$\{/g, '<').replace(/\}/g, '>') : '';
      if (flat.includes('*')) out.add(`[Resource::${flat}]`);
    }
  }
  return [...out];
}

/** A blueprint JSON value (already validated) as a template value. */
function asCfn(value: Record<string, unknown>): CfnValue {
  return JSON.parse(JSON.stringify(value)) as CfnValue;
}
