/**
 * The resource-policy collectors (SNS, SQS, Secrets Manager, Lambda, ECR) share one shape:
 * a paginated list, then one policy read per item. One table drives them all.
 */
import {
  ECRClient,
  DescribeRepositoriesCommand,
  GetRepositoryPolicyCommand,
  RepositoryPolicyNotFoundException,
} from '@aws-sdk/client-ecr';
import {
  GetPolicyCommand,
  LambdaClient,
  ListFunctionsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import {
  GetResourcePolicyCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Collector } from '../types.js';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { ecrRepositoriesCollector } from './ecr-repositories.js';
import { lambdaFunctionsCollector } from './lambda-functions.js';
import { secretsManagerSecretsCollector } from './secretsmanager-secrets.js';
import { snsTopicsCollector } from './sns-topics.js';
import { queueArnFromUrl, sqsQueuesCollector } from './sqs-queues.js';

const sns = mockClient(SNSClient);
const sqs = mockClient(SQSClient);
const sm = mockClient(SecretsManagerClient);
const lambda = mockClient(LambdaClient);
const ecr = mockClient(ECRClient);
beforeEach(() => {
  for (const m of [sns, sqs, sm, lambda, ecr]) m.reset();
});

const doc = (sid: string) => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: sid, Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: '*', Resource: '*' },
  ],
});
const A = 'arn:aws:';
const SECRET = 'hunter2-planted-secret';

interface Case {
  collector: Collector;
  section: string;
  /** Three items over two pages: the first has a policy, the second none, the third is denied. */
  setup: () => void;
  listCalls: () => number;
  expected: unknown[];
  gapApi: string;
}

