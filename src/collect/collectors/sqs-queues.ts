import { GetQueueAttributesCommand, paginateListQueues, SQSClient } from '@aws-sdk/client-sqs';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

type Queue = NonNullable<RegionSnapshot['sqsQueues']>[number];

/** The ARN of a queue from its URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`). */
export function queueArnFromUrl(url: string, partition: string, region: string): string {
  const parts = new URL(url).pathname.split('/').filter((p) => p !== '');
  return `arn:${partition}:sqs:${region}:${parts[0] ?? ''}:${parts[1] ?? ''}`;
}

/** `sqs.queues`: every queue in the Region with its access policy (`Policy` attribute). */
export const sqsQueuesCollector: Collector = {
  ...fromCatalogue('sqs.queues'),
  service: 'sqs',
  async run(ctx) {
    const client = ctx.client(SQSClient);
    const opts = { abortSignal: ctx.signal };
    const urls: string[] = [];
    // MaxResults turns on pagination; without it ListQueues stops at 1,000 queues.
    for await (const page of paginateListQueues({ client }, { MaxResults: 1000 }, opts)) {
      urls.push(...(page.QueueUrls ?? []));
    }
    const sqsQueues = await mapLimit(urls, 8, async (url): Promise<Queue> => {
      const attributes = await readItem(
        ctx,
        'sqs:GetQueueAttributes',
        `sqsQueues.${url}`,
        async () => {
          const r = await client.send(
            new GetQueueAttributesCommand({
              QueueUrl: url,
              AttributeNames: ['Policy', 'QueueArn'],
            }),
            opts,
          );
          return { arn: r.Attributes?.QueueArn, policy: resourcePolicy(r.Attributes?.Policy) };
        },
      );
      return {
        url,
        arn: attributes?.arn ?? queueArnFromUrl(url, ctx.partition, ctx.region),
        ...defined({ policy: attributes?.policy }),
      };
    });
    return { kind: 'region', region: { sqsQueues } };
  },
};
