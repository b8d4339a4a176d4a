/**
 * Runs a custom resource handler's inline source the way Lambda would (CommonJS, with
 * `require`), against injected modules, and captures the response it PUTs to
 * CloudFormation. Used by the handler tests; no network is touched.
 */
import { createRequire } from 'node:module';
import { handlerCode, type CustomHandler } from './provider.js';

/** What the handler sent back to CloudFormation. */
export interface CfnResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason: string;
  PhysicalResourceId: string;
  LogicalResourceId: string;
  RequestId: string;
  StackId: string;
  Data: Record<string, unknown>;
}

/** A custom resource event, as CloudFormation sends it. */
export interface CfnEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
  PhysicalResourceId?: string;
  LogicalResourceId?: string;
  ResourceType?: string;
}

const nodeRequire = createRequire(import.meta.url);

/**
 * Invoke the handler with the event. SDK modules resolve to the real `@aws-sdk/client-*`
 * packages, so `aws-sdk-client-mock` set up by the test intercepts their calls.
 */
export async function invokeHandler(h: CustomHandler, event: CfnEvent): Promise<CfnResponse> {
  let sent = '';
  const fakeHttps = {
    request: (
      _opts: unknown,
      onResponse: (res: { resume: () => void; on: (e: string, f: () => void) => void }) => void,
    ) => ({
      on: () => undefined,
      end: (body: string) => {
        sent = body;
        onResponse({
          resume: () => undefined,
          on: (_e, f) => {
            f();
          },
        });
      },
    }),
  };
  const req = (name: string): unknown => (name === 'https' ? fakeHttps : nodeRequire(name));
  const mod: { exports: { handler?: (e: unknown, c: unknown) => Promise<void> } } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the exact inline source Lambda would run
  const load = new Function('require', 'exports', 'module', handlerCode(h)) as (
    r: typeof req,
    e: typeof mod.exports,
    m: typeof mod,
  ) => void;
  load(req, mod.exports, mod);
  const handler = mod.exports.handler;
  if (!handler) throw new Error(`handler ${h.id} does not export handler`);
  await handler(
    {
      StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/test/1',
      RequestId: 'req-1',
      LogicalResourceId: 'Resource',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/path?sig=1',
      ...event,
    },
    { logStreamName: 'stream' },
  );
  return JSON.parse(sent) as CfnResponse;
}
