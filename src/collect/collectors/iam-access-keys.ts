import {
  GetAccessKeyLastUsedCommand,
  IAMClient,
  paginateListAccessKeys,
  paginateListUsers,
  type AccessKeyMetadata,
} from '@aws-sdk/client-iam';
import type { AccessKeyMeta } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined, isoDate, mapLimit } from './decode.js';
import { readItem } from './errors.js';

/** AWS answers `N/A` for the service and Region of a key never used. */
function known(v: string | undefined): string | undefined {
  return v === undefined || v === 'N/A' ? undefined : v;
}

/**
 * `iam.access-keys`: every user's access key metadata (id, status, creation) and when it was
 * last used. Only ListAccessKeys and GetAccessKeyLastUsed: never the secret, no credential
 * report. `N/A` service and Region (a key never used) are left out.
 */
export const iamAccessKeysCollector: Collector = {
  ...fromCatalogue('iam.access-keys'),
  service: 'iam',
  async run(ctx) {
    const client = ctx.client(IAMClient);
    const opts = { abortSignal: ctx.signal };
    const users: string[] = [];
    for await (const page of paginateListUsers({ client }, {}, opts)) {
      for (const u of page.Users ?? []) if (u.UserName !== undefined) users.push(u.UserName);
    }
    const perUser = await mapLimit(users, 8, (userName) =>
      readItem(ctx, 'iam:ListAccessKeys', `accessKeys.${userName}`, async () => {
        const keys: AccessKeyMetadata[] = [];
        for await (const page of paginateListAccessKeys({ client }, { UserName: userName }, opts)) {
          keys.push(...(page.AccessKeyMetadata ?? []));
        }
        return keys;
      }),
    );
    const keys = perUser.flatMap((k) => k ?? []);
    const accessKeys = await mapLimit(keys, 8, async (k): Promise<AccessKeyMeta> => {
      const accessKeyId = k.AccessKeyId ?? '';
      const used = await readItem(
        ctx,
        'iam:GetAccessKeyLastUsed',
        `accessKeys.${accessKeyId}.lastUsed`,
        async () =>
          (await client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }), opts))
            .AccessKeyLastUsed,
      );
      return {
        userName: k.UserName ?? '',
        accessKeyId,
        status: k.Status ?? '',
        ...defined({
          createDate: isoDate(k.CreateDate),
          lastUsed:
            used == null
              ? undefined
              : defined({
                  date: isoDate(used.LastUsedDate),
                  serviceName: known(used.ServiceName),
                  region: known(used.Region),
                }),
        }),
      };
    });
    return { kind: 'account', account: { accessKeys } };
  },
};
