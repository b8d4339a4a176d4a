import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { validFixture } from '../../test/helpers/blueprint.js';
import { contextOf, loadSynthInput } from '../../test/helpers/synth.js';
import { InputError } from '../core/errors.js';
import { lintPolicy } from '../policy/lint.js';
import type { SynthContext } from './context.js';
import {
  measureIds,
  resolveForMeasure,
  SAML_SIGNIN_URL,
  trustPolicy,
  type TrustSpec,
} from './trust.js';

const ORG = 'o-abcdefghij';
const ID = {
  management: '111111111111',
  security: '222222222222',
  'log-archive': '333333333333',
  'prod-app': '444444444444',
} as const;

type Stmt = {
  Sid: string;
  Principal: Record<string, unknown>;
  Action: string;
  Condition?: Record<string, Record<string, unknown>>;
};

/** The valid fixture with known account ids and organization id, plus `wide` accounts. */
function blueprint(wide = 0, roles: object[] = []): Record<string, unknown> {
  const bp = validFixture();
  (bp.organization as Record<string, unknown>).organizationId = ORG;
  const accounts = bp.accounts as Record<string, unknown>[];
  for (const a of accounts) a.accountId = ID[a.id as keyof typeof ID];
  for (let i = 0; i < wide; i++)
    accounts.push({
      id: `app-${String(i)}`,
      name: `App ${String(i)}`,
      email: `aws-app-${String(i)}@example.com`,
      ou: 'prod',
      role: 'workload',
      accountId: String(500000000000 + i),
    });
  (bp.identity as { roles: object[] }).roles.push(...roles);
  return bp;
}

const spec = (over: Partial<TrustSpec>): TrustSpec => ({
  id: 'test',
  trust: [],
  requireMfa: false,
  requireOrganization: true,
  ...over,
});

const statements = (doc: Record<string, unknown>) => doc.Statement as Stmt[];

let ctx: SynthContext;
let wideCtx: SynthContext;
beforeAll(async () => {
  ctx = contextOf(await loadSynthInput(blueprint()));
  const wideRole = {
    id: 'wide',
    name: 'wide-runner',
    path: '/ci/',
    targets: { all: true },
    trust: [{ account: 'security' }],
  };
  wideCtx = contextOf(await loadSynthInput(blueprint(60, [wideRole])));
});

