/**
 * Errors exactly as the SDK raises them: instances of each service's exception classes
 * (the specific class where the client package exports one, else the service's base
 * `…ServiceException` with the real error `name`), with `$fault`, `$metadata.httpStatusCode`
 * and, for throttling, `$retryable: { throttling: true }`, so the SDK's error
 * classification (`isThrottlingError`) and any retry logic built on it see real errors.
 */
import {
  AccessAnalyzerServiceException,
  AccessDeniedException as AaDenied,
  ThrottlingException as AaThrottling,
} from '@aws-sdk/client-accessanalyzer';
import {
  AccessDeniedException as AccountDenied,
  AccountServiceException,
  TooManyRequestsException as AccountThrottling,
} from '@aws-sdk/client-account';
import {
  AccessDeniedException as CtDenied,
  CloudTrailServiceException,
  ThrottlingException as CtThrottling,
} from '@aws-sdk/client-cloudtrail';
import { CloudFormationServiceException } from '@aws-sdk/client-cloudformation';
import { ConfigServiceServiceException } from '@aws-sdk/client-config-service';
import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { ECRServiceException } from '@aws-sdk/client-ecr';
import {
  AccessDeniedException as GdDenied,
  GuardDutyServiceException,
} from '@aws-sdk/client-guardduty';
import { IAMServiceException } from '@aws-sdk/client-iam';
import { KMSServiceException } from '@aws-sdk/client-kms';
import {
  LambdaServiceException,
  TooManyRequestsException as LambdaThrottling,
} from '@aws-sdk/client-lambda';
import {
  AccessDeniedException as OrgDenied,
  OrganizationsServiceException,
  TooManyRequestsException as OrgThrottling,
} from '@aws-sdk/client-organizations';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { S3ControlServiceException } from '@aws-sdk/client-s3-control';
import { SecretsManagerServiceException } from '@aws-sdk/client-secrets-manager';
import {
  AccessDeniedException as ShDenied,
  SecurityHubServiceException,
  ThrottlingException as ShThrottling,
} from '@aws-sdk/client-securityhub';
import { SNSServiceException } from '@aws-sdk/client-sns';
import { SQSServiceException } from '@aws-sdk/client-sqs';
import {
  AccessDeniedException as SsoDenied,
  SSOAdminServiceException,
  ThrottlingException as SsoThrottling,
} from '@aws-sdk/client-sso-admin';
import { STSServiceException } from '@aws-sdk/client-sts';

/** An SDK exception class constructor, as the simulator calls it. */
type ExceptionClass = new (options: {
  name: string;
  $fault: 'client' | 'server';
  $metadata: {
    httpStatusCode: number;
    requestId: string;
    attempts: number;
    totalRetryDelay: number;
  };
  message: string;
}) => Error;

interface ErrorSpec {
  name: string;
  status: number;
  cls?: unknown;
}

/** How one service (IAM prefix) reports throttling, denial and a disabled Region. */
export interface ServiceErrors {
  base: unknown;
  throttle: ErrorSpec;
  denied: ErrorSpec;
  /** Error for a call in a Region the account has not enabled; undefined for global services. */
  optedOut?: ErrorSpec;
}

const unrecognized = (status: number): ErrorSpec => ({
  name: 'UnrecognizedClientException',
  status,
});

