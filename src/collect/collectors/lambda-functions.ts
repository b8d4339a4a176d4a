import { GetPolicyCommand, LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

type LambdaFunction = NonNullable<RegionSnapshot['lambdaFunctions']>[number];

/**
 * `lambda.functions`: every function's name, ARN, execution role and resource policy
 * (ResourceNotFoundException from GetPolicy: no policy). Only those fields are kept from
 * ListFunctions: never environment variables, which may hold secrets.
 */
export const lambdaFunctionsCollector: Collector = {
  ...fromCatalogue('lambda.functions'),
  service: 'lambda',
  async run(ctx) {
    const client = ctx.client(LambdaClient);
    const opts = { abortSignal: ctx.signal };
    const listed: { name: string; arn: string; role: string | undefined }[] = [];
    for await (const page of paginateListFunctions({ client }, {}, opts)) {
      for (const f of page.Functions ?? []) {
        if (f.FunctionName === undefined) continue;
        listed.push({ name: f.FunctionName, arn: f.FunctionArn ?? '', role: f.Role });
      }
    }
    const lambdaFunctions = await mapLimit(listed, 8, async (f): Promise<LambdaFunction> => {
      const policy = await readItem(
        ctx,
        'lambda:GetPolicy',
        `lambdaFunctions.${f.name}`,
        async () => {
          const r = await client.send(new GetPolicyCommand({ FunctionName: f.name }), opts);
          return resourcePolicy(r.Policy);
        },
        ['ResourceNotFoundException'],
      );
      return {
        name: f.name,
        arn: f.arn,
        ...defined({ policy: policy ?? undefined, role: f.role }),
      };
    });
    return { kind: 'region', region: { lambdaFunctions } };
  },
};
