/**
 * How each AWS service designates its delegated administrator (data). Services not listed
 * here use `organizations:RegisterDelegatedAdministrator` (AWS Config, IAM Access Analyzer,
 * Backup, IAM Identity Center, CloudFormation StackSets, ...). The ones listed must be
 * designated through their own API, which also registers the account in Organizations:
 * registering them through Organizations alone leaves the service unconfigured.
 */
import type { ServiceAdminApi } from '../custom/org-gaps.js';

/** Where a designation is made. */
export type DelegationScope =
  /** In every governed Region: the service keeps one administrator per Region. */
  | 'regional'
  /** In the home Region only: the service spreads it to the other Regions itself. */
  | 'home'
  /** Once for the organization (from the home Region's stack). */
  | 'global';

/** One service's route. */
export interface DelegationRoute {
  scope: DelegationScope;
  /** A native CloudFormation type and its account id property, when one exists. */
  native?: { type: string; property: string };
  /** Otherwise the API the org-gaps handler calls (SDK names). */
  api?: Omit<ServiceAdminApi, 'Region'>;
  /** IAM actions of `api` (its enable, disable and list calls). */
  actions?: string[];
  /** Region of the service's one endpoint for this, per partition (else the stack's Region). */
  endpoint?: Partial<Record<'aws' | 'aws-cn' | 'aws-us-gov', string>>;
  /** Where the route is documented. */
  source: string;
}