const cases: Case[] = [
  {
    collector: snsTopicsCollector,
    section: 'snsTopics',
    setup: () => {
      const t = (n: string) => `${A}sns:eu-west-1:111122223333:${n}`;
      sns
        .on(ListTopicsCommand)
        .resolvesOnce({ Topics: [{ TopicArn: t('a') }, { TopicArn: t('b') }], NextToken: 'n1' })
        .resolvesOnce({ Topics: [{ TopicArn: t('c') }] });
      sns.on(GetTopicAttributesCommand, { TopicArn: t('a') }).resolves({
        Attributes: { TopicArn: t('a'), Policy: JSON.stringify(doc('a')), Owner: '111122223333' },
      });
      sns
        .on(GetTopicAttributesCommand, { TopicArn: t('b') })
        .resolves({ Attributes: { TopicArn: t('b') } });
      sns
        .on(GetTopicAttributesCommand, { TopicArn: t('c') })
        .rejects(awsError('AuthorizationError', 'denied', 403));
    },
    listCalls: () => sns.commandCalls(ListTopicsCommand).length,
    expected: [
      { arn: `${A}sns:eu-west-1:111122223333:a`, policy: doc('a') },
      { arn: `${A}sns:eu-west-1:111122223333:b` },
      { arn: `${A}sns:eu-west-1:111122223333:c` },
    ],
    gapApi: 'sns:GetTopicAttributes',
  },
  {
    collector: sqsQueuesCollector,
    section: 'sqsQueues',
    setup: () => {
      const u = (n: string) => `https://sqs.eu-west-1.amazonaws.com/111122223333/${n}`;
      sqs
        .on(ListQueuesCommand)
        .resolvesOnce({ QueueUrls: [u('a'), u('b')], NextToken: 'n1' })
        .resolvesOnce({ QueueUrls: [u('c')] });
      sqs.on(GetQueueAttributesCommand, { QueueUrl: u('a') }).resolves({
        Attributes: {
          QueueArn: `${A}sqs:eu-west-1:111122223333:a`,
          Policy: JSON.stringify(doc('a')),
        },
      });
      sqs.on(GetQueueAttributesCommand, { QueueUrl: u('b') }).resolves({
        Attributes: { QueueArn: `${A}sqs:eu-west-1:111122223333:b` },
      });
      sqs
        .on(GetQueueAttributesCommand, { QueueUrl: u('c') })
        .rejects(awsError('AccessDenied', 'denied', 403));
    },
    listCalls: () => sqs.commandCalls(ListQueuesCommand).length,
    expected: [
      {
        url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/a',
        arn: `${A}sqs:eu-west-1:111122223333:a`,
        policy: doc('a'),
      },
      {
        url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/b',
        arn: `${A}sqs:eu-west-1:111122223333:b`,
      },
      {
        url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/c',
        arn: `${A}sqs:eu-west-1:111122223333:c`,
      },
    ],
    gapApi: 'sqs:GetQueueAttributes',
  },
  {
    collector: secretsManagerSecretsCollector,
    section: 'secrets',
    setup: () => {
      const s = (n: string) => `${A}secretsmanager:eu-west-1:111122223333:secret:${n}-AbCdEf`;
      sm.on(ListSecretsCommand)
        .resolvesOnce({
          SecretList: [
            {
              ARN: s('a'),
              Name: 'a',
              KmsKeyId: 'alias/app',
              Description: 'x',
              Tags: [{ Key: 'k', Value: SECRET }],
            },
            { ARN: s('b'), Name: 'b' },
          ],
          NextToken: 'n1',
        })
        .resolvesOnce({ SecretList: [{ ARN: s('c'), Name: 'c' }] });
      sm.on(GetResourcePolicyCommand, { SecretId: s('a') }).resolves({
        ARN: s('a'),
        Name: 'a',
        ResourcePolicy: JSON.stringify(doc('a')),
      });
      sm.on(GetResourcePolicyCommand, { SecretId: s('b') }).resolves({ ARN: s('b'), Name: 'b' });
      sm.on(GetResourcePolicyCommand, { SecretId: s('c') }).rejects(
        awsError('AccessDeniedException'),
      );
    },
    listCalls: () => sm.commandCalls(ListSecretsCommand).length,
    expected: [
      {
        arn: `${A}secretsmanager:eu-west-1:111122223333:secret:a-AbCdEf`,
        name: 'a',
        policy: doc('a'),
        kmsKeyId: 'alias/app',
      },
      { arn: `${A}secretsmanager:eu-west-1:111122223333:secret:b-AbCdEf`, name: 'b' },
      { arn: `${A}secretsmanager:eu-west-1:111122223333:secret:c-AbCdEf`, name: 'c' },
    ],
    gapApi: 'secretsmanager:GetResourcePolicy',
  },
  {
    collector: lambdaFunctionsCollector,
    section: 'lambdaFunctions',
    setup: () => {
      const f = (n: string) => ({
        FunctionName: n,
        FunctionArn: `${A}lambda:eu-west-1:111122223333:function:${n}`,
        Runtime: 'nodejs20.x' as const,
        Role: `${A}iam::111122223333:role/${n}-exec`,
        Handler: 'index.handler',
        Environment: { Variables: { DB_PASSWORD: SECRET } },
      });
      lambda
        .on(ListFunctionsCommand)
        .resolvesOnce({ Functions: [f('a'), f('b')], NextMarker: 'n1' })
        .resolvesOnce({ Functions: [f('c')] });
      lambda.on(GetPolicyCommand, { FunctionName: 'a' }).resolves({
        Policy: JSON.stringify(doc('a')),
        RevisionId: 'r1',
      });
      lambda.on(GetPolicyCommand, { FunctionName: 'b' }).rejects(
        new ResourceNotFoundException({
          message: 'The resource you requested does not exist.',
          $metadata: {},
        }),
      );
      lambda
        .on(GetPolicyCommand, { FunctionName: 'c' })
        .rejects(awsError('AccessDeniedException', 'denied', 403));
    },
    listCalls: () => lambda.commandCalls(ListFunctionsCommand).length,
    expected: ['a', 'b', 'c'].map((n) => ({
      name: n,
      arn: `${A}lambda:eu-west-1:111122223333:function:${n}`,
      role: `${A}iam::111122223333:role/${n}-exec`,
      ...(n === 'a' ? { policy: doc('a') } : {}),
    })),
    gapApi: 'lambda:GetPolicy',
  },
  {
    collector: ecrRepositoriesCollector,
    section: 'ecrRepositories',
    setup: () => {
      const r = (n: string) => ({
        repositoryName: n,
        repositoryArn: `${A}ecr:eu-west-1:111122223333:repository/${n}`,
        registryId: '111122223333',
        repositoryUri: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/${n}`,
      });
      ecr
        .on(DescribeRepositoriesCommand)
        .resolvesOnce({ repositories: [r('a'), r('b')], nextToken: 'n1' })
        .resolvesOnce({ repositories: [r('c')] });
      ecr.on(GetRepositoryPolicyCommand, { repositoryName: 'a' }).resolves({
        registryId: '111122223333',
        repositoryName: 'a',
        policyText: JSON.stringify(doc('a')),
      });
      ecr
        .on(GetRepositoryPolicyCommand, { repositoryName: 'b' })
        .rejects(new RepositoryPolicyNotFoundException({ message: 'none', $metadata: {} }));
      ecr
        .on(GetRepositoryPolicyCommand, { repositoryName: 'c' })
        .rejects(awsError('AccessDeniedException'));
    },
    listCalls: () => ecr.commandCalls(DescribeRepositoriesCommand).length,
    expected: ['a', 'b', 'c'].map((n) => ({
      name: n,
      arn: `${A}ecr:eu-west-1:111122223333:repository/${n}`,
      ...(n === 'a' ? { policy: doc('a') } : {}),
    })),
    gapApi: 'ecr:GetRepositoryPolicy',
  },
];

describe('resource-policy collectors', () => {
  it.each(cases.map((c) => [c.collector.id, c] as const))(
    '%s: pages, policy / none / denied (gap), no secret',
    async (_id, c) => {
      c.setup();
      const ctx = fakeContext();
      const result = await c.collector.run(ctx);
      expect(c.listCalls()).toBe(2);
      expect(result).toEqual({ kind: 'region', region: { [c.section]: c.expected } });
      expect(ctx.gaps).toHaveLength(1);
      expect(ctx.gaps[0]?.api).toBe(c.gapApi);
      expect(ctx.gaps[0]?.section).toMatch(new RegExp(`^${c.section}\\.`));
      expect(JSON.stringify(result)).not.toContain(SECRET);
    },
  );

  it('derives a queue ARN from its URL when the attribute is missing', () => {
    expect(
      queueArnFromUrl('https://sqs.eu-west-1.amazonaws.com/111122223333/q', 'aws', 'eu-west-1'),
    ).toBe('arn:aws:sqs:eu-west-1:111122223333:q');
  });
});
