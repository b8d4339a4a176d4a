import {
  ECRClient,
  GetRepositoryPolicyCommand,
  paginateDescribeRepositories,
} from '@aws-sdk/client-ecr';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

type Repository = NonNullable<RegionSnapshot['ecrRepositories']>[number];

/**
 * `ecr.repositories`: every repository with its policy (RepositoryPolicyNotFoundException:
 * no policy).
 */
export const ecrRepositoriesCollector: Collector = {
  ...fromCatalogue('ecr.repositories'),
  service: 'ecr',
  async run(ctx) {
    const client = ctx.client(ECRClient);
    const opts = { abortSignal: ctx.signal };
    const listed: { name: string; arn: string }[] = [];
    for await (const page of paginateDescribeRepositories({ client }, {}, opts)) {
      for (const r of page.repositories ?? []) {
        if (r.repositoryName !== undefined) {
          listed.push({ name: r.repositoryName, arn: r.repositoryArn ?? '' });
        }
      }
    }
    const ecrRepositories = await mapLimit(listed, 8, async (repo): Promise<Repository> => {
      const policy = await readItem(
        ctx,
        'ecr:GetRepositoryPolicy',
        `ecrRepositories.${repo.name}`,
        async () => {
          const r = await client.send(
            new GetRepositoryPolicyCommand({ repositoryName: repo.name }),
            opts,
          );
          return resourcePolicy(r.policyText);
        },
        ['RepositoryPolicyNotFoundException'],
      );
      return { ...repo, ...defined({ policy: policy ?? undefined }) };
    });
    return { kind: 'region', region: { ecrRepositories } };
  },
};
