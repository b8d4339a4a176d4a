import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  IAMClient,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { iamAccountSettingsCollector } from './iam-account-settings.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const summary = { SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3 } };

describe('iam.account-settings', () => {
  it.each([
    {
      name: 'a password policy, keys in camelCase',
      policy: () =>
        iam.on(GetAccountPasswordPolicyCommand).resolves({
          PasswordPolicy: {
            MinimumPasswordLength: 14,
            RequireSymbols: true,
            RequireNumbers: true,
            RequireUppercaseCharacters: true,
            RequireLowercaseCharacters: true,
            AllowUsersToChangePassword: true,
            ExpirePasswords: false,
            PasswordReusePrevention: 24,
          },
        }),
      expected: {
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: true,
        allowUsersToChangePassword: true,
        expirePasswords: false,
        passwordReusePrevention: 24,
      },
      gaps: [],
    },
    {
      name: 'no password policy (modeled NoSuchEntityException) is null',
      policy: () =>
        iam
          .on(GetAccountPasswordPolicyCommand)
          .rejects(new NoSuchEntityException({ message: 'no policy', $metadata: {} })),
      expected: null,
      gaps: [],
    },
    {
      name: 'no password policy (wire code NoSuchEntity) is null',
      policy: () =>
        iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', 'x', 404)),
      expected: null,
      gaps: [],
    },
    {
      name: 'AccessDenied is a gap and leaves the policy out',
      policy: () => iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied')),
      expected: undefined,
      gaps: [
        { api: 'iam:GetAccountPasswordPolicy', code: 'AccessDenied', section: 'passwordPolicy' },
      ],
    },
  ])('$name', async ({ policy, expected, gaps }) => {
    policy();
    iam.on(GetAccountSummaryCommand).resolves(summary);
    const ctx = fakeContext();
    const result = await iamAccountSettingsCollector.run(ctx);
    if (result.kind !== 'account') throw new Error('account result expected');
    expect(result.account.passwordPolicy).toEqual(expected);
    expect('passwordPolicy' in result.account).toBe(expected !== undefined);
    expect(result.account.accountSummary).toEqual(summary.SummaryMap);
    expect(ctx.gaps).toEqual(gaps);
  });

  it('a summary it cannot read is a gap, the policy stays', async () => {
    iam.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity'));
    iam.on(GetAccountSummaryCommand).rejects(awsError('AccessDenied'));
    const ctx = fakeContext();
    const result = await iamAccountSettingsCollector.run(ctx);
    expect(result).toEqual({ kind: 'account', account: { passwordPolicy: null } });
    expect(ctx.gaps).toEqual([
      { api: 'iam:GetAccountSummary', code: 'AccessDenied', section: 'accountSummary' },
    ]);
  });
});
