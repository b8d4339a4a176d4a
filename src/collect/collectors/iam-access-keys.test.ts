import {
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { iamAccessKeysCollector } from './iam-access-keys.js';

const iam = mockClient(IAMClient);
beforeEach(() => iam.reset());

const user = (name: string) => ({
  Path: '/',
  UserName: name,
  UserId: `AIDA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::111122223333:user/${name}`,
  CreateDate: new Date('2020-01-01T00:00:00Z'),
});

describe('iam.access-keys', () => {
  it('lists users across pages, their keys and last use; never a secret', async () => {
    iam
      .on(ListUsersCommand)
      .resolvesOnce({ Users: [user('alice')], IsTruncated: true, Marker: 'm1' })
      .resolvesOnce({ Users: [user('bob'), user('carol')], IsTruncated: false });
    iam.on(ListAccessKeysCommand, { UserName: 'alice' }).resolves({
      AccessKeyMetadata: [
        {
          UserName: 'alice',
          AccessKeyId: 'AKIAALICE1',
          Status: 'Active',
          CreateDate: new Date('2021-01-01T00:00:00Z'),
        },
      ],
      IsTruncated: false,
    });
    iam.on(ListAccessKeysCommand, { UserName: 'bob' }).resolves({
      AccessKeyMetadata: [
        {
          UserName: 'bob',
          AccessKeyId: 'AKIABOB1',
          Status: 'Inactive',
          CreateDate: new Date('2022-01-01T00:00:00Z'),
        },
      ],
      IsTruncated: false,
    });
    iam.on(ListAccessKeysCommand, { UserName: 'carol' }).rejects(awsError('AccessDenied'));
    iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIAALICE1' }).resolves({
      UserName: 'alice',
      AccessKeyLastUsed: {
        LastUsedDate: new Date('2024-03-01T10:00:00Z'),
        ServiceName: 's3',
        Region: 'eu-west-1',
      },
    });
    // A key never used: AWS answers N/A for service and Region and no date.
    iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIABOB1' }).resolves({
      UserName: 'bob',
      AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' },
    });
    const ctx = fakeContext();
    const result = await iamAccessKeysCollector.run(ctx);
    expect(result).toEqual({
      kind: 'account',
      account: {
        accessKeys: [
          {
            userName: 'alice',
            accessKeyId: 'AKIAALICE1',
            status: 'Active',
            createDate: '2021-01-01T00:00:00.000Z',
            lastUsed: { date: '2024-03-01T10:00:00.000Z', serviceName: 's3', region: 'eu-west-1' },
          },
          {
            userName: 'bob',
            accessKeyId: 'AKIABOB1',
            status: 'Inactive',
            createDate: '2022-01-01T00:00:00.000Z',
            lastUsed: {},
          },
        ],
      },
    });
    expect(ctx.gaps).toEqual([
      { api: 'iam:ListAccessKeys', code: 'AccessDenied', section: 'accessKeys.carol' },
    ]);
    expect(iam.commandCalls(ListUsersCommand)).toHaveLength(2);
  });

  it('a last-use lookup denied is a gap; the key stays without lastUsed', async () => {
    iam.on(ListUsersCommand).resolves({ Users: [user('dave')] });
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [{ UserName: 'dave', AccessKeyId: 'AKIADAVE1', Status: 'Active' }],
    });
    iam.on(GetAccessKeyLastUsedCommand).rejects(awsError('AccessDenied'));
    const ctx = fakeContext();
    expect(await iamAccessKeysCollector.run(ctx)).toEqual({
      kind: 'account',
      account: { accessKeys: [{ userName: 'dave', accessKeyId: 'AKIADAVE1', status: 'Active' }] },
    });
    expect(ctx.gaps.map((g) => g.api)).toEqual(['iam:GetAccessKeyLastUsed']);
  });
});
