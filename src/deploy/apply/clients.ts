/**
 * The real {@link DeployClients}: the caller's credentials in the management account, a
 * role assumed through STS everywhere else (one AssumeRole per account, shared by its
 * clients and refreshed before expiry, through the collector's shared STS clients). A
 * refused AssumeRole is an {@link AwsAccessError} naming the account, the role and
 * `sts:AssumeRole`.
 */
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { BlueprintIndex } from '../../blueprint/model.js';
import { classifyError, gapMessage } from '../../collect/classify.js';
import { errorCode } from '../../collect/collectors/errors.js';
import {
  createAssumeRole,
  memoizeCredentials,
  roleArn,
  type AssumeRoleFn,
} from '../../collect/credentials.js';
import { AwsAccessError } from '../../core/errors.js';
import type { AccountTarget, DeployClients } from './types.js';

/** Options of {@link createDeployClients}. */
export interface AwsDeployClientsOptions {
  index: BlueprintIndex;
  /** Base credentials (the management account's); default: the SDK's standard chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Extra SDK client configuration (tests: a request handler). */
  clientConfig?: Record<string, unknown>;
  /** Default: STS AssumeRole through shared clients (closed by `destroy()`). */
  assumeRole?: AssumeRoleFn;
  now?: () => Date;
}

/**
 * The role deploy assumes in a member account: `deployment.deployRole.name` (for the
 * account roles it lists, or every account when it lists none), else the account's
 * `accessRoleName`.
 */
export function deployRoleName(index: BlueprintIndex, account: string): string {
  const a = index.accounts.get(account);
  const dr = index.bp.deployment.deployRole;
  if (dr && (!dr.roles || (a !== undefined && dr.roles.includes(a.role)))) return dr.name;
  return a?.accessRoleName ?? 'OrganizationAccountAccessRole';
}

/** `orgward-deploy-<yyyymmddhhmm>` (UTC): visible in the member account's CloudTrail. */
export function deploySessionName(at: Date): string {
  const d = at.toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `orgward-deploy-${d}`;
}

/** SDK clients for a deploy run. */
export function createDeployClients(opts: AwsDeployClientsOptions): DeployClients {
  const { index } = opts;
  const now = opts.now ?? (() => new Date());
  const bp = index.bp;
  const partition = bp.organization.partition ?? 'aws';
  const homeRegion = bp.organization.homeRegion;
  const management = bp.organization.managementAccount;
  const base = memoizeCredentials(opts.credentials ?? fromNodeProviderChain(), now);
  const shared = opts.assumeRole ? undefined : createAssumeRole();
  const assumeRole: AssumeRoleFn = opts.assumeRole ?? (shared as AssumeRoleFn);
  // One config object for every AssumeRole: the shared STS clients are keyed by identity.
  const stsConfig = { maxAttempts: 3, ...opts.clientConfig };
  const session = deploySessionName(now());
  const credentials = new Map<string, AwsCredentialIdentityProvider>();
  const clients = new Map<string, { destroy(): void }>();

  const isManagement = (t: AccountTarget) => t.account === management;
  const roleFor = (t: AccountTarget) =>
    isManagement(t) ? undefined : deployRoleName(index, t.account);

  const credentialsFor = (t: AccountTarget): AwsCredentialIdentityProvider => {
    if (isManagement(t)) return base;
    const accountId = t.accountId;
    if (!accountId)
      throw new Error(`deploy: AWS account id of ${t.account} not resolved before use`);
    const have = credentials.get(accountId);
    if (have) return have;
    const role = deployRoleName(index, t.account);
    const provider = assumeRole({
      accountId,
      roleArn: roleArn(partition, accountId, role),
      sessionName: session,
      credentials: base,
      region: homeRegion,
      clientConfig: stsConfig,
    });
    const guarded: AwsCredentialIdentityProvider = async () => {
      try {
        return await provider();
      } catch (error) {
        const kind = classifyError(error, false);
        if (kind !== 'access-denied' && kind !== 'expired') throw error;
        throw new AwsAccessError(
          `cannot assume role ${role} in account ${t.account} (${accountId}): sts:AssumeRole ${errorCode(error) ?? 'Error'}: ${gapMessage(error)}`,
          { accountId, role, api: 'sts:AssumeRole' },
        );
      }
    };
    const memo = memoizeCredentials(guarded, now);
    credentials.set(accountId, memo);
    return memo;
  };

  const make = <C extends { destroy(): void }>(key: string, create: () => C): C => {
    const have = clients.get(key);
    if (have) return have as C;
    const c = create();
    clients.set(key, c);
    return c;
  };
  // One attempt per SDK call: `awsCall` retries with backoff on the run's clock.
  const config = (region: string, creds: AwsCredentialIdentityProvider) => ({
    region,
    credentials: creds,
    maxAttempts: 1,
    ...opts.clientConfig,
  });

  return {
    cloudFormation: (t, region) =>
      make(
        `cfn|${isManagement(t) ? management : (t.accountId ?? t.account)}|${region}`,
        () => new CloudFormationClient(config(region, credentialsFor(t))),
      ),
    ssoAdmin: (t, region) =>
      make(
        `sso|${isManagement(t) ? management : (t.accountId ?? t.account)}|${region}`,
        () => new SSOAdminClient(config(region, credentialsFor(t))),
      ),
    identityStore: (t, region) =>
      make(
        `ids|${isManagement(t) ? management : (t.accountId ?? t.account)}|${region}`,
        () => new IdentitystoreClient(config(region, credentialsFor(t))),
      ),
    organizations: () => make('org', () => new OrganizationsClient(config(homeRegion, base))),
    s3: (region) =>
      make(
        `s3|${region}`,
        () => new S3Client({ ...config(region, base), followRegionRedirects: true }),
      ),
    roleFor,
    destroy: () => {
      for (const c of clients.values()) c.destroy();
      clients.clear();
      shared?.destroy();
    },
  };
}
