/**
 * STS (the engine's credentials), IAM Identity Center (answered in the home Region, in the
 * management account and the Identity Center delegated administrator) and account:ListRegions.
 */
import { ListRegionsCommand, AccountClient } from '@aws-sdk/client-account';
import * as sso from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { PLANTED } from '../secrets.js';
import { accessDeniedError, awsError } from './errors.js';
import { nextField, num, page, str, type Call, type Route } from './route.js';

/** Temporary credentials the simulated STS issued, by access key id. */
export interface IssuedCredentials {
  accountId: string;
  roleArn: string;
  sessionName: string;
}

/** What the identity routes need from the mock's options and state. */
export interface IdentityEnv {
  deniedAccounts: ReadonlySet<string>;
  optedOutRegions: ReadonlySet<string>;
  issued: Map<string, IssuedCredentials>;
  /** Called when AssumeRole is refused (for stats). */
  onDenied(): void;
}

/** Access key id of simulated temporary credentials: `ASIA` + account id + 4 characters. */
export function temporaryKeyId(accountId: string, serial: number): string {
  return `ASIA${accountId}${(serial % 1_679_616).toString(36).toUpperCase().padStart(4, '0')}`;
}

/** Account id encoded in a simulated temporary access key id. */
export function accountOfKey(accessKeyId: string): string | undefined {
  return /^ASIA(\d{12})/.exec(accessKeyId)?.[1];
}

/** STS routes. */
export function stsRoutes(env: IdentityEnv): Route[] {
  let serial = 0;
  return [
    {
      api: 'sts:GetCallerIdentity',
      client: STSClient,
      command: GetCallerIdentityCommand,
      regional: false,
      handle: (c) => {
        const issued = c.principal;
        const role = issued?.roleArn.split('/').pop() ?? 'OrganizationAccountAccessRole';
        if (c.accountId === c.idx.managementId && !issued)
          return {
            UserId: `AROAMANAGEMENTSIM0000:orgward`,
            Account: c.accountId,
            Arn: `arn:aws:sts::${c.accountId}:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/orgward`,
          };
        return {
          UserId: `AROA${c.accountId}SIM:${issued?.sessionName ?? 'orgward'}`,
          Account: c.accountId,
          Arn: `arn:aws:sts::${c.accountId}:assumed-role/${role}/${issued?.sessionName ?? 'orgward'}`,
        };
      },
    },
    {
      api: 'sts:AssumeRole',
      client: STSClient,
      command: AssumeRoleCommand,
      regional: false,
      handle: (c) => {
        const roleArn = str(c.input, 'RoleArn') ?? '';
        const session = str(c.input, 'RoleSessionName') ?? 'session';
        const m = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(roleArn);
        const target = m?.[1] ?? '';
        const name = m?.[2] ?? '';
        const acct = c.idx.snapshot.accounts[target];
        const roleExists = !acct?.iam || acct.iam.roles.some((r) => r.roleName === name);
        if (
          !m ||
          !acct ||
          !roleExists ||
          (env.deniedAccounts.has(target) && target !== c.idx.managementId)
        ) {
          env.onDenied();
          throw accessDeniedError('sts', 'sts:AssumeRole', `arn:aws:iam::${c.accountId}:root`);
        }
        serial++;
        const keyId = temporaryKeyId(target, serial);
        env.issued.set(keyId, { accountId: target, roleArn, sessionName: session });
        const seconds = num(c.input, 'DurationSeconds') ?? 3600;
        return {
          Credentials: {
            AccessKeyId: keyId,
            SecretAccessKey: `${PLANTED.stsSecretAccessKey}${target}`,
            SessionToken: `${PLANTED.stsSessionToken}${target}${String(serial)}`,
            Expiration: new Date(Date.now() + seconds * 1000),
          },
          AssumedRoleUser: {
            AssumedRoleId: `AROA${target}SIM:${session}`,
            Arn: `arn:aws:sts::${target}:assumed-role/${name}/${session}`,
          },
          PackedPolicySize: 0,
        };
      },
    },
  ];
}

