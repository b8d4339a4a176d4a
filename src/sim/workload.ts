/**
 * Synthetic workload content of member accounts: SNS topics, SQS queues, Secrets Manager
 * secrets, Lambda functions and ECR repositories in the numbers `SimOptions.workload` asks,
 * about half of each with a resource policy (organization-scoped or service-scoped, never
 * public), so collectors meet both "policy" and "no policy" answers.
 */
import type { Account } from '../blueprint/schema/blueprint.js';
import type { RegionSnapshot } from '../snapshot/types.js';
import { accountIdOf, type SimContext } from './context.js';

/** Topics, queues, secrets, functions and repositories of one account and region. */
export function simulateWorkload(
  ctx: SimContext,
  account: Account,
  region: string,
): Pick<
  RegionSnapshot,
  'snsTopics' | 'sqsQueues' | 'secrets' | 'lambdaFunctions' | 'ecrRepositories'
> {
  const id = accountIdOf(ctx, account.id);
  const p = ctx.partition;
  const w = ctx.workload;
  const member = id !== ctx.managementId;
  const n = (count: number) => (member ? Array.from({ length: count }, (_, i) => i) : []);
  const orgCondition = { StringEquals: { 'aws:PrincipalOrgID': ctx.organizationId } };
  const snsTopics = n(w.topics).map((i) => {
    const arn = `arn:${p}:sns:${region}:${id}:app-events-${i}`;
    return {
      arn,
      policy: {
        Version: '2008-10-17',
        Id: '__default_policy_ID',
        Statement: [
          {
            Sid: '__default_statement_ID',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: ['SNS:GetTopicAttributes', 'SNS:Subscribe', 'SNS:Publish'],
            Resource: arn,
            Condition: { StringEquals: { 'AWS:SourceOwner': id } },
          },
        ],
      },
    };
  });
  const sqsQueues = n(w.queues).map((i) => {
    const name = `app-queue-${i}`;
    const arn = `arn:${p}:sqs:${region}:${id}:${name}`;
    const topic = snsTopics[0]?.arn;
    return {
      url: `https://sqs.${region}.amazonaws.com/${id}/${name}`,
      arn,
      ...(i % 2 === 0 && topic
        ? {
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'AllowTopic',
                  Effect: 'Allow',
                  Principal: { Service: 'sns.amazonaws.com' },
                  Action: 'sqs:SendMessage',
                  Resource: arn,
                  Condition: { ArnEquals: { 'aws:SourceArn': topic } },
                },
              ],
            },
          }
        : {}),
    };
  });
  const secrets = n(w.secrets).map((i) => {
    const name = `app/db-credentials-${i}`;
    const arn = `arn:${p}:secretsmanager:${region}:${id}:secret:${name}-${ctx.ids.hex(6, 'secret', id, region, String(i)).slice(0, 6)}`;
    return {
      arn,
      name,
      ...(i % 2 === 0
        ? {
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'OrgRead',
                  Effect: 'Allow',
                  Principal: { AWS: '*' },
                  Action: 'secretsmanager:GetSecretValue',
                  Resource: '*',
                  Condition: orgCondition,
                },
              ],
            },
          }
        : {}),
    };
  });
  const lambdaFunctions = n(w.functions).map((i) => {
    const name = `app-fn-${i}`;
    const arn = `arn:${p}:lambda:${region}:${id}:function:${name}`;
    return {
      name,
      arn,
      role: `arn:${p}:iam::${id}:role/service-role/app-function-role`,
      ...(i % 2 === 0
        ? {
            policy: {
              Version: '2012-10-17',
              Id: 'default',
              Statement: [
                {
                  Sid: 'events-invoke',
                  Effect: 'Allow',
                  Principal: { Service: 'events.amazonaws.com' },
                  Action: 'lambda:InvokeFunction',
                  Resource: arn,
                  Condition: { StringEquals: { 'AWS:SourceAccount': id } },
                },
              ],
            },
          }
        : {}),
    };
  });
  const ecrRepositories = n(w.repositories).map((i) => {
    const name = `app/service-${i}`;
    return {
      name,
      arn: `arn:${p}:ecr:${region}:${id}:repository/${name}`,
      ...(i % 2 === 0
        ? {
            policy: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'OrgPull',
                  Effect: 'Allow',
                  Principal: '*',
                  Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
                  Condition: orgCondition,
                },
              ],
            },
          }
        : {}),
    };
  });
  return { snsTopics, sqsQueues, secrets, lambdaFunctions, ecrRepositories };
}
