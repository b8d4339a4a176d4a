/**
 * IAM inside one simulated account: the blueprint's roles where their selectors deploy
 * them (trust rendered from the trust entries, with MFA, ExternalId and PrincipalOrgID
 * conditions), the access role Organizations creates, the service-linked roles a real
 * account has, the Identity Center roles of provisioned permission sets, break-glass users
 * where the blueprint's break-glass role trusts an account, and the AWS managed policies
 * all of them attach. Also the password policy, account summary and identity providers.
 */
import type { Account, Role } from '../blueprint/schema/blueprint.js';
import type {
  AccountSnapshot,
  IamManagedPolicy,
  IamRole,
  IamUser,
  IdentityCenterSnapshot,
  PolicyDocument,
} from '../snapshot/types.js';
import { accountIdOf, type SimContext } from './context.js';
import { awsManagedPolicy } from './managed-policies.js';
import { renderTrustPolicy, roleArn } from './trust.js';

/** GitHub's historical OIDC thumbprint (IAM still lists one per provider). */
const OIDC_THUMBPRINT = '6938fd4d98bab03faadb97b34396831e3780aea1';

/** The IAM part of an account snapshot. */
export type IamPart = Pick<
  AccountSnapshot,
  'iam' | 'passwordPolicy' | 'accountSummary' | 'samlProviders' | 'oidcProviders' | 'accessKeys'
>;

/** Service-linked roles: name, service principal, policy name, and when an account has one. */
const SERVICE_LINKED: readonly {
  name: string;
  service: string;
  policy: string;
  when: (ctx: SimContext, account: Account, id: string) => boolean;
}[] = [
  {
    name: 'AWSServiceRoleForOrganizations',
    service: 'organizations.amazonaws.com',
    policy: 'AWSOrganizationsServiceTrustPolicy',
    when: () => true,
  },
  {
    name: 'AWSServiceRoleForSupport',
    service: 'support.amazonaws.com',
    policy: 'AWSSupportServiceRolePolicy',
    when: () => true,
  },
  {
    name: 'AWSServiceRoleForTrustedAdvisor',
    service: 'trustedadvisor.amazonaws.com',
    policy: 'AWSTrustedAdvisorServiceRolePolicy',
    when: () => true,
  },
  {
    name: 'AWSServiceRoleForCloudTrail',
    service: 'cloudtrail.amazonaws.com',
    policy: 'CloudTrailServiceRolePolicy',
    when: (c, _a, id) => id === c.managementId && !!c.bp.logging,
  },
  {
    name: 'AWSServiceRoleForConfig',
    service: 'config.amazonaws.com',
    policy: 'AWSConfigServiceRolePolicy',
    when: (c, a) => !!c.bp.logging && c.selected(c.bp.logging.config.recorder.targets).has(a.id),
  },
  {
    name: 'AWSServiceRoleForAmazonGuardDuty',
    service: 'guardduty.amazonaws.com',
    policy: 'AmazonGuardDutyServiceRolePolicy',
    when: (c) => c.bp.security?.guardDuty?.enabled === true,
  },
  {
    name: 'AWSServiceRoleForSecurityHub',
    service: 'securityhub.amazonaws.com',
    policy: 'AWSSecurityHubServiceRolePolicy',
    when: (c) => c.bp.security?.securityHub?.enabled === true,
  },
  {
    name: 'AWSServiceRoleForAccessAnalyzer',
    service: 'access-analyzer.amazonaws.com',
    policy: 'AccessAnalyzerServiceRolePolicy',
    when: (c, a) =>
      c.bp.security?.delegatedAdmin === a.id ||
      (c.bp.security !== undefined && a.role === 'security-tooling'),
  },
];

