import { describe, expect, it } from 'vitest';
import type { Role } from '../../blueprint/schema/blueprint.js';
import { liveTrust, trustDiff, wantedTrust, type TrustEnv } from './trust.js';

const ORG = { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } };
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Condition?: object) => ({
  Effect: 'Allow',
  Principal,
  Action: 'sts:AssumeRole',
  ...(Condition ? { Condition } : {}),
});

describe('liveTrust reads who may assume a role', () => {
  it.each([
    [
      'account root ARN',
      allow({ AWS: 'arn:aws:iam::111122223333:root' }),
      ['account:111122223333'],
    ],
    ['bare account id', allow({ AWS: '111122223333' }), ['account:111122223333']],
    [
      'role ARN with a path',
      allow({ AWS: 'arn:aws:iam::111122223333:role/ops/deployer' }),
      ['role:111122223333:deployer'],
    ],
    [
      'service',
      allow({ Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }),
      ['service:ec2.amazonaws.com', 'service:lambda.amazonaws.com'],
    ],
    [
      'SAML provider',
      allow({ Federated: 'arn:aws:iam::111122223333:saml-provider/okta' }),
      ['saml:okta'],
    ],
    [
      'OIDC provider',
      allow({
        Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
      }),
      ['oidc:token.actions.githubusercontent.com'],
    ],
    ['anyone', allow('*'), ['anyone']],
    [
      'anyone narrowed by aws:PrincipalArn',
      allow(
        { AWS: '*' },
        { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/collector' }, ...ORG },
      ),
      ['role:*:collector'],
    ],
    [
      'a Deny is not trust',
      { Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' },
      [],
    ],
  ])('%s', (_name, statement, tokens) => {
    expect([...liveTrust(doc(statement)).keys()]).toEqual(tokens);
  });

  it('reads MFA, ExternalId and the organization condition; a second grant without them wins', () => {
    const strict = allow(
      { AWS: 'arn:aws:iam::111122223333:root' },
      {
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        StringEquals: { 'sts:ExternalId': 'x', 'aws:PrincipalOrgID': 'o-1' },
      },
    );
    expect(liveTrust(doc(strict)).get('account:111122223333')).toMatchObject({
      mfa: true,
      externalId: 'x',
      organization: true,
    });
    const loose = allow({ AWS: '111122223333' });
    expect(liveTrust(doc(strict, loose)).get('account:111122223333')).toMatchObject({
      mfa: false,
      externalId: undefined,
      organization: false,
    });
  });
});

describe('trustDiff compares the blueprint trust with the live one', () => {
  const role = (over: Partial<Role>): Role => ({
    id: 'r',
    name: 'r',
    path: '/',
    purpose: 'access',
    targets: { all: true },
    trust: [],
    requireMfa: false,
    requireOrganization: true,
    maxSessionDuration: 3600,
    ...over,
  });
  const ids: Record<string, string> = { security: '222222222222', tools: '333333333333' };
  const env: TrustEnv = {
    accountIdOf: (a) => ids[a],
    role: (id) =>
      id === 'collector'
        ? role({ id: 'collector', name: 'collector', targets: { accounts: ['security', 'tools'] } })
        : undefined,
    roleAccounts: () => ['security', 'tools'],
  };
  const name = (id: string) => id;

  it.each<[string, Partial<Role>, object, string[]]>([
    [
      'same trust',
      { trust: [{ account: 'security' }] },
      doc(allow({ AWS: 'arn:aws:iam::222222222222:root' }, ORG)),
      [],
    ],
    [
      'a blueprint role listed per account',
      { trust: [{ role: 'collector' }] },
      doc(
        allow(
          {
            AWS: [
              'arn:aws:iam::222222222222:role/collector',
              'arn:aws:iam::333333333333:role/collector',
            ],
          },
          ORG,
        ),
      ),
      [],
    ],
    [
      'a blueprint role as `*` narrowed by aws:PrincipalArn is the same trust',
      { trust: [{ role: 'collector' }] },
      doc(
        allow(
          { AWS: '*' },
          { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/collector' }, ...ORG },
        ),
      ),
      [],
    ],
    [
      'adds and removes',
      { trust: [{ account: 'security' }, { service: 'ec2.amazonaws.com' }] },
      doc(
        allow({ AWS: 'arn:aws:iam::222222222222:root' }, ORG),
        allow({ AWS: 'arn:aws:iam::999988887777:root' }),
      ),
      ['adds service ec2.amazonaws.com', 'removes account 999988887777'],
    ],
    [
      'MFA and ExternalId, said once for every principal',
      {
        trust: [{ account: 'security' }, { account: 'tools' }],
        requireMfa: true,
        externalId: 'e-1',
      },
      doc(
        allow({ AWS: ['arn:aws:iam::222222222222:root', 'arn:aws:iam::333333333333:root'] }, ORG),
      ),
      ['now requires MFA', 'now requires an ExternalId'],
    ],
    [
      'a condition missing for one principal only names it',
      { trust: [{ account: 'security' }, { account: 'tools' }], requireMfa: true },
      doc(
        allow(
          { AWS: 'arn:aws:iam::222222222222:root' },
          { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, ...ORG },
        ),
        allow({ AWS: 'arn:aws:iam::333333333333:root' }, ORG),
      ),
      ['now requires MFA for account 333333333333'],
    ],
    [
      'the organization condition dropped',
      { trust: [{ account: 'security' }] },
      doc(allow({ AWS: 'arn:aws:iam::222222222222:root' })),
      ['now requires the organization (aws:PrincipalOrgID)'],
    ],
    [
      'OIDC subjects',
      {
        trust: [
          {
            oidc: {
              provider: 'token.actions.githubusercontent.com',
              audience: 'sts.amazonaws.com',
              subjects: ['repo:a/b:ref:refs/heads/main'],
            },
          },
        ],
      },
      doc({
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:a/b:*' },
        },
      }),
      ['changes the allowed OIDC subjects'],
    ],
  ])('%s', (_name, over, live, phrases) => {
    expect(trustDiff(liveTrust(live), wantedTrust(role(over), env), name)).toEqual(phrases);
  });
});