/** account:ListRegions: the simulated Regions, opted-out ones DISABLED. */
export function accountRoutes(env: IdentityEnv): Route[] {
  return [
    {
      api: 'account:ListRegions',
      client: AccountClient,
      command: ListRegionsCommand,
      regional: false,
      handle: (c) => {
        const filter = Array.isArray(c.input.RegionOptStatusContains)
          ? (c.input.RegionOptStatusContains as unknown[])
          : undefined;
        const all = [...new Set([...c.idx.snapshot.source.regions, ...env.optedOutRegions])].sort();
        const regions = all
          .map((r) => ({
            RegionName: r,
            RegionOptStatus: env.optedOutRegions.has(r) ? 'DISABLED' : 'ENABLED_BY_DEFAULT',
          }))
          .filter((r) => !filter || filter.includes(r.RegionOptStatus));
        const p = page(
          'account',
          regions,
          str(c.input, 'NextToken'),
          num(c.input, 'MaxResults'),
          50,
          'ValidationException',
        );
        return { Regions: p.items, ...nextField('NextToken', p.next) };
      },
    },
  ];
}

const S = 'sso';

function icFor(c: Call, api: string) {
  const ic = c.idx.snapshot.identityCenter;
  const admin = c.idx.snapshot.organization?.delegatedAdministrators.find(
    (d) => d.servicePrincipal === 'sso.amazonaws.com',
  )?.accountId;
  if (c.accountId !== c.idx.managementId && c.accountId !== admin)
    throw accessDeniedError(S, api, `arn:aws:iam::${c.accountId}:root`);
  return c.region === c.idx.homeRegion ? ic : undefined;
}

function permissionSet(c: Call, api: string) {
  const ic = icFor(c, api);
  const ps =
    ic && str(c.input, 'InstanceArn') === ic.instanceArn
      ? c.idx.permissionSets.get(str(c.input, 'PermissionSetArn') ?? '')
      : undefined;
  if (!ps)
    throw awsError(
      S,
      'ResourceNotFoundException',
      400,
      'Could not find PermissionSet with ARN',
      sso.ResourceNotFoundException,
    );
  return ps;
}

function ssoRoute(
  op: string,
  command: Route['command'],
  handle: (c: Call, api: string) => unknown,
): Route {
  const api = `sso:${op}`;
  return {
    api,
    client: sso.SSOAdminClient,
    command,
    regional: true,
    handle: (c) => handle(c, api),
  };
}

