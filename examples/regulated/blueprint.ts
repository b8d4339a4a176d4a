/**
 * orgward regulated blueprint: a stricter layout for organizations under PCI DSS or
 * health-data rules, written in TypeScript so that the editor checks every field.
 *
 *   orgward validate examples/regulated/blueprint.ts
 *
 * Differences from the standard layout: cardholder-data workloads get their own OU
 * tree (PCI), only two EU Regions exist, logs are kept seven years under COMPLIANCE
 * Object Lock, every account is SSO-only with IMDSv2 and KMS-only S3 uploads, the data
 * perimeter also covers ECR, CloudWatch Logs and DynamoDB, and every security service is
 * on with the PCI DSS and NIST 800-53 standards.
 *
 * In your own repository, import from the package instead:
 *   import { defineBlueprint } from 'orgward';
 */
import { defineBlueprint } from '../../src/blueprint/schema/blueprint.js';

/** Placeholder ids: replace with your own. */
const ORG_ID = 'o-a1b2c3d4e5';
const QSA_ACCOUNT_ID = '444455556666'; // the external assessor's AWS account
const HOME = 'eu-central-1';
const REGIONS = [HOME, 'eu-west-1'];

/**
 * Principals that may still change what the guardrails protect: the orgward pipeline,
 * break-glass, and the execution role of service-managed StackSets (which deploys the
 * account baseline). An explicit list replaces the defaults derived from role purposes.
 */
const DEPLOYERS = [
  'arn:aws:iam::*:role/orgward-pipeline',
  'arn:aws:iam::*:role/orgward-break-glass',
  'arn:aws:iam::*:role/stacksets-exec-*',
  'arn:aws:iam::*:role/regulated-baseline-account-gaps-*',
];
const exempt = { exemptPrincipalArns: DEPLOYERS };

/** Every account follows the same e-mail convention. */
const email = (id: string) => `aws-${id}@example.com`;

