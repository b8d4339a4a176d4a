/**
 * Blueprint KMS keys (AWS::KMS::Key with its alias). The key policy is: the owning
 * account administers the key (through IAM), each `usage` adds the statements the AWS
 * service needs (as AWS documents them, with confused-deputy conditions), and each
 * `grants` entry adds one statement. Used by the log-archive and security-tooling units.
 */
import type { KmsKey } from '../../blueprint/schema/blueprint.js';
import { cfnTags, getAtt, logicalId, ref, sub, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import { keyLogicalId, trailArns, trailContextArnPattern } from './security-refs.js';

type Statement = Record<string, CfnValue>;
type Usage = KmsKey['usage'][number];

const ROOT = sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root');

/** Statements each key usage adds (a function of the template, for ids it must resolve). */
const USAGE_STATEMENTS: Readonly<
  Record<Usage, (t: TemplateBuilder, region: string) => Statement[]>
> = {
  // CloudTrail: "Configure AWS KMS key policies for CloudTrail", scoped to the org trail.
  cloudtrail: (t) =>
    t.ctx.bp.logging
      ? [
          {
            Sid: 'CloudTrailEncrypt',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Resource: '*',
            Condition: {
              StringEquals: { 'aws:SourceArn': trailArns(t) },
              StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailContextArnPattern(t) },
            },
          },
          {
            Sid: 'CloudTrailDescribe',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:DescribeKey',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceArn': trailArns(t) } },
          },
        ]
      : [],
  // Config delivers as its service principal to a bucket in another account.
  config: (t) => [
    {
      Sid: 'ConfigDelivery',
      Effect: 'Allow',
      Principal: { Service: 'config.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceOrgID': t.organizationId() } },
    },
  ],
  // Vended log delivery (flow logs to the bucket) and CloudWatch Logs log groups.
  logs: (t, region) => [
    {
      Sid: 'LogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceOrgID': t.organizationId() } },
    },
    {
      Sid: 'CloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: [
        'kms:Encrypt*',
        'kms:Decrypt*',
        'kms:ReEncrypt*',
        'kms:GenerateDataKey*',
        'kms:Describe*',
      ],
      Resource: '*',
      Condition: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': sub(
            `arn:\${AWS::Partition}:logs:${region}:\${AWS::AccountId}:log-group:*`,
          ),
        },
      },
    },
  ],
  // Encrypted SNS topics: EventBridge rules and CloudWatch alarms of this account publish.
  sns: () => [
    {
      Sid: 'TopicPublishers',
      Effect: 'Allow',
      Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
    },
  ],
  // These services use the key through the caller's IAM permissions or the grants below.
  backup: () => [],
  ebs: () => [],
  generic: () => [],
};

/** One statement per `grants` entry. */
function grantStatement(t: TemplateBuilder, key: KmsKey, i: number): Statement {
  const g = key.grants[i];
  if (!g) throw new Error(`grant ${i} of key ${key.id} missing`);
  const base = { Sid: `Grant${i + 1}`, Effect: 'Allow', Action: g.actions, Resource: '*' };
  const { to } = g;
  if (to.service) return { ...base, Principal: { Service: to.service } };
  if (to.account)
    return {
      ...base,
      Principal: {
        AWS: sub('arn:${AWS::Partition}:iam::${Id}:root', { Id: t.accountId(to.account) }),
      },
    };
  if (to.role) {
    // A blueprint role exists in every account it targets; name it by ARN pattern inside
    // the organization (a role ARN in Principal fails while the role does not exist yet).
    const role = t.ctx.bp.identity.roles.find((r) => r.id === to.role);
    const name = role ? `${role.path}${role.name}` : `/${to.role}`;
    return {
      ...base,
      Principal: { AWS: '*' },
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': t.organizationId() },
        ArnLike: { 'aws:PrincipalArn': `arn:${t.ctx.partition}:iam::*:role${name}` },
      },
    };
  }
  return {
    ...base,
    Principal: { AWS: '*' },
    Condition: { StringEquals: { 'aws:PrincipalOrgID': t.organizationId() } },
  };
}

/** The full key policy of a blueprint key in a Region. */
export function keyPolicy(
  t: TemplateBuilder,
  key: KmsKey,
  region: string,
  extra: Statement[] = [],
): Record<string, CfnValue> {
  const usages = [...new Set(key.usage)];
  return {
    Version: '2012-10-17',
    Statement: [
      // The account administers the key through IAM; nothing else can lock it out.
      {
        Sid: 'AccountAdmin',
        Effect: 'Allow',
        Principal: { AWS: ROOT },
        Action: 'kms:*',
        Resource: '*',
      },
      ...usages.flatMap((u) => USAGE_STATEMENTS[u](t, region)),
      ...key.grants.map((_g, i) => grantStatement(t, key, i)),
      ...extra,
    ],
  };
}

/**
 * Add a key (and its alias) to the template; returns the key's logical id.
 * `blueprintEntity` is false for keys orgward adds on its own (not in `keys[]`).
 * Keys are retained on stack deletion: deleting one makes everything it encrypted unreadable.
 */
export function addKmsKey(
  t: TemplateBuilder,
  key: KmsKey,
  region: string,
  extra: Statement[] = [],
  blueprintEntity = true,
): string {
  const id = keyLogicalId(key.id);
  t.add(
    id,
    {
      Type: 'AWS::KMS::Key',
      Properties: {
        Description: `orgward key ${key.id} (${key.usage.join(', ')})`,
        EnableKeyRotation: true,
        RotationPeriodInDays: key.rotationPeriodDays,
        PendingWindowInDays: key.deletionWindowDays,
        MultiRegion: key.multiRegion,
        KeyPolicy: keyPolicy(t, key, region, extra),
        Tags: cfnTags({ 'orgward:key': key.id }),
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    },
    blueprintEntity ? `kms-key:${key.id}` : undefined,
  );
  t.add(logicalId('Alias', key.id), {
    Type: 'AWS::KMS::Alias',
    Properties: { AliasName: key.alias, TargetKeyId: ref(id) },
  });
  t.output(logicalId('Key', key.id, 'Arn'), getAtt(id, 'Arn'), `ARN of KMS key ${key.id}`);
  return id;
}
