import {
  GetPublicAccessBlockCommand,
  NoSuchPublicAccessBlockConfiguration,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { s3AccountPublicAccessBlockCollector } from './s3-account-public-access-block.js';

const s3control = mockClient(S3ControlClient);
beforeEach(() => s3control.reset());

describe('s3.account-public-access-block', () => {
  it.each([
    {
      name: 'configured',
      answer: () =>
        s3control.on(GetPublicAccessBlockCommand).resolves({
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        }),
      expected: {
        blockPublicAcls: true,
        ignorePublicAcls: true,
        blockPublicPolicy: true,
        restrictPublicBuckets: true,
      },
    },
    {
      name: 'partly configured (absent flags are false)',
      answer: () =>
        s3control
          .on(GetPublicAccessBlockCommand)
          .resolves({ PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }),
      expected: {
        blockPublicAcls: false,
        ignorePublicAcls: false,
        blockPublicPolicy: true,
        restrictPublicBuckets: false,
      },
    },
    {
      name: 'not configured is null',
      answer: () =>
        s3control
          .on(GetPublicAccessBlockCommand)
          .rejects(new NoSuchPublicAccessBlockConfiguration({ message: 'none', $metadata: {} })),
      expected: null,
    },
  ])('$name', async ({ answer, expected }) => {
    answer();
    const result = await s3AccountPublicAccessBlockCollector.run(fakeContext('444455556666'));
    expect(result).toEqual({ kind: 'account', account: { s3AccountPublicAccessBlock: expected } });
    expect(s3control.commandCalls(GetPublicAccessBlockCommand)[0]?.args[0].input).toEqual({
      AccountId: '444455556666',
    });
  });

  it('throws on AccessDenied (the engine records the gap)', async () => {
    s3control
      .on(GetPublicAccessBlockCommand)
      .rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(s3AccountPublicAccessBlockCollector.run(fakeContext())).rejects.toThrow(
      'Access Denied',
    );
  });
});
