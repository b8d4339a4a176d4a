/**
 * `organization-policies`: every organization policy of the blueprint (SCPs, RCPs, tag,
 * backup, declarative, AI opt-out and chatbot policies) with its attachments, and the
 * detachment of the AWS-managed FullAWSAccess SCP where the blueprint turns it off.
 */
import { ROOT_OU } from '../../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../../blueprint/schema/organization.js';
import type { OrgPolicy } from '../../blueprint/schema/blueprint.js';
import { join, logicalId, sub, type CfnValue } from '../cfn.js';
import { TemplateBuilder, type SynthContext } from '../context.js';
import { FULL_AWS_ACCESS_ID, organizationArn, orgGapsHandler } from '../custom/org-gaps.js';
import { customProvider } from '../custom/provider.js';
import type { StackUnit } from '../types.js';
import { ORG_UNITS, orgGap, orgTags, removal } from './organization-common.js';

/** Build the unit; `after` are the units whose exports it imports (OUs and accounts). */
export function buildPolicies(ctx: SynthContext, after: string[]): StackUnit | undefined {
  const t = new TemplateBuilder(
    ctx,
    'orgward organization: organization policies and their attachments',
    true,
  );
  const ids = new Map<string, string>();
  for (const p of ctx.bp.policies) ids.set(p.id, addPolicy(ctx, t, p));
  addFullAwsAccessDetachments(ctx, t, ids);
  if (!t.resourceCount()) return undefined;
  for (const u of after) t.dependsOn(u);
  return t.stack(
    ORG_UNITS.policies,
    'organization',
    'Organization policies and attachments',
    ctx.management,
    ctx.homeRegion,
  );
}

/** The root, OU and account ids a policy is attached to. */
function targets(t: TemplateBuilder, p: OrgPolicy): CfnValue[] {
  return [
    ...(p.attachTo.root ? [t.rootId()] : []),
    ...(p.attachTo.ous ?? []).map((ou) => t.ouId(ou)),
    ...(p.attachTo.accounts ?? []).map((a) => t.accountId(a)),
  ];
}

function addPolicy(ctx: SynthContext, t: TemplateBuilder, p: OrgPolicy): string {
  const doc = ctx.policyDocument(p.id);
  if (!doc)
    throw new Error(
      `synth: policy ${p.id} has no resolved document (the blueprint loader resolves every policy)`,
    );
  const entity = `policy:${p.id}`;
  const targetIds = targets(t, p);
  return t.add(
    logicalId('Policy', p.id),
    {
      Type: 'AWS::Organizations::Policy',
      Properties: {
        Name: p.name,
        ...(p.description ? { Description: p.description } : {}),
        Type: POLICY_TYPE_API_NAMES[p.type],
        // As an object, not a string: CloudFormation detects drift only on JSON content.
        Content: JSON.parse(JSON.stringify(doc)) as CfnValue,
        ...(targetIds.length ? { TargetIds: targetIds } : {}),
        Tags: orgTags(entity, p.onRemove, undefined),
      },
      // detach-and-delete: CloudFormation detaches the policy from its targets, then
      // deletes it; retain leaves it (and its attachments) in place.
      ...removal(p.onRemove === 'retain'),
    },
    entity,
  );
}

/**
 * FullAWSAccess is AWS-managed, so no CloudFormation resource can own its attachments;
 * a custom resource keeps it detached from each root, OU or account the blueprint says
 * (and re-attaches it when removed). It waits for the blueprint's SCPs on that target,
 * because Organizations refuses to leave a target without any SCP. Only managed OUs and
 * accounts: observed ones are verified, never changed.
 */
function addFullAwsAccessDetachments(
  ctx: SynthContext,
  t: TemplateBuilder,
  ids: ReadonlyMap<string, string>,
): void {
  // Without SCPs enabled nothing is attached, and DetachPolicy would fail.
  if (!ctx.bp.organization.enabledPolicyTypes.includes('scp')) return;
  const org = t.organizationId();
  const nodes: { node: string; target: CfnValue; arn: CfnValue }[] = [];
  if (!ctx.bp.organization.rootFullAwsAccess)
    nodes.push({
      node: ROOT_OU,
      target: t.rootId(),
      arn: organizationArn('root', org, t.rootId()),
    });
  for (const ou of ctx.bp.organizationalUnits)
    if (ou.lifecycle === 'managed' && !ou.fullAwsAccess)
      nodes.push({
        node: ou.id,
        target: t.ouId(ou.id),
        arn: organizationArn('ou', org, t.ouId(ou.id)),
      });
  for (const a of ctx.bp.accounts)
    if (a.lifecycle === 'managed' && !a.fullAwsAccess)
      nodes.push({
        node: a.id,
        target: t.accountId(a.id),
        arn: organizationArn('account', org, t.accountId(a.id)),
      });
  if (!nodes.length) return;
  const token = customProvider(
    t,
    orgGapsHandler('policies', [
      {
        Effect: 'Allow',
        Action: ['organizations:DetachPolicy', 'organizations:AttachPolicy'],
        Resource: [
          sub(
            `arn:\${AWS::Partition}:organizations::aws:policy/service_control_policy/${FULL_AWS_ACCESS_ID}`,
          ),
          ...nodes.map((n) => n.arn),
        ],
        Condition: { StringEquals: { 'organizations:PolicyType': POLICY_TYPE_API_NAMES.scp } },
      },
    ]),
  );
  let prev: string[] = [];
  for (const { node, target } of nodes) {
    const scps = (ctx.idx.attached.get(node) ?? [])
      .filter((p) => p.type === 'scp')
      .map((p) => ids.get(p.id) ?? '');
    prev = [
      orgGap(
        t,
        logicalId('FullAwsAccessOff', node),
        'policyDetachment',
        token,
        {
          PolicyId: FULL_AWS_ACCESS_ID,
          TargetId: target,
          Key: join('|', [FULL_AWS_ACCESS_ID, target]),
        },
        `full-aws-access:${node}`,
        [...scps.filter(Boolean), ...prev],
      ),
    ];
  }
}
