import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import { InputError } from '../../core/errors.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import type { Unit } from '../types.js';
import { contextFor, orgBlueprint, props, resource, unit } from './__fixtures__/baseline.js';
import { baselineBuilder, BASELINE_GAPS } from './baseline.js';
import { logArchiveBuilder } from './log-archive.js';

const build = async (bp: BlueprintInput): Promise<Unit[]> =>
  baselineBuilder.build(await contextFor(bp));
const ids = (units: readonly Unit[]) => units.map((u) => u.id);
const types = (u: Unit) => Object.values(u.template.Resources).map((r) => r.Type);

describe('baseline units of the examples', () => {
  it.each([
    [
      'minimal',
      [
        'baseline-config',
        'baseline-config-management-eu-west-1',
        'baseline-account',
        'baseline-account-management-eu-west-1',
        'baseline-forwarding',
        'baseline-forwarding-management-eu-west-1',
      ],
    ],
    [
      'regulated',
      [
        'baseline-config',
        'baseline-config-management-eu-central-1',
        'baseline-config-management-eu-west-1',
        'baseline-account',
        'baseline-account-management-eu-central-1',
        'baseline-account-management-eu-west-1',
        'baseline-network',
        'baseline-forwarding',
        'baseline-forwarding-management-eu-central-1',
        'baseline-forwarding-management-eu-west-1',
        'baseline-cis-alarms',
      ],
    ],
  ] as const)('%s', async (name, want) => {
    const units = baselineBuilder.build(await exampleContext(name));
    expect(ids(units)).toEqual(want);
    for (const u of units) expect(u.concern).toBe('baseline');
  });

  it('targets whole OUs in the standard example, leaving the suspended account out', async () => {
    const units = baselineBuilder.build(await exampleContext('standard'));
    const set = unit(units, 'baseline-account');
    expect(set.kind === 'stackset' && set.ous).toEqual([
      'security',
      'infrastructure',
      'deployments',
      'workloads',
      'sandbox',
    ]);
    expect(set.kind === 'stackset' && set.accounts).not.toContain('legacy-reporting');
    expect(set.kind === 'stackset' && set.regions).toEqual([
      'eu-west-1',
      'eu-central-1',
      'us-east-1',
    ]);
  });

  it('lists every gap it covers with a custom resource', () => {
    expect(BASELINE_GAPS.map((g) => g.what).join('\n')).toMatch(
      /password policy[\s\S]*Block Public Access[\s\S]*flow logs/,
    );
    for (const g of BASELINE_GAPS) expect(g.coveredBy).toMatch(/Custom::|AWS::/);
  });
});

