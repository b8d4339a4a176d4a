import type { FrameworkMap } from '../../types.js';

/** One security service that a protect-* guardrail keeps from being disabled or altered. */
export interface SecurityServiceSpec {
  /** Guardrail id suffix and Sid stem. */
  readonly key: string;
  readonly name: string;
  readonly sid: string;
  /** Actions that disable, weaken or blind the service. */
  readonly actions: readonly string[];
  readonly frameworks: FrameworkMap;
}

/**
 * Sources: AWS's example SCPs in aws-samples/service-control-policy-examples
 * (Deny-changes-to-security-services, commit 35a50b0). CloudTrail covers every trail and
 * event data store (AWS's example names one trail), but leaves CreateTrail out so teams
 * can add their own trails. Config keeps AWS's list minus the member-level
 * Put/DeleteConfigRule and DeliverConfigSnapshot, which application teams legitimately
 * use; organization rules and conformance packs stay protected.
 */
export const SECURITY_SERVICES: readonly SecurityServiceSpec[] = [
  {
    key: 'cloudtrail',
    name: 'CloudTrail',
    sid: 'ProtectCloudTrail',
    actions: [
      'cloudtrail:DeleteTrail',
      'cloudtrail:StopLogging',
      'cloudtrail:UpdateTrail',
      'cloudtrail:PutEventSelectors',
      'cloudtrail:PutInsightSelectors',
      'cloudtrail:DeleteEventDataStore',
      'cloudtrail:UpdateEventDataStore',
      'cloudtrail:StopEventDataStoreIngestion',
    ],
    frameworks: {
      'CIS-AWS-v7': ['4.1'],
      AFSBP: ['CloudTrail.1'],
      'NIST-800-53': ['AU-9', 'AU-12'],
    },
  },
  {
    key: 'config',
    name: 'AWS Config',
    sid: 'ProtectConfig',
    actions: [
      'config:DeleteConfigurationRecorder',
      'config:DeleteServiceLinkedConfigurationRecorder',
      'config:StopConfigurationRecorder',
      'config:PutConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'config:PutDeliveryChannel',
      'config:DeleteRetentionConfiguration',
      'config:PutRetentionConfiguration',
      'config:DeleteConfigurationAggregator',
      'config:PutConfigurationAggregator',
      'config:DeleteAggregationAuthorization',
      'config:DeletePendingAggregationRequest',
      'config:DeleteOrganizationConfigRule',
      'config:PutOrganizationConfigRule',
      'config:DeleteOrganizationConformancePack',
      'config:PutOrganizationConformancePack',
      'config:DeleteEvaluationResults',
      'config:DeleteRemediationConfiguration',
      'config:PutRemediationConfigurations',
      'config:DeleteRemediationExceptions',
    ],
    frameworks: { 'CIS-AWS-v7': ['4.3'], AFSBP: ['Config.1'], 'NIST-800-53': ['CM-8', 'AU-9'] },
  },
  {
    key: 'guardduty',
    name: 'GuardDuty',
    sid: 'ProtectGuardDuty',
    actions: [
      'guardduty:AcceptInvitation',
      'guardduty:ArchiveFindings',
      'guardduty:CreateDetector',
      'guardduty:CreateFilter',
      'guardduty:CreateIPSet',
      'guardduty:CreateMembers',
      'guardduty:CreatePublishingDestination',
      'guardduty:CreateSampleFindings',
      'guardduty:CreateThreatIntelSet',
      'guardduty:DeclineInvitations',
      'guardduty:DeleteDetector',
      'guardduty:DeleteFilter',
      'guardduty:DeleteInvitations',
      'guardduty:DeleteIPSet',
      'guardduty:DeleteMembers',
      'guardduty:DeletePublishingDestination',
      'guardduty:DeleteThreatIntelSet',
      'guardduty:DisassociateFromMasterAccount',
      'guardduty:DisassociateMembers',
      'guardduty:InviteMembers',
      'guardduty:StartMonitoringMembers',
      'guardduty:StopMonitoringMembers',
      'guardduty:TagResource',
      'guardduty:UnarchiveFindings',
      'guardduty:UntagResource',
      'guardduty:UpdateDetector',
      'guardduty:UpdateFilter',
      'guardduty:UpdateFindingsFeedback',
      'guardduty:UpdateIPSet',
      'guardduty:UpdatePublishingDestination',
      'guardduty:UpdateThreatIntelSet',
    ],
    frameworks: { AFSBP: ['GuardDuty.1'], 'NIST-800-53': ['SI-4', 'IR-4'] },
  },
  {
    key: 'securityhub',
    name: 'Security Hub',
    sid: 'ProtectSecurityHub',
    actions: [
      'securityhub:DeleteInvitations',
      'securityhub:BatchDisableStandards',
      'securityhub:DeleteActionTarget',
      'securityhub:DeleteInsight',
      'securityhub:TagResource',
      'securityhub:UntagResource',
      'securityhub:UpdateStandardsControl',
      'securityhub:UpdateSecurityHubConfiguration',
      'securityhub:UpdateFindingAggregator',
      'securityhub:UpdateOrganizationConfiguration',
      'securityhub:DisableSecurityHub',
      'securityhub:DisableSecurityHubV2',
      'securityhub:DisassociateFromMasterAccount',
      'securityhub:DisassociateFromAdministratorAccount',
      'securityhub:DeleteMembers',
      'securityhub:DisassociateMembers',
      'securityhub:DeleteConfigurationPolicy',
      'securityhub:BatchDeleteAutomationRules',
      'securityhub:DeleteAutomationRuleV2',
      'securityhub:DeleteConnectorV2',
      'securityhub:DisableImportFindingsForProduct',
    ],
    frameworks: { 'CIS-AWS-v7': ['5.16'], 'NIST-800-53': ['SI-4', 'CA-7'] },
  },
  {
    key: 'access-analyzer',
    name: 'IAM Access Analyzer',
    sid: 'ProtectAccessAnalyzer',
    actions: [
      'access-analyzer:ApplyArchiveRule',
      'access-analyzer:CreateArchiveRule',
      'access-analyzer:DeleteAnalyzer',
      'access-analyzer:DeleteArchiveRule',
      'access-analyzer:UpdateArchiveRule',
      'access-analyzer:UpdateFindings',
    ],
    frameworks: { 'CIS-AWS-v7': ['2.18'], 'NIST-800-53': ['AC-6', 'CA-7'] },
  },
  {
    key: 'macie',
    name: 'Macie',
    sid: 'ProtectMacie',
    actions: [
      'macie2:DeleteMember',
      'macie2:DisableMacie',
      'macie2:DisableOrganizationAdminAccount',
      'macie2:DisassociateFromAdministratorAccount',
      'macie2:DisassociateMember',
      'macie2:UpdateMacieSession',
      'macie2:UpdateMemberSession',
    ],
    frameworks: { 'CIS-AWS-v7': ['3.1.3'], AFSBP: ['Macie.1'], 'NIST-800-53': ['RA-5', 'SI-4'] },
  },
];
