/**
 * Regional resource responders (KMS in `kms-routes.ts`): SNS, SQS, Secrets Manager, Lambda, ECR. Policies are
 * JSON strings as each API returns them (KMS `Policy`, SNS/SQS attribute `Policy`, Secrets
 * Manager `ResourcePolicy`, Lambda `Policy`, ECR `policyText`); absent policies are the real
 * errors or omissions (Lambda ResourceNotFoundException, ECR RepositoryPolicyNotFoundException,
 * no `Policy` attribute, no `ResourcePolicy`).
 */
import * as ecr from '@aws-sdk/client-ecr';
import * as lambda from '@aws-sdk/client-lambda';
import * as sm from '@aws-sdk/client-secrets-manager';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import { PLANTED } from '../secrets.js';
import { awsError } from './errors.js';
import { kmsRoutes } from './kms-routes.js';
import {
  nextField,
  num,
  page,
  str,
  strs,
  type Call,
  type Route,
  regionalRoute,
  regionList,
  createdDaysAgo,
} from './route.js';

const route = regionalRoute;
const list = regionList;
const created = createdDaysAgo;

function byField<T>(
  c: Call,
  kind: string,
  items: readonly T[],
  field: (t: T) => string[],
): Map<string, T> {
  return c.idx.memo(`${kind}|${c.accountId}|${c.region}`, () => {
    const m = new Map<string, T>();
    for (const it of items) for (const f of field(it)) m.set(f, it);
    return m;
  });
}