describe('baseline-config', () => {
  it('records everything with the service-linked role into the central bucket the log-archive stack names', async () => {
    const ctx = await exampleContext('minimal');
    const units = baselineBuilder.build(ctx);
    const u = unit(units, 'baseline-config');
    expect(props(u, 'ConfigRecorder')).toEqual({
      Name: 'default',
      RoleARN: {
        'Fn::Sub':
          'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
      },
      RecordingGroup: {
        AllSupported: true,
        IncludeGlobalResourceTypes: { 'Fn::If': ['IsHomeRegion', true, false] },
      },
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
    });
    expect(resource(u, 'ConfigRecorder').DependsOn).toEqual(['ConfigServiceLinkedRole']);
    expect(resource(u, 'ConfigDeliveryChannel').DependsOn).toEqual(['ConfigRecorder']);
    const archive = logArchiveBuilder.build(ctx).find((x) => x.id === 'log-archive');
    expect(archive).toBeDefined();
    expect(props(u, 'ConfigDeliveryChannel').S3BucketName).toEqual(
      archive && props(archive, 'CentralBucket').BucketName,
    );
    expect(props(u, 'ConfigServiceLinkedRole')).toMatchObject({
      ServiceName: 'config.amazonaws.com',
    });
    expect(u.dependsOn).toEqual(['log-archive']);
    expect(u.entities).toEqual(['config-recorder']);
  });

  it.each([
    ['all', true],
    ['none', false],
  ] as const)('records global resources everywhere or nowhere (%s)', async (mode, value) => {
    const bp = orgBlueprint();
    const logging = bp.logging ?? {
      centralBucket: { kmsKey: 'logs', retentionDays: 1 },
      organizationTrail: { name: 'x' },
      config: {
        recorder: { targets: {} },
        aggregator: { account: 'security-tooling', region: 'eu-west-1' },
      },
    };
    const units = await build({
      ...bp,
      logging: {
        ...logging,
        config: {
          ...logging.config,
          recorder: {
            targets: { ous: ['workloads'] },
            includeGlobalResources: mode,
            recordingFrequency: 'DAILY',
          },
        },
      },
    });
    const u = unit(units, 'baseline-config');
    expect(props(u, 'ConfigRecorder').RecordingGroup).toEqual({
      AllSupported: true,
      IncludeGlobalResourceTypes: value,
    });
    expect(props(u, 'ConfigRecorder').RecordingMode).toEqual({ RecordingFrequency: 'DAILY' });
    expect(u.kind === 'stackset' && [u.accounts, u.ous]).toEqual([
      ['app-prod', 'app-dev'],
      ['workloads'],
    ]);
    expect(ids(units)).not.toContain('baseline-config-management-eu-west-1');
  });

  it('refuses allSupported: false (the blueprint has no resource type list)', async () => {
    const bp = orgBlueprint();
    const logging = bp.logging;
    if (!logging) throw new Error('fixture has logging');
    await expect(
      build({
        ...bp,
        logging: {
          ...logging,
          config: { ...logging.config, recorder: { targets: { all: true }, allSupported: false } },
        },
      }),
    ).rejects.toThrow(InputError);
  });
});

