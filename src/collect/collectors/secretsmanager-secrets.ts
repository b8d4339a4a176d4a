import {
  GetResourcePolicyCommand,
  paginateListSecrets,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

type Secret = NonNullable<RegionSnapshot['secrets']>[number];

/**
 * `secretsmanager.secrets`: every secret's name, ARN, KMS key and resource policy. Never the
 * value: GetSecretValue is not called (and not in the collection role's policy).
 */
export const secretsManagerSecretsCollector: Collector = {
  ...fromCatalogue('secretsmanager.secrets'),
  service: 'secretsmanager',
  async run(ctx) {
    const client = ctx.client(SecretsManagerClient);
    const opts = { abortSignal: ctx.signal };
    const listed: { arn: string; name: string; kmsKeyId: string | undefined }[] = [];
    for await (const page of paginateListSecrets({ client }, {}, opts)) {
      for (const s of page.SecretList ?? []) {
        if (s.ARN === undefined) continue;
        listed.push({ arn: s.ARN, name: s.Name ?? '', kmsKeyId: s.KmsKeyId });
      }
    }
    const secrets = await mapLimit(listed, 8, async (s): Promise<Secret> => {
      const policy = await readItem(
        ctx,
        'secretsmanager:GetResourcePolicy',
        `secrets.${s.arn}`,
        async () => {
          const r = await client.send(new GetResourcePolicyCommand({ SecretId: s.arn }), opts);
          return resourcePolicy(r.ResourcePolicy);
        },
      );
      return {
        arn: s.arn,
        name: s.name,
        ...defined({ policy: policy ?? undefined, kmsKeyId: s.kmsKeyId }),
      };
    });
    return { kind: 'region', region: { secrets } };
  },
};
