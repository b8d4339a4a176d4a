/** Drift injections on IAM: trust, users, keys, root and the password policy. */
import type {
  IamManagedPolicy,
  IamRole,
  IamSnapshot,
  IamUser,
  Snapshot,
} from '../snapshot/types.js';
import type { DriftSpec } from './drift.js';
import { defaultWorkloadAccount, editAccount, editIam, homeRegionOf } from './edit.js';
import { awsManagedPolicy } from './managed-policies.js';
import { ALPHABET, rng } from './random.js';

/** Default external (outside the organization) account used by trust injections. */
export const DEFAULT_EXTERNAL_ACCOUNT = '999988887777';

const iso = (s: Snapshot, daysAgo: number) =>
  new Date(Date.parse(s.takenAt) - daysAgo * 86_400_000).toISOString();
const upper = (n: number, ...keys: string[]) => rng('drift', ...keys).chars(n, ALPHABET.upperAlnum);

function withAdminPolicy(s: Snapshot, iam: IamSnapshot, attachments: number): IamManagedPolicy[] {
  const arn = `arn:${s.partition}:iam::aws:policy/AdministratorAccess`;
  const existing = iam.policies.find((p) => p.arn === arn);
  if (existing)
    return iam.policies.map((p) =>
      p === existing ? { ...p, attachmentCount: p.attachmentCount + attachments } : p,
    );
  const def = awsManagedPolicy(arn);
  return [
    ...iam.policies,
    {
      arn,
      policyName: 'AdministratorAccess',
      path: def.path,
      defaultVersionId: def.versionId,
      attachmentCount: attachments,
      isAttachable: true,
      document: def.document,
      awsManaged: true,
    },
  ];
}

function bumpSummary(summary: Record<string, number> | undefined, key: string, by = 1) {
  return summary ? { ...summary, [key]: (summary[key] ?? 0) + by } : summary;
}

function adminUser(s: Snapshot, accountId: string, name: string, mfa: boolean): IamUser {
  return {
    arn: `arn:${s.partition}:iam::${accountId}:user/${name}`,
    userName: name,
    userId: `AIDA${upper(17, 'user', accountId, name)}`,
    path: '/',
    createDate: iso(s, 20),
    groups: [],
    attachedPolicies: [`arn:${s.partition}:iam::aws:policy/AdministratorAccess`],
    inlinePolicies: [],
    tags: {},
    hasConsolePassword: true,
    mfaDevices: mfa ? [`arn:${s.partition}:iam::${accountId}:mfa/${name}`] : [],
  };
}

/** Apply an IAM injection, or undefined when `spec` is not one. */
export function driftIam(s: Snapshot, spec: DriftSpec): Snapshot | undefined {
  switch (spec.id) {
    case 'role-trusts-outside-account': {
      const id = spec.account ?? defaultWorkloadAccount(s);
      const external = spec.externalAccountId ?? DEFAULT_EXTERNAL_ACCOUNT;
      return editIam(s, id, (iam) => {
        const role =
          iam.roles.find((r) => r.roleName === spec.roleName) ??
          iam.roles.find((r) => r.tags['orgward:role'] !== undefined) ??
          iam.roles[0];
        if (!role) throw new Error('drift role-trusts-outside-account: no role');
        const stmts = Array.isArray(role.trustPolicy.Statement)
          ? (role.trustPolicy.Statement as unknown[])
          : [];
        const trustPolicy = {
          ...role.trustPolicy,
          Statement: [
            ...stmts,
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:${s.partition}:iam::${external}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        };
        return { ...iam, roles: iam.roles.map((r) => (r === role ? { ...r, trustPolicy } : r)) };
      });
    }
    case 'admin-user-without-mfa': {
      const id = spec.account ?? defaultWorkloadAccount(s);
      const user = adminUser(s, id, spec.userName ?? 'admin', false);
      const next = editIam(s, id, (iam) => ({
        ...iam,
        users: [...iam.users, user],
        policies: withAdminPolicy(s, iam, 1),
      }));
      return editAccount(next, id, (a) => ({
        ...a,
        accountSummary: bumpSummary(a.accountSummary, 'Users') ?? {},
      }));
    }
    case 'root-access-key':
      return editAccount(s, spec.account ?? defaultWorkloadAccount(s), (a) => ({
        ...a,
        accountSummary: { ...a.accountSummary, AccountAccessKeysPresent: 1 },
      }));
    case 'password-policy-weak':
      return editAccount(s, spec.account ?? defaultWorkloadAccount(s), (a) => ({
        ...a,
        passwordPolicy: {
          minimumPasswordLength: 8,
          requireSymbols: false,
          requireNumbers: false,
          requireUppercaseCharacters: false,
          requireLowercaseCharacters: true,
          allowUsersToChangePassword: true,
          expirePasswords: false,
          hardExpiry: false,
        },
      }));
    case 'backdoor':
      return backdoor(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.externalAccountId ?? DEFAULT_EXTERNAL_ACCOUNT,
      );
    default:
      return undefined;
  }
}

function backdoor(s: Snapshot, id: string, external: string): Snapshot {
  const user: IamUser = { ...adminUser(s, id, 'svc-backup', false), hasConsolePassword: false };
  const role: IamRole = {
    arn: `arn:${s.partition}:iam::${id}:role/support-access`,
    roleName: 'support-access',
    roleId: `AROA${upper(17, 'role', id, 'support-access')}`,
    path: '/',
    createDate: iso(s, 15),
    trustPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:${s.partition}:iam::${external}:root` },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    attachedPolicies: [`arn:${s.partition}:iam::aws:policy/AdministratorAccess`],
    inlinePolicies: [],
    tags: {},
    instanceProfiles: [],
  };
  const next = editIam(s, id, (iam) => ({
    ...iam,
    users: [...iam.users, user],
    roles: [...iam.roles, role],
    policies: withAdminPolicy(s, iam, 2),
  }));
  return editAccount(next, id, (a) => ({
    ...a,
    accountSummary: bumpSummary(bumpSummary(a.accountSummary, 'Users'), 'Roles') ?? {},
    accessKeys: [
      ...(a.accessKeys ?? []),
      {
        userName: 'svc-backup',
        accessKeyId: `AKIA${upper(16, 'key', id, 'svc-backup')}`,
        status: 'Active',
        createDate: iso(s, 20),
        lastUsed: { date: iso(s, 1), serviceName: 's3', region: homeRegionOf(s) },
      },
    ],
  }));
}
