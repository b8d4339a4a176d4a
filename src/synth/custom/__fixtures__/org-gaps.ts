/**
 * Helpers for the org-gaps handler tests: the SDK modules as the handler `require`s them
 * (CommonJS, so aws-sdk-client-mock intercepts the same classes), events and invocation.
 */
import { createRequire } from 'node:module';
import { invokeHandler, type CfnEvent, type CfnResponse } from '../harness.js';
import { ORG_GAPS_HANDLER, ORG_GAP_TYPES } from '../org-gaps.js';

const req = createRequire(import.meta.url);
export const Org = req('@aws-sdk/client-organizations') as typeof import('@aws-sdk/client-organizations');
export const Gd = req('@aws-sdk/client-guardduty') as typeof import('@aws-sdk/client-guardduty');
export const Ct = req('@aws-sdk/client-cloudtrail') as typeof import('@aws-sdk/client-cloudtrail');

/** The `$metadata` every SDK exception carries. */
export const meta = { $metadata: {} };

/** An event for one of the handler's types (the physical id of a created resource is its Key). */
export function event(
  kind: keyof typeof ORG_GAP_TYPES,
  RequestType: CfnEvent['RequestType'],
  props: Record<string, unknown>,
  extra: Partial<CfnEvent> = {},
): CfnEvent {
  return {
    RequestType,
    ResourceType: ORG_GAP_TYPES[kind],
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x',
      ...props,
    },
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: String(props.Key) }),
    ...extra,
  };
}

/** Run the handler on the event. */
export const run = (e: CfnEvent): Promise<CfnResponse> => invokeHandler(ORG_GAPS_HANDLER, e);
