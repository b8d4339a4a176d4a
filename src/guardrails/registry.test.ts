import { describe, expect, it } from 'vitest';
import { exampleContext } from './example-context.js';
import { getGuardrail, listGuardrails, renderGuardrails, type GuardrailUse } from './registry.js';

const ctx = exampleContext();

describe('registry', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    const ids = listGuardrails().map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of listGuardrails()) {
      expect(g.id).toMatch(/^[a-z][a-z0-9-]{1,62}$/);
      expect(g.title.length).toBeGreaterThan(0);
      expect(g.description.length).toBeGreaterThan(20);
      expect(getGuardrail(g.id)).toBe(g);
    }
  });

  it('has every required guardrail', () => {
    for (const id of [
      'deny-leave-organization',
      'deny-root-user',
      'region-deny',
      'protect-cloudtrail',
      'protect-config',
      'protect-guardduty',
      'protect-securityhub',
      'protect-access-analyzer',
      'protect-macie',
      'deny-iam-users',
      'protect-log-archive',
      'protect-kms-keys',
      'require-s3-kms-encryption',
      'protect-s3-block-public-access',
      'protect-ebs-default-encryption',
      'require-imdsv2',
      'protect-org-roles',
      'rcp-org-identity-perimeter',
      'rcp-enforce-tls',
    ]) {
      expect(getGuardrail(id), id).toBeDefined();
    }
  });

  it('maps frameworks with well-formed control ids', () => {
    const shapes: Record<string, RegExp> = {
      'CIS-AWS-v7': /^\d+(\.\d+){1,2}$/,
      AFSBP: /^[A-Za-z0-9]+\.\d+$/,
      'NIST-800-53': /^[A-Z]{2}-\d+(\(\d+\))?$/,
    };
    for (const g of listGuardrails()) {
      for (const [fw, ids] of Object.entries(g.frameworks)) {
        for (const id of ids) expect(id, `${g.id} ${fw}`).toMatch(shapes[fw] ?? /^$/);
      }
    }
  });
});

interface DiagCase {
  name: string;
  uses: GuardrailUse[];
  opts?: { policyType: 'scp' | 'rcp' };
  /** Context changes: a key set to null is removed from the context. */
  ctx?: Record<string, unknown>;
  want: { index: number; path: string; message: RegExp; hint?: RegExp }[];
  statements: number;
}

const DIAG_CASES: DiagCase[] = [
  {
    name: 'unknown id with a suggestion',
    uses: [{ id: 'deny-leave-organisation' }],
    want: [{ index: 0, path: 'id', message: /did you mean 'deny-leave-organization'/ }],
    statements: 0,
  },
  {
    name: 'unknown id without a suggestion',
    uses: [{ id: 'qqqqqqqq' }],
    want: [{ index: 0, path: 'id', message: /^unknown guardrail 'qqqqqqqq'$/ }],
    statements: 0,
  },
  {
    name: 'misspelt parameter with a suggestion',
    uses: [{ id: 'deny-leave-organization' }, { id: 'region-deny', with: { allowedRegion: [] } }],
    want: [
      {
        index: 1,
        path: 'with.allowedRegion',
        message: /unknown parameter 'allowedRegion' \(did you mean 'allowedRegions'\?\)/,
        hint: /allowedRegions, additionalGlobalActions, bedrockInferenceProfileArns, exemptPrincipalArns/,
      },
    ],
    statements: 1,
  },
  {
    name: 'bad array element',
    uses: [{ id: 'region-deny', with: { allowedRegions: ['eu-west-1', 'EU'] } }],
    want: [
      {
        index: 0,
        path: 'with.allowedRegions[1]',
        message: /with\.allowedRegions\[1\]: not a Region/,
      },
    ],
    statements: 0,
  },
  {
    name: 'wrong type',
    uses: [{ id: 'require-imdsv2', with: { maxHopLimit: 'two' } }],
    want: [
      { index: 0, path: 'with.maxHopLimit', message: /'require-imdsv2': with\.maxHopLimit: / },
    ],
    statements: 0,
  },
  {
    name: 'RCP guardrail in an SCP',
    uses: [{ id: 'rcp-enforce-tls' }],
    opts: { policyType: 'scp' },
    want: [{ index: 0, path: 'id', message: /generates RCP statements and cannot go into a SCP/ }],
    statements: 0,
  },
  {
    name: 'organization id unknown',
    uses: [{ id: 'rcp-org-identity-perimeter' }],
    ctx: { organizationId: null },
    want: [{ index: 0, path: 'with.organizationId', message: /organization id is unknown/ }],
    statements: 0,
  },
  {
    name: 'no log-archive bucket',
    uses: [{ id: 'protect-log-archive' }],
    ctx: { logArchiveBucket: null },
    want: [{ index: 0, path: 'with.bucketNames', message: /no bucket to protect/ }],
    statements: 0,
  },
  {
    name: 'no Region to allow',
    uses: [{ id: 'region-deny' }],
    ctx: { governedRegions: [] },
    want: [{ index: 0, path: 'with.allowedRegions', message: /no Region to allow/ }],
    statements: 0,
  },
];

describe('renderGuardrails diagnostics', () => {
  it.each(DIAG_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const entries = Object.entries<unknown>({ ...ctx, ...c.ctx }).filter(([, v]) => v !== null);
    const context = Object.fromEntries(entries) as unknown as typeof ctx;
    const r = renderGuardrails(c.uses, context, c.opts ?? {});
    expect(r.diagnostics).toHaveLength(c.want.length);
    c.want.forEach((w, i) => {
      const d = r.diagnostics[i];
      expect(d?.index).toBe(w.index);
      expect(d?.path).toBe(w.path);
      expect(d?.message).toMatch(w.message);
      if (w.hint) expect(d?.hint).toMatch(w.hint);
    });
    expect(r.statements).toHaveLength(c.statements);
  });
});

describe('renderGuardrails combination', () => {
  it('keeps Sids unique when a guardrail is used twice', () => {
    const r = renderGuardrails(
      [
        { id: 'protect-kms-keys', with: { keyArns: ['arn:aws:kms:*:*:key/a'] } },
        { id: 'protect-kms-keys', with: { keyArns: ['arn:aws:kms:*:*:key/b'] } },
        { id: 'protect-kms-keys', with: { keyArns: ['arn:aws:kms:*:*:key/c'] } },
      ],
      ctx,
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.statements.map((s) => s.Sid)).toEqual([
      'ProtectKmsKeys',
      'ProtectKmsKeys2',
      'ProtectKmsKeys3',
    ]);
  });

  it('combines statements in use order', () => {
    const r = renderGuardrails(
      [{ id: 'deny-leave-organization' }, { id: 'deny-default-vpc' }],
      ctx,
      { policyType: 'scp' },
    );
    expect(r.statements.map((s) => s.Sid)).toEqual(['DenyLeaveOrganization', 'DenyDefaultVpc']);
  });

  it('does not let a guardrail change the parameters object it was given', () => {
    const params = { allowedRegions: ['eu-west-1'] };
    const copy = structuredClone(params);
    renderGuardrails([{ id: 'region-deny', with: params }], ctx);
    expect(params).toEqual(copy);
  });
});
