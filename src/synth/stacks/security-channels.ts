/**
 * Alert channels. Every channel but `sns` gets its own KMS-encrypted topic whose policy
 * lets this account's EventBridge rules and CloudWatch alarms publish over TLS only:
 * - email: an email subscription (the recipient confirms it once);
 * - webhook: an HTTPS subscription (the endpoint must confirm SNS's subscription message);
 * - chatbot-slack (`<workspace id>/<channel id>`): an AWS Chatbot Slack channel
 *   configuration (the workspace must be authorized in the Chatbot console once);
 * - chatbot-teams (`<tenant id>/<team id>/<channel id>`): a Chatbot Teams configuration;
 *   with only `<team>/<channel>` the tenant is unknown, so only the topic is created and
 *   the channel is subscribed in the console (the unit's outputs say so);
 * - sns (an existing topic ARN): no topic; rules publish to it directly, and its owner
 *   must allow events.amazonaws.com to publish (SNS topics cannot subscribe to topics).
 */
import { InputError } from '../../core/errors.js';
import type { Blueprint } from '../../blueprint/schema/blueprint.js';
import { logicalId, ref, sub, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';

/** A channel as the blueprint declares it. */
export type Channel = Blueprint['alerting']['channels'][number];

/** Where a channel's alerts are published. */
export interface ChannelTarget {
  topicArn: CfnValue;
  /** True when orgward created the topic (and so controls its policy and key). */
  owned: boolean;
}

/** Add a channel's topic, subscription and chat configuration. */
export function addChannel(t: TemplateBuilder, ch: Channel, keyArn: CfnValue): ChannelTarget {
  const entity = `channel:${ch.id}`;
  if (ch.type === 'sns') {
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(ch.endpoint))
      throw new InputError(
        `alerting channel ${ch.id}: an sns channel's endpoint must be an SNS topic ARN, got ${ch.endpoint}`,
      );
    t.entity(entity);
    return { topicArn: ch.endpoint, owned: false };
  }
  const topic = logicalId('AlertTopic', ch.id);
  t.add(
    topic,
    {
      Type: 'AWS::SNS::Topic',
      Properties: {
        TopicName: `${t.ctx.prefix}-alerts-${ch.id}`,
        DisplayName: `orgward alerts: ${ch.id}`,
        KmsMasterKeyId: keyArn,
      },
    },
    entity,
  );
  t.add(logicalId('AlertTopic', ch.id, 'Policy'), {
    Type: 'AWS::SNS::TopicPolicy',
    Properties: {
      Topics: [ref(topic)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowAccountRulesAndAlarms',
            Effect: 'Allow',
            Principal: { Service: ['events.amazonaws.com', 'cloudwatch.amazonaws.com'] },
            Action: 'sns:Publish',
            Resource: ref(topic),
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sns:Publish',
            Resource: ref(topic),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      },
    },
  });
  if (ch.type === 'email') subscribe(t, ch, topic, 'email', ch.endpoint);
  if (ch.type === 'webhook') {
    if (!ch.endpoint.startsWith('https://'))
      throw new InputError(
        `alerting channel ${ch.id}: a webhook endpoint must use https://, got ${ch.endpoint}`,
      );
    subscribe(t, ch, topic, 'https', ch.endpoint);
  }
  if (ch.type === 'chatbot-slack' || ch.type === 'chatbot-teams') addChatbot(t, ch, topic);
  t.output(logicalId('AlertTopic', ch.id, 'Arn'), ref(topic), `Alert topic of channel ${ch.id}`);
  return { topicArn: ref(topic), owned: true };
}

function subscribe(
  t: TemplateBuilder,
  ch: Channel,
  topic: string,
  protocol: string,
  endpoint: string,
): void {
  t.add(logicalId('AlertTopic', ch.id, 'Subscription'), {
    Type: 'AWS::SNS::Subscription',
    Properties: { TopicArn: ref(topic), Protocol: protocol, Endpoint: endpoint },
  });
}

/** AWS Chatbot channel configuration, notifications only (the guardrail denies every action). */
function addChatbot(t: TemplateBuilder, ch: Channel, topic: string): void {
  const parts = ch.endpoint.split('/');
  const teams = ch.type === 'chatbot-teams';
  if (teams && parts.length !== 3) {
    t.output(
      logicalId('AlertTopic', ch.id, 'Todo'),
      `Subscribe Microsoft Teams channel ${ch.endpoint} to this channel's topic in the AWS Chatbot console (the endpoint has no tenant id)`,
      `Manual step for channel ${ch.id}`,
    );
    return;
  }
  if (!teams && parts.length !== 2)
    throw new InputError(
      `alerting channel ${ch.id}: a chatbot-slack endpoint is <workspace id>/<channel id>, got ${ch.endpoint}`,
    );
  const role = logicalId('Chatbot', ch.id, 'Role');
  t.add(role, {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `AWS Chatbot channel ${ch.id}: notifications only, no permissions`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'chatbot.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
    },
  });
  const common = {
    ConfigurationName: `${t.ctx.prefix}-${ch.id}`,
    IamRoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
    SnsTopicArns: [ref(topic)],
    GuardrailPolicies: [sub('arn:${AWS::Partition}:iam::aws:policy/AWSDenyAll')],
    UserRoleRequired: false,
    LoggingLevel: 'ERROR',
  };
  const [a = '', b = '', c = ''] = parts;
  t.add(
    logicalId('Chatbot', ch.id),
    teams
      ? {
          Type: 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration',
          Properties: { ...common, TeamsTenantId: a, TeamId: b, TeamsChannelId: c },
        }
      : {
          Type: 'AWS::Chatbot::SlackChannelConfiguration',
          Properties: { ...common, SlackWorkspaceId: a, SlackChannelId: b },
        },
  );
}