/** Per service prefix (`iam`, `s3`, `access-analyzer`, ...). `s3control` is S3 Control. */
export const SERVICE_ERRORS: Readonly<Record<string, ServiceErrors>> = {
  organizations: {
    base: OrganizationsServiceException,
    throttle: { name: 'TooManyRequestsException', status: 400, cls: OrgThrottling },
    denied: { name: 'AccessDeniedException', status: 400, cls: OrgDenied },
  },
  sso: {
    base: SSOAdminServiceException,
    throttle: { name: 'ThrottlingException', status: 400, cls: SsoThrottling },
    denied: { name: 'AccessDeniedException', status: 400, cls: SsoDenied },
    optedOut: unrecognized(400),
  },
  sts: {
    base: STSServiceException,
    throttle: { name: 'Throttling', status: 400 },
    denied: { name: 'AccessDenied', status: 403 },
  },
  account: {
    base: AccountServiceException,
    throttle: { name: 'TooManyRequestsException', status: 429, cls: AccountThrottling },
    denied: { name: 'AccessDeniedException', status: 403, cls: AccountDenied },
  },
  iam: {
    base: IAMServiceException,
    throttle: { name: 'Throttling', status: 400 },
    denied: { name: 'AccessDenied', status: 403 },
  },
  s3: {
    base: S3ServiceException,
    throttle: { name: 'SlowDown', status: 503 },
    denied: { name: 'AccessDenied', status: 403 },
    optedOut: { name: 'InvalidAccessKeyId', status: 403 },
  },
  s3control: {
    base: S3ControlServiceException,
    throttle: { name: 'SlowDown', status: 503 },
    denied: { name: 'AccessDenied', status: 403 },
  },
  kms: {
    base: KMSServiceException,
    throttle: { name: 'ThrottlingException', status: 400 },
    denied: { name: 'AccessDeniedException', status: 400 },
    optedOut: unrecognized(400),
  },
  sns: {
    base: SNSServiceException,
    throttle: { name: 'Throttling', status: 400 },
    denied: { name: 'AuthorizationError', status: 403 },
    optedOut: { name: 'InvalidClientTokenId', status: 403 },
  },
  sqs: {
    base: SQSServiceException,
    throttle: { name: 'RequestThrottled', status: 403 },
    denied: { name: 'AccessDenied', status: 403 },
    optedOut: { name: 'InvalidClientTokenId', status: 403 },
  },
  secretsmanager: {
    base: SecretsManagerServiceException,
    throttle: { name: 'ThrottlingException', status: 400 },
    denied: { name: 'AccessDeniedException', status: 400 },
    optedOut: unrecognized(400),
  },
  lambda: {
    base: LambdaServiceException,
    throttle: { name: 'TooManyRequestsException', status: 429, cls: LambdaThrottling },
    denied: { name: 'AccessDeniedException', status: 403 },
    optedOut: unrecognized(403),
  },
  ecr: {
    base: ECRServiceException,
    throttle: { name: 'ThrottlingException', status: 400 },
    denied: { name: 'AccessDeniedException', status: 400 },
    optedOut: unrecognized(400),
  },
  cloudtrail: {
    base: CloudTrailServiceException,
    throttle: { name: 'ThrottlingException', status: 400, cls: CtThrottling },
    denied: { name: 'AccessDeniedException', status: 400, cls: CtDenied },
    optedOut: unrecognized(400),
  },
  config: {
    base: ConfigServiceServiceException,
    throttle: { name: 'ThrottlingException', status: 400 },
    denied: { name: 'AccessDeniedException', status: 400 },
    optedOut: unrecognized(400),
  },
  guardduty: {
    base: GuardDutyServiceException,
    throttle: { name: 'TooManyRequestsException', status: 429 },
    denied: { name: 'AccessDeniedException', status: 403, cls: GdDenied },
    optedOut: unrecognized(403),
  },
  securityhub: {
    base: SecurityHubServiceException,
    throttle: { name: 'ThrottlingException', status: 429, cls: ShThrottling },
    denied: { name: 'AccessDeniedException', status: 403, cls: ShDenied },
    optedOut: unrecognized(403),
  },
  'access-analyzer': {
    base: AccessAnalyzerServiceException,
    throttle: { name: 'ThrottlingException', status: 429, cls: AaThrottling },
    denied: { name: 'AccessDeniedException', status: 403, cls: AaDenied },
    optedOut: unrecognized(403),
  },
  // Query protocol, like IAM and STS: the wire codes Throttling and AccessDenied.
  cloudformation: {
    base: CloudFormationServiceException,
    throttle: { name: 'Throttling', status: 400 },
    denied: { name: 'AccessDenied', status: 403 },
    optedOut: { name: 'InvalidClientTokenId', status: 403 },
  },
  ec2: {
    base: EC2ServiceException,
    throttle: { name: 'RequestLimitExceeded', status: 503 },
    denied: { name: 'UnauthorizedOperation', status: 403 },
    optedOut: { name: 'AuthFailure', status: 401 },
  },
};

/** Names of the errors a call in a disabled Region raises (for collectors to classify). */
export const OPTED_OUT_ERROR_NAMES: readonly string[] = [
  ...new Set(Object.values(SERVICE_ERRORS).flatMap((s) => (s.optedOut ? [s.optedOut.name] : []))),
];

let requestCounter = 0;

/**
 * Build an SDK exception of `service` with this name and HTTP status. `cls` is the specific
 * exported class when there is one; otherwise the service's base exception class is used.
 */
export function awsError(
  service: string,
  name: string,
  status: number,
  message: string,
  cls?: unknown,
): Error {
  const base = SERVICE_ERRORS[service]?.base ?? IAMServiceException;
  const Ctor = (cls ?? base) as ExceptionClass;
  requestCounter = (requestCounter + 1) % 1_000_000_000;
  const err = new Ctor({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: {
      httpStatusCode: status,
      requestId: `sim-${requestCounter.toString(16).padStart(8, '0')}`,
      attempts: 1,
      totalRetryDelay: 0,
    },
    message,
  });
  // Specific classes fix their own name; keep the message as AWS words it.
  // The SDK names modeled errors by class (NoSuchEntityException); `Code` keeps the wire code.
  Object.assign(err, { message, Message: message, ...(err.name !== name ? { Code: name } : {}) });
  return err;
}

/** The throttling error of a service, marked retryable as throttling. */
export function throttlingError(service: string): Error {
  const spec = SERVICE_ERRORS[service]?.throttle ?? { name: 'ThrottlingException', status: 400 };
  const err = awsError(service, spec.name, spec.status, 'Rate exceeded', spec.cls);
  Object.assign(err, { $retryable: { throttling: true } });
  return err;
}

/** The access-denied error of a service for one operation. */
export function accessDeniedError(service: string, api: string, principal: string): Error {
  const spec = SERVICE_ERRORS[service]?.denied ?? { name: 'AccessDenied', status: 403 };
  return awsError(
    service,
    spec.name,
    spec.status,
    `User: ${principal} is not authorized to perform: ${api} because no identity-based policy allows the ${api} action`,
    spec.cls,
  );
}

/** The error of a call in a Region that is not enabled for the account (undefined: global). */
export function optedOutError(service: string): Error | undefined {
  const spec = SERVICE_ERRORS[service]?.optedOut;
  if (!spec) return undefined;
  return awsError(
    service,
    spec.name,
    spec.status,
    spec.name === 'AuthFailure'
      ? 'AWS was not able to validate the provided access credentials'
      : 'The security token included in the request is invalid.',
  );
}
