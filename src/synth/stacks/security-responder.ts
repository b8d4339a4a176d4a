/**
 * The real-time responder: an event bus in the security account that every account of
 * the organization may put events on, a rule on it for CloudTrail management events
 * (and one on the default bus for the GuardDuty finding types the playbooks name), and
 * orgward's detect/respond code as a Lambda function (bundle from `responderAsset()`)
 * with a least-privilege role, an encrypted dead-letter queue and reserved concurrency.
 *
 * Response actions in other accounts run through a role the responder assumes
 * (`<prefix>-responder-action`, deployed by the account baseline with the permissions of
 * RESPONSE_ACTIONS in security-actions.ts); the responder's own role only gets to assume it, and only when an
 * `auto` playbook needs it.
 */
import { InputError } from '../../core/errors.js';
import { canonicalJson, getAtt, join, nagMetadata, ref, sub, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import { responderAsset } from '../assets.js';
import { roleArnPatterns } from '../../blueprint/validate/policies-resolve.js';
import { ORGWARD_ALERT_SOURCE } from './security-alerting.js';
import type { ChannelTarget } from './security-channels.js';
import { wildcardSuppressions } from './security-nag.js';
import { cat, securityBusName } from './security-refs.js';
import {
  RESPONSE_ACTIONS,
  responderActionRoleName,
  responderRoleName,
} from './security-actions.js';

/** Lambda's limit on the total size of a function's environment variables. */
const ENV_MAX_BYTES = 4096;

/** Logical ids. */
export const SECURITY_BUS = 'SecurityEventBus';
const FN = 'ResponderFunction';
const ROLE = 'ResponderRole';
const DLQ = 'ResponderDeadLetterQueue';
const LOGS = 'ResponderLogs';

/** The security event bus; any principal of the organization may put events on it. */
export function addSecurityBus(t: TemplateBuilder): string {
  const name = securityBusName(t.ctx.prefix);
  t.add(SECURITY_BUS, {
    Type: 'AWS::Events::EventBus',
    Properties: {
      Name: name,
      Description: 'orgward: events forwarded by every account of the organization',
      Policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'OrganizationPutEvents',
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'events:PutEvents',
            Resource: sub(
              `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/${name}`,
            ),
            Condition: { StringEquals: { 'aws:PrincipalOrgID': t.organizationId() } },
          },
        ],
      },
    },
  });
  t.output(
    'SecurityEventBusArn',
    getAtt(SECURITY_BUS, 'Arn'),
    'Event bus member accounts forward to',
  );
  return SECURITY_BUS;
}

/** The responder: function, role, DLQ, log group, rules and permissions. */
export function addResponder(
  t: TemplateBuilder,
  channels: ReadonlyMap<string, ChannelTarget>,
  alertsKey: CfnValue,
): void {
  const { ctx } = t;
  const fnName = `${ctx.prefix}-responder`;
  const auto = ctx.bp.response.filter((p) => p.mode === 'auto');
  const used = new Set(auto.flatMap((p) => p.actions.map((a) => a.type)));
  const notify = [
    ...new Set(auto.flatMap((p) => p.actions.flatMap((a) => (a.type === 'notify' ? a.to : [])))),
  ];
  t.add(DLQ, {
    Type: 'AWS::SQS::Queue',
    Properties: {
      QueueName: `${fnName}-dlq`,
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    },
    Metadata: nagMetadata({
      id: 'AwsSolutions-SQS3',
      reason:
        "this queue is the dead-letter queue of the responder's rule target and function; a DLQ needs no DLQ of its own",
    }),
  });
  t.add(LOGS, {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: `/aws/lambda/${fnName}`, RetentionInDays: 365 },
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
  });
  const statements: Record<string, CfnValue>[] = [
    {
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: getAtt(LOGS, 'Arn'),
    },
    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(DLQ, 'Arn') },
    { Effect: 'Allow', Action: 'events:PutEvents', Resource: getAtt(SECURITY_BUS, 'Arn') },
    {
      // Alert context: the account's name, OU path and tags.
      Effect: 'Allow',
      Action: [
        'organizations:DescribeAccount',
        'organizations:ListParents',
        'organizations:ListTagsForResource',
        'organizations:DescribeOrganizationalUnit',
      ],
      Resource: cat(`arn:${ctx.partition}:organizations::`, t.accountId(ctx.management), ':*'),
    },
  ];
  const topics = notify.flatMap((id) => {
    const c = channels.get(id);
    if (!c)
      throw new InputError(
        `a response playbook notifies channel ${id}, which alerting.channels does not define`,
      );
    return [c];
  });
  if (topics.length) {
    statements.push({
      Effect: 'Allow',
      Action: 'sns:Publish',
      Resource: topics.map((c) => c.topicArn),
    });
    statements.push({
      Effect: 'Allow',
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: alertsKey,
    });
  }
  const roleName = responderActionRoleName(ctx.prefix);
  const where = new Set([...used].map((a) => RESPONSE_ACTIONS[a].where));
  if (where.has('management'))
    statements.push({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: cat(`arn:${ctx.partition}:iam::`, t.accountId(ctx.management), `:role/${roleName}`),
    });
  if (where.has('target'))
    statements.push({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: `arn:${ctx.partition}:iam::*:role/${roleName}`,
      Condition: { StringEquals: { 'aws:ResourceOrgID': t.organizationId() } },
    });
  addRole(t, statements);
  const env = environment(t, channels, roleName);
  t.add(
    FN,
    {
      Type: 'AWS::Lambda::Function',
      DependsOn: [LOGS],
      Properties: {
        FunctionName: fnName,
        Description: 'orgward responder: detections over CloudTrail events and the auto playbooks',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Architectures: ['arm64'],
        Timeout: 60,
        MemorySize: 512,
        ReservedConcurrentExecutions: 10,
        Role: getAtt(ROLE, 'Arn'),
        Code: codeOf(t),
        DeadLetterConfig: { TargetArn: getAtt(DLQ, 'Arn') },
        Environment: { Variables: env },
      },
      Metadata: nagMetadata({
        id: 'AwsSolutions-L1',
        reason:
          'the bundle is built by esbuild for target node22 and tested on Node.js 22; the runtime moves with that target',
      }),
    },
    'responder',
  );
  addRule(t, 'ResponderCloudTrailRule', ref(SECURITY_BUS), {
    'detail-type': ['AWS API Call via CloudTrail'],
  });
  const findingTypes = [
    ...new Set(ctx.bp.response.flatMap((p) => p.trigger.findingTypes ?? [])),
  ].sort();
  if (findingTypes.length)
    addRule(t, 'ResponderFindingsRule', undefined, {
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { type: findingTypes },
    });
  t.add('ResponderDeadLetterQueuePolicy', {
    Type: 'AWS::SQS::QueuePolicy',
    Properties: {
      Queues: [ref(DLQ)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: '*',
            Action: 'sqs:*',
            Resource: getAtt(DLQ, 'Arn'),
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'ResponderRuleFailures',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: getAtt(DLQ, 'Arn'),
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
    },
  });
  t.output('ResponderFunctionArn', getAtt(FN, 'Arn'), 'The responder function');
}

