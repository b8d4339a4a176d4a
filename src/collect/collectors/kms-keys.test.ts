import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { kmsKeysCollector } from './kms-keys.js';

const kms = mockClient(KMSClient);
beforeEach(() => kms.reset());

const arn = (id: string) => `arn:aws:kms:eu-west-1:111122223333:key/${id}`;
const keyPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::111122223333:root' },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

function meta(id: string, m: Partial<KeyMetadata>): KeyMetadata {
  return {
    KeyId: id,
    Arn: arn(id),
    AWSAccountId: '111122223333',
    CreationDate: new Date('2020-01-01T00:00:00Z'),
    Enabled: true,
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    KeySpec: 'SYMMETRIC_DEFAULT',
    MultiRegion: false,
    ...m,
  };
}

// id, metadata, expected rotation/policy calls
const keys: [string, KeyMetadata, { rotation: boolean; policy: boolean }][] = [
  ['cmk', meta('cmk', {}), { rotation: true, policy: true }],
  ['aws', meta('aws', { KeyManager: 'AWS' }), { rotation: true, policy: true }],
  [
    'rsa',
    meta('rsa', { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }),
    { rotation: false, policy: true },
  ],
  ['imported', meta('imported', { Origin: 'EXTERNAL' }), { rotation: false, policy: true }],
  [
    'deleting',
    meta('deleting', { KeyState: 'PendingDeletion', Enabled: false }),
    { rotation: false, policy: true },
  ],
];

describe('kms.keys', () => {
  it('reads keys across pages with the fewest calls', async () => {
    kms
      .on(ListKeysCommand)
      .resolvesOnce({
        Keys: keys.slice(0, 2).map(([id]) => ({ KeyId: id, KeyArn: arn(id) })),
        Truncated: true,
        NextMarker: 'k2',
      })
      .resolvesOnce({
        Keys: keys.slice(2).map(([id]) => ({ KeyId: id, KeyArn: arn(id) })),
        Truncated: false,
      });
    for (const [id, m] of keys)
      kms.on(DescribeKeyCommand, { KeyId: id }).resolves({ KeyMetadata: m });
    kms
      .on(GetKeyPolicyCommand)
      .resolves({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' });
    kms
      .on(GetKeyRotationStatusCommand)
      .resolves({ KeyRotationEnabled: true, RotationPeriodInDays: 365 });
    kms
      .on(ListAliasesCommand)
      .resolvesOnce({
        Aliases: [
          {
            AliasName: 'alias/app',
            AliasArn: 'arn:aws:kms:eu-west-1:111122223333:alias/app',
            TargetKeyId: 'cmk',
          },
          { AliasName: 'alias/app2', TargetKeyId: 'cmk' },
          { AliasName: 'alias/aws/s3', TargetKeyId: 'aws' },
          { AliasName: 'alias/unused' },
        ],
        Truncated: true,
        NextMarker: 'a2',
      })
      .resolvesOnce({
        Aliases: [{ AliasName: 'alias/sign', TargetKeyId: 'rsa' }],
        Truncated: false,
      });

    const ctx = fakeContext();
    const result = await kmsKeysCollector.run(ctx);
    expect(ctx.gaps).toEqual([]);
    const out = result.kind === 'region' ? (result.region.kmsKeys ?? []) : [];
    expect(out.map((k) => k.keyId)).toEqual(keys.map(([id]) => id));
    expect(out[0]).toEqual({
      keyId: 'cmk',
      arn: arn('cmk'),
      keyManager: 'CUSTOMER',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      multiRegion: false,
      rotationEnabled: true,
      rotationPeriodInDays: 365,
      policy: keyPolicy,
      aliases: ['alias/app', 'alias/app2'],
    });
    expect(out[1]).toEqual({
      keyId: 'aws',
      arn: arn('aws'),
      keyManager: 'AWS',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      multiRegion: false,
      rotationEnabled: true,
      rotationPeriodInDays: 365,
      policy: keyPolicy,
      aliases: ['alias/aws/s3'],
    });
    const rotated = kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId);
    const policies = kms.commandCalls(GetKeyPolicyCommand).map((c) => c.args[0].input.KeyId);
    expect(rotated.sort()).toEqual(
      keys
        .filter(([, , e]) => e.rotation)
        .map(([id]) => id)
        .sort(),
    );
    expect(policies.sort()).toEqual(
      keys
        .filter(([, , e]) => e.policy)
        .map(([id]) => id)
        .sort(),
    );
    expect(kms.commandCalls(ListAliasesCommand)).toHaveLength(2);
    expect(kms.commandCalls(ListKeysCommand)[1]?.args[0].input).toEqual({ Marker: 'k2' });
  });

  it.each([
    {
      name: 'DescribeKey denied: gap, key left out',
      setup: () => kms.on(DescribeKeyCommand).rejects(awsError('AccessDeniedException')),
      keysOut: [] as string[],
      gap: { api: 'kms:DescribeKey', code: 'AccessDeniedException', section: 'kmsKeys.cmk' },
    },
    {
      name: 'GetKeyPolicy denied: gap, key kept without policy',
      setup: () => {
        kms.on(DescribeKeyCommand).resolves({ KeyMetadata: meta('cmk', {}) });
        kms.on(GetKeyPolicyCommand).rejects(awsError('AccessDeniedException'));
        kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
      },
      keysOut: ['cmk'],
      gap: {
        api: 'kms:GetKeyPolicy',
        code: 'AccessDeniedException',
        section: 'kmsKeys.cmk.policy',
      },
    },
  ])('$name', async ({ setup, keysOut, gap }) => {
    kms.on(ListKeysCommand).resolves({ Keys: [{ KeyId: 'cmk', KeyArn: arn('cmk') }] });
    kms.on(ListAliasesCommand).resolves({ Aliases: [] });
    setup();
    const ctx = fakeContext();
    const result = await kmsKeysCollector.run(ctx);
    const out = result.kind === 'region' ? (result.region.kmsKeys ?? []) : [];
    expect(out.map((k) => k.keyId)).toEqual(keysOut);
    if (out[0]) expect('policy' in out[0]).toBe(false);
    expect(ctx.gaps).toEqual([gap]);
  });
});