/** Build IAM for one account. `ic` gives the permission sets provisioned to it. */
export function simulateIam(
  ctx: SimContext,
  account: Account,
  ic: IdentityCenterSnapshot | undefined,
): IamPart {
  const id = accountIdOf(ctx, account.id);
  const p = ctx.partition;
  const roles: IamRole[] = [];
  const users: IamUser[] = [];
  const samlProviders: NonNullable<AccountSnapshot['samlProviders']> = [];
  const oidc = new Map<
    string,
    { arn: string; url: string; clientIds: string[]; thumbprints: string[] }
  >();
  const newRole = (
    path: string,
    name: string,
    trustPolicy: PolicyDocument,
    attached: readonly string[],
    extra: Partial<IamRole> = {},
  ): IamRole => ({
    arn: roleArn(ctx, id, path, name),
    roleName: name,
    roleId: ctx.ids.iamId('AROA', id, name),
    path,
    createDate: ctx.dateBefore(200, 'role', id, name),
    trustPolicy,
    attachedPolicies: attached.map((a) => a.replace('${AccountId}', id)),
    inlinePolicies: [],
    tags: {},
    instanceProfiles: [],
    ...extra,
  });
  const serviceTrust = (service: string): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });

  if (id !== ctx.managementId) {
    roles.push(
      newRole(
        '/',
        account.accessRoleName,
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:${p}:iam::${ctx.managementId}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        [`arn:${p}:iam::aws:policy/AdministratorAccess`],
      ),
    );
  }
  for (const slr of SERVICE_LINKED) {
    if (!slr.when(ctx, account, id)) continue;
    roles.push(
      newRole(`/aws-service-role/${slr.service}/`, slr.name, serviceTrust(slr.service), [
        `arn:${p}:iam::aws:policy/aws-service-role/${slr.policy}`,
      ]),
    );
  }
  for (const role of ctx.bp.identity.roles) {
    if (!ctx.selected(role.targets).has(account.id)) continue;
    for (const t of role.trust) {
      if (t.oidc) {
        const arn = `arn:${p}:iam::${id}:oidc-provider/${t.oidc.provider}`;
        const prov = oidc.get(arn) ?? {
          arn,
          url: t.oidc.provider,
          clientIds: [],
          thumbprints: [OIDC_THUMBPRINT],
        };
        if (!prov.clientIds.includes(t.oidc.audience)) prov.clientIds.push(t.oidc.audience);
        oidc.set(arn, prov);
      }
      if (t.samlProvider && !samlProviders.some((s) => s.arn.endsWith(`/${t.samlProvider ?? ''}`)))
        samlProviders.push(samlProvider(ctx, id, t.samlProvider));
    }
    roles.push(
      newRole(role.path, role.name, renderTrustPolicy(ctx, role, id), role.managedPolicies ?? [], {
        inlinePolicies: (role.inlinePolicies ?? []).map((x) => ({
          name: x.name,
          document: x.document,
        })),
        ...(role.permissionsBoundary
          ? { permissionsBoundary: role.permissionsBoundary.replace('${AccountId}', id) }
          : {}),
        tags: { 'orgward:role': role.id, 'orgward:purpose': role.purpose },
      }),
    );
  }
  // Identity Center creates one role per provisioned permission set, trusting its SAML provider.
  const provisioned = ic?.permissionSets.filter((ps) => ps.provisionedTo.includes(id)) ?? [];
  if (provisioned.length && ic) {
    const provider = samlProvider(
      ctx,
      id,
      `AWSSSO_${ctx.ids.hex(16, 'sso-saml', id)}_DO_NOT_DELETE`,
    );
    samlProviders.push(provider);
    const trust: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: provider.arn },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    };
    for (const ps of provisioned) {
      const name = `AWSReservedSSO_${ps.name}_${ctx.ids.hex(16, 'sso-role', id, ps.arn)}`;
      roles.push(
        newRole(
          `/aws-reserved/sso.amazonaws.com/${ctx.homeRegion}/`,
          name,
          trust,
          ps.managedPolicies,
          {
            inlinePolicies: ps.inlinePolicy
              ? [{ name: 'AwsSSOInlinePolicy', document: ps.inlinePolicy }]
              : [],
            ...(ps.permissionsBoundary?.managedPolicyArn
              ? { permissionsBoundary: ps.permissionsBoundary.managedPolicyArn }
              : {}),
          },
        ),
      );
    }
  }
  if (id !== ctx.managementId && ctx.workload.functions > 0) {
    roles.push(
      newRole('/service-role/', 'app-function-role', serviceTrust('lambda.amazonaws.com'), [
        `arn:${p}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`,
      ]),
    );
  }
  for (const bg of ctx.bp.identity.roles.filter((r) => r.purpose === 'break-glass')) {
    if (!bg.trust.some((t) => t.account === account.id && t.roleName === undefined)) continue;
    for (const n of [1, 2]) users.push(breakGlassUser(ctx, id, `break-glass-${n}`, bg));
  }
  const policies = managedPolicies(roles, users);
  return {
    iam: { users, groups: [], roles, policies },
    passwordPolicy: passwordPolicy(ctx),
    accountSummary: summary(roles.length, users, policies, samlProviders.length + oidc.size),
    samlProviders,
    oidcProviders: [...oidc.values()],
    accessKeys: [],
  };
}

