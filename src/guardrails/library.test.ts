import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../policy/lint.js';
import { normalizeStatements, statementApplies } from '../policy/match.js';
import {
  ACCOUNT,
  APP,
  as,
  CASES,
  CONTROL_TOWER,
  WIDEST,
  type Probe,
} from './__fixtures__/library-cases.js';
import { minifiedSize, toPolicyDocument } from './document.js';
import { exampleContext } from './example-context.js';
import { listGuardrails, renderGuardrails } from './registry.js';
import type { GuardrailContext, Statement } from './types.js';

const ctx = exampleContext();
const LIMIT = { scp: 10_240, rcp: 5_120 } as const;

/**
 * Lint warnings a guardrail's rendered policy may carry, by guardrail id, each with the
 * reason it is acceptable (none today). Anything else the policy linter reports fails the test.
 */
const ALLOWED_LINT_WARNINGS: Readonly<Record<string, readonly { code: string; reason: string }[]>> =
  {};

function render(
  id: string,
  params?: Record<string, unknown>,
  context: GuardrailContext = ctx,
): Statement[] {
  const r = renderGuardrails([{ id, with: params }], context);
  expect(r.diagnostics).toEqual([]);
  return r.statements;
}

/** Does any Deny statement certainly apply to the request? 'unknown' fails the test. */
function denies(statements: Statement[], probe: Probe): boolean {
  const results = normalizeStatements(toPolicyDocument(statements)).map((s) =>
    statementApplies(s, {
      action: probe.action,
      resource: probe.resource ?? '*',
      context: probe.context ?? {},
    }),
  );
  expect(results, `${probe.name}: a statement could not be decided`).not.toContain('unknown');
  return results.includes('yes');
}

function conditionValues(statements: Statement[]): unknown[] {
  return statements.flatMap((s) =>
    Object.values(s.Condition ?? {}).flatMap((b) => Object.values(b)),
  );
}

const guardrails = listGuardrails();

describe('guardrail library', () => {
  it('has a test case for every registered guardrail, and none for unknown ones', () => {
    expect(Object.keys(CASES).sort()).toEqual(guardrails.map((g) => g.id).sort());
  });

  describe.each(guardrails.map((g) => [g.id, g] as const))('%s', (id, g) => {
    const c = CASES[id];
    if (!c) throw new Error(`no case for ${id}`);

    it('renders with defaults into a document within the size limit', () => {
      const statements = render(id);
      expect(statements.length).toBeGreaterThan(0);
      expect(minifiedSize(toPolicyDocument(statements))).toBeLessThanOrEqual(LIMIT[g.policyType]);
    });

    const variants = [
      ['defaults', undefined],
      ['the probe parameters', c.with],
      ['the widest parameters', WIDEST[id]],
    ] as const;

    it.each(variants)('obeys the grammar of its policy type with %s', (_name, params) => {
      const statements = render(id, params);
      for (const s of statements) {
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(s.Effect).toBe('Deny');
        expect(s.Resource).toBeDefined();
        expect((s.Action === undefined) !== (s.NotAction === undefined)).toBe(true);
        if (g.policyType === 'scp') expect(s.Principal).toBeUndefined();
        else expect(s.Principal).toBe('*');
        for (const v of conditionValues([s])) {
          if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
        }
        if (s.Condition) expect(Object.keys(s.Condition).length).toBeGreaterThan(0);
      }
      const found = lintPolicy(toPolicyDocument(statements), { kind: g.policyType });
      const allowed = new Set((ALLOWED_LINT_WARNINGS[id] ?? []).map((w) => w.code));
      const unexpected = found.filter((d) => d.severity === 'error' || !allowed.has(d.code));
      expect(
        unexpected.map((d) => `${d.severity} ${d.code} at ${d.path ?? ''}: ${d.message}`),
      ).toEqual([]);
    });

    it(`rejects a bad parameter, naming ${c.bad[1]}`, () => {
      const r = renderGuardrails([{ id, with: c.bad[0] }], ctx);
      expect(r.statements).toEqual([]);
      expect(r.diagnostics.map((d) => d.path)).toContain(c.bad[1]);
      expect(r.diagnostics[0]?.message).toContain(c.bad[1]);
    });

    it('rejects an unknown parameter', () => {
      const r = renderGuardrails([{ id, with: { bogusParameter: true } }], ctx);
      expect(r.diagnostics).toMatchObject([{ index: 0, path: 'with.bogusParameter' }]);
      expect(r.diagnostics[0]?.message).toContain("unknown parameter 'bogusParameter'");
    });

    it.each(c.probes.map((p) => [p.name, p] as const))('%s', (_name, probe) => {
      expect(denies(render(id, c.with), probe)).toBe(probe.deny);
    });
  });
});

const withExemptions = guardrails.filter((g) =>
  Object.keys((g.params as unknown as { shape: Record<string, unknown> }).shape).includes(
    'exemptPrincipalArns',
  ),
);

describe.each(withExemptions.map((g) => [g.id] as const))('%s exemptions', (id) => {
  const custom = 'arn:aws:iam::*:role/custom-admin';

  it('renders given exemptions as ArnNotLike aws:PrincipalArn, replacing the defaults', () => {
    const statements = render(id, { ...CASES[id]?.with, exemptPrincipalArns: [custom] });
    const exempted = statements.filter((s) => s.Condition?.ArnNotLike?.['aws:PrincipalArn']);
    expect(exempted.length).toBeGreaterThan(0);
    for (const s of exempted) expect(s.Condition?.ArnNotLike?.['aws:PrincipalArn']).toBe(custom);
  });

  it('omits the condition when nobody is exempt (an empty list is invalid)', () => {
    const statements = render(id, { ...CASES[id]?.with, exemptPrincipalArns: [] });
    for (const s of statements)
      expect(s.Condition?.ArnNotLike?.['aws:PrincipalArn']).toBeUndefined();
    for (const v of conditionValues(statements)) expect(v).not.toEqual([]);
  });
});