/** The routes, by service principal. */
export const DELEGATION_ROUTES: Readonly<Record<string, DelegationRoute>> = {
  'securityhub.amazonaws.com': {
    // Central configuration sets the same administrator in every linked Region.
    scope: 'home',
    native: { type: 'AWS::SecurityHub::DelegatedAdmin', property: 'AdminAccountId' },
    source:
      'Security Hub user guide, "Enabling central configuration" (designate in the home Region)',
  },
  'detective.amazonaws.com': {
    scope: 'regional',
    native: { type: 'AWS::Detective::OrganizationAdmin', property: 'AccountId' },
    source: 'CloudFormation AWS::Detective::OrganizationAdmin ("in the current region")',
  },
  'guardduty.amazonaws.com': {
    scope: 'regional',
    api: {
      Client: 'guardduty',
      Class: 'GuardDutyClient',
      Enable: 'EnableOrganizationAdminAccount',
      Key: 'AdminAccountId',
      Disable: 'DisableOrganizationAdminAccount',
      DisableKey: 'AdminAccountId',
      List: 'ListOrganizationAdminAccounts',
      Items: 'AdminAccounts',
      Id: 'AdminAccountId',
    },
    actions: [
      'guardduty:EnableOrganizationAdminAccount',
      'guardduty:DisableOrganizationAdminAccount',
      'guardduty:ListOrganizationAdminAccounts',
    ],
    source:
      'GuardDuty API EnableOrganizationAdminAccount; user guide: the administrator manages "the current Region"',
  },
  'macie.amazonaws.com': {
    scope: 'regional',
    api: {
      Client: 'macie2',
      Class: 'Macie2Client',
      Enable: 'EnableOrganizationAdminAccount',
      Key: 'adminAccountId',
      Disable: 'DisableOrganizationAdminAccount',
      DisableKey: 'adminAccountId',
      List: 'ListOrganizationAdminAccounts',
      Items: 'adminAccounts',
      Id: 'accountId',
    },
    actions: [
      'macie2:EnableOrganizationAdminAccount',
      'macie2:DisableOrganizationAdminAccount',
      'macie2:ListOrganizationAdminAccounts',
    ],
    source: 'Macie API reference, /admin resource',
  },
  'inspector2.amazonaws.com': {
    scope: 'regional',
    api: {
      Client: 'inspector2',
      Class: 'Inspector2Client',
      Enable: 'EnableDelegatedAdminAccount',
      Key: 'delegatedAdminAccountId',
      Disable: 'DisableDelegatedAdminAccount',
      DisableKey: 'delegatedAdminAccountId',
      List: 'ListDelegatedAdminAccounts',
      Items: 'delegatedAdminAccounts',
      Id: 'accountId',
    },
    actions: [
      'inspector2:EnableDelegatedAdminAccount',
      'inspector2:DisableDelegatedAdminAccount',
      'inspector2:ListDelegatedAdminAccounts',
    ],
    source: 'Inspector API EnableDelegatedAdminAccount / ListDelegatedAdminAccounts',
  },
  'auditmanager.amazonaws.com': {
    scope: 'regional',
    api: {
      Client: 'auditmanager',
      Class: 'AuditManagerClient',
      Enable: 'RegisterOrganizationAdminAccount',
      Key: 'adminAccountId',
      Disable: 'DeregisterOrganizationAdminAccount',
      DisableKey: 'adminAccountId',
      List: 'GetOrganizationAdminAccount',
      Id: 'adminAccountId',
    },
    actions: [
      'auditmanager:RegisterOrganizationAdminAccount',
      'auditmanager:DeregisterOrganizationAdminAccount',
      'auditmanager:GetOrganizationAdminAccount',
    ],
    source:
      'Audit Manager user guide, "Adding a delegated administrator" (separately in each Region)',
  },
  'fms.amazonaws.com': {
    // The default administrator has every Region in scope; the association is made
    // against the us-east-1 endpoint. No list call: FMS registers the account in
    // Organizations, which the handler reads instead.
    scope: 'global',
    api: {
      Client: 'fms',
      Class: 'FMSClient',
      Enable: 'AssociateAdminAccount',
      Key: 'AdminAccount',
      Disable: 'DisassociateAdminAccount',
    },
    actions: ['fms:AssociateAdminAccount', 'fms:DisassociateAdminAccount'],
    endpoint: { aws: 'us-east-1' },
    source:
      'Firewall Manager API AssociateAdminAccount; developer guide, default administrator account',
  },
  'cloudtrail.amazonaws.com': {
    scope: 'global',
    api: {
      Client: 'cloudtrail',
      Class: 'CloudTrailClient',
      Enable: 'RegisterOrganizationDelegatedAdmin',
      Key: 'MemberAccountId',
      Disable: 'DeregisterOrganizationDelegatedAdmin',
      DisableKey: 'DelegatedAdminAccountId',
    },
    actions: [
      'cloudtrail:RegisterOrganizationDelegatedAdmin',
      'cloudtrail:DeregisterOrganizationDelegatedAdmin',
    ],
    source: 'CloudTrail API RegisterOrganizationDelegatedAdmin',
  },
  'ipam.amazonaws.com': {
    scope: 'global',
    api: {
      Client: 'ec2',
      Class: 'EC2Client',
      Enable: 'EnableIpamOrganizationAdminAccount',
      Key: 'DelegatedAdminAccountId',
      Disable: 'DisableIpamOrganizationAdminAccount',
      DisableKey: 'DelegatedAdminAccountId',
    },
    actions: ['ec2:EnableIpamOrganizationAdminAccount', 'ec2:DisableIpamOrganizationAdminAccount'],
    source: 'EC2 API EnableIpamOrganizationAdminAccount',
  },
};

/**
 * Organizations permissions the service APIs above need from the caller (they act on
 * Organizations on its behalf), as the GuardDuty user guide lists them; the account-level
 * ones are granted on the administrators' account ARNs only. DescribeOrganizationalUnit
 * is for whatever OU the service looks up, which synth cannot know.
 */
export const SERVICE_ADMIN_ORG_ACTIONS = {
  unscoped: [
    'organizations:EnableAWSServiceAccess',
    'organizations:ListDelegatedAdministrators',
    'organizations:ListAWSServiceAccessForOrganization',
    'organizations:DescribeOrganization',
    'organizations:DescribeOrganizationalUnit',
    'organizations:ListAccounts',
  ],
  account: [
    'organizations:RegisterDelegatedAdministrator',
    'organizations:DeregisterDelegatedAdministrator',
    'organizations:DescribeAccount',
  ],
} as const;
