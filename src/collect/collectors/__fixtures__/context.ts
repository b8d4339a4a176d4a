/**
 * Test helpers for collectors: a tiny CollectContext whose clients are plain SDK clients
 * (aws-sdk-client-mock intercepts every instance of a mocked class), and AWS-shaped errors.
 */
import { errorCode } from '../errors.js';
import type { ClientClass, CollectContext } from '../../types.js';

/** A gap as the fake context records it. */
export interface RecordedGap {
  api: string;
  code: string | undefined;
  section: string | undefined;
}

/** The fake context plus what it recorded. */
export type FakeContext = CollectContext & {
  gaps: RecordedGap[];
  /** Regions clients were asked for, per client class name. */
  clientRegions: string[];
};

/** A CollectContext for tests. */
export function fakeContext(accountId = '111122223333', region = 'eu-west-1'): FakeContext {
  const gaps: RecordedGap[] = [];
  const clientRegions: string[] = [];
  return {
    accountId,
    region,
    partition: 'aws',
    signal: new AbortController().signal,
    gaps,
    clientRegions,
    client<C>(cls: ClientClass<C>, r?: string): C {
      clientRegions.push(r ?? region);
      return new cls({
        region: r ?? region,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        maxAttempts: 1,
      });
    },
    gap(api: string, error: unknown, section?: string): void {
      gaps.push({ api, code: errorCode(error), section });
    },
  };
}

/** An error shaped like the SDK's service exceptions (name = AWS error code). */
export function awsError(code: string, message = code, status = 400): Error {
  const e = new Error(message) as Error & { $fault: string; $metadata: object };
  e.name = code;
  e.$fault = 'client';
  e.$metadata = { httpStatusCode: status };
  return e;
}
