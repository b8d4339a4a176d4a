import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createAssumeRole,
  defaultAssumeRole,
  type AssumeRoleFn,
  type AssumeRoleRequest,
} from './credentials.js';

const sts = mockClient(STSClient);
beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).callsFake((input: { RoleArn: string }) => ({
    Credentials: {
      AccessKeyId: `ASIA${input.RoleArn.slice(13, 25)}`,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date('2030-01-01T00:00:00Z'),
    },
  }));
});

const base = () => Promise.resolve({ accessKeyId: 'AKIABASE', secretAccessKey: 'base' });
const clientConfig = { maxAttempts: 1 };

function request(accountId: string, region = 'eu-west-1'): AssumeRoleRequest {
  return {
    accountId,
    roleArn: `arn:aws:iam::${accountId}:role/orgward`,
    sessionName: 'orgward-collect-202611231200',
    credentials: base,
    region,
    clientConfig,
  };
}

/** The STS client instance each AssumeRole call went through. */
const clientsUsed = () => sts.commandCalls(AssumeRoleCommand).map((c) => c.thisValue as unknown);

async function assumeBoth(assume: AssumeRoleFn) {
  const a = await assume(request('111111111111'))();
  const b = await assume(request('222222222222'))();
  return [a.accessKeyId, b.accessKeyId];
}

describe('assumeRole', () => {
  it('two accounts of a run share one STS client', async () => {
    const assume = createAssumeRole();
    expect(await assumeBoth(assume)).toEqual(['ASIA111111111111', 'ASIA222222222222']);
    const used = clientsUsed();
    expect(used).toHaveLength(2);
    expect(used[0]).toBeInstanceOf(STSClient);
    expect(used[1]).toBe(used[0]);
    expect(assume.clients).toBe(1);
    assume.destroy();
  });

  it('makes one client per Region (and base credentials and client config); destroy closes them', async () => {
    const assume = createAssumeRole();
    await assume(request('111111111111'))();
    await assume(request('222222222222', 'us-east-1'))();
    await assume({ ...request('333333333333'), clientConfig: { maxAttempts: 2 } })();
    expect(new Set(clientsUsed()).size).toBe(3);
    expect(assume.clients).toBe(3);
    assume.destroy();
    expect(assume.clients).toBe(0);
    // Usable again after destroy, with a fresh client.
    await assume(request('444444444444'))();
    expect(assume.clients).toBe(1);
    expect(clientsUsed()[3]).not.toBe(clientsUsed()[0]);
    assume.destroy();
  });

  it('defaultAssumeRole shares one client across accounts too, through the mocked STSClient', async () => {
    expect(await assumeBoth(defaultAssumeRole)).toEqual(['ASIA111111111111', 'ASIA222222222222']);
    const used = clientsUsed();
    expect(used).toHaveLength(2);
    expect(used[1]).toBe(used[0]);
  });

  it('a response without credentials is an error', async () => {
    sts.on(AssumeRoleCommand).resolves({});
    await expect(createAssumeRole()(request('111111111111'))()).rejects.toMatchObject({
      name: 'InvalidCredentials',
    });
  });
});
