import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import type { KmsKeySnapshot } from '../../snapshot/types.js';
import type { CollectContext, Collector } from '../types.js';
import { fromCatalogue } from '../catalogue.js';
import { defined, mapLimit, resourcePolicy } from './decode.js';
import { readItem } from './errors.js';

const PENDING_DELETION = new Set(['PendingDeletion', 'PendingReplicaDeletion']);

/**
 * Whether automatic rotation applies: symmetric keys with AWS-generated material, customer
 * managed (rotation optional) or AWS managed (KMS rotates them every year, and
 * GetKeyRotationStatus reports it). Asymmetric, HMAC and imported-material keys answer
 * UnsupportedOperationException.
 */
function rotates(m: KeyMetadata): boolean {
  return (
    m.KeySpec === 'SYMMETRIC_DEFAULT' &&
    (m.Origin ?? 'AWS_KMS') === 'AWS_KMS' &&
    !PENDING_DELETION.has(m.KeyState ?? '')
  );
}

async function readKey(
  ctx: CollectContext,
  client: KMSClient,
  keyId: string,
  aliases: readonly string[],
): Promise<KmsKeySnapshot | undefined> {
  const opts = { abortSignal: ctx.signal };
  const section = `kmsKeys.${keyId}`;
  const described = await readItem(ctx, 'kms:DescribeKey', section, async () => {
    return (await client.send(new DescribeKeyCommand({ KeyId: keyId }), opts)).KeyMetadata;
  });
  if (described == null) return undefined;
  const m = described;
  const [policy, rotation] = await Promise.all([
    readItem(ctx, 'kms:GetKeyPolicy', `${section}.policy`, async () =>
      resourcePolicy((await client.send(new GetKeyPolicyCommand({ KeyId: keyId }), opts)).Policy),
    ),
    rotates(m)
      ? readItem(ctx, 'kms:GetKeyRotationStatus', `${section}.rotation`, () =>
          client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), opts),
        )
      : undefined,
  ]);
  return {
    keyId,
    arn: m.Arn ?? '',
    keyManager: m.KeyManager ?? '',
    keyState: m.KeyState ?? '',
    ...defined({
      keySpec: m.KeySpec,
      keyUsage: m.KeyUsage,
      multiRegion: m.MultiRegion,
      rotationEnabled: rotation?.KeyRotationEnabled,
      rotationPeriodInDays: rotation?.RotationPeriodInDays,
      policy: policy ?? undefined,
    }),
    aliases: [...aliases],
  };
}

/**
 * `kms.keys`: every key in the Region with DescribeKey; the key policy of every key (AWS
 * managed keys too: their policies, e.g. `kms:ViaService` grants to the whole account, matter
 * to access analysis, and GetKeyPolicy returns them); rotation status only where automatic
 * rotation applies (symmetric keys with AWS_KMS material, not pending deletion). Aliases come from one ListAliases over the Region. A key that cannot
 * be described is a gap and left out.
 */
export const kmsKeysCollector: Collector = {
  ...fromCatalogue('kms.keys'),
  service: 'kms',
  async run(ctx) {
    const client = ctx.client(KMSClient);
    const opts = { abortSignal: ctx.signal };
    const keyIds: string[] = [];
    for await (const page of paginateListKeys({ client }, {}, opts)) {
      for (const k of page.Keys ?? []) if (k.KeyId !== undefined) keyIds.push(k.KeyId);
    }
    const aliases = new Map<string, string[]>();
    const aliasesRead = await readItem(ctx, 'kms:ListAliases', 'kmsKeys.aliases', async () => {
      for await (const page of paginateListAliases({ client }, {}, opts)) {
        for (const a of page.Aliases ?? []) {
          if (a.TargetKeyId === undefined || a.AliasName === undefined) continue;
          aliases.set(a.TargetKeyId, [...(aliases.get(a.TargetKeyId) ?? []), a.AliasName]);
        }
      }
      return true;
    });
    if (aliasesRead !== true) aliases.clear();
    const keys = await mapLimit(keyIds, 8, (id) => readKey(ctx, client, id, aliases.get(id) ?? []));
    return {
      kind: 'region',
      region: { kmsKeys: keys.filter((k): k is KmsKeySnapshot => k !== undefined) },
    };
  },
};
