/**
 * Custom resources, only where CloudFormation has no resource type. Each handler is a
 * small inline Node.js function (CloudFormation's `ZipFile`, under 4,096 characters, so
 * no asset bucket is needed) using the AWS SDK v3 the Lambda runtime ships. The shared
 * runtime below answers CloudFormation's pre-signed response URL; `custom/harness.ts`
 * runs the same source in tests against mocked SDK clients.
 */
import { getAtt, logicalId, nagMetadata, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';

/** Lambda runtime for the handlers (the newest Node.js runtime AWS supports). */
export const HANDLER_RUNTIME = 'nodejs22.x';

/** Inline code limit for ZipFile (Node.js runtimes). */
export const INLINE_CODE_MAX = 4096;

/** One custom resource handler. */
export interface CustomHandler {
  /** Short id, e.g. `org-gaps`; names the function's logical ids. */
  id: string;
  /** What it does (the function's description). */
  description: string;
  /**
   * JavaScript defining `async function handle(event)` that creates, updates or deletes
   * the resource for `event.RequestType` with `event.ResourceProperties`, and returns
   * `{ id, data? }` (the physical id and attributes). It may `require('@aws-sdk/client-*')`.
   */
  source: string;
  /** IAM statements the function needs (least privilege; a `*` resource needs a reason). */
  statements: Record<string, CfnValue>[];
  /** cdk-nag suppressions for the role, each with its reason (e.g. actions without resource types). */
  roleSuppressions?: { id: string; reason: string }[];
}

/** The response plumbing every handler shares (kept tiny: it counts toward 4,096). */
export const RUNTIME = [
  "const https=require('https');",
  'exports.handler=async(e,c)=>{let s="SUCCESS",r,why;',
  'try{r=await handle(e)}catch(x){s="FAILED";why=String((x&&x.message)||x).slice(0,400)}',
  'const b=JSON.stringify({Status:s,Reason:why||"log "+c.logStreamName,PhysicalResourceId:(r&&r.id)||e.PhysicalResourceId||e.LogicalResourceId,',
  'StackId:e.StackId,RequestId:e.RequestId,LogicalResourceId:e.LogicalResourceId,Data:(r&&r.data)||{}});',
  'const u=new URL(e.ResponseURL);await new Promise((ok,ko)=>{const q=https.request({hostname:u.hostname,path:u.pathname+u.search,',
  "method:'PUT',headers:{'content-type':'','content-length':Buffer.byteLength(b)}},p=>{p.resume();p.on('end',ok)});q.on('error',ko);q.end(b)})};",
].join('');

/** The full inline source of a handler. */
export function handlerCode(h: CustomHandler): string {
  return `${RUNTIME}\n${h.source.trim()}\n`;
}

/**
 * Add the handler's function, role and log group to the template (once per template)
 * and return the `ServiceToken` for custom resources that use it.
 */
export function customProvider(t: TemplateBuilder, h: CustomHandler): CfnValue {
  const fn = logicalId('Orgward', h.id, 'Function');
  if (t.has(fn)) return getAtt(fn, 'Arn');
  const code = handlerCode(h);
  if (code.length > INLINE_CODE_MAX)
    throw new Error(
      `custom resource handler ${h.id} is ${code.length} characters, over the inline limit ${INLINE_CODE_MAX}`,
    );
  const role = logicalId('Orgward', h.id, 'Role');
  const logs = logicalId('Orgward', h.id, 'Logs');
  const functionName = `${t.ctx.prefix}-${h.id}`;
  t.add(logs, {
    Type: 'AWS::Logs::LogGroup',
    // Deleted with the stack: the name is fixed, so a retained group would make the next
    // deployment into this account and Region fail.
    Properties: { LogGroupName: `/aws/lambda/${functionName}`, RetentionInDays: 365 },
  });
  t.add(role, {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: `orgward custom resource ${h.id}`,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'lambda.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'handler',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: getAtt(logs, 'Arn'),
              },
              ...h.statements,
            ],
          },
        },
      ],
    },
    ...(h.roleSuppressions?.length ? { Metadata: nagMetadata(...h.roleSuppressions) } : {}),
  });
  t.add(fn, {
    Type: 'AWS::Lambda::Function',
    DependsOn: [logs],
    Properties: {
      FunctionName: functionName,
      Description: h.description,
      Runtime: HANDLER_RUNTIME,
      Handler: 'index.handler',
      Timeout: 300,
      MemorySize: 256,
      Role: getAtt(role, 'Arn'),
      Code: { ZipFile: code },
    },
    Metadata: nagMetadata({
      id: 'AwsSolutions-L1',
      reason: `pinned to ${HANDLER_RUNTIME}, the runtime the handler is tested with; bumped deliberately with the tests`,
    }),
  });
  return getAtt(fn, 'Arn');
}