function messagingRoutes(): Route[] {
  return [
    route('sns:ListTopics', sns.SNSClient, sns.ListTopicsCommand, (c) => {
      const p = page(
        'sns',
        list(c, 'snsTopics'),
        str(c.input, 'NextToken'),
        100,
        100,
        'InvalidParameter',
      );
      return {
        Topics: p.items.map((t) => ({ TopicArn: t.arn })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('sns:GetTopicAttributes', sns.SNSClient, sns.GetTopicAttributesCommand, (c) => {
      const arn = str(c.input, 'TopicArn') ?? '';
      const t = byField(c, 'topics', list(c, 'snsTopics'), (x) => [x.arn]).get(arn);
      if (!t) throw awsError('sns', 'NotFound', 404, 'Topic does not exist', sns.NotFoundException);
      return {
        Attributes: {
          TopicArn: t.arn,
          Owner: c.accountId,
          DisplayName: '',
          SubscriptionsConfirmed: '0',
          SubscriptionsPending: '0',
          SubscriptionsDeleted: '0',
          ...(t.policy ? { Policy: JSON.stringify(t.policy) } : {}),
        },
      };
    }),
    route('sqs:ListQueues', sqs.SQSClient, sqs.ListQueuesCommand, (c) => {
      const prefix = str(c.input, 'QueueNamePrefix') ?? '';
      const all = list(c, 'sqsQueues').filter((q) =>
        (q.url.split('/').pop() ?? '').startsWith(prefix),
      );
      const max = num(c.input, 'MaxResults');
      const p = page(
        'sqs',
        all,
        str(c.input, 'NextToken'),
        max ?? 1000,
        1000,
        'InvalidParameterValue',
      );
      // Without MaxResults SQS returns up to 1,000 URLs and no NextToken; no queues: no QueueUrls.
      return {
        ...(p.items.length ? { QueueUrls: p.items.map((q) => q.url) } : {}),
        ...(max !== undefined ? nextField('NextToken', p.next) : {}),
      };
    }),
    route('sqs:GetQueueAttributes', sqs.SQSClient, sqs.GetQueueAttributesCommand, (c) => {
      const url = str(c.input, 'QueueUrl') ?? '';
      const q = byField(c, 'queues', list(c, 'sqsQueues'), (x) => [x.url]).get(url);
      if (!q)
        throw awsError(
          'sqs',
          'QueueDoesNotExist',
          400,
          'The specified queue does not exist.',
          sqs.QueueDoesNotExist,
        );
      const names = strs(c.input, 'AttributeNames');
      const all: Record<string, string> = {
        QueueArn: q.arn,
        VisibilityTimeout: '30',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '345600',
        DelaySeconds: '0',
        SqsManagedSseEnabled: 'true',
        ...(q.policy ? { Policy: JSON.stringify(q.policy) } : {}),
      };
      const picked = names.includes('All')
        ? all
        : Object.fromEntries(Object.entries(all).filter(([k]) => names.includes(k)));
      return Object.keys(picked).length ? { Attributes: picked } : {};
    }),
  ];
}

function secretsRoutes(planted: boolean): Route[] {
  const find = (c: Call) => {
    const id = str(c.input, 'SecretId') ?? '';
    const s = byField(c, 'secrets', list(c, 'secrets'), (x) => [x.arn, x.name]).get(id);
    if (!s)
      throw awsError(
        'secretsmanager',
        'ResourceNotFoundException',
        400,
        "Secrets Manager can't find the specified secret.",
        sm.ResourceNotFoundException,
      );
    return s;
  };
  const C = sm.SecretsManagerClient;
  return [
    route('secretsmanager:ListSecrets', C, sm.ListSecretsCommand, (c) => {
      const p = page(
        'secretsmanager',
        list(c, 'secrets'),
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults') ?? 100,
        100,
        'InvalidNextTokenException',
      );
      return {
        SecretList: p.items.map((s) => ({
          ARN: s.arn,
          Name: s.name,
          ...(s.kmsKeyId ? { KmsKeyId: s.kmsKeyId } : {}),
          CreatedDate: created(c, 90),
          LastChangedDate: created(c, 10),
          SecretVersionsToStages: { [`sim-${s.name.length}-version`]: ['AWSCURRENT'] },
          Tags: [],
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('secretsmanager:GetResourcePolicy', C, sm.GetResourcePolicyCommand, (c) => {
      const s = find(c);
      return {
        ARN: s.arn,
        Name: s.name,
        ...(s.policy ? { ResourcePolicy: JSON.stringify(s.policy) } : {}),
      };
    }),
    route('secretsmanager:GetSecretValue', C, sm.GetSecretValueCommand, (c) => {
      const s = find(c);
      return {
        ARN: s.arn,
        Name: s.name,
        VersionId: `sim-${s.name.length}-version`,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: created(c, 10),
        SecretString: JSON.stringify({
          username: 'app',
          password: planted ? PLANTED.secretString : 'sim-not-a-secret',
        }),
      };
    }),
  ];
}

function computeRoutes(planted: boolean): Route[] {
  return [
    route('lambda:ListFunctions', lambda.LambdaClient, lambda.ListFunctionsCommand, (c) => {
      const p = page(
        'lambda',
        list(c, 'lambdaFunctions'),
        str(c.input, 'Marker'),
        num(c.input, 'MaxItems') ?? 50,
        50,
        'InvalidParameterValueException',
      );
      return {
        Functions: p.items.map((f) => ({
          FunctionName: f.name,
          FunctionArn: f.arn,
          Runtime: 'python3.12',
          Role: f.role,
          Handler: 'app.handler',
          CodeSize: 1024,
          Description: '',
          Timeout: 30,
          MemorySize: 256,
          LastModified: '2026-01-01T00:00:00.000+0000',
          CodeSha256: 'c2ltdWxhdGVkLWNvZGUtaGFzaA==',
          Version: '$LATEST',
          PackageType: 'Zip',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'PassThrough' },
          RevisionId: `sim-${f.name}`,
          Environment: {
            Variables: planted
              ? {
                  LOG_LEVEL: 'info',
                  DB_PASSWORD: PLANTED.lambdaEnvPassword,
                  LEGACY_AWS_SECRET_ACCESS_KEY: PLANTED.lambdaEnvSecretKey,
                }
              : { LOG_LEVEL: 'info' },
          },
        })),
        ...nextField('NextMarker', p.next),
      };
    }),
    route('lambda:GetPolicy', lambda.LambdaClient, lambda.GetPolicyCommand, (c) => {
      const name = str(c.input, 'FunctionName') ?? '';
      const f = byField(c, 'functions', list(c, 'lambdaFunctions'), (x) => [x.name, x.arn]).get(
        name,
      );
      if (!f?.policy)
        throw awsError(
          'lambda',
          'ResourceNotFoundException',
          404,
          'The resource you requested does not exist.',
          lambda.ResourceNotFoundException,
        );
      return { Policy: JSON.stringify(f.policy), RevisionId: `sim-${f.name}` };
    }),
    route('ecr:DescribeRepositories', ecr.ECRClient, ecr.DescribeRepositoriesCommand, (c) => {
      const p = page(
        'ecr',
        list(c, 'ecrRepositories'),
        str(c.input, 'nextToken'),
        num(c.input, 'maxResults') ?? 100,
        1000,
        'InvalidParameterException',
      );
      return {
        repositories: p.items.map((r) => ({
          repositoryArn: r.arn,
          registryId: c.accountId,
          repositoryName: r.name,
          repositoryUri: `${c.accountId}.dkr.ecr.${c.region}.amazonaws.com/${r.name}`,
          createdAt: created(c, 120),
          imageTagMutability: 'IMMUTABLE',
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfiguration: { encryptionType: 'AES256' },
        })),
        ...nextField('nextToken', p.next),
      };
    }),
    route('ecr:GetRepositoryPolicy', ecr.ECRClient, ecr.GetRepositoryPolicyCommand, (c) => {
      const name = str(c.input, 'repositoryName') ?? '';
      const r = byField(c, 'repos', list(c, 'ecrRepositories'), (x) => [x.name]).get(name);
      if (!r)
        throw awsError(
          'ecr',
          'RepositoryNotFoundException',
          400,
          `The repository with name '${name}' does not exist in the registry with id '${c.accountId}'`,
          ecr.RepositoryNotFoundException,
        );
      if (!r.policy)
        throw awsError(
          'ecr',
          'RepositoryPolicyNotFoundException',
          400,
          `Repository policy does not exist for the repository with name '${name}' in the registry with id '${c.accountId}'`,
          ecr.RepositoryPolicyNotFoundException,
        );
      return {
        registryId: c.accountId,
        repositoryName: r.name,
        policyText: JSON.stringify(r.policy),
      };
    }),
  ];
}

/** Regional resource routes; `planted` puts secret-looking values where real APIs carry them. */
export function resourceRoutes(planted: boolean): Route[] {
  return [
    ...kmsRoutes(),
    ...messagingRoutes(),
    ...secretsRoutes(planted),
    ...computeRoutes(planted),
  ];
}