describe('baseline-account', () => {
  it('applies global settings in the home Region only, regional defaults everywhere', async () => {
    const units = baselineBuilder.build(await exampleContext('standard'));
    const u = unit(units, 'baseline-account');
    expect(u.template.Conditions).toEqual({
      IsHomeRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] },
    });
    expect(resource(u, 'PasswordPolicy').Condition).toBe('IsHomeRegion');
    expect(resource(u, 'S3AccountPublicAccessBlock').Condition).toBe('IsHomeRegion');
    expect(props(u, 'S3AccountPublicAccessBlock')).toMatchObject({
      Setting: 's3-block-public-access',
      AccountId: { Ref: 'AWS::AccountId' },
    });
    expect(JSON.parse(String(props(u, 'PasswordPolicy').Policy))).toEqual({
      MinimumPasswordLength: 16,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      PasswordReusePrevention: 24,
    });
    for (const id of ['EbsEncryptionByDefault', 'InstanceMetadataDefaults', 'DefaultVpcRemoval'])
      expect(resource(u, id).Condition).toBeUndefined();
    expect(props(u, 'InstanceMetadataDefaults').HttpTokens).toBe('required');
    expect(u.entities).toEqual(['account-baseline', 'password-policy']);
    expect(u.kind === 'stackset' && u.regions).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);
  });

  it('names the handler role so the guardrail SCPs can exempt it', async () => {
    const u = unit(baselineBuilder.build(await exampleContext('regulated')), 'baseline-account');
    // regulated's stack prefix is `regulated`.
    expect(props(u, 'AccountGapsRole').RoleName).toEqual({
      'Fn::Sub': 'regulated-baseline-account-gaps-${AWS::Region}',
    });
    expect(u.capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(props(u, 'AccountGapsFunction')).toMatchObject({
      Handler: 'index.handler',
      FunctionName: 'regulated-account-gaps',
    });
  });

  it('uses the native snapshot Block Public Access type unless an EC2 declarative policy may own it', async () => {
    const minimal = unit(
      baselineBuilder.build(await exampleContext('minimal')),
      'baseline-account',
    );
    expect(resource(minimal, 'SnapshotBlockPublicAccess')).toMatchObject({
      Type: 'AWS::EC2::SnapshotBlockPublicAccess',
      DeletionPolicy: 'Retain',
      Properties: { State: 'block-all-sharing' },
    });
    // regulated attaches a declarative policy setting snapshot_block_public_access at the root.
    const regulated = unit(
      baselineBuilder.build(await exampleContext('regulated')),
      'baseline-account',
    );
    expect(resource(regulated, 'SnapshotBlockPublicAccess')).toMatchObject({
      Type: 'Custom::SnapshotBlockPublicAccess',
      Properties: { Setting: 'snapshot-block-public-access', State: 'block-all-sharing' },
    });
  });

  it('removes default VPCs only when asked, and grants the deletes only then', async () => {
    const minimal = unit(
      baselineBuilder.build(await exampleContext('minimal')),
      'baseline-account',
    );
    expect(minimal.template.Resources.DefaultVpcRemoval).toBeUndefined();
    expect(JSON.stringify(props(minimal, 'AccountGapsRole'))).not.toContain('ec2:DeleteVpc');
    const standard = unit(
      baselineBuilder.build(await exampleContext('standard')),
      'baseline-account',
    );
    expect(props(standard, 'DefaultVpcRemoval').Setting).toBe('default-vpc');
    expect(JSON.stringify(props(standard, 'AccountGapsRole'))).toContain('ec2:DeleteVpc');
  });

  it('sets the EBS default key as the alias ARN in the Region, and clears IMDS defaults for optional', async () => {
    const bp = orgBlueprint();
    const units = await build({
      ...bp,
      keys: [
        ...(bp.keys ?? []),
        {
          id: 'ebs',
          alias: 'alias/org-ebs',
          account: 'log-archive',
          regions: 'governed',
          usage: ['ebs'],
        },
      ],
      security: {
        accountBaseline: {
          ebsDefaultEncryption: { kmsKey: 'ebs' },
          imdsV2: 'optional',
          s3BlockPublicAccess: false,
          snapshotBlockPublicAccess: false,
        },
      },
    });
    const u = unit(units, 'baseline-account');
    expect(props(u, 'EbsEncryptionByDefault').KmsKeyId).toEqual({
      'Fn::Join': [
        '',
        ['arn:aws:kms:', { Ref: 'AWS::Region' }, ':', '222222222222', ':alias/org-ebs'],
      ],
    });
    expect(props(u, 'InstanceMetadataDefaults').HttpTokens).toBe('no-preference');
    expect(u.template.Resources.S3AccountPublicAccessBlock).toBeUndefined();
    expect(u.template.Resources.SnapshotBlockPublicAccess).toBeUndefined();
    expect(u.template.Resources.PasswordPolicy).toBeUndefined();
  });

  it('applies a password policy alone to every account, the management account included', async () => {
    const bp = orgBlueprint();
    const units = await build({
      ...bp,
      security: undefined,
      identity: {
        roles: [],
        passwordPolicy: {
          minimumLength: 14,
          requireSymbols: false,
          requireNumbers: true,
          requireUppercase: true,
          requireLowercase: true,
          reusePrevention: 24,
          maxAgeDays: 90,
        },
      },
    });
    const u = unit(units, 'baseline-account');
    expect(types(u).filter((t) => t.startsWith('Custom::'))).toEqual(['Custom::PasswordPolicy']);
    expect(JSON.parse(String(props(u, 'PasswordPolicy').Policy))).toMatchObject({
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      MaxPasswordAge: 90,
    });
    expect(ids(units)).toContain('baseline-account-management-eu-west-1');
    expect(u.kind === 'stackset' && u.accounts).toEqual([
      'security-tooling',
      'log-archive',
      'app-prod',
      'app-dev',
    ]);
  });
});