function samlProvider(ctx: SimContext, accountId: string, name: string) {
  return {
    arn: `arn:${ctx.partition}:iam::${accountId}:saml-provider/${name}`,
    validUntil: new Date(ctx.takenAtMs + 3650 * 86_400_000).toISOString(),
    createDate: ctx.dateBefore(300, 'saml', accountId, name),
  };
}

function breakGlassUser(ctx: SimContext, accountId: string, name: string, role: Role): IamUser {
  return {
    arn: `arn:${ctx.partition}:iam::${accountId}:user/break-glass/${name}`,
    userName: name,
    userId: ctx.ids.iamId('AIDA', accountId, name),
    path: '/break-glass/',
    createDate: ctx.dateBefore(500, 'user', accountId, name),
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [
      {
        name: 'assume-break-glass',
        document: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'sts:AssumeRole',
              Resource: `arn:${ctx.partition}:iam::*:role${role.path}${role.name}`,
              Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
            },
          ],
        },
      },
    ],
    tags: { purpose: 'break-glass' },
    hasConsolePassword: true,
    mfaDevices: [`arn:${ctx.partition}:iam::${accountId}:mfa/${name}`],
  };
}

/** Every managed policy attached (or used as a boundary) in the account, with counts. */
export function managedPolicies(
  roles: readonly IamRole[],
  users: readonly IamUser[],
): IamManagedPolicy[] {
  const counts = new Map<string, number>();
  const bump = (arn: string, n: number) => counts.set(arn, (counts.get(arn) ?? 0) + n);
  for (const x of [...roles, ...users]) {
    for (const a of x.attachedPolicies) bump(a, 1);
    if (x.permissionsBoundary) bump(x.permissionsBoundary, 0);
  }
  return [...counts].map(([arn, attachmentCount]) => {
    const aws = arn.includes(':iam::aws:policy/');
    const def = awsManagedPolicy(arn);
    return {
      arn,
      policyName: arn.split('/').pop() ?? arn,
      path: def.path,
      defaultVersionId: aws ? def.versionId : 'v1',
      attachmentCount,
      isAttachable: true,
      document: def.document,
      awsManaged: aws,
    };
  });
}

function passwordPolicy(ctx: SimContext): Record<string, unknown> | null {
  const pp = ctx.bp.identity.passwordPolicy;
  if (!pp) return null;
  return {
    minimumPasswordLength: pp.minimumLength,
    requireSymbols: pp.requireSymbols,
    requireNumbers: pp.requireNumbers,
    requireUppercaseCharacters: pp.requireUppercase,
    requireLowercaseCharacters: pp.requireLowercase,
    allowUsersToChangePassword: true,
    expirePasswords: pp.maxAgeDays !== undefined,
    ...(pp.maxAgeDays !== undefined ? { maxPasswordAge: pp.maxAgeDays } : {}),
    passwordReusePrevention: pp.reusePrevention,
    hardExpiry: false,
  };
}

/** GetAccountSummary's SummaryMap for the account's content. */
export function summary(
  roleCount: number,
  users: readonly IamUser[],
  policies: readonly IamManagedPolicy[],
  providers: number,
): Record<string, number> {
  const mfa = users.reduce((n, u) => n + (u.mfaDevices?.length ?? 0), 0);
  return {
    AccountMFAEnabled: 1,
    AccountAccessKeysPresent: 0,
    AccountSigningCertificatesPresent: 0,
    AssumeRolePolicySizeQuota: 2048,
    AttachedPoliciesPerRoleQuota: 10,
    AttachedPoliciesPerUserQuota: 10,
    GroupPolicySizeQuota: 5120,
    Groups: 0,
    GroupsQuota: 300,
    MFADevices: mfa,
    MFADevicesInUse: mfa,
    Policies: policies.filter((x) => !x.awsManaged).length,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: policies.length,
    PolicyVersionsInUseQuota: 10000,
    Providers: providers,
    Roles: roleCount,
    RolesQuota: 1000,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    UserPolicySizeQuota: 2048,
    Users: users.length,
    UsersQuota: 5000,
    VersionsPerPolicyQuota: 5,
  };
}
