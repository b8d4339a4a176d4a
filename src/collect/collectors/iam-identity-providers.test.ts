import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { iamIdentityProvidersCollector } from './iam-identity-providers.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const github = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const other = 'arn:aws:iam::111122223333:oidc-provider/oidc.example.com';

describe('iam.identity-providers', () => {
  it.each([
    {
      name: 'none',
      saml: [],
      oidc: [],
      expected: { samlProviders: [], oidcProviders: [] },
      gaps: [],
    },
    {
      name: 'SAML and OIDC providers; one OIDC provider denied is a gap',
      saml: [
        {
          Arn: 'arn:aws:iam::111122223333:saml-provider/Okta',
          ValidUntil: new Date('2030-01-01T00:00:00Z'),
          CreateDate: new Date('2020-01-01T00:00:00Z'),
        },
      ],
      oidc: [{ Arn: github }, { Arn: other }],
      expected: {
        samlProviders: [
          {
            arn: 'arn:aws:iam::111122223333:saml-provider/Okta',
            validUntil: '2030-01-01T00:00:00.000Z',
            createDate: '2020-01-01T00:00:00.000Z',
          },
        ],
        oidcProviders: [
          {
            arn: github,
            url: 'token.actions.githubusercontent.com',
            clientIds: ['sts.amazonaws.com'],
            thumbprints: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
          },
        ],
      },
      gaps: [
        {
          api: 'iam:GetOpenIDConnectProvider',
          code: 'AccessDenied',
          section: `oidcProviders.${other}`,
        },
      ],
    },
  ])('$name', async ({ saml, oidc, expected, gaps }) => {
    iam.on(ListSAMLProvidersCommand).resolves({ SAMLProviderList: saml });
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: oidc });
    iam.on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: github }).resolves({
      Url: 'token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      CreateDate: new Date('2023-01-01T00:00:00Z'),
    });
    iam
      .on(GetOpenIDConnectProviderCommand, { OpenIDConnectProviderArn: other })
      .rejects(awsError('AccessDenied'));
    const ctx = fakeContext();
    expect(await iamIdentityProvidersCollector.run(ctx)).toEqual({
      kind: 'account',
      account: expected,
    });
    expect(ctx.gaps).toEqual(gaps);
  });
});
