/**
 * Secret values the mocked AWS plants where a real API would return secrets, so a test can
 * assert that none of them reaches a snapshot ("no secret value is ever collected"):
 *
 * - `secretString`: the value of every Secrets Manager secret, returned only by
 *   `GetSecretValue` (which no collector may call); `ListSecrets`/`GetResourcePolicy` never
 *   carry it, as in AWS.
 * - `lambdaEnvPassword`, `lambdaEnvSecretKey`: Lambda environment variables, which
 *   `ListFunctions` really returns in each function's `Environment.Variables`; a collector
 *   that copies the function configuration instead of picking fields leaks them.
 * - `stsSecretAccessKey`, `stsSessionToken`: prefixes of the temporary credentials that
 *   `sts:AssumeRole` issues (the account id and a serial follow); logs, checkpoints or
 *   provenance that record credentials leak them.
 *
 * Access key *ids* (AKIA..., ASIA...) are metadata the snapshot keeps; they are not secrets.
 * Tags are not planted: tags are part of the snapshot contract and are copied on purpose.
 */
export const PLANTED = {
  secretString: 'orgwardPlantedSecretString-7f3a9c',
  lambdaEnvPassword: 'orgwardPlantedDbPassword-2b8e41',
  lambdaEnvSecretKey: 'wJalrXUtnFEMI/K7MDENG/orgwardPlantedLambdaKEY',
  stsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/orgwardPlantedSTS',
  stsSessionToken: 'IQoJb3JpZ2luX2VjEorgwardPlantedSessionToken',
} as const;

/** Every planted value (or prefix): none may appear anywhere in a collected snapshot. */
export const PLANTED_SECRET_VALUES: readonly string[] = Object.values(PLANTED);
