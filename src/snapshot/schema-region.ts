/**
 * The Region-level part of the snapshot schema (`RegionSnapshot` in `types.ts`): resource
 * policies, logging and detection services, EC2 network settings. See `schema.ts`.
 */
import { z } from 'zod';
import { PolicyDocumentSchema } from './schema-common.js';

const str = z.string();
const opt = <T extends z.ZodType>(s: T) => s.exactOptional();

// ---------------------------------------------------------------------------------------
// Region

const KmsKeySchema = z.object({
  keyId: str,
  arn: str,
  keyManager: str,
  keyState: str,
  keySpec: opt(str),
  keyUsage: opt(str),
  multiRegion: opt(z.boolean()),
  rotationEnabled: opt(z.boolean()),
  rotationPeriodInDays: opt(z.number()),
  policy: opt(PolicyDocumentSchema),
  aliases: z.array(str),
});

const TrailSchema = z.object({
  name: str,
  arn: str,
  homeRegion: str,
  isMultiRegionTrail: z.boolean(),
  isOrganizationTrail: z.boolean(),
  includeGlobalServiceEvents: z.boolean(),
  logFileValidationEnabled: z.boolean(),
  s3BucketName: opt(str),
  s3KeyPrefix: opt(str),
  kmsKeyId: opt(str),
  cloudWatchLogsLogGroupArn: opt(str),
  snsTopicArn: opt(str),
  status: opt(
    z.object({
      isLogging: z.boolean(),
      latestDeliveryError: opt(str),
      latestDeliveryTime: opt(str),
    }),
  ),
  eventSelectors: opt(z.array(z.unknown())),
  advancedEventSelectors: opt(z.array(z.unknown())),
  insightSelectors: opt(z.array(str)),
});

const ConfigSchema = z.object({
  recorders: z.array(
    z.object({
      name: str,
      roleArn: opt(str),
      allSupported: opt(z.boolean()),
      includeGlobalResourceTypes: opt(z.boolean()),
      recordingFrequency: opt(str),
      recording: opt(z.boolean()),
      lastStatus: opt(str),
    }),
  ),
  deliveryChannels: z.array(
    z.object({
      name: str,
      s3BucketName: opt(str),
      snsTopicArn: opt(str),
      frequency: opt(str),
    }),
  ),
  aggregators: z.array(
    z.object({
      name: str,
      arn: str,
      organizationWide: z.boolean(),
      accountIds: z.array(str),
      regions: z.array(str),
      allRegions: z.boolean(),
    }),
  ),
  rules: z.array(
    z.object({ name: str, arn: str, source: str, identifier: opt(str), state: opt(str) }),
  ),
});

const GuardDutySchema = z.object({
  detectors: z.array(
    z.object({
      id: str,
      status: str,
      findingPublishingFrequency: opt(str),
      features: z.array(z.object({ name: str, status: str })),
    }),
  ),
  administrator: opt(z.object({ accountId: str, relationshipStatus: opt(str) }).nullable()),
  members: opt(z.array(z.object({ accountId: str, relationshipStatus: str }))),
  organizationAutoEnable: opt(str),
});

const SecurityHubSchema = z.object({
  hubArn: str,
  autoEnableControls: opt(z.boolean()),
  standards: z.array(z.object({ standardsArn: str, subscriptionArn: str, status: str })),
  administrator: opt(z.object({ accountId: str, status: opt(str) }).nullable()),
});

const IpPermissionSchema = z.object({
  ipProtocol: str,
  fromPort: opt(z.number()),
  toPort: opt(z.number()),
  ipv4Ranges: z.array(str),
  ipv6Ranges: z.array(str),
  prefixListIds: z.array(str),
  groupPairs: z.array(str),
});

const Ec2Schema = z.object({
  vpcs: z.array(z.object({ vpcId: str, isDefault: z.boolean(), cidrBlock: opt(str) })),
  securityGroups: z.array(
    z.object({
      groupId: str,
      groupName: str,
      vpcId: opt(str),
      ingress: z.array(IpPermissionSchema),
      egress: z.array(IpPermissionSchema),
    }),
  ),
  networkAcls: z.array(
    z.object({
      networkAclId: str,
      vpcId: opt(str),
      isDefault: z.boolean(),
      entries: z.array(
        z.object({
          ruleNumber: z.number(),
          egress: z.boolean(),
          protocol: str,
          ruleAction: str,
          cidrBlock: opt(str),
          ipv6CidrBlock: opt(str),
          portRange: opt(z.object({ from: opt(z.number()), to: opt(z.number()) })),
        }),
      ),
    }),
  ),
  flowLogs: z.array(
    z.object({
      flowLogId: str,
      resourceId: str,
      trafficType: opt(str),
      logDestinationType: opt(str),
      status: opt(str),
    }),
  ),
  ebsEncryptionByDefault: opt(z.boolean()),
  ebsDefaultKmsKeyId: opt(str),
  imdsDefaults: opt(
    z.object({
      httpTokens: opt(str),
      httpPutResponseHopLimit: opt(z.number()),
      httpEndpoint: opt(str),
    }),
  ),
  snapshotBlockPublicAccess: opt(str),
});

/** Everything read in one account and Region. */
export const RegionSchema = z.object({
  kmsKeys: opt(z.array(KmsKeySchema)),
  snsTopics: opt(z.array(z.object({ arn: str, policy: opt(PolicyDocumentSchema) }))),
  sqsQueues: opt(z.array(z.object({ url: str, arn: str, policy: opt(PolicyDocumentSchema) }))),
  secrets: opt(
    z.array(
      z.object({ arn: str, name: str, policy: opt(PolicyDocumentSchema), kmsKeyId: opt(str) }),
    ),
  ),
  lambdaFunctions: opt(
    z.array(z.object({ name: str, arn: str, policy: opt(PolicyDocumentSchema), role: opt(str) })),
  ),
  ecrRepositories: opt(
    z.array(z.object({ name: str, arn: str, policy: opt(PolicyDocumentSchema) })),
  ),
  trails: opt(z.array(TrailSchema)),
  config: opt(ConfigSchema),
  guardDuty: opt(GuardDutySchema),
  securityHub: opt(SecurityHubSchema.nullable()),
  accessAnalyzers: opt(z.array(z.object({ name: str, arn: str, type: str, status: str }))),
  ec2: opt(Ec2Schema),
  cloudFormation: opt(
    z.object({
      stacks: z.array(
        z.object({
          stackName: str,
          stackId: str,
          stackStatus: str,
          lastUpdatedTime: opt(str),
          driftStatus: opt(str),
          unit: opt(str),
          hash: opt(str),
        }),
      ),
    }),
  ),
});