/** IAM Identity Center (sso-admin) routes. */
export function ssoRoutes(): Route[] {
  const createdDate = (c: Call) => new Date(Date.parse(c.idx.snapshot.takenAt) - 400 * 86_400_000);
  return [
    ssoRoute('ListInstances', sso.ListInstancesCommand, (c, api) => {
      const ic = icFor(c, api);
      return {
        Instances: ic
          ? [
              {
                InstanceArn: ic.instanceArn,
                IdentityStoreId: ic.identityStoreId,
                OwnerAccountId: c.idx.managementId,
                CreatedDate: createdDate(c),
                Status: 'ACTIVE',
              },
            ]
          : [],
      };
    }),
    ssoRoute('ListPermissionSets', sso.ListPermissionSetsCommand, (c, api) => {
      const ic = icFor(c, api);
      const list =
        ic && str(c.input, 'InstanceArn') === ic.instanceArn
          ? ic.permissionSets.map((p) => p.arn)
          : [];
      const p = page(
        S,
        list,
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults'),
        100,
        'ValidationException',
      );
      return { PermissionSets: p.items, ...nextField('NextToken', p.next) };
    }),
    ssoRoute('DescribePermissionSet', sso.DescribePermissionSetCommand, (c, api) => {
      const ps = permissionSet(c, api);
      return {
        PermissionSet: {
          Name: ps.name,
          PermissionSetArn: ps.arn,
          Description: ps.description,
          CreatedDate: createdDate(c),
          SessionDuration: ps.sessionDuration,
        },
      };
    }),
    ssoRoute(
      'ListManagedPoliciesInPermissionSet',
      sso.ListManagedPoliciesInPermissionSetCommand,
      (c, api) => {
        const ps = permissionSet(c, api);
        const p = page(
          S,
          ps.managedPolicies,
          str(c.input, 'NextToken'),
          num(c.input, 'MaxResults'),
          100,
          'ValidationException',
        );
        return {
          AttachedManagedPolicies: p.items.map((arn) => ({ Name: arn.split('/').pop(), Arn: arn })),
          ...nextField('NextToken', p.next),
        };
      },
    ),
    ssoRoute(
      'ListCustomerManagedPolicyReferencesInPermissionSet',
      sso.ListCustomerManagedPolicyReferencesInPermissionSetCommand,
      (c, api) => {
        const ps = permissionSet(c, api);
        const p = page(
          S,
          ps.customerManagedPolicies,
          str(c.input, 'NextToken'),
          num(c.input, 'MaxResults'),
          100,
          'ValidationException',
        );
        return {
          CustomerManagedPolicyReferences: p.items.map((r) => ({
            Name: r.name,
            Path: r.path ?? '/',
          })),
          ...nextField('NextToken', p.next),
        };
      },
    ),
    ssoRoute(
      'GetInlinePolicyForPermissionSet',
      sso.GetInlinePolicyForPermissionSetCommand,
      (c, api) => {
        const ps = permissionSet(c, api);
        return { InlinePolicy: ps.inlinePolicy ? JSON.stringify(ps.inlinePolicy) : '' };
      },
    ),
    ssoRoute(
      'GetPermissionsBoundaryForPermissionSet',
      sso.GetPermissionsBoundaryForPermissionSetCommand,
      (c, api) => {
        const b = permissionSet(c, api).permissionsBoundary;
        if (!b)
          throw awsError(
            S,
            'ResourceNotFoundException',
            400,
            'Permissions boundary not found for the permission set',
            sso.ResourceNotFoundException,
          );
        return {
          PermissionsBoundary: {
            ...(b.managedPolicyArn ? { ManagedPolicyArn: b.managedPolicyArn } : {}),
            ...(b.customerManagedPolicy
              ? {
                  CustomerManagedPolicyReference: {
                    Name: b.customerManagedPolicy.name,
                    Path: b.customerManagedPolicy.path ?? '/',
                  },
                }
              : {}),
          },
        };
      },
    ),
    ssoRoute(
      'ListAccountsForProvisionedPermissionSet',
      sso.ListAccountsForProvisionedPermissionSetCommand,
      (c, api) => {
        const ps = permissionSet(c, api);
        const p = page(
          S,
          ps.provisionedTo,
          str(c.input, 'NextToken'),
          num(c.input, 'MaxResults'),
          100,
          'ValidationException',
        );
        return { AccountIds: p.items, ...nextField('NextToken', p.next) };
      },
    ),
    ssoRoute('ListAccountAssignments', sso.ListAccountAssignmentsCommand, (c, api) => {
      const ps = permissionSet(c, api);
      const list = c.idx.assignments.get(`${str(c.input, 'AccountId') ?? ''}|${ps.arn}`) ?? [];
      const p = page(
        S,
        list,
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults'),
        100,
        'ValidationException',
      );
      return {
        AccountAssignments: p.items.map((a) => ({
          AccountId: a.accountId,
          PermissionSetArn: a.permissionSetArn,
          PrincipalType: a.principalType,
          PrincipalId: a.principalId,
        })),
        ...nextField('NextToken', p.next),
      };
    }),
  ];
}
