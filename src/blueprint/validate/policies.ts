import type { Diagnostic } from '../../core/diagnostics.js';
import { lintPolicy } from '../../policy/lint.js';
import { ROOT_OU } from '../model.js';
import type { PolicyType } from '../schema/organization.js';
import { problem, type ValidationContext, type Validator } from './context.js';

const IAM_KINDS: Partial<Record<PolicyType, 'scp' | 'rcp'>> = { scp: 'scp', rcp: 'rcp' };

const policyTypesEnabled: Validator = {
  id: 'policy-types-enabled',
  description: 'a policy is only used where its type is enabled in the organization',
  run(ctx) {
    const enabled = new Set(ctx.bp.organization.enabledPolicyTypes);
    const out: Diagnostic[] = [];
    ctx.bp.policies.forEach((p, i) => {
      if (!enabled.has(p.type)) {
        out.push(
          problem(
            ctx,
            'error',
            'policy-type-disabled',
            ['policies', i, 'type'],
            `policy '${p.id}' is a ${p.type} policy, but ${p.type} is not in organization.enabledPolicyTypes`,
            `add '${p.type}' to organization.enabledPolicyTypes`,
          ),
        );
      }
      const a = p.attachTo;
      if (!a.root && !a.ous?.length && !a.accounts?.length) {
        out.push(
          problem(
            ctx,
            'warning',
            'policy-unattached',
            ['policies', i, 'attachTo'],
            `policy '${p.id}' is attached to nothing`,
          ),
        );
      }
      if (p.description.length > ctx.limits.policyDescriptionMaxLength) {
        out.push(
          problem(
            ctx,
            'error',
            'policy-description',
            ['policies', i, 'description'],
            `description is ${p.description.length} characters; AWS allows ${ctx.limits.policyDescriptionMaxLength}`,
          ),
        );
      }
    });
    return out;
  },
};

/** Direct attachments per node (root, OU or account) for one policy type. */
function attachmentsByNode(
  ctx: ValidationContext,
  type: PolicyType,
): Map<string, { policies: string[]; path: (string | number)[] }> {
  const out = new Map<string, { policies: string[]; path: (string | number)[] }>();
  const add = (node: string, policy: string, path: (string | number)[]) => {
    const e = out.get(node) ?? { policies: [], path };
    e.policies.push(policy);
    out.set(node, e);
  };
  ctx.bp.policies.forEach((p, i) => {
    if (p.type !== type) return;
    if (p.attachTo.root) add(ROOT_OU, p.id, ['policies', i, 'attachTo', 'root']);
    p.attachTo.ous?.forEach((o, j) => {
      add(o, p.id, ['policies', i, 'attachTo', 'ous', j]);
    });
    p.attachTo.accounts?.forEach((a, j) => {
      add(a, p.id, ['policies', i, 'attachTo', 'accounts', j]);
    });
  });
  return out;
}

const attachmentLimits: Validator = {
  id: 'attachment-limits',
  description:
    'policies per target (root, OU, account) within limits, counting FullAWSAccess and Control Tower SCPs',
  run(ctx) {
    const out: Diagnostic[] = [];
    const { bp, limits } = ctx;
    const ctScps =
      bp.organization.controlTower.mode === 'none'
        ? 0
        : (bp.organization.controlTower.managedScpsPerTarget ?? 0);
    const keepsFull = (node: string) =>
      node === ROOT_OU
        ? bp.organization.rootFullAwsAccess
        : (ctx.idx.ous.get(node)?.fullAwsAccess ??
          ctx.idx.accounts.get(node)?.fullAwsAccess ??
          true);
    for (const type of new Set(bp.policies.map((p) => p.type))) {
      const limit =
        type === 'scp'
          ? limits.scpsPerTarget
          : type === 'rcp'
            ? limits.rcpsPerTarget
            : limits.managementPoliciesPerTarget;
      for (const [node, { policies, path }] of attachmentsByNode(ctx, type)) {
        const extra: string[] = [];
        let count = policies.length;
        if (type === 'scp' && keepsFull(node)) {
          count += 1;
          extra.push('FullAWSAccess');
        }
        if (type === 'rcp') {
          // RCPFullAWSAccess is attached by AWS to every node and cannot be detached.
          count += 1;
          extra.push('RCPFullAWSAccess');
        }
        if (type === 'scp' && ctScps > 0 && ctx.idx.ous.has(node)) {
          count += ctScps;
          extra.push(`${ctScps} Control Tower SCPs`);
        }
        if (count > limit) {
          out.push(
            problem(
              ctx,
              'error',
              'too-many-policies',
              path,
              `${node === ROOT_OU ? 'the root' : `'${node}'`} would have ${count} ${type.toUpperCase()} attachments (${[...policies, ...extra].join(', ')}); AWS allows ${limit}`,
              'merge policies, or use guardrails to combine statements into one policy',
            ),
          );
        }
      }
    }
    return out;
  },
};

const policyDocuments: Validator = {
  id: 'policy-documents',
  description: 'every policy document passes the policy linter for its type, size as deployed',
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const rp of ctx.policies) {
      if (!rp.document) continue;
      const kind = IAM_KINDS[rp.policy.type];
      // orgward deploys documents minified, so that is the size AWS stores and counts.
      const text = JSON.stringify(rp.document);
      if (kind) {
        const limit = kind === 'scp' ? ctx.limits.scpMaxSize : ctx.limits.rcpMaxSize;
        for (const d of lintPolicy(rp.document, {
          kind,
          limits: ctx.limits,
          locate: (p) => rp.locate(p),
          text,
        })) {
          out.push(
            d.code === 'policy-size'
              ? {
                  ...d,
                  message: `policy '${rp.policy.id}' is ${text.length} characters as deployed (minified); the ${kind.toUpperCase()} limit is ${limit}`,
                  hint: 'split its statements over several policies, or merge actions with wildcards',
                }
              : { ...d, message: `policy '${rp.policy.id}': ${d.message}` },
          );
        }
      } else {
        const max =
          rp.policy.type === 'ai-opt-out'
            ? ctx.limits.aiOptOutPolicyMaxSize
            : ctx.limits.managementPolicyMaxSize;
        if (text.length > max) {
          out.push(
            problem(
              ctx,
              'error',
              'policy-size',
              ['policies', rp.index],
              `policy '${rp.policy.id}' is ${text.length} characters; AWS allows ${max} for ${rp.policy.type} policies`,
            ),
          );
        }
      }
    }
    return out;
  },
};

/** Policy validators, in the order they run. */
export const POLICY_VALIDATORS = [policyTypesEnabled, attachmentLimits, policyDocuments] as const;