describe('whole library', () => {
  it('exempts protective guardrails from the context by default', () => {
    const s = render('protect-guardduty');
    expect(s[0]?.Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual([
      ...ctx.securityRoleArnPatterns,
      ...ctx.pipelineRoleArnPatterns,
      ...ctx.breakGlassRoleArnPatterns,
    ]);
  });

  it('renders ARNs in the context partition', () => {
    const r = renderGuardrails([{ id: 'protect-log-archive' }, { id: 'deny-root-user' }], {
      ...ctx,
      partition: 'aws-us-gov',
      pipelineRoleArnPatterns: ['arn:aws-us-gov:iam::*:role/orgward-pipeline'],
      breakGlassRoleArnPatterns: [],
    });
    expect(JSON.stringify(r.statements)).toContain('arn:aws-us-gov:s3:::example-org-log-archive');
    expect(JSON.stringify(r.statements)).toContain('arn:aws-us-gov:iam::*:root');
    expect(JSON.stringify(r.statements)).not.toContain('arn:aws:');
  });
});

/**
 * Control Tower provisions and repairs accounts as AWSControlTowerExecution; a blueprint
 * with Control Tower lists that role among its pipeline roles. Every guardrail that exempts
 * the pipeline must then let it through, and only because the context lists it.
 */
describe('Control Tower execution role as a pipeline role', () => {
  const ctPattern = 'arn:aws:iam::*:role/AWSControlTowerExecution';
  const withCt: GuardrailContext = {
    ...ctx,
    pipelineRoleArnPatterns: [...ctx.pipelineRoleArnPatterns, ctPattern],
  };
  /**
   * The guardrails that exempt the pipeline roles by default (the protective ones), and
   * which of their denied application-role probes the exemption lifts: all, unless listed.
   */
  const PIPELINE_EXEMPT: Readonly<Record<string, readonly string[] | 'all'>> = {
    'protect-cloudtrail': 'all',
    'protect-config': 'all',
    'protect-guardduty': 'all',
    'protect-securityhub': 'all',
    'protect-access-analyzer': 'all',
    'protect-macie': 'all',
    'protect-org-roles': 'all',
    'protect-log-archive': 'all',
    'protect-kms-keys': 'all',
    'protect-s3-block-public-access': 'all',
    'protect-ebs-default-encryption': 'all',
    // Launching without IMDSv2 and using IMDSv1 credentials stay denied to everyone.
    'require-imdsv2': ['change metadata options'],
    'protect-vpc-flow-logs': 'all',
  };

  it('the list is exactly the guardrails whose default exemptions include the pipeline', () => {
    const exempting = guardrails
      .filter((g) => JSON.stringify(render(g.id, CASES[g.id]?.with, withCt)).includes(ctPattern))
      .map((g) => g.id);
    expect(exempting.sort()).toEqual(Object.keys(PIPELINE_EXEMPT).sort());
  });

  /** Each guardrail's denied application-role probes, made by the Control Tower role. */
  const rows = Object.entries(PIPELINE_EXEMPT).flatMap(([id, lifted]) =>
    (CASES[id]?.probes ?? [])
      .filter((p) => p.deny && p.context?.['aws:PrincipalArn'] === APP)
      .filter((p) => lifted === 'all' || lifted.includes(p.name))
      .map((p) => {
        const probe: Probe = { ...p, context: { ...p.context, 'aws:PrincipalArn': CONTROL_TOWER } };
        return [id, p.name, probe] as const;
      }),
  );

  it('has a denied application-role probe for every such guardrail', () => {
    expect(new Set(rows.map(([id]) => id))).toEqual(new Set(Object.keys(PIPELINE_EXEMPT)));
  });

  it.each(rows)('%s: %s is not denied to AWSControlTowerExecution', (id, _name, probe) => {
    expect(denies(render(id, CASES[id]?.with, withCt), probe)).toBe(false);
  });

  it.each(rows)('%s: %s is denied to it when the context does not list it', (id, _name, probe) => {
    expect(denies(render(id, CASES[id]?.with), probe)).toBe(true);
  });

  const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
  const orgRoleProbes: Probe[] = [
    {
      name: 'an application role backdoors AWSControlTowerExecution',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('AWSControlTowerExecution'),
      context: as(APP),
      deny: true,
    },
    {
      name: 'an application role deletes AWSControlTowerExecution',
      action: 'iam:DeleteRole',
      resource: role('AWSControlTowerExecution'),
      context: as(APP),
      deny: true,
    },
    {
      name: 'an application role recreates AWSControlTowerExecution',
      action: 'iam:CreateRole',
      resource: role('AWSControlTowerExecution'),
      context: as(APP),
      deny: true,
    },
    {
      name: 'Control Tower repairs its own role',
      action: 'iam:AttachRolePolicy',
      resource: role('AWSControlTowerExecution'),
      context: as(CONTROL_TOWER),
      deny: false,
    },
    {
      name: 'Control Tower changes OrganizationAccountAccessRole',
      action: 'iam:PutRolePolicy',
      resource: role('OrganizationAccountAccessRole'),
      context: as(CONTROL_TOWER),
      deny: false,
    },
  ];

  it.each(orgRoleProbes.map((p) => [p.name, p] as const))(
    'protect-org-roles: %s',
    (_name, probe) => {
      expect(denies(render('protect-org-roles', undefined, withCt), probe)).toBe(probe.deny);
    },
  );
});