function codeOf(t: TemplateBuilder): CfnValue {
  const { bucket, key } = t.asset(responderAsset());
  return { S3Bucket: bucket, S3Key: key };
}

function addRole(t: TemplateBuilder, statements: Record<string, CfnValue>[]): void {
  t.add(ROLE, {
    Type: 'AWS::IAM::Role',
    Properties: {
      // Named, so action roles in other accounts can trust it by ARN pattern.
      RoleName: responderRoleName(t.ctx.prefix),
      Description: 'orgward responder function',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'responder',
          PolicyDocument: { Version: '2012-10-17', Statement: statements },
        },
      ],
    },
    Metadata: nagMetadata(
      ...wildcardSuppressions(
        statements,
        'wildcards are limited to: log streams of the function log group, read-only Organizations context calls within this organization, the data-key actions on the one alerts key, and the responder action role in accounts of this organization (aws:ResourceOrgID)',
      ),
    ),
  });
}

function addRule(
  t: TemplateBuilder,
  id: string,
  bus: CfnValue | undefined,
  pattern: Record<string, CfnValue>,
): void {
  t.add(id, {
    Type: 'AWS::Events::Rule',
    Properties: {
      Description: 'orgward: events for the responder',
      State: 'ENABLED',
      ...(bus ? { EventBusName: bus } : {}),
      EventPattern: pattern,
      Targets: [
        {
          Id: 'responder',
          Arn: getAtt(FN, 'Arn'),
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: getAtt(DLQ, 'Arn') },
        },
      ],
    },
  });
  t.add(`${id}Permission`, {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: ref(FN),
      Principal: 'events.amazonaws.com',
      SourceArn: getAtt(id, 'Arn'),
    },
  });
}

/**
 * The function's environment: where to put alerts, the channel topics, the playbooks
 * and the action role. Lambda caps the whole environment at 4 KB.
 */
function environment(
  t: TemplateBuilder,
  channels: ReadonlyMap<string, ChannelTarget>,
  roleName: string,
): Record<string, CfnValue> {
  const { ctx } = t;
  const ids = [...channels.keys()].sort();
  const topicParts: CfnValue[] = ['{'];
  ids.forEach((id, i) => {
    topicParts.push(
      `${i ? ',' : ''}${JSON.stringify(id)}:"`,
      channels.get(id)?.topicArn ?? '',
      '"',
    );
  });
  topicParts.push('}');
  const playbooks = canonicalJson(ctx.bp.response);
  const env: Record<string, CfnValue> = {
    ORGWARD_EVENT_BUS: securityBusName(ctx.prefix),
    ORGWARD_ALERT_SOURCE: ORGWARD_ALERT_SOURCE,
    ORGWARD_CHANNEL_TOPICS: ids.length ? join('', topicParts) : '{}',
    ORGWARD_PLAYBOOKS: playbooks,
    ORGWARD_ACTION_ROLE: roleName,
    ORGWARD_MANAGEMENT_ACCOUNT: t.accountId(ctx.management),
    // The deployment pipeline changes guardrails on purpose: its calls do not alert.
    ORGWARD_TRUSTED_PRINCIPALS: [
      ...roleArnPatterns(ctx.idx, ['pipeline']),
      `arn:${ctx.partition}:iam::*:role/stacksets-exec-*`,
    ].join(','),
  };
  // Deploy-time values are counted at their longest: a topic ARN with a 256-character
  // name plus quoting per channel, and a 12-digit account id.
  const bytes =
    Object.entries(env).reduce(
      (n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 0),
      0,
    ) +
    (ids.length ? JSON.stringify(ids).length + ids.length * 320 : 0) +
    12;
  if (bytes > ENV_MAX_BYTES)
    throw new InputError(
      `synth: the response playbooks and alert channels need ${String(bytes)} bytes of responder environment, over Lambda's ${String(ENV_MAX_BYTES)}; shorten the playbooks (response[]) or use fewer channels`,
    );
  return env;
}
