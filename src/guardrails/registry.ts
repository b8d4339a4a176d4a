/**
 * The guardrail library: every built-in guardrail is registered here, in one place, and
 * `renderGuardrails` turns a blueprint's guardrail uses into validated statements.
 */
import type { z } from 'zod';
import { didYouMean, formatPath } from '../core/diagnostics.js';
import { denyDefaultVpc } from './library/deny-default-vpc.js';
import { denyExternalRamSharing } from './library/deny-external-ram-sharing.js';
import { denyIamUsers } from './library/deny-iam-users.js';
import { denyLeaveOrganization } from './library/deny-leave-organization.js';
import { denyRootUser } from './library/deny-root-user.js';
import { protectEbsDefaultEncryption } from './library/protect-ebs-default-encryption.js';
import { protectKmsKeys } from './library/protect-kms-keys.js';
import { protectLogArchive } from './library/protect-log-archive.js';
import { protectOrgRoles } from './library/protect-org-roles.js';
import { protectS3BlockPublicAccess } from './library/protect-s3-block-public-access.js';
import { protectSecurityServices } from './library/protect-security-service.js';
import { protectVpcFlowLogs } from './library/protect-vpc-flow-logs.js';
import { rcpEnforceTls } from './library/rcp-enforce-tls.js';
import { rcpOrgIdentityPerimeter } from './library/rcp-org-identity-perimeter.js';
import { regionDeny } from './library/region-deny.js';
import { requireImdsv2 } from './library/require-imdsv2.js';
import { requireS3KmsEncryption } from './library/require-s3-kms-encryption.js';
import {
  GuardrailConfigError,
  type Guardrail,
  type GuardrailContext,
  type GuardrailPolicyType,
  type Statement,
} from './types.js';

/** Every built-in guardrail, in the order `guardrails list` and the docs show them. */
const GUARDRAILS: readonly Guardrail[] = [
  denyLeaveOrganization,
  denyRootUser,
  regionDeny,
  ...protectSecurityServices,
  denyIamUsers,
  protectOrgRoles,
  protectLogArchive,
  protectKmsKeys,
  requireS3KmsEncryption,
  protectS3BlockPublicAccess,
  protectEbsDefaultEncryption,
  requireImdsv2,
  protectVpcFlowLogs,
  denyDefaultVpc,
  denyExternalRamSharing,
  rcpOrgIdentityPerimeter,
  rcpEnforceTls,
];

const BY_ID: ReadonlyMap<string, Guardrail> = new Map(GUARDRAILS.map((g) => [g.id, g]));
if (BY_ID.size !== GUARDRAILS.length) throw new Error('duplicate guardrail id in the registry');

/** The guardrail with this id, or undefined. */
export function getGuardrail(id: string): Guardrail | undefined {
  return BY_ID.get(id);
}

/** All built-in guardrails. */
export function listGuardrails(): readonly Guardrail[] {
  return GUARDRAILS;
}

/** One use of a guardrail in a blueprint policy (`{ id, with }`). */
export interface GuardrailUse {
  id: string;
  with?: Record<string, unknown> | undefined;
}

/**
 * A problem with one guardrail use. `index` is the use's position in the `uses` list and
 * `path` is relative to that use (`id`, `with.allowedRegions[0]`), so the blueprint
 * loader can prefix it with `policies[i].guardrails[index]` and find its source line.
 * The message names the guardrail and the path too, so it reads well on its own.
 */
export interface GuardrailDiagnostic {
  index: number;
  path: string;
  message: string;
  hint?: string;
}

/** Statements of all uses combined, with the problems found. */
export interface RenderResult {
  statements: Statement[];
  diagnostics: GuardrailDiagnostic[];
}

/** Options of {@link renderGuardrails}. */
export interface RenderOptions {
  /** The type of the policy the statements go into; a guardrail of another type is an error. */
  policyType?: GuardrailPolicyType;
}

/**
 * Validate the parameters of each use, render the statements and combine them. Sids stay
 * unique (a guardrail used twice gets `Sid2`, `Sid3`...). A use with a problem
 * contributes no statement and one or more diagnostics; the others still render.
 */
export function renderGuardrails(
  uses: readonly GuardrailUse[],
  ctx: GuardrailContext,
  opts: RenderOptions = {},
): RenderResult {
  const statements: Statement[] = [];
  const diagnostics: GuardrailDiagnostic[] = [];
  const sids = new Set<string>();
  uses.forEach((use, index) => {
    const g = BY_ID.get(use.id);
    if (g === undefined) {
      const near = didYouMean(use.id, BY_ID.keys());
      diagnostics.push({
        index,
        path: 'id',
        message: `unknown guardrail '${use.id}'${near ? `; did you mean '${near}'?` : ''}`,
        hint: 'orgward guardrails list shows every guardrail',
      });
      return;
    }
    if (opts.policyType !== undefined && g.policyType !== opts.policyType) {
      diagnostics.push({
        index,
        path: 'id',
        message: `guardrail '${g.id}' generates ${g.policyType.toUpperCase()} statements and cannot go into a ${opts.policyType.toUpperCase()}`,
      });
      return;
    }
    const parsed = g.params.safeParse(use.with ?? {});
    if (!parsed.success) {
      diagnostics.push(...paramDiagnostics(index, g.id, parsed.error));
      return;
    }
    let rendered: Statement[];
    try {
      rendered = g.statements(parsed.data, ctx);
    } catch (e) {
      if (!(e instanceof GuardrailConfigError)) throw e;
      diagnostics.push({
        index,
        path: e.path,
        message: `guardrail '${g.id}': ${e.path}: ${e.message}`,
      });
      return;
    }
    for (const s of rendered) statements.push({ ...s, Sid: uniqueSid(s.Sid, sids) });
  });
  return { statements, diagnostics };
}

function paramDiagnostics(index: number, id: string, error: z.ZodError): GuardrailDiagnostic[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      // Point at the offending key itself when there is one, as an editor would.
      const only = issue.keys.length === 1 ? issue.keys : [];
      const path = formatPath(['with', ...issue.path, ...only]);
      const known = knownParams(id);
      return {
        index,
        path,
        message: `guardrail '${id}': ${path}: ${issue.keys
          .map((k) => {
            const near = didYouMean(k, known);
            return `unknown parameter '${k}'${near ? ` (did you mean '${near}'?)` : ''}`;
          })
          .join('; ')}`,
        hint: known.length > 0 ? `parameters: ${known.join(', ')}` : 'it takes no parameters',
      };
    }
    const path = formatPath(['with', ...issue.path]);
    return { index, path, message: `guardrail '${id}': ${path}: ${issue.message}` };
  });
}

function knownParams(id: string): string[] {
  const g = BY_ID.get(id);
  const shape = g ? (g.params as unknown as { shape?: Record<string, unknown> }).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

function uniqueSid(sid: string, seen: Set<string>): string {
  let candidate = sid;
  for (let n = 2; seen.has(candidate); n++) candidate = `${sid}${n}`;
  seen.add(candidate);
  return candidate;
}
