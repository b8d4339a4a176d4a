/**
 * Inline baseline functions that `customProvider` cannot express: a handler whose role
 * needs a predictable name (the guardrail SCPs exempt the baseline's own roles by name
 * from the denies that protect the very settings it applies), and a second entry point
 * of a handler's code (`exports.sweep`) run by EventBridge rather than CloudFormation.
 * Same shape as `customProvider`: function, role with least privilege, log group.
 */
import { getAtt, nagMetadata, ref, sub, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import {
  handlerCode,
  HANDLER_RUNTIME,
  INLINE_CODE_MAX,
  type CustomHandler,
} from '../custom/provider.js';

/** Prefix of the named baseline handler roles (`<prefix>-baseline-<handler>-<region>`). */
export function baselineRolePrefix(prefix: string): string {
  return `${prefix}-baseline-`;
}

/** One baseline function. */
export interface BaselineFunction {
  /** Logical id stem, e.g. `AccountGaps` -> `AccountGapsFunction`, `...Role`, `...Logs`. */
  id: string;
  handler: CustomHandler;
  /** Entry point: `handler` (CloudFormation custom resource) or an extra export. */
  entry: 'handler' | 'sweep';
  /** Function name suffix (`<prefix>-<name>`). */
  name: string;
  /** Give the role the name `<prefix>-baseline-<name>-<region>` (for SCP exemptions). */
  namedRole?: boolean;
  description: string;
  environment?: Record<string, CfnValue>;
}

/** Add the function, its role and log group; returns the function's ARN. */
export function addBaselineFunction(t: TemplateBuilder, f: BaselineFunction): CfnValue {
  const code = handlerCode(f.handler);
  if (code.length > INLINE_CODE_MAX)
    throw new Error(
      `handler ${f.handler.id} is ${code.length} characters, over the inline limit ${INLINE_CODE_MAX}`,
    );
  const name = `${t.ctx.prefix}-${f.name}`;
  // Deleted with the stack: a retained, named log group would make the next deploy into
  // this account and Region fail (an account that leaves and rejoins a target OU). What
  // the function changed is in CloudTrail.
  const logs = t.add(`${f.id}Logs`, {
    Type: 'AWS::Logs::LogGroup',
    Properties: { LogGroupName: `/aws/lambda/${name}`, RetentionInDays: 365 },
  });
  const role = t.add(`${f.id}Role`, {
    Type: 'AWS::IAM::Role',
    Properties: {
      // Role names are global to the account; the Region keeps StackSet instances apart.
      ...(f.namedRole
        ? { RoleName: sub(`${baselineRolePrefix(t.ctx.prefix)}${f.name}-\${AWS::Region}`) }
        : {}),
      Description: `orgward baseline function ${f.name}`,
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
          PolicyName: 'handler',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: getAtt(logs, 'Arn'),
              },
              ...f.handler.statements,
            ],
          },
        },
      ],
    },
    ...(f.handler.roleSuppressions?.length
      ? { Metadata: nagMetadata(...f.handler.roleSuppressions) }
      : {}),
  });
  const fn = t.add(`${f.id}Function`, {
    Type: 'AWS::Lambda::Function',
    DependsOn: [logs],
    Properties: {
      FunctionName: name,
      Description: f.description,
      Runtime: HANDLER_RUNTIME,
      Handler: `index.${f.entry}`,
      Timeout: 300,
      MemorySize: 256,
      Role: getAtt(role, 'Arn'),
      ...(f.environment ? { Environment: { Variables: f.environment } } : {}),
      Code: { ZipFile: code },
    },
    Metadata: nagMetadata({
      id: 'AwsSolutions-L1',
      reason: `pinned to ${HANDLER_RUNTIME}, the runtime the handler is tested with; bumped deliberately with the tests`,
    }),
  });
  return getAtt(fn, 'Arn');
}
