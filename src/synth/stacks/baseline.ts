/**
 * Every account's baseline, as service-managed StackSets (auto-deployment follows the
 * target OUs when the targets are whole OUs) plus plain stacks in the management account,
 * which StackSets never reach:
 *
 * - `baseline-config`: AWS Config recorder and delivery channel;
 * - `baseline-account`: password policy, S3 account Block Public Access, EBS and IMDS
 *   defaults, snapshot Block Public Access, default-VPC removal;
 * - `baseline-network`: VPC flow logs on every VPC, existing and new;
 * - `baseline-forwarding`: CloudTrail management events and findings to the security bus;
 * - `baseline-cis-alarms`: CIS 5.x metric filters and alarms where the trail's log group is.
 */
import type { UnitBuilder } from '../context.js';
import type { CoverageGap } from '../registry.js';
import { accountUnits } from './baseline-account.js';
import { cisAlarmUnits } from './baseline-cis-alarms.js';
import { configUnits } from './baseline-config.js';
import { forwardingUnits } from './baseline-forwarding.js';
import { networkUnits } from './baseline-network.js';

export { baselineAccounts, baselineRegions, baselineUnits, wholeOus } from './baseline-targets.js';

/** The account baselines. */
export const baselineBuilder: UnitBuilder = {
  id: 'baseline',
  concern: 'baseline',
  description:
    'Account baselines (StackSets + management-account stacks): Config recorder, account hardening, VPC flow logs, event forwarding, CIS 5.x alarms',
  build: (ctx) => [
    ...configUnits(ctx),
    ...accountUnits(ctx),
    ...networkUnits(ctx),
    ...forwardingUnits(ctx),
    ...cisAlarmUnits(ctx),
  ],
};

/** What CloudFormation cannot express in the baselines, and the custom resource that does it. */
export const BASELINE_GAPS: readonly CoverageGap[] = [
  {
    what: 'IAM account password policy (no CloudFormation type)',
    coveredBy:
      'Custom::PasswordPolicy (handler account-gaps: iam:UpdateAccountPasswordPolicy), home Region of every baseline-account target; kept on delete',
  },
  {
    what: 'S3 account-level Block Public Access (no CloudFormation type)',
    coveredBy:
      'Custom::S3AccountPublicAccessBlock (handler account-gaps: s3-control PutPublicAccessBlock), home Region; kept on delete',
  },
  {
    what: 'EBS encryption by default and the default EBS KMS key (no CloudFormation type)',
    coveredBy:
      'Custom::EbsEncryptionByDefault (handler account-gaps: EnableEbsEncryptionByDefault, ModifyEbsDefaultKmsKeyId), every Region; kept on delete',
  },
  {
    what: 'EC2 instance metadata defaults, IMDSv2 required (no CloudFormation type)',
    coveredBy:
      'Custom::InstanceMetadataDefaults (handler account-gaps: ModifyInstanceMetadataDefaults), every Region; skipped where an EC2 declarative policy manages it',
  },
  {
    what: 'EBS snapshot Block Public Access where an EC2 declarative policy may own it (AWS::EC2::SnapshotBlockPublicAccess fails there)',
    coveredBy:
      'AWS::EC2::SnapshotBlockPublicAccess when no target account is under such a policy; otherwise Custom::SnapshotBlockPublicAccess (handler account-gaps), which leaves policy-managed accounts alone',
  },
  {
    what: 'Default VPC removal (no CloudFormation type)',
    coveredBy:
      'Custom::DefaultVpcRemoval (handler account-gaps: detach/delete internet gateway, subnets, VPC; refuses while network interfaces exist), every Region when deleteDefaultVpcs',
  },
  {
    what: 'VPC flow logs on VPCs the template does not create (AWS::EC2::FlowLog needs a known VPC id)',
    coveredBy:
      'Custom::VpcFlowLogs (handler flow-logs) on every existing VPC at deploy, and the same code on CreateVpc/CreateDefaultVpc events and daily (EventBridge -> <prefix>-flow-logs-sweep)',
  },
  {
    what: 'Service-linked role AWSServiceRoleForConfig that may already exist (AWS::IAM::ServiceLinkedRole fails then)',
    coveredBy:
      'Custom::ServiceLinkedRole (handler config-slr: iam:CreateServiceLinkedRole unless the role exists), never deleted',
  },
];
