import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, SourcePosition } from '../../core/diagnostics.js';
import { renderGuardrails } from '../../guardrails/registry.js';
import type { GuardrailContext } from '../../guardrails/types.js';
import { parsePolicyText } from '../../policy/parse.js';
import type { DocPath } from '../load/source-map.js';
import type { BlueprintIndex } from '../model.js';
import type { OrgPolicy } from '../schema/blueprint.js';
import { deployRoleName } from './lockout-principals.js';

/** An organization policy with its document, wherever the document came from. */
export interface ResolvedPolicy {
  policy: OrgPolicy;
  /** Index in `policies`, for locations. */
  index: number;
  /** The document as it will be deployed (undefined when it could not be resolved). */
  document: Record<string, unknown> | undefined;
  /** Where a path inside the document is: the inline YAML, the JSON file, or the guardrail use. */
  locate: (docPath: DocPath) => SourcePosition;
  source: 'inline' | 'file' | 'guardrails' | 'none';
}

/** Inputs that policy resolution needs beyond the blueprint. */
export interface ResolveEnv {
  idx: BlueprintIndex;
  dir: string;
  cwd: string;
  locate: (path: DocPath) => SourcePosition;
}

/** ARN patterns of blueprint roles with a given purpose, in any account. */
export function roleArnPatterns(idx: BlueprintIndex, purposes: readonly string[]): string[] {
  const partition = idx.bp.organization.partition ?? 'aws';
  return idx.bp.identity.roles
    .filter((r) => purposes.includes(r.purpose))
    .map((r) => `arn:${partition}:iam::*:role${r.path}${r.name}`);
}

/** What guardrails may know about this organization. */
export function guardrailContext(idx: BlueprintIndex): GuardrailContext {
  const org = idx.bp.organization;
  const partition = org.partition ?? 'aws';
  // Control Tower provisions and repairs accounts as this role; its own SCPs exempt it.
  const controlTowerRoles =
    org.controlTower.mode !== 'none'
      ? [`arn:${partition}:iam::*:role/AWSControlTowerExecution`]
      : [];
  const accountIds: Record<string, string> = {};
  for (const a of idx.bp.accounts) if (a.accountId) accountIds[a.id] = a.accountId;
  return {
    homeRegion: org.homeRegion,
    governedRegions: org.governedRegions,
    ...(org.organizationId ? { organizationId: org.organizationId } : {}),
    partition,
    securityRoleArnPatterns: roleArnPatterns(idx, ['audit']),
    pipelineRoleArnPatterns: [
      ...roleArnPatterns(idx, ['pipeline']),
      // Service-managed StackSets deploy each account's baseline as this role.
      // Deployments run as the StackSets execution role, or as the role assumed per account.
      ...(idx.bp.deployment.strategy === 'stacksets'
        ? [`arn:${partition}:iam::*:role/stacksets-exec-*`]
        : [...new Set(idx.bp.accounts.map((a) => deployRoleName(idx.bp, a)))].map(
            (name) => `arn:${partition}:iam::*:role/${name}`,
          )),
      ...controlTowerRoles,
      // The account baseline applies settings CloudFormation has no type for (S3 account
      // Block Public Access, EBS encryption, IMDS defaults) through this Lambda role.
      `arn:${partition}:iam::*:role/${idx.bp.deployment.stackPrefix}-baseline-account-gaps-*`,
    ],
    controlTowerRoleArnPatterns: controlTowerRoles,
    breakGlassRoleArnPatterns: roleArnPatterns(idx, ['break-glass']),
    ...(idx.bp.logging?.centralBucket.name
      ? { logArchiveBucket: idx.bp.logging.centralBucket.name }
      : {}),
    accountIds,
  };
}

/**
 * Resolve every policy's document: inline, from its JSON file (with positions in that
 * file), or rendered from guardrails. Problems finding the document are diagnostics.
 */
export function resolvePolicies(env: ResolveEnv): {
  policies: ResolvedPolicy[];
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const gctx = guardrailContext(env.idx);
  const policies = env.idx.bp.policies.map((policy, index): ResolvedPolicy => {
    const base: DocPath = ['policies', index];
    const at = (p: DocPath) => env.locate([...base, ...p]);
    const err = (code: string, path: DocPath, message: string, hint?: string) =>
      diagnostics.push({
        severity: 'error',
        code,
        message,
        at: at(path),
        ...(hint ? { hint } : {}),
      });
    const sources = (['document', 'file', 'guardrails'] as const).filter(
      (k) => policy[k] !== undefined,
    );
    if (sources.length !== 1) {
      err(
        'policy-source',
        sources.length ? [sources[1] ?? 'document'] : [],
        sources.length
          ? `policy '${policy.id}' has ${sources.join(' and ')}; give exactly one`
          : `policy '${policy.id}' has no content: give document, file or guardrails`,
      );
    }
    if (policy.document !== undefined) {
      return {
        policy,
        index,
        document: policy.document,
        locate: (p) => at(['document', ...p]),
        source: 'inline',
      };
    }
    if (policy.file !== undefined) {
      // Relative to the file that names it (an included file may sit in another folder).
      const namedIn = env.locate([...base, 'file']).file;
      const abs = resolve(namedIn ? dirname(resolve(env.cwd, namedIn)) : env.dir, policy.file);
      const display = relative(env.cwd, abs) || abs;
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch {
        err(
          'policy-file',
          ['file'],
          `cannot read policy file '${policy.file}' (resolved to ${display})`,
        );
        return { policy, index, document: undefined, locate: () => at(['file']), source: 'file' };
      }
      const parsed = parsePolicyText(text, display);
      diagnostics.push(...parsed.diagnostics);
      const document = isRecord(parsed.value) ? parsed.value : undefined;
      if (parsed.value !== undefined && !document)
        err('policy-file', ['file'], `${display} does not hold a JSON object`);
      return {
        policy,
        index,
        document,
        locate: (p) => parsed.locate([...p]) ?? at(['file']),
        source: 'file',
      };
    }
    if (policy.guardrails !== undefined) {
      const kind = policy.type === 'scp' || policy.type === 'rcp' ? policy.type : undefined;
      if (!kind)
        err(
          'guardrail-type',
          ['type'],
          `guardrails make SCPs or RCPs, but policy '${policy.id}' is a ${policy.type} policy`,
        );
      const rendered = renderGuardrails(policy.guardrails, gctx, kind ? { policyType: kind } : {});
      for (const d of rendered.diagnostics) {
        const code =
          d.path !== 'id'
            ? 'guardrail-params'
            : d.message.startsWith('unknown')
              ? 'unknown-guardrail'
              : 'guardrail-type';
        err(code, ['guardrails', d.index, ...pathSegments(d.path)], d.message, d.hint);
      }
      return {
        policy,
        index,
        document: { Version: '2012-10-17', Statement: rendered.statements },
        locate: () => at(['guardrails']),
        source: 'guardrails',
      };
    }
    return { policy, index, document: undefined, locate: () => at([]), source: 'none' };
  });
  return { policies, diagnostics };
}

/** `with.allowedRegions[0]` -> ['with', 'allowedRegions', 0]. */
function pathSegments(path: string): (string | number)[] {
  return (path.match(/[^.[\]]+/g) ?? []).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