export default defineBlueprint({
  apiVersion: 'orgward/v1',
  metadata: {
    name: 'example-regulated-foundation',
    version: '2.0.0',
    description: 'PCI DSS / health-data foundation: separated cardholder-data environment, EU only',
    owners: ['platform-team@example.com', 'ciso-office@example.com'],
  },

  organization: {
    managementAccount: 'management',
    organizationId: ORG_ID,
    homeRegion: HOME,
    governedRegions: REGIONS,
    enabledPolicyTypes: ['scp', 'rcp', 'tag', 'backup', 'ai-opt-out', 'declarative-ec2'],
    trustedServices: [
      'access-analyzer.amazonaws.com',
      'account.amazonaws.com',
      'auditmanager.amazonaws.com',
      'backup.amazonaws.com',
      'cloudtrail.amazonaws.com',
      'config.amazonaws.com',
      'config-multiaccountsetup.amazonaws.com',
      'detective.amazonaws.com',
      'fms.amazonaws.com',
      'guardduty.amazonaws.com',
      'iam.amazonaws.com',
      'inspector2.amazonaws.com',
      'macie.amazonaws.com',
      'member.org.stacksets.cloudformation.amazonaws.com',
      'securityhub.amazonaws.com',
      'sso.amazonaws.com',
    ],
    delegatedAdministrators: [
      ...[
        'access-analyzer',
        'auditmanager',
        'cloudtrail',
        'config',
        'config-multiaccountsetup',
        'detective',
        'fms',
        'guardduty',
        'inspector2',
        'macie',
        'securityhub',
      ].map((s) => ({ service: `${s}.amazonaws.com`, account: 'security-tooling' })),
      { service: 'backup.amazonaws.com', account: 'shared-services' },
      { service: 'sso.amazonaws.com', account: 'identity' },
      { service: 'member.org.stacksets.cloudformation.amazonaws.com', account: 'shared-services' },
    ],
  },

  organizationalUnits: [
    { id: 'security', name: 'Security' },
    { id: 'infrastructure', name: 'Infrastructure' },
    { id: 'deployments', name: 'Deployments' },
    { id: 'workloads', name: 'Workloads' },
    { id: 'workloads-prod', name: 'Prod', parent: 'workloads' },
    { id: 'workloads-nonprod', name: 'NonProd', parent: 'workloads' },
    // The cardholder-data environment (CDE) is its own tree: its guardrails, access and
    // evidence are separate from every other workload (PCI DSS scoping).
    { id: 'pci', name: 'PCI', tags: { 'compliance-scope': 'pci-dss' } },
    { id: 'pci-prod', name: 'Prod', parent: 'pci', tags: { 'compliance-scope': 'pci-dss' } },
    { id: 'pci-nonprod', name: 'NonProd', parent: 'pci' },
    // New guardrails are attached here first (AWS whitepaper: Policy Staging OU).
    { id: 'policy-staging', name: 'Policy Staging' },
    { id: 'suspended', name: 'Suspended' },
  ],

  accounts: [
    {
      id: 'management',
      name: 'Management',
      email: email('management'),
      ou: 'root',
      role: 'management',
      accountId: '111111111111',
    },
    {
      id: 'security-tooling',
      name: 'Security Tooling',
      email: email('security-tooling'),
      ou: 'security',
      role: 'security-tooling',
    },
    {
      id: 'log-archive',
      name: 'Log Archive',
      email: email('log-archive'),
      ou: 'security',
      role: 'log-archive',
    },
    {
      id: 'network',
      name: 'Network',
      email: email('network'),
      ou: 'infrastructure',
      role: 'network',
    },
    {
      id: 'shared-services',
      name: 'Shared Services',
      email: email('shared-services'),
      ou: 'infrastructure',
      role: 'shared-services',
    },
    {
      id: 'identity',
      name: 'Identity',
      email: email('identity'),
      ou: 'infrastructure',
      role: 'identity',
    },
    {
      id: 'publishing',
      name: 'Publishing',
      email: email('publishing'),
      ou: 'deployments',
      role: 'publishing',
    },
    {
      id: 'claims-prod',
      name: 'Claims Prod',
      email: email('claims-prod'),
      ou: 'workloads-prod',
      role: 'workload',
      environment: 'prod',
      tags: { 'data-classification': 'restricted' },
    },
    {
      id: 'claims-test',
      name: 'Claims Test',
      email: email('claims-test'),
      ou: 'workloads-nonprod',
      role: 'workload',
      environment: 'test',
    },
    {
      id: 'cardholder-prod',
      name: 'Cardholder Data Prod',
      email: email('cardholder-prod'),
      ou: 'pci-prod',
      role: 'workload',
      environment: 'prod',
      tags: { 'compliance-scope': 'pci-dss', 'data-classification': 'restricted' },
      onRemove: 'suspend',
    },
    {
      id: 'tokenization-prod',
      name: 'Tokenization Prod',
      email: email('tokenization-prod'),
      ou: 'pci-prod',
      role: 'workload',
      environment: 'prod',
      tags: { 'compliance-scope': 'pci-dss', 'data-classification': 'restricted' },
      onRemove: 'suspend',
    },
    {
      id: 'cardholder-test',
      name: 'Cardholder Data Test',
      email: email('cardholder-test'),
      ou: 'pci-nonprod',
      role: 'workload',
      environment: 'test',
      tags: { 'compliance-scope': 'pci-dss-test' },
    },
    {
      id: 'policy-canary',
      name: 'Policy Canary',
      email: email('policy-canary'),
      ou: 'policy-staging',
      role: 'workload',
      environment: 'staging',
    },
    {
      id: 'retired-claims',
      name: 'Retired Claims',
      email: email('retired-claims'),
      ou: 'suspended',
      role: 'suspended',
      accountId: '222222222222',
      onRemove: 'close',
    },
  ],

  policies: [
    {
      id: 'scp-root-baseline',
      type: 'scp',
      name: 'regulated-root-baseline',
      description:
        'No leaving, no root user, no IAM users, and the account baseline cannot be undone.',
      attachTo: { root: true },
      guardrails: [
        { id: 'deny-leave-organization' },
        { id: 'deny-root-user' },
        { id: 'deny-iam-users' },
        { id: 'protect-org-roles', with: exempt },
        { id: 'protect-s3-block-public-access', with: exempt },
        { id: 'protect-ebs-default-encryption', with: exempt },
        { id: 'protect-vpc-flow-logs', with: exempt },
        { id: 'deny-default-vpc' },
        { id: 'deny-external-ram-sharing' },
        { id: 'protect-kms-keys', with: exempt },
      ],
    },
    {
      id: 'scp-root-security-services',
      type: 'scp',
      name: 'regulated-protect-security-services',
      description:
        'CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer, Macie and the log archive stay on.',
      attachTo: { root: true },
      guardrails: [
        { id: 'protect-cloudtrail', with: exempt },
        { id: 'protect-config', with: exempt },
        { id: 'protect-guardduty' },
        { id: 'protect-securityhub' },
        { id: 'protect-access-analyzer' },
        { id: 'protect-macie' },
        { id: 'protect-log-archive' },
      ],
    },
    {
      id: 'scp-root-data-residency',
      type: 'scp',
      name: 'regulated-eu-only',
      description: 'Only the two EU Regions; IMDSv2 and KMS-encrypted S3 uploads everywhere.',
      attachTo: { root: true },
      guardrails: [
        // No exemption: even the pipeline stays in the EU.
        { id: 'region-deny', with: { allowedRegions: REGIONS, exemptPrincipalArns: [] } },
        { id: 'require-imdsv2', with: { maxHopLimit: 1, denyImdsv1Credentials: false, ...exempt } },
        { id: 'require-s3-kms-encryption' },
      ],
    },
    {
      // See the standard example: the roles named here never run on EC2.
      id: 'scp-deny-imdsv1-credentials',
      type: 'scp',
      name: 'regulated-deny-imdsv1-credentials',
      description: 'Denies every action made with EC2 role credentials delivered by IMDSv1.',
      attachTo: { root: true },
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyImdsv1Credentials',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: {
              NumericLessThan: { 'ec2:RoleDelivery': '2.0' },
              ArnNotLike: {
                'aws:PrincipalArn': [...DEPLOYERS.slice(0, 2), 'arn:aws:iam::*:role/cde-deployer'],
              },
            },
          },
        ],
      },
    },
    {
      id: 'scp-pci',
      type: 'scp',
      name: 'regulated-pci-cde',
      description:
        'The cardholder-data environment: no public AMIs or snapshots, no new network paths outside the pipeline.',
      attachTo: { ous: ['pci'] },
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyNetworkPathChanges',
            Effect: 'Deny',
            Action: [
              'ec2:CreateInternetGateway',
              'ec2:AttachInternetGateway',
              'ec2:CreateVpcPeeringConnection',
              'ec2:AcceptVpcPeeringConnection',
              'ec2:CreateEgressOnlyInternetGateway',
              'ec2:CreateNatGateway',
              'globalaccelerator:Create*',
            ],
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': DEPLOYERS } },
          },
          {
            Sid: 'DenyPublicSharing',
            Effect: 'Deny',
            Action: [
              'ec2:ModifyImageAttribute',
              'ec2:ModifySnapshotAttribute',
              'rds:ModifyDBSnapshotAttribute',
            ],
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': DEPLOYERS } },
          },
        ],
      },
    },
    {
      id: 'scp-suspended-quarantine',
      type: 'scp',
      name: 'regulated-quarantine',
      description:
        'Denies every action in suspended accounts except to break-glass and deployment roles.',
      attachTo: { ous: ['suspended'] },
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'QuarantineDenyAll',
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: { ArnNotLike: { 'aws:PrincipalArn': DEPLOYERS } },
          },
        ],
      },
    },
    {
      id: 'rcp-data-perimeter',
      type: 'rcp',
      name: 'regulated-data-perimeter',
      description:
        'Only organization identities (and the assessor) reach organization resources, over TLS only.',
      attachTo: { root: true },
      guardrails: [
        {
          id: 'rcp-org-identity-perimeter',
          with: {
            services: ['s3', 'sqs', 'kms', 'secretsmanager', 'sts', 'ecr'],
            trustedAccountIds: [QSA_ACCOUNT_ID],
          },
        },
        {
          id: 'rcp-enforce-tls',
          with: {
            services: ['s3', 'sts', 'kms', 'sqs', 'secretsmanager', 'logs', 'dynamodb', 'ecr'],
          },
        },
      ],
    },
    {
      // CDE data stores admit no external account at all, not even the assessor's.
      id: 'rcp-pci-perimeter',
      type: 'rcp',
      name: 'regulated-pci-perimeter',
      description: 'Cardholder-data resources are reachable by organization identities only.',
      attachTo: { ous: ['pci-prod'] },
      // STS is left out so that the assessor can still assume its read-only role (the
      // root perimeter trusts its account for STS); it reaches no data store here.
      guardrails: [
        {
          id: 'rcp-org-identity-perimeter',
          with: { services: ['s3', 'sqs', 'kms', 'secretsmanager', 'ecr'] },
        },
      ],
    },
    {
      id: 'tag-policy',
      type: 'tag',
      name: 'regulated-tagging',
      description: 'Data classification and compliance scope tags are mandatory.',
      attachTo: { ous: ['workloads', 'pci'] },
      document: {
        tags: {
          'data-classification': {
            tag_key: { '@@assign': 'data-classification' },
            tag_value: { '@@assign': ['internal', 'confidential', 'restricted'] },
            enforced_for: { '@@assign': ['s3:bucket', 'rds:db', 'dynamodb:table', 'ec2:volume'] },
          },
          'compliance-scope': {
            tag_key: { '@@assign': 'compliance-scope' },
            tag_value: { '@@assign': ['none', 'pci-dss', 'pci-dss-test', 'hipaa'] },
          },
        },
      },
    },
    {
      id: 'backup-policy',
      type: 'backup',
      name: 'regulated-backup',
      description: 'Daily backups kept one year, copied to the second EU Region.',
      attachTo: { ous: ['workloads-prod', 'pci-prod'] },
      document: {
        plans: {
          'regulated-daily': {
            regions: { '@@assign': REGIONS },
            rules: {
              daily: {
                schedule_expression: { '@@assign': 'cron(0 2 ? * * *)' },
                start_backup_window_minutes: { '@@assign': '60' },
                complete_backup_window_minutes: { '@@assign': '600' },
                target_backup_vault_name: { '@@assign': 'regulated-vault' },
                lifecycle: {
                  move_to_cold_storage_after_days: { '@@assign': '30' },
                  delete_after_days: { '@@assign': '365' },
                },
                copy_actions: {
                  'arn:$partition:backup:eu-west-1:$account:backup-vault:regulated-vault': {
                    target_backup_vault_arn: {
                      '@@assign':
                        'arn:$partition:backup:eu-west-1:$account:backup-vault:regulated-vault',
                    },
                    lifecycle: { delete_after_days: { '@@assign': '365' } },
                  },
                },
              },
            },
            selections: {
              tags: {
                'all-restricted': {
                  iam_role_arn: {
                    '@@assign':
                      'arn:$partition:iam::$account:role/service-role/AWSBackupDefaultServiceRole',
                  },
                  tag_key: { '@@assign': 'data-classification' },
                  tag_value: { '@@assign': ['confidential', 'restricted'] },
                },
              },
            },
          },
        },
      },
    },
    {
      id: 'ai-opt-out',
      type: 'ai-opt-out',
      name: 'regulated-ai-opt-out',
      description: 'No AWS AI service may store or use organization content.',
      attachTo: { root: true },
      document: { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } },
    },
    {
      id: 'ec2-declarative-baseline',
      type: 'declarative-ec2',
      name: 'regulated-ec2-baseline',
      description:
        'IMDSv2 only, no public AMIs or snapshots, no serial console, no VPC internet access in the CDE by default.',
      attachTo: { root: true },
      document: {
        ec2_attributes: {
          instance_metadata_defaults: {
            http_tokens: { '@@assign': 'required' },
            http_put_response_hop_limit: { '@@assign': '1' },
            http_endpoint: { '@@assign': 'no_preference' },
            instance_metadata_tags: { '@@assign': 'no_preference' },
          },
          image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
          snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
          serial_console_access: { status: { '@@assign': 'disabled' } },
        },
      },
    },
  ],

  identity: {
    identityCenter: {
      delegatedAdmin: 'identity',
      groups: [
        { id: 'platform-admins', displayName: 'aws-platform-admins' },
        { id: 'security-engineers', displayName: 'aws-security-engineers' },
        { id: 'developers', displayName: 'aws-developers' },
        { id: 'cde-operators', displayName: 'aws-cde-operators' },
        { id: 'auditors', displayName: 'aws-internal-audit' },
      ],
      permissionSets: [
        {
          id: 'admin',
          name: 'AdministratorAccess',
          sessionDuration: 'PT1H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
        {
          id: 'read-only',
          name: 'ReadOnly',
          sessionDuration: 'PT2H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
        },
        {
          id: 'security-audit',
          name: 'SecurityAudit',
          sessionDuration: 'PT2H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'],
        },
        {
          id: 'developer',
          name: 'Developer',
          sessionDuration: 'PT4H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        },
        {
          id: 'cde-operator',
          name: 'CdeOperator',
          description:
            'Day-to-day operation of the cardholder-data environment; no data-plane reads of secrets.',
          sessionDuration: 'PT1H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/job-function/SystemAdministrator'],
          inlinePolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'NoSecretReads',
                Effect: 'Deny',
                Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'],
                Resource: '*',
              },
            ],
          },
        },
      ],
      assignments: [
        // Nobody holds standing administrator access to production or the CDE.
        {
          group: 'platform-admins',
          permissionSet: 'admin',
          targets: {
            ous: ['infrastructure', 'deployments', 'workloads-nonprod', 'policy-staging'],
          },
        },
        {
          group: 'platform-admins',
          permissionSet: 'read-only',
          targets: { all: true, includeManagement: true },
        },
        { group: 'security-engineers', permissionSet: 'admin', targets: { ous: ['security'] } },
        {
          group: 'security-engineers',
          permissionSet: 'security-audit',
          targets: { all: true, includeManagement: true },
        },
        {
          group: 'developers',
          permissionSet: 'developer',
          targets: { ous: ['workloads-nonprod'] },
        },
        { group: 'developers', permissionSet: 'read-only', targets: { ous: ['workloads-prod'] } },
        { group: 'cde-operators', permissionSet: 'cde-operator', targets: { ous: ['pci'] } },
        {
          group: 'auditors',
          permissionSet: 'security-audit',
          targets: { all: true, includeManagement: true },
        },
      ],
    },
    roles: [
      {
        id: 'orgward-pipeline',
        name: 'orgward-pipeline',
        purpose: 'pipeline',
        targets: { all: true, includeManagement: true },
        trust: [
          {
            oidc: {
              provider: 'token.actions.githubusercontent.com',
              audience: 'sts.amazonaws.com',
              subjects: ['repo:example-org/aws-foundation:environment:production'],
            },
          },
        ],
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      },
      {
        id: 'break-glass',
        name: 'orgward-break-glass',
        purpose: 'break-glass',
        targets: { all: true, includeManagement: true },
        trust: [{ account: 'identity' }],
        requireMfa: true,
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      },
      {
        id: 'orgward-audit',
        name: 'orgward-audit',
        purpose: 'audit',
        targets: { all: true, includeManagement: true },
        trust: [{ account: 'security-tooling', roleName: 'orgward-collector' }],
        managedPolicies: [
          'arn:aws:iam::aws:policy/SecurityAudit',
          'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        ],
      },
      {
        // The external assessor (QSA): read-only, with an ExternalId against the confused
        // deputy; outside the organization, so no aws:PrincipalOrgID condition.
        id: 'qsa-assessor',
        name: 'qsa-assessor',
        purpose: 'access',
        description: 'Read-only access for the PCI DSS Qualified Security Assessor.',
        targets: { ous: ['pci'] },
        trust: [{ accountId: QSA_ACCOUNT_ID }],
        requireOrganization: false,
        requireMfa: true,
        externalId: 'example-corp-pci-2026',
        managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit'],
      },
      {
        id: 'cde-release',
        name: 'cde-release',
        purpose: 'workload',
        description: 'Release pipeline for cardholder-data applications (runs in publishing).',
        targets: { accounts: ['publishing'] },
        trust: [
          {
            oidc: {
              provider: 'token.actions.githubusercontent.com',
              audience: 'sts.amazonaws.com',
              subjects: ['repo:example-org/cardholder-app:environment:pci-prod'],
            },
          },
        ],
        inlinePolicies: [
          {
            name: 'assume-cde-deployer',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'sts:AssumeRole',
                  Resource: 'arn:aws:iam::*:role/cde-deployer',
                },
              ],
            },
          },
        ],
      },
      {
        id: 'cde-deployer',
        name: 'cde-deployer',
        purpose: 'workload',
        targets: { ous: ['pci'] },
        trust: [{ role: 'cde-release' }],
        managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        needs: [
          'cloudformation:CreateChangeSet',
          'cloudformation:ExecuteChangeSet',
          'ecs:UpdateService',
        ],
      },
    ],
    passwordPolicy: {
      minimumLength: 20,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: true,
      requireLowercase: true,
      maxAgeDays: 90,
      reusePrevention: 24,
    },
  },

  logging: {
    centralBucket: {
      name: 'example-regulated-log-archive-eu-central-1',
      kmsKey: 'log-archive',
      // Seven years; COMPLIANCE mode: not even the root user can shorten it.
      retentionDays: 2557,
      objectLock: { mode: 'COMPLIANCE', days: 2557 },
      accessLogging: true,
      transitionToGlacierDays: 90,
    },
    organizationTrail: {
      name: 'example-regulated-trail',
      dataEvents: ['s3', 'lambda', 'dynamodb'],
      insights: ['ApiCallRateInsight', 'ApiErrorRateInsight'],
      cloudWatchLogs: { retentionDays: 400 },
    },
    config: {
      recorder: {
        targets: { all: true, includeManagement: true },
        includeGlobalResources: 'home-region-only',
        recordingFrequency: 'CONTINUOUS',
      },
      aggregator: { account: 'security-tooling', region: HOME },
    },
  },

  security: {
    delegatedAdmin: 'security-tooling',
    guardDuty: {
      autoEnable: 'ALL',
      features: [
        'S3_DATA_EVENTS',
        'EKS_AUDIT_LOGS',
        'EBS_MALWARE_PROTECTION',
        'RDS_LOGIN_EVENTS',
        'RUNTIME_MONITORING',
        'LAMBDA_NETWORK_LOGS',
      ],
      findingsExport: true,
    },
    securityHub: {
      standards: [
        'aws-foundational-security-best-practices',
        'cis-aws-foundations-benchmark-v5.0.0',
        'nist-800-53-r5',
        'pci-dss-v4.0.1',
        'aws-resource-tagging-standard',
      ],
      aggregationRegion: HOME,
      centralConfiguration: true,
    },
    accessAnalyzer: { organizationAnalyzer: true, unusedAccess: { ageDays: 30 } },
    macie: { enabled: true },
    detective: { enabled: true },
    inspector: { scanTypes: ['ec2', 'ecr', 'lambda', 'lambda-code'] },
    firewallManager: { enabled: true },
    auditManager: { enabled: true },
    accountBaseline: {
      targets: { all: true, includeManagement: true },
      s3BlockPublicAccess: true,
      ebsDefaultEncryption: { enabled: true },
      deleteDefaultVpcs: true,
      imdsV2: 'required',
      snapshotBlockPublicAccess: true,
    },
  },

  keys: [
    {
      id: 'log-archive',
      alias: 'alias/regulated/log-archive',
      account: 'log-archive',
      rotationPeriodDays: 180,
      usage: ['logs', 'cloudtrail', 'config'],
      grants: [
        {
          to: { service: 'cloudtrail.amazonaws.com' },
          actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        },
        {
          to: { service: 'config.amazonaws.com' },
          actions: ['kms:GenerateDataKey*', 'kms:DescribeKey'],
        },
        { to: { role: 'orgward-audit' }, actions: ['kms:Decrypt', 'kms:DescribeKey'] },
      ],
    },
    {
      id: 'cde-data',
      alias: 'alias/regulated/cde-data',
      account: 'cardholder-prod',
      regions: 'governed',
      multiRegion: true,
      rotationPeriodDays: 90,
      usage: ['generic', 'backup'],
      grants: [
        {
          to: { role: 'cde-deployer' },
          actions: ['kms:Encrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        },
      ],
    },
    {
      id: 'security-findings',
      alias: 'alias/regulated/security-findings',
      account: 'security-tooling',
      regions: 'governed',
      usage: ['sns', 'generic'],
      grants: [
        {
          to: { service: 'guardduty.amazonaws.com' },
          actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
        },
      ],
    },
  ],

  network: {
    targets: { all: true },
    flowLogs: { enabled: true, destination: 'central-bucket', trafficType: 'ALL' },
    securityGroups: {
      restrictDefault: true,
      forbidOpenIngressPorts: [22, 3389, 445, 1433, 3306, 5432, 6379, 9200],
    },
    nacls: { forbidOpenIngressPorts: [22, 3389, 445] },
    waf: [
      {
        id: 'cde-web',
        scope: 'REGIONAL',
        targets: { ous: ['pci-prod'] },
        managedRuleGroups: [
          'AWSManagedRulesCommonRuleSet',
          'AWSManagedRulesKnownBadInputsRuleSet',
          'AWSManagedRulesSQLiRuleSet',
          'AWSManagedRulesAmazonIpReputationList',
        ],
      },
    ],
    shieldAdvanced: true,
  },

  alerting: {
    channels: [
      { id: 'soc', type: 'email', endpoint: 'soc@example.com' },
      {
        id: 'soc-pager',
        type: 'webhook',
        endpoint: 'https://events.pagerduty.example.com/v2/enqueue',
      },
      { id: 'soc-teams', type: 'chatbot-teams', endpoint: 'TEAM-EXAMPLE/CHANNEL-SOC' },
    ],
    routes: [
      { source: 'guardduty', minSeverity: 'MEDIUM', to: ['soc-teams', 'soc-pager'] },
      { source: 'securityhub', minSeverity: 'HIGH', to: ['soc-teams', 'soc'] },
      { source: 'cloudtrail-metric', minSeverity: 'LOW', to: ['soc-teams'] },
      { source: 'config', minSeverity: 'MEDIUM', to: ['soc'] },
      { source: 'orgward', minSeverity: 'MEDIUM', to: ['soc-pager', 'soc'] },
    ],
    cisMetricAlarms: true,
  },

  response: [
    {
      id: 'revert-scp-tampering',
      description: 'Organization policy changed outside the pipeline.',
      trigger: { detections: ['D22'] },
      actions: [{ type: 'revert-org-policy-change' }, { type: 'notify', to: ['soc-pager'] }],
      mode: 'auto',
    },
    {
      id: 'telemetry-tampering',
      trigger: { detections: ['D16', 'D17', 'D18', 'D19', 'D20', 'D21', 'D24'] },
      actions: [{ type: 'notify', to: ['soc-pager', 'soc'] }],
      mode: 'auto',
    },
    {
      id: 'cde-compromise',
      description:
        'Credential or instance compromise inside the CDE: contain first, investigate after.',
      trigger: {
        detections: ['D03', 'D08', 'D12', 'D13'],
        findingTypes: [
          'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
          'Backdoor:EC2/C&CActivity.B',
        ],
        minSeverity: 'high',
      },
      actions: [
        { type: 'revoke-role-sessions' },
        { type: 'isolate-instance' },
        { type: 'notify', to: ['soc-pager'] },
      ],
      mode: 'approve',
      targets: { ous: ['pci'] },
    },
    {
      id: 'quarantine-account',
      trigger: { detections: ['D03', 'D15', 'D23'], minSeverity: 'critical' },
      actions: [{ type: 'quarantine-account-scp' }, { type: 'notify', to: ['soc-pager'] }],
      mode: 'approve',
      targets: { ous: ['workloads', 'pci'] },
    },
  ],

  controls: [
    {
      id: 'audit-logging',
      title: 'Audit logs of every account are collected, protected and kept seven years',
      behavior: 'preventive',
      implementation: [
        { via: 'guardrail', ref: 'protect-cloudtrail' },
        { via: 'guardrail', ref: 'protect-log-archive' },
        { via: 'invariant', ref: 'cloudtrail-tamper-proof' },
      ],
      frameworks: {
        'CIS-AWS-v7': ['4.1', '4.2', '4.4', '4.5', '4.8', '4.9'],
        'PCI-DSS-v4.0.1': ['10.2.1', '10.3.3', '10.3.4', '10.5.1'],
      },
    },
    {
      id: 'data-residency',
      title: 'Data and workloads stay in the two EU Regions',
      behavior: 'preventive',
      implementation: [{ via: 'policy', ref: 'scp-root-data-residency' }],
      frameworks: { 'CIS-AWS-v7': ['2.1.2'] },
    },
    {
      id: 'cde-segmentation',
      title: 'The cardholder-data environment is segmented from other workloads',
      behavior: 'preventive',
      implementation: [
        { via: 'policy', ref: 'scp-pci' },
        { via: 'policy', ref: 'rcp-pci-perimeter' },
        { via: 'invariant', ref: 'cde-access-from-identity' },
      ],
      targets: { ous: ['pci'] },
      frameworks: { 'CIS-AWS-v7': ['2.1.4'], 'PCI-DSS-v4.0.1': ['1.2.1', '1.3.1', '1.3.2'] },
    },
    {
      id: 'mfa-into-cde',
      title: 'Every human access into the CDE uses MFA',
      behavior: 'preventive',
      implementation: [{ via: 'invariant', ref: 'cde-access-from-identity' }],
      frameworks: { 'CIS-AWS-v7': ['2.10', '2.19'], 'PCI-DSS-v4.0.1': ['8.4.2'] },
    },
    {
      id: 'encryption-at-rest',
      title: 'Stored data is KMS-encrypted with rotating keys',
      behavior: 'preventive',
      implementation: [
        { via: 'guardrail', ref: 'require-s3-kms-encryption' },
        { via: 'guardrail', ref: 'protect-ebs-default-encryption' },
        { via: 'guardrail', ref: 'protect-kms-keys' },
      ],
      frameworks: {
        'CIS-AWS-v7': ['3.2.1', '3.3.1', '4.6', '6.1.1'],
        'PCI-DSS-v4.0.1': ['3.5.1', '3.6.1'],
      },
    },
    {
      id: 'data-perimeter',
      title: 'Organization resources are reachable only by organization identities over TLS',
      behavior: 'preventive',
      implementation: [
        { via: 'policy', ref: 'rcp-data-perimeter' },
        { via: 'invariant', ref: 'cde-no-external-access' },
      ],
      frameworks: { 'CIS-AWS-v7': ['2.21', '3.1.1'], 'PCI-DSS-v4.0.1': ['4.2.1'] },
    },
    {
      id: 'threat-detection',
      title: 'Intrusion detection and vulnerability scanning in every account',
      behavior: 'detective',
      implementation: [
        { via: 'guardrail', ref: 'protect-guardduty' },
        { via: 'guardrail', ref: 'protect-securityhub' },
        { via: 'live-check', ref: 'inspector-enabled' },
      ],
      frameworks: { 'CIS-AWS-v7': ['5.16'], 'PCI-DSS-v4.0.1': ['11.3.1', '11.5.1'] },
    },
    {
      id: 'imdsv2',
      title: 'EC2 instances require IMDSv2 with a hop limit of 1',
      behavior: 'preventive',
      implementation: [
        { via: 'guardrail', ref: 'require-imdsv2' },
        { via: 'policy', ref: 'scp-deny-imdsv1-credentials' },
        { via: 'policy', ref: 'ec2-declarative-baseline' },
      ],
      frameworks: { 'CIS-AWS-v7': ['6.7'] },
    },
  ],

  invariants: [
    {
      id: 'cloudtrail-tamper-proof',
      kind: 'forbid',
      description:
        'No principal outside the security-tooling account may stop or delete CloudTrail.',
      severity: 'critical',
      actions: [
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'cloudtrail:UpdateTrail',
        'cloudtrail:PutEventSelectors',
      ],
      in: { all: true, includeManagement: true },
      except: { accounts: ['security-tooling'], iamRoles: ['orgward-pipeline', 'break-glass'] },
    },
    {
      id: 'cde-keys-kept',
      kind: 'forbid',
      description: 'Nobody but the pipeline and break-glass can delete or disable keys in the CDE.',
      severity: 'critical',
      actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'],
      in: { ous: ['pci'] },
      except: { iamRoles: ['orgward-pipeline', 'break-glass'] },
    },
    {
      id: 'cde-access-from-identity',
      kind: 'access-only-from',
      description:
        'The CDE is reachable only from the identity account with MFA, the assessor and the named automation roles.',
      severity: 'critical',
      to: { ous: ['pci-prod'] },
      from: {
        accounts: ['identity'],
        iamRoles: ['orgward-pipeline', 'orgward-audit', 'cde-release'],
        principalArns: [`arn:aws:iam::${QSA_ACCOUNT_ID}:role/*`],
      },
      require: { mfa: true },
    },
    {
      id: 'cde-no-external-access',
      kind: 'no-external-access',
      description:
        'Nothing outside the organization reaches CDE resources, except the assessor through STS.',
      severity: 'critical',
      in: { ous: ['pci'] },
      allowAccountIds: [QSA_ACCOUNT_ID],
    },
    {
      id: 'no-escalation',
      kind: 'no-privilege-escalation',
      description: 'No principal of a workload or CDE account can escalate to administrator.',
      in: { ous: ['workloads', 'pci'] },
      except: { iamRoles: ['orgward-pipeline', 'break-glass'] },
    },
  ],

  deployment: {
    stackPrefix: 'regulated',
    terminationProtection: true,
    strategy: 'stacksets',
    maxConcurrency: 5,
    failureTolerance: 0,
    approval: 'always',
    waves: [
      { name: 'policy-staging', targets: { ous: ['policy-staging'] } },
      { name: 'nonprod', targets: { ous: ['workloads-nonprod'] } },
      { name: 'pci-nonprod', targets: { ous: ['pci-nonprod'] } },
      { name: 'prod', targets: { ous: ['workloads-prod'] } },
      { name: 'pci-prod', targets: { ous: ['pci-prod'] } },
      {
        name: 'foundation',
        targets: { ous: ['security', 'infrastructure', 'deployments'], accounts: ['management'] },
      },
    ],
  },

  // The IAM trust-policy quota was raised to 4,096 characters in this organization.
  limits: { trustPolicyMaxSize: 4096 },
});
