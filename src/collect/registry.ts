/**
 * Every collector, registered in one place. The engine runs this list (or a subset); a test
 * keeps it equal to the catalogue (`catalogue.ts`), which the simulator answers and the
 * documentation (`docs/collect.md`) and the collection role's policy are generated from.
 */
import { accessAnalyzerCollector } from './collectors/access-analyzer-analyzers.js';
import { accountRegionsCollector } from './collectors/account-regions.js';
import { cloudFormationStacksCollector } from './collectors/cloudformation-stacks.js';
import { cloudTrailTrailsCollector } from './collectors/cloudtrail-trails.js';
import { configRecordingCollector } from './collectors/config-recording.js';
import { ec2NetworkCollector } from './collectors/ec2-network.js';
import { ecrRepositoriesCollector } from './collectors/ecr-repositories.js';
import { guardDutyDetectorsCollector } from './collectors/guardduty-detectors.js';
import { iamAccessKeysCollector } from './collectors/iam-access-keys.js';
import { iamAccountSettingsCollector } from './collectors/iam-account-settings.js';
import { iamAuthorizationDetailsCollector } from './collectors/iam-authorization-details.js';
import { iamIdentityProvidersCollector } from './collectors/iam-identity-providers.js';
import { identityCenterCollector } from './collectors/identity-center.js';
import { kmsKeysCollector } from './collectors/kms-keys.js';
import { lambdaFunctionsCollector } from './collectors/lambda-functions.js';
import { organizationCollector } from './collectors/organization.js';
import { s3AccountPublicAccessBlockCollector } from './collectors/s3-account-public-access-block.js';
import { s3BucketsCollector } from './collectors/s3-buckets.js';
import { secretsManagerSecretsCollector } from './collectors/secretsmanager-secrets.js';
import { securityHubCollector } from './collectors/securityhub-hub.js';
import { snsTopicsCollector } from './collectors/sns-topics.js';
import { sqsQueuesCollector } from './collectors/sqs-queues.js';
import type { Collector } from './types.js';

/** Every collector, in catalogue order. */
export const COLLECTORS: readonly Collector[] = [
  organizationCollector,
  identityCenterCollector,
  accountRegionsCollector,
  iamAuthorizationDetailsCollector,
  iamAccountSettingsCollector,
  iamIdentityProvidersCollector,
  iamAccessKeysCollector,
  s3AccountPublicAccessBlockCollector,
  s3BucketsCollector,
  kmsKeysCollector,
  snsTopicsCollector,
  sqsQueuesCollector,
  secretsManagerSecretsCollector,
  lambdaFunctionsCollector,
  ecrRepositoriesCollector,
  cloudTrailTrailsCollector,
  configRecordingCollector,
  guardDutyDetectorsCollector,
  securityHubCollector,
  accessAnalyzerCollector,
  ec2NetworkCollector,
  cloudFormationStacksCollector,
];

/** The collector with this id, if any. */
export function collectorById(id: string): Collector | undefined {
  return COLLECTORS.find((c) => c.id === id);
}
