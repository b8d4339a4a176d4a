import { GetTopicAttributesCommand, paginateListTopics, SNSClient } from '@aws-sdk/client-sns';
import type { RegionSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

type Topic = NonNullable<RegionSnapshot['snsTopics']>[number];

/** `sns.topics`: every topic in the Region with its access policy (the `Policy` attribute). */
export const snsTopicsCollector: Collector = {
  ...fromCatalogue('sns.topics'),
  service: 'sns',
  async run(ctx) {
    const client = ctx.client(SNSClient);
    const opts = { abortSignal: ctx.signal };
    const arns: string[] = [];
    for await (const page of paginateListTopics({ client }, {}, opts)) {
      for (const t of page.Topics ?? []) if (t.TopicArn !== undefined) arns.push(t.TopicArn);
    }
    const snsTopics = await mapLimit(arns, 8, async (arn): Promise<Topic> => {
      const policy = await readItem(ctx, 'sns:GetTopicAttributes', `snsTopics.${arn}`, async () => {
        const r = await client.send(new GetTopicAttributesCommand({ TopicArn: arn }), opts);
        return resourcePolicy(r.Attributes?.Policy);
      });
      return { arn, ...defined({ policy: policy ?? undefined }) };
    });
    return { kind: 'region', region: { snsTopics } };
  },
};
