/**
 * The real-time responder, bundled by synth (esbuild) into the security account's
 * Lambda. EventBridge delivers CloudTrail management events forwarded from every member
 * account; each is matched against the watch list and alerts are put on the security
 * event bus (source `orgward`, detail-type `orgward Alert`), where the blueprint's alert
 * routes send them to their channels. Configuration comes from the environment the
 * template sets: `ORGWARD_EVENT_BUS`, `ORGWARD_ALERT_SOURCE` and
 * `ORGWARD_TRUSTED_PRINCIPALS` (comma-separated ARN patterns of the pipeline roles).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { watch, type WatchAlert, type WatchedRecord } from './tamper-watch.js';

/** Detail-type of the alerts the responder emits (the alert routes match it). */
export const ALERT_DETAIL_TYPE = 'orgward Alert';

/** An EventBridge event carrying a CloudTrail record in `detail`. */
export interface BridgeEvent {
  'detail-type'?: string;
  detail?: WatchedRecord;
}

/** Where alerts go (an interface so tests need no AWS). */
export type AlertSink = (alert: WatchAlert) => Promise<void>;

/** Build the handler over a sink and the trusted principal patterns. */
export function makeHandler(sink: AlertSink, trusted: readonly string[]) {
  return async (event: BridgeEvent): Promise<{ alerts: number }> => {
    const alert = event.detail ? watch(event.detail, trusted) : undefined;
    if (!alert) return { alerts: 0 };
    await sink(alert);
    return { alerts: 1 };
  };
}

/** A sink that puts each alert on the event bus. */
export function busSink(
  client: Pick<EventBridgeClient, 'send'>,
  bus: string,
  source: string,
): AlertSink {
  return async (alert) => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: bus,
            Source: source,
            DetailType: ALERT_DETAIL_TYPE,
            Detail: JSON.stringify({ ...alert, rule: { id: alert.catalog, title: alert.title } }),
          },
        ],
      }),
    );
    // PutEvents reports per-entry failures in a 200 response; failing the invocation
    // makes Lambda retry and, after that, park the event in the dead-letter queue.
    if (out.FailedEntryCount)
      throw new Error(`PutEvents failed: ${out.Entries?.[0]?.ErrorMessage ?? 'unknown error'}`);
  };
}

let client: EventBridgeClient | undefined;

/** Lambda entry point. */
export const handler = async (event: BridgeEvent): Promise<{ alerts: number }> => {
  client ??= new EventBridgeClient({});
  const trusted = (process.env.ORGWARD_TRUSTED_PRINCIPALS ?? '').split(',').filter(Boolean);
  const sink = busSink(
    client,
    process.env.ORGWARD_EVENT_BUS ?? 'default',
    process.env.ORGWARD_ALERT_SOURCE ?? 'orgward',
  );
  return makeHandler(sink, trusted)(event);
};