describe('trust statements per entry kind', () => {
  const cases: {
    name: string;
    spec: Partial<TrustSpec>;
    sid: string;
    principal: Record<string, unknown>;
    action: string;
    condition: Record<string, Record<string, unknown>> | undefined;
  }[] = [
    {
      name: 'account: its root, inside the organization',
      spec: { trust: [{ account: 'security' }] },
      sid: 'TrustAccounts',
      principal: { AWS: 'arn:aws:iam::222222222222:root' },
      action: 'sts:AssumeRole',
      condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    },
    {
      name: 'account + roleName: root principal narrowed by aws:PrincipalArn',
      spec: { trust: [{ account: 'security', roleName: 'collector' }] },
      sid: 'TrustAccountRoles',
      principal: { AWS: 'arn:aws:iam::222222222222:root' },
      action: 'sts:AssumeRole',
      condition: {
        ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::222222222222:role/collector' },
        StringEquals: { 'aws:PrincipalOrgID': ORG },
      },
    },
    {
      name: 'role: every account it is deployed to, by PrincipalArn',
      spec: { trust: [{ role: 'pipeline' }] },
      sid: 'TrustRoles',
      principal: {
        AWS: [
          'arn:aws:iam::222222222222:root',
          'arn:aws:iam::333333333333:root',
          'arn:aws:iam::444444444444:root',
        ],
      },
      action: 'sts:AssumeRole',
      condition: {
        ArnEquals: {
          'aws:PrincipalArn': [
            'arn:aws:iam::222222222222:role/orgward-pipeline',
            'arn:aws:iam::333333333333:role/orgward-pipeline',
            'arn:aws:iam::444444444444:role/orgward-pipeline',
          ],
        },
        StringEquals: { 'aws:PrincipalOrgID': ORG },
      },
    },
    {
      name: 'external accountId: never the organization condition',
      spec: { trust: [{ accountId: '999988887777' }], externalId: 'vendor-x' },
      sid: 'TrustExternalAccounts',
      principal: { AWS: 'arn:aws:iam::999988887777:root' },
      action: 'sts:AssumeRole',
      condition: { StringEquals: { 'sts:ExternalId': 'vendor-x' } },
    },
    {
      name: 'service: confused deputy guard on the source organization',
      spec: { trust: [{ service: 'config.amazonaws.com' }] },
      sid: 'TrustServices',
      principal: { Service: 'config.amazonaws.com' },
      action: 'sts:AssumeRole',
      condition: { StringEqualsIfExists: { 'aws:SourceOrgID': ORG } },
    },
    {
      name: 'service without requireOrganization: the source account',
      spec: { trust: [{ service: 'config.amazonaws.com' }], requireOrganization: false },
      sid: 'TrustServices',
      principal: { Service: 'config.amazonaws.com' },
      action: 'sts:AssumeRole',
      condition: { StringEqualsIfExists: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    },
    {
      name: 'samlProvider: AssumeRoleWithSAML for the sign-in audience',
      spec: { trust: [{ samlProvider: 'okta' }] },
      sid: 'TrustSaml',
      principal: { Federated: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:saml-provider/okta' } },
      action: 'sts:AssumeRoleWithSAML',
      condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
    {
      name: 'oidc: audience StringEquals, subjects StringLike',
      spec: {
        trust: [
          {
            oidc: {
              provider: 'token.actions.githubusercontent.com',
              audience: 'sts.amazonaws.com',
              subjects: ['repo:o/r:ref:refs/heads/main', 'repo:o/r:environment:*'],
            },
          },
        ],
      },
      sid: 'TrustOidc1',
      principal: {
        Federated: {
          'Fn::Sub':
            'arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com',
        },
      },
      action: 'sts:AssumeRoleWithWebIdentity',
      condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
        StringLike: {
          'token.actions.githubusercontent.com:sub': [
            'repo:o/r:ref:refs/heads/main',
            'repo:o/r:environment:*',
          ],
        },
      },
    },
    {
      name: 'requireMfa and externalId apply to AWS principals',
      spec: { trust: [{ account: 'management' }], requireMfa: true, externalId: 'abc123' },
      sid: 'TrustAccounts',
      principal: { AWS: 'arn:aws:iam::111111111111:root' },
      action: 'sts:AssumeRole',
      condition: {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        StringEquals: { 'sts:ExternalId': 'abc123', 'aws:PrincipalOrgID': ORG },
      },
    },
    {
      name: 'requireMfa does not apply to federated principals',
      spec: { trust: [{ samlProvider: 'okta' }], requireMfa: true },
      sid: 'TrustSaml',
      principal: { Federated: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:saml-provider/okta' } },
      action: 'sts:AssumeRoleWithSAML',
      condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
    },
    {
      name: 'requireOrganization false: no org condition on an org account',
      spec: { trust: [{ account: 'security' }], requireOrganization: false },
      sid: 'TrustAccounts',
      principal: { AWS: 'arn:aws:iam::222222222222:root' },
      action: 'sts:AssumeRole',
      condition: undefined,
    },
  ];

  it.each(cases)('$name', (c) => {
    const { document, byName } = trustPolicy(ctx, spec(c.spec), measureIds(ctx));
    expect(byName).toBe(false);
    const [s, ...rest] = statements(document);
    expect(rest).toEqual([]);
    expect(s?.Sid).toBe(c.sid);
    expect(s?.Principal).toEqual(c.principal);
    expect(s?.Action).toBe(c.action);
    expect(s?.Condition).toEqual(c.condition);
  });

  it('groups entries: one statement per kind, in a fixed order', () => {
    const { document } = trustPolicy(
      ctx,
      spec({
        trust: [
          { service: 'lambda.amazonaws.com' },
          { account: 'security' },
          { accountId: '999988887777' },
          { account: 'log-archive' },
          { service: 'ec2.amazonaws.com' },
        ],
      }),
      measureIds(ctx),
    );
    const list = statements(document);
    expect(list.map((s) => s.Sid)).toEqual([
      'TrustAccounts',
      'TrustExternalAccounts',
      'TrustServices',
    ]);
    expect(list[0]?.Principal.AWS).toEqual([
      'arn:aws:iam::222222222222:root',
      'arn:aws:iam::333333333333:root',
    ]);
    expect(list[2]?.Principal.Service).toEqual(['lambda.amazonaws.com', 'ec2.amazonaws.com']);
  });

  it('uses the partition of the organization', async () => {
    const bp = blueprint();
    Object.assign(bp.organization as object, {
      partition: 'aws-us-gov',
      homeRegion: 'us-gov-west-1',
      governedRegions: ['us-gov-west-1'],
    });
    const gov = contextOf(await loadSynthInput(bp));
    const { document } = trustPolicy(
      gov,
      spec({ trust: [{ account: 'security' }, { samlProvider: 'adfs' }] }),
      measureIds(gov),
    );
    const [acct, saml] = statements(document);
    expect(acct?.Principal.AWS).toBe('arn:aws-us-gov:iam::222222222222:root');
    expect(saml?.Condition?.StringEquals?.['SAML:aud']).toBe(SAML_SIGNIN_URL['aws-us-gov']);
  });

  it('takes unknown account ids from the ids source, as Fn::Sub', async () => {
    const bp = validFixture();
    const unknown = contextOf(await loadSynthInput(bp));
    const ids = { accountId: (a: string) => ({ Ref: `Id${a}` }), organizationId: () => 'o-x' };
    const { document } = trustPolicy(unknown, spec({ trust: [{ account: 'security' }] }), ids);
    expect(statements(document)[0]?.Principal.AWS).toEqual({
      'Fn::Sub': ['arn:aws:iam::${Account}:root', { Account: { Ref: 'Idsecurity' } }],
    });
    // User text inside Fn::Sub stays literal.
    const named = trustPolicy(
      unknown,
      spec({ trust: [{ account: 'security', roleName: 'odd-${x}' }] }),
      ids,
    );
    expect(statements(named.document)[0]?.Condition?.ArnEquals).toEqual({
      'aws:PrincipalArn': {
        'Fn::Sub': ['arn:aws:iam::${Account}:role/odd-${!x}', { Account: { Ref: 'Idsecurity' } }],
      },
    });
  });
});

describe('size fallback', () => {
  it('names every account while the explicit list fits, and only then', () => {
    // `pipeline` targets every member account: 3 in the fixture, 63 with the wide accounts.
    const few = trustPolicy(ctx, spec({ trust: [{ role: 'pipeline' }] }), measureIds(ctx));
    expect(few.byName).toBe(false);
    expect(few.size).toBeLessThanOrEqual(ctx.limits.trustPolicyMaxSize);
    const many = trustPolicy(wideCtx, spec({ trust: [{ role: 'pipeline' }] }), measureIds(wideCtx));
    expect(many.byName).toBe(true);
  });

  it('falls back to the role name pattern with the org condition when it would not fit', () => {
    const r = trustPolicy(
      wideCtx,
      spec({ trust: [{ role: 'wide' }, { account: 'security' }], requireOrganization: false }),
      measureIds(wideCtx),
    );
    expect(r.byName).toBe(true);
    expect(r.size).toBeLessThanOrEqual(wideCtx.limits.trustPolicyMaxSize);
    const byName = statements(r.document).find((s) => s.Sid === 'TrustRolesByName');
    expect(byName?.Principal).toEqual({ AWS: '*' });
    expect(byName?.Condition).toEqual({
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ci/wide-runner' },
      // Principal "*" always carries the org condition, even with requireOrganization off.
      StringEquals: { 'aws:PrincipalOrgID': ORG },
    });
    // The account entry is unaffected (and keeps requireOrganization: false).
    expect(statements(r.document).find((s) => s.Sid === 'TrustAccounts')?.Condition).toBe(
      undefined,
    );
  });

  it('measures with the longest ids when the blueprint does not know them', async () => {
    expect(measureIds(ctx).accountId('security')).toBe('222222222222');
    expect(measureIds(ctx).organizationId()).toBe(ORG);
    const unknown = measureIds(contextOf(await loadSynthInput(validFixture())));
    expect(unknown.accountId('security')).toBe('000000000000');
    expect(unknown.organizationId()).toBe(`o-${'x'.repeat(32)}`);
  });

  it('is bad input when even the fallback does not fit', () => {
    const external = Array.from({ length: 80 }, (_, i) => ({
      accountId: String(700000000000 + i),
    }));
    expect(() => trustPolicy(ctx, spec({ trust: external }), measureIds(ctx))).toThrow(InputError);
  });

  it('is bad input when nothing could assume the role', () => {
    expect(() => trustPolicy(ctx, spec({ trust: [] }), measureIds(ctx))).toThrow(/no principal/);
  });
});

describe('resolveForMeasure', () => {
  it('fills pseudo parameters and keeps escaped text literal', () => {
    expect(
      resolveForMeasure(
        {
          a: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:x/${!y}' },
          b: { Ref: 'AWS::AccountId' },
          c: { 'Fn::Sub': ['arn:aws:iam::${Account}:root', { Account: '123456789012' }] },
        },
        'aws-cn',
      ),
    ).toEqual({
      a: 'arn:aws-cn:iam::000000000000:x/${y}',
      b: '000000000000',
      c: 'arn:aws:iam::123456789012:root',
    });
  });
});

describe('property: every trust policy lints clean and fits', () => {
  const accounts = ['management', 'security', 'log-archive', 'prod-app', 'app-0', 'app-59'];
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
  const entry = fc.oneof(
    fc.record({ account: fc.constantFrom(...accounts) }),
    fc.record({ account: fc.constantFrom(...accounts), roleName: name }),
    fc.record({ role: fc.constantFrom('pipeline', 'wide') }),
    fc.record({ accountId: fc.stringMatching(/^\d{12}$/) }),
    fc.record({
      service: fc.constantFrom('ec2.amazonaws.com', 'lambda.amazonaws.com', 'config.amazonaws.com'),
    }),
    fc.record({ samlProvider: name }),
    fc.record({
      oidc: fc.record({
        provider: fc.constantFrom('token.actions.githubusercontent.com', 'gitlab.example.com'),
        audience: fc.constantFrom('sts.amazonaws.com', 'https://gitlab.example.com'),
        subjects: fc.array(fc.stringMatching(/^repo:[a-z]{1,8}\/[a-z*]{1,8}:[a-z*]{1,8}$/), {
          minLength: 1,
          maxLength: 2,
        }),
      }),
    }),
  );
  const specs = fc.record({
    trust: fc.array(entry, { minLength: 1, maxLength: 5 }),
    requireMfa: fc.boolean(),
    requireOrganization: fc.boolean(),
    externalId: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{2,20}$/), { nil: undefined }),
  });

  it('holds for generated specs', () => {
    fc.assert(
      fc.property(specs, (s) => {
        const t: TrustSpec = {
          id: 'prop',
          trust: s.trust,
          requireMfa: s.requireMfa,
          requireOrganization: s.requireOrganization,
          ...(s.externalId !== undefined ? { externalId: s.externalId } : {}),
        };
        const r = trustPolicy(wideCtx, t, measureIds(wideCtx));
        const resolved = resolveForMeasure(r.document, 'aws');
        expect(lintPolicy(resolved, { kind: 'trust', limits: wideCtx.limits })).toEqual([]);
        expect(r.size).toBeLessThanOrEqual(wideCtx.limits.trustPolicyMaxSize);
        for (const st of statements(r.document)) {
          const org = st.Condition?.StringEquals?.['aws:PrincipalOrgID'];
          // Principal "*" never without the organization; external accounts never with it.
          if (st.Principal.AWS === '*') expect(org).toBe(ORG);
          if (st.Sid === 'TrustExternalAccounts') expect(org).toBeUndefined();
          if (st.Principal.AWS !== undefined && st.Sid !== 'TrustExternalAccounts')
            expect(org !== undefined).toBe(s.requireOrganization || st.Principal.AWS === '*');
        }
      }),
      { numRuns: 300 },
    );
  });
});
