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

/**
 * The default: STS AssumeRole (one hour) through a regional STS client. The engine
 * memoizes the provider per account and calls it again before the session expires. It
 * uses `@aws-sdk/client-sts` directly (rather than `fromTemporaryCredentials`, whose inner
 * STS client is private) so that tests and the simulator see exactly the calls made.
 */
export const defaultAssumeRole: AssumeRoleFn = (req) => {
  const sts = new STSClient({
    region: req.region,
    credentials: req.credentials,
    ...req.clientConfig,
  });
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
