/**
 * KMS responders: ListKeys / ListAliases page with Limit, Marker, Truncated and NextMarker;
 * keys resolve by id, ARN or alias; GetKeyPolicy's `Policy` is a JSON string.
 */
import * as kms from '@aws-sdk/client-kms';
import type { KmsKeySnapshot } from '../../snapshot/types.js';
import { awsError } from './errors.js';
import {
  nextField,
  num,
  page,
  str,
  type Call,
  type Route,
  regionalRoute,
  regionList,
  createdDaysAgo,
} from './route.js';

const route = regionalRoute;
const list = regionList;
const created = createdDaysAgo;

function key(c: Call): KmsKeySnapshot {
  const ref = str(c.input, 'KeyId') ?? '';
  const byRef = c.idx.memo(`kms|${c.accountId}|${c.region}`, () => {
    const m = new Map<string, KmsKeySnapshot>();
    for (const k of list(c, 'kmsKeys')) {
      m.set(k.keyId, k);
      m.set(k.arn, k);
      for (const a of k.aliases) m.set(a, k);
    }
    return m;
  });
  const k = byRef.get(ref);
  if (!k)
    throw awsError(
      'kms',
      'NotFoundException',
      400,
      `Key '${ref}' does not exist`,
      kms.NotFoundException,
    );
  return k;
}

/**
 * The key's Origin as DescribeKey reports it. The snapshot does not record it: a key waiting
 * for imported material (`PendingImport`) can only be an EXTERNAL key; every other simulated
 * key has AWS-generated material.
 */
export function keyOrigin(k: KmsKeySnapshot): 'AWS_KMS' | 'EXTERNAL' {
  return k.keyState === 'PendingImport' ? 'EXTERNAL' : 'AWS_KMS';
}

/** KMS routes. */
export function kmsRoutes(): Route[] {
  const K = kms.KMSClient;
  return [
    route('kms:ListKeys', K, kms.ListKeysCommand, (c) => {
      const p = page(
        'kms',
        list(c, 'kmsKeys'),
        str(c.input, 'Marker'),
        num(c.input, 'Limit') ?? 100,
        1000,
        'InvalidMarkerException',
      );
      return {
        Keys: p.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
        Truncated: p.next !== undefined,
        ...nextField('NextMarker', p.next),
      };
    }),
    route('kms:DescribeKey', K, kms.DescribeKeyCommand, (c) => {
      const k = key(c);
      return {
        KeyMetadata: {
          AWSAccountId: c.accountId,
          KeyId: k.keyId,
          Arn: k.arn,
          CreationDate: created(c, 300),
          Enabled: k.keyState === 'Enabled',
          Description: '',
          KeyUsage: k.keyUsage,
          KeyState: k.keyState,
          Origin: keyOrigin(k),
          KeyManager: k.keyManager,
          CustomerMasterKeySpec: k.keySpec,
          KeySpec: k.keySpec,
          EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
          MultiRegion: k.multiRegion ?? false,
          ...(k.multiRegion
            ? {
                MultiRegionConfiguration: {
                  MultiRegionKeyType: 'PRIMARY',
                  PrimaryKey: { Arn: k.arn, Region: c.region },
                  ReplicaKeys: [],
                },
              }
            : {}),
        },
      };
    }),
    route('kms:GetKeyPolicy', K, kms.GetKeyPolicyCommand, (c) => {
      const k = key(c);
      return { Policy: JSON.stringify(k.policy ?? {}), PolicyName: 'default' };
    }),
    route('kms:GetKeyRotationStatus', K, kms.GetKeyRotationStatusCommand, (c) => {
      const k = key(c);
      return {
        KeyId: k.arn,
        KeyRotationEnabled: k.rotationEnabled ?? false,
        ...(k.rotationEnabled && k.rotationPeriodInDays !== undefined
          ? {
              RotationPeriodInDays: k.rotationPeriodInDays,
              NextRotationDate: new Date(Date.parse(c.idx.snapshot.takenAt) + 30 * 86_400_000),
            }
          : {}),
      };
    }),
    route('kms:ListAliases', K, kms.ListAliasesCommand, (c) => {
      const only = str(c.input, 'KeyId');
      const aliases = c.idx.memo(`aliases|${c.accountId}|${c.region}`, () =>
        list(c, 'kmsKeys').flatMap((k) => k.aliases.map((a) => ({ alias: a, key: k }))),
      );
      const chosen = only
        ? aliases.filter((a) => a.key.keyId === only || a.key.arn === only)
        : aliases;
      const p = page(
        'kms',
        chosen,
        str(c.input, 'Marker'),
        num(c.input, 'Limit') ?? 100,
        100,
        'InvalidMarkerException',
      );
      return {
        Aliases: p.items.map((a) => ({
          AliasName: a.alias,
          AliasArn: `arn:aws:kms:${c.region}:${c.accountId}:${a.alias}`,
          TargetKeyId: a.key.keyId,
          CreationDate: created(c, 300),
          LastUpdatedDate: created(c, 300),
        })),
        Truncated: p.next !== undefined,
        ...nextField('NextMarker', p.next),
      };
    }),
  ];
}
