/**
 * Test helpers for the engine: a small organization as fake collectors, fake AssumeRole,
 * and a fixed clock. The collectors here are stand-ins (the real ones have their own
 * tests); one of them calls IAM through the engine's clients so limits, retries and call
 * counting are exercised on a mocked SDK client.
 */
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { OrgAccount, OrganizationSnapshot } from '../../snapshot/types.js';
import { awsError } from '../collectors/__fixtures__/context.js';
import type { AssumeRoleFn, AssumeRoleRequest } from '../credentials.js';
import type { CollectOptions } from '../engine.js';
import type { CollectContext, Collector } from '../types.js';

export const CALLER = '111111111111';
export const CALLER_ARN = `arn:aws:iam::${CALLER}:user/auditor`;

/** Account ids and statuses of the test organization. */
export const ORG_ACCOUNTS: [string, string][] = [
  [CALLER, 'ACTIVE'],
  ['222222222222', 'ACTIVE'],
  ['333333333333', 'SUSPENDED'],
  ['444444444444', 'ACTIVE'],
  ['555555555555', 'PENDING_CLOSURE'],
  ['666666666666', 'ACTIVE'],
  ['777777777777', 'ACTIVE'],
];

export function organization(accounts = ORG_ACCOUNTS): OrganizationSnapshot {
  return {
    id: 'o-abcdef1234',
    arn: 'arn:aws:organizations::111111111111:organization/o-abcdef1234',
    featureSet: 'ALL',
    managementAccountId: CALLER,
    root: { id: 'r-ab12', arn: 'arn:root', name: 'Root', policyTypes: [] },
    organizationalUnits: [],
    accounts: accounts.map(
      ([id, status]): OrgAccount => ({
        id,
        arn: `arn:aws:organizations::${CALLER}:account/o-abcdef1234/${id}`,
        name: id,
        email: `${id}@example.com`,
        status,
        parentId: 'r-ab12',
      }),
    ),
    policies: [],
    delegatedAdministrators: [],
    trustedServices: [],
  };
}

/** Hooks the fake collectors call, per test. */
export interface Hooks {
  /** Account collector, per account (may throw). */
  onAccount?: (ctx: CollectContext) => void | Promise<void>;
  /** Region collector, per account and Region (may throw). */
  onRegion?: (ctx: CollectContext) => void | Promise<void>;
  /** Enabled Regions per account (default: every Region asked for). */
  enabled?: (accountId: string) => string[] | undefined;
  /** IAM GetAccountSummary calls per account (through the engine's clients). */
  iamCalls?: number;
}

/** The fake collectors and how often each ran. */
export function fakeCollectors(hooks: Hooks = {}) {
  const runs = {
    org: [] as string[],
    ic: [] as string[],
    regions: [] as string[],
    account: [] as string[],
    region: [] as string[],
  };
  const collectors: Collector[] = [
    {
      id: 'fake.org',
      scope: 'organization',
      service: 'organizations',
      section: 'organization',
      apis: ['organizations:ListAccountsForParent'],
      run: (ctx) => {
        runs.org.push(ctx.accountId);
        return Promise.resolve({ kind: 'organization', organization: organization() });
      },
    },
    {
      id: 'fake.ic',
      scope: 'organization',
      service: 'sso',
      section: 'identityCenter',
      apis: ['sso:ListInstances'],
      run: (ctx) => {
        runs.ic.push(ctx.accountId);
        return Promise.resolve({
          kind: 'identityCenter',
          identityCenter: { instanceArn: 'arn:ins', identityStoreId: 'd-1', permissionSets: [], assignments: [] },
        });
      },
    },
    {
      id: 'fake.regions',
      scope: 'account',
      service: 'account',
      section: 'enabledRegions',
      apis: ['account:ListRegions'],
      run: (ctx) => {
        runs.regions.push(ctx.accountId);
        const enabled = hooks.enabled?.(ctx.accountId);
        return Promise.resolve(
          enabled ? { kind: 'account', account: { enabledRegions: enabled } } : { kind: 'none' },
        );
      },
    },
    {
      id: 'fake.account',
      scope: 'account',
      service: 'iam',
      section: 'accountSummary',
      apis: ['iam:GetAccountSummary'],
      run: async (ctx) => {
        runs.account.push(ctx.accountId);
        await hooks.onAccount?.(ctx);
        const iam = ctx.client(IAMClient);
        let summary: Record<string, number> = {};
        for (let i = 0; i < (hooks.iamCalls ?? 1); i++) {
          const r = await iam.send(new GetAccountSummaryCommand({}));
          summary = r.SummaryMap ?? {};
        }
        return { kind: 'account', account: { accountSummary: summary } };
      },
    },
    {
      id: 'fake.region',
      scope: 'region',
      service: 'kms',
      section: 'kmsKeys',
      apis: ['kms:ListKeys'],
      run: async (ctx) => {
        runs.region.push(`${ctx.accountId}/${ctx.region}`);
        await hooks.onRegion?.(ctx);
        return { kind: 'region', region: { kmsKeys: [] } };
      },
    },
  ];
  return { collectors, runs };
}

/** AssumeRole that refuses the given accounts, recording every request. */
export function fakeAssumeRole(refuse: readonly string[] = []) {
  const requests: AssumeRoleRequest[] = [];
  const assumeRole: AssumeRoleFn = (req) => {
    requests.push(req);
    return (): Promise<AwsCredentialIdentity> =>
      refuse.includes(req.accountId)
        ? Promise.reject(awsError('AccessDenied', `not authorized to perform sts:AssumeRole on ${req.roleArn}`, 403))
        : Promise.resolve({
            accessKeyId: `ASIA${req.accountId}`,
            secretAccessKey: 'secret',
            sessionToken: 'token',
            expiration: new Date('2099-01-01T00:00:00Z'),
          });
  };
  return { assumeRole, requests };
}

/** Options common to the engine tests. */
export function baseOptions(collectors: Collector[], assumeRole: AssumeRoleFn): CollectOptions {
  return {
    collectors,
    assumeRole,
    homeRegion: 'us-east-1',
    credentials: () => Promise.resolve({ accessKeyId: 'AKIABASE', secretAccessKey: 'base' }),
    now: () => new Date('2026-01-02T15:04:05Z'),
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    random: () => 0.5,
  };
}
