import {
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
} from '@aws-sdk/client-iam';
import type { AccountSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, isoDate, mapLimit } from './decode.js';
import { readItem } from './errors.js';

type OidcProvider = NonNullable<AccountSnapshot['oidcProviders']>[number];

/**
 * `iam.identity-providers`: SAML providers (list only) and OIDC providers with their
 * audiences (client ids) and thumbprints. An OIDC provider that cannot be described is a
 * gap and left out.
 */
export const iamIdentityProvidersCollector: Collector = {
  ...fromCatalogue('iam.identity-providers'),
  service: 'iam',
  async run(ctx) {
    const client = ctx.client(IAMClient);
    const opts = { abortSignal: ctx.signal };
    const [saml, oidc] = await Promise.all([
      client.send(new ListSAMLProvidersCommand({}), opts),
      client.send(new ListOpenIDConnectProvidersCommand({}), opts),
    ]);
    const samlProviders = (saml.SAMLProviderList ?? []).map((p) => ({
      arn: p.Arn ?? '',
      ...defined({ validUntil: isoDate(p.ValidUntil), createDate: isoDate(p.CreateDate) }),
    }));
    const arns = (oidc.OpenIDConnectProviderList ?? []).flatMap((p) =>
      p.Arn === undefined ? [] : [p.Arn],
    );
    const described = await mapLimit(arns, 4, (arn) =>
      readItem(ctx, 'iam:GetOpenIDConnectProvider', `oidcProviders.${arn}`, async () => {
        const r = await client.send(
          new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }),
          opts,
        );
        const provider: OidcProvider = {
          arn,
          ...defined({ url: r.Url }),
          clientIds: [...(r.ClientIDList ?? [])],
          thumbprints: [...(r.ThumbprintList ?? [])],
        };
        return provider;
      }),
    );
    const oidcProviders = described.filter((p): p is OidcProvider => p != null);
    return { kind: 'account', account: { samlProviders, oidcProviders } };
  },
};
