/**
 * Credentials for member accounts: AssumeRole into `<roleName>` with a session name that
 * says who is reading (`orgward-collect-<yyyymmddhhmm>`, visible in the member account's
 * CloudTrail), shared by all of the account's clients and refreshed before it expires.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** What `assumeRole` is asked for. */
export interface AssumeRoleRequest {
  accountId: string;
  roleArn: string;
  sessionName: string;
  /** Base credentials (the caller's). */
  credentials: AwsCredentialIdentityProvider;
  /** Region of the STS endpoint (the home Region: Regional STS works in every enabled Region). */
  region: string;
  clientConfig: Record<string, unknown>;
}

/** Makes the credential provider of one member account. */
export type AssumeRoleFn = (req: AssumeRoleRequest) => AwsCredentialIdentityProvider;

/** An {@link AssumeRoleFn} that shares its STS clients; `destroy()` closes them. */
export interface SharedAssumeRole extends AssumeRoleFn {
  /** Close every STS client made so far (their sockets); later calls make new ones. */
  destroy(): void;
  /** How many STS clients are open (one per Region, base credentials and client config). */
  readonly clients: number;
}

/**
 * STS AssumeRole (one hour) through regional STS clients shared by every account of a run:
 * one client per (Region, base credentials, client config), not one per account, so a run
 * over 1,000 accounts opens one connection pool instead of 1,000 that are never closed.
 * Credentials and client config are compared by identity (the engine passes the same
 * objects for every account). The engine memoizes the provider per account and calls it
 * again before the session expires. It uses `@aws-sdk/client-sts` directly (rather than
 * `fromTemporaryCredentials`, whose inner STS client is private) so that tests and the
 * simulator, which mock `STSClient`, see exactly the calls made.
 *
 * Call once per run and `destroy()` at its end (after which it makes new clients if used).
 */
export function createAssumeRole(): SharedAssumeRole {
  const open = new Set<STSClient>();
  let shared = sharedAssumeRole((sts) => open.add(sts));
  const assumeRole: AssumeRoleFn = (req) => shared(req);
  const destroy = (): void => {
    for (const sts of open) sts.destroy();
    open.clear();
    shared = sharedAssumeRole((sts) => open.add(sts));
  };
  // A getter (Object.assign would copy its value once).
  return Object.defineProperties(assumeRole, {
    destroy: { value: destroy },
    clients: { get: () => open.size },
  }) as SharedAssumeRole;
}

/**
 * The AssumeRole function over a cache of STS clients keyed weakly by base credentials and
 * client config (then Region): a run's clients go with its objects. `created` sees each new
 * client.
 */
function sharedAssumeRole(created: (sts: STSClient) => void): AssumeRoleFn {
  const cache = new WeakMap<object, WeakMap<object, Map<string, STSClient>>>();
  const stsFor = (req: AssumeRoleRequest): STSClient => {
    let byConfig = cache.get(req.credentials);
    if (!byConfig) {
      byConfig = new WeakMap();
      cache.set(req.credentials, byConfig);
    }
    let byRegion = byConfig.get(req.clientConfig);
    if (!byRegion) {
      byRegion = new Map();
      byConfig.set(req.clientConfig, byRegion);
    }
    let sts = byRegion.get(req.region);
    if (!sts) {
      sts = new STSClient({
        region: req.region,
        credentials: req.credentials,
        ...req.clientConfig,
      });
      byRegion.set(req.region, sts);
      created(sts);
    }
    return sts;
  };
  return (req) => {
    const sts = stsFor(req);
    return async () => {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: req.roleArn,
          RoleSessionName: req.sessionName,
          DurationSeconds: 3600,
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        throw Object.assign(new Error(`AssumeRole into ${req.roleArn} returned no credentials`), {
          name: 'InvalidCredentials',
        });
      }
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
        ...(c.Expiration ? { expiration: c.Expiration } : {}),
      };
    };
  };
}

/**
 * The default {@link AssumeRoleFn} (what the engine uses unless told otherwise): the
 * accounts of a run share one STS client per Region, base credentials and client config.
 * The cache holds them only through the run's own credentials and config objects (weakly),
 * so they are released with the run; {@link createAssumeRole} also closes them on demand.
 */
export const defaultAssumeRole: AssumeRoleFn = sharedAssumeRole(() => undefined);

/** `orgward-collect-<yyyymmddhhmm>` (UTC). */
export function sessionName(at: Date): string {
  const iso = at.toISOString();
  return `orgward-collect-${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/** The role ARN in an account. */
export function roleArn(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** The partition of an ARN (`arn:aws-cn:...` → `aws-cn`). */
export function partitionOf(arn: string): string {
  return arn.split(':')[1] || 'aws';
}

const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Share one provider among many clients: one AssumeRole per account rather than one per
 * client, fetched again five minutes before expiry so long runs never use a stale session.
 * A failed fetch is not cached: the next caller tries again.
 */
export function memoizeCredentials(
  provider: AwsCredentialIdentityProvider,
  now: () => Date,
): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt: number | undefined;
  return async () => {
    if (current && (expiresAt === undefined || expiresAt - now().getTime() > REFRESH_BEFORE_MS))
      return current;
    const p = provider();
    // While the fetch is in flight, later callers share it.
    current = p;
    expiresAt = undefined;
    try {
      const creds = await p;
      expiresAt = creds.expiration?.getTime();
      return creds;
    } catch (error) {
      if (current === p) current = undefined;
      throw error;
    }
  };
}
