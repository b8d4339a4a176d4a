/**
 * cdk-nag suppressions for the IAM findings it reports one by one ("granular" findings:
 * `AwsSolutions-IAM5[Resource::<flattened ARN>]`, `AwsSolutions-IAM4[Policy::<ARN>]`).
 * Each is acknowledged by its exact id, so a suppression never covers a wildcard that
 * was not reviewed: the ids are derived from the very statements they excuse.
 */
import type { CfnValue, NagSuppression } from '../cfn.js';

/** cdk-nag's flattening of a CloudFormation value (`${X}` and `Ref: X` become `<X>`). */
export function nagFlatten(v: CfnValue): string {
  if (typeof v === 'string') return v.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v);
  const join = v['Fn::Join'];
  if (Array.isArray(join)) {
    const [sep, items] = join as [string, CfnValue[]];
    return items.map(nagFlatten).join(sep);
  }
  const subValue = v['Fn::Sub'];
  if (subValue !== undefined)
    return nagFlatten(Array.isArray(subValue) ? (subValue[0] ?? '') : subValue);
  const getAtt = v['Fn::GetAtt'];
  if (Array.isArray(getAtt))
    return `<${nagFlatten(getAtt[0] ?? '')}.${nagFlatten(getAtt[1] ?? '')}>`;
  const imported = v['Fn::ImportValue'];
  if (imported !== undefined) return nagFlatten(imported);
  const r = v.Ref;
  if (r !== undefined) return `<${nagFlatten(r)}>`;
  return JSON.stringify(v);
}

const list = (v: CfnValue | undefined): CfnValue[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

/** IAM5 suppressions for every wildcard action and resource of the Allow statements. */
export function wildcardSuppressions(
  statements: readonly Record<string, CfnValue>[],
  reason: string,
): NagSuppression[] {
  const ids = new Set<string>();
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    for (const a of list(s.Action))
      if (typeof a === 'string' && a.includes('*')) ids.add(`AwsSolutions-IAM5[Action::${a}]`);
    for (const r of list(s.Resource)) {
      const flat = nagFlatten(r);
      if (flat.includes('*')) ids.add(`AwsSolutions-IAM5[Resource::${flat}]`);
    }
  }
  return [...ids].map((id) => ({ id, reason }));
}

/** The IAM4 suppression for one AWS managed policy. */
export function managedPolicySuppression(arn: CfnValue, reason: string): NagSuppression {
  return { id: `AwsSolutions-IAM4[Policy::${nagFlatten(arn)}]`, reason };
}
