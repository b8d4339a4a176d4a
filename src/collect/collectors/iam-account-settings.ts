import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import type { AccountSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { readItem } from './errors.js';

/** `PasswordPolicy` of GetAccountPasswordPolicy with its keys in camelCase. */
export function camelKeys(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[k.charAt(0).toLowerCase() + k.slice(1)] = v;
  }
  return out;
}

/**
 * `iam.account-settings`: the password policy (null when there is none: NoSuchEntity) and
 * GetAccountSummary's SummaryMap, keys as AWS names them (AccountMFAEnabled, ...).
 */
export const iamAccountSettingsCollector: Collector = {
  ...fromCatalogue('iam.account-settings'),
  service: 'iam',
  async run(ctx) {
    const client = ctx.client(IAMClient);
    const opts = { abortSignal: ctx.signal };
    const [policy, summary] = await Promise.all([
      readItem(
        ctx,
        'iam:GetAccountPasswordPolicy',
        'passwordPolicy',
        async () =>
          (await client.send(new GetAccountPasswordPolicyCommand({}), opts)).PasswordPolicy,
        ['NoSuchEntity', 'NoSuchEntityException'],
      ),
      readItem(
        ctx,
        'iam:GetAccountSummary',
        'accountSummary',
        async () => (await client.send(new GetAccountSummaryCommand({}), opts)).SummaryMap,
      ),
    ]);
    const account: Partial<AccountSnapshot> = {};
    if (policy === null) account.passwordPolicy = null;
    else if (policy !== undefined) account.passwordPolicy = camelKeys(policy);
    if (summary !== undefined && summary !== null) {
      const map: Record<string, number> = {};
      for (const [k, v] of Object.entries(summary)) if (typeof v === 'number') map[k] = v;
      account.accountSummary = map;
    }
    return { kind: 'account', account };
  },
};
