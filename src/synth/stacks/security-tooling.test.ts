import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { contextOf, exampleContext, loadSynthInput } from '../../../test/helpers/synth.js';
import { nag } from '../../../test/helpers/nag.js';
import type { Blueprint } from '../../blueprint/schema/blueprint.js';
import type { CfnResource, CfnTemplate, CfnValue } from '../cfn.js';
import type { SynthContext } from '../context.js';
import type { StackUnit, Unit } from '../types.js';
import { guardDutyFeatures } from './security-services.js';
import { SECURITY_TOOLING_GAPS, securityToolingBuilder } from './security-tooling.js';
import { LOG_RETENTION_DAYS, logRetention, TRAIL } from './security-trail.js';

vi.mock('../assets.js', () => ({
  responderAsset: () => ({
    id: 'responder',
    file: 'responder-h.zip',
    hash: 'h',
    content: new Uint8Array(),
  }),
}));

type Statement = Record<string, CfnValue>;
const EXAMPLES = ['minimal', 'standard', 'regulated'] as const;
const ctxs = new Map<string, SynthContext>();
beforeAll(async () => {
  for (const e of EXAMPLES) ctxs.set(e, await exampleContext(e));
});
const ctxOf = (name: string): SynthContext => {
  const c = ctxs.get(name);
  if (!c) throw new Error(name);
  return c;
};
const build = (ctx: SynthContext): Unit[] => securityToolingBuilder.build(ctx);
const unit = (units: Unit[], id: string): StackUnit => {
  const u = units.find((x) => x.id === id);
  if (u?.kind !== 'stack')
    throw new Error(`no stack ${id} in ${units.map((x) => x.id).join(', ')}`);
  return u;
};
const res = (t: CfnTemplate, id: string): CfnResource => {
  const r = t.Resources[id];
  if (!r) throw new Error(`no resource ${id}`);
  return r;
};
const props = (t: CfnTemplate, id: string): Record<string, CfnValue> => res(t, id).Properties ?? {};
const ofType = (t: CfnTemplate, type: string) =>
  Object.entries(t.Resources).filter(([, r]) => r.Type === type);
function withSecurity(
  ctx: SynthContext,
  patch: Partial<NonNullable<Blueprint['security']>>,
): SynthContext {
  const security = ctx.bp.security;
  if (!security) throw new Error('no security');
  return { ...ctx, bp: { ...ctx.bp, security: { ...security, ...patch } } };
}

describe('units', () => {
  it.each([
    ['minimal', ['organization-trail', 'security-tooling']],
    [
      'standard',
      ['security-tooling', 'security-tooling-eu-central-1', 'security-tooling-us-east-1'],
    ],
    ['regulated', ['security-tooling', 'security-tooling-eu-west-1']],
  ])('%s: %j', (name, ids) => {
    const units = build(ctxOf(name));
    expect(units.map((u) => u.id)).toEqual(ids);
    for (const u of units.filter((x) => x.id.startsWith('security-tooling')))
      expect(u).toMatchObject({
        kind: 'stack',
        concern: 'security-tooling',
        account: 'security-tooling',
      });
  });

  it('regional units run in their Region; the unit holding Security Hub aggregation waits for them', () => {
    const units = build(ctxOf('standard'));
    expect(unit(units, 'security-tooling-us-east-1').region).toBe('us-east-1');
    expect(unit(units, 'security-tooling').dependsOn).toEqual([
      'log-archive',
      'security-tooling-eu-central-1',
      'security-tooling-us-east-1',
    ]);
    expect(unit(units, 'security-tooling-eu-central-1').dependsOn).toEqual([]);
  });

  it('without a security account only the management-account units remain', () => {
    const ctx = ctxOf('minimal');
    const units = build({ ...ctx, security: undefined });
    expect(units.map((u) => u.id)).toEqual(['organization-trail', 'config-aggregator']);
    expect(unit(units, 'config-aggregator').account).toBe('security-tooling');
  });

  it('a Config aggregator in another account gets its own unit there', () => {
    const ctx = ctxOf('standard');
    const logging = ctx.bp.logging;
    if (!logging) throw new Error('no logging');
    const moved: SynthContext = {
      ...ctx,
      bp: {
        ...ctx.bp,
        logging: {
          ...logging,
          config: { ...logging.config, aggregator: { account: 'management', region: 'eu-west-1' } },
        },
      },
    };
    const units = build(moved);
    expect(unit(units, 'config-aggregator')).toMatchObject({
      account: 'management',
      region: 'eu-west-1',
    });
    expect(unit(units, 'security-tooling').template.Resources.ConfigAggregator).toBeUndefined();
  });

  it('lists its CloudFormation gaps', () => {
    expect(SECURITY_TOOLING_GAPS.map((g) => g.coveredBy.split(' ')[0])).toEqual([
      'Custom::OrgwardGuardDuty',
      'Custom::OrgwardInspector',
      'Custom::OrgwardMacie',
    ]);
  });
});

describe('organization trail', () => {
  it.each([
    ['minimal', 'organization-trail', 'management'],
    ['standard', 'security-tooling', 'security-tooling'],
    ['regulated', 'security-tooling', 'security-tooling'],
  ])('%s: lives in %s (%s account)', (name, id, account) => {
    const u = unit(build(ctxOf(name)), id);
    expect(u.account).toBe(account);
    expect(u.entities).toContain('trail');
    expect(u.dependsOn).toContain('log-archive');
  });

  it.each(EXAMPLES)(
    '%s: organization-wide, multi-Region, global events, validated, logging, encrypted, into the central bucket',
    (name) => {
      const ctx = ctxOf(name);
      const u = build(ctx).find((x) => x.template.Resources[TRAIL]);
      if (!u) throw new Error('no trail');
      const p = props(u.template, TRAIL);
      expect(p).toMatchObject({
        TrailName: ctx.bp.logging?.organizationTrail.name,
        IsOrganizationTrail: true,
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: true,
        EnableLogFileValidation: true,
        IsLogging: true,
      });
      const bucket = ctx.bp.logging?.centralBucket.name;
      if (bucket) expect(p.S3BucketName).toBe(bucket);
      expect(JSON.stringify(p.KMSKeyId)).toContain(
        `:${ctx.bp.keys.find((k) => k.id === ctx.bp.logging?.centralBucket.kmsKey)?.alias ?? '?'}`,
      );
    },
  );

  it('regulated: data events (the log bucket itself excluded) and Insights', () => {
    const p = props(unit(build(ctxOf('regulated')), 'security-tooling').template, TRAIL);
    const selectors = p.AdvancedEventSelectors as { Name: string; FieldSelectors: Statement[] }[];
    expect(selectors.map((s) => s.Name)).toEqual([
      'Management events',
      's3 data events',
      'lambda data events',
      'dynamodb data events',
    ]);
    expect(selectors[1]?.FieldSelectors).toContainEqual({
      Field: 'resources.ARN',
      NotStartsWith: ['arn:aws:s3:::example-regulated-log-archive-eu-central-1/'],
    });
    expect(p.InsightSelectors).toEqual([
      { InsightType: 'ApiCallRateInsight' },
      { InsightType: 'ApiErrorRateInsight' },
    ]);
  });

  it('regulated: CloudWatch Logs delivery to an encrypted log group with its role', () => {
    const t = unit(build(ctxOf('regulated')), 'security-tooling').template;
    expect(props(t, 'TrailLogGroup')).toMatchObject({
      LogGroupName: '/regulated/cloudtrail/example-regulated-trail',
      RetentionInDays: 400,
      KmsKeyId: { 'Fn::GetAtt': ['TrailLogsKey', 'Arn'] },
    });
    expect(props(t, 'TrailLogsKey').EnableKeyRotation).toBe(true);
    expect(props(t, TRAIL)).toMatchObject({
      CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['TrailLogGroup', 'Arn'] },
      CloudWatchLogsRoleArn: { 'Fn::GetAtt': ['TrailLogsRole', 'Arn'] },
    });
    expect(JSON.stringify(props(t, 'TrailLogsRole').AssumeRolePolicyDocument)).toContain(
      'cloudtrail.amazonaws.com',
    );
  });

  it('minimal: no CloudWatch Logs when not asked', () => {
    const t = unit(build(ctxOf('minimal')), 'organization-trail').template;
    expect(ofType(t, 'AWS::Logs::LogGroup')).toEqual([]);
  });

  it('log retention rounds up to a value CloudWatch Logs accepts (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3653 }), (d) => {
        const r = logRetention(d);
        expect(r).toBeGreaterThanOrEqual(d);
        expect(LOG_RETENTION_DAYS).toContain(r);
        const i = LOG_RETENTION_DAYS.indexOf(r as (typeof LOG_RETENTION_DAYS)[number]);
        if (i > 0) expect(LOG_RETENTION_DAYS[i - 1]).toBeLessThan(d);
      }),
    );
  });
});

describe('security services', () => {
  it('Config aggregator: organization source over the governed Regions, AWS role for organizations', () => {
    const t = unit(build(ctxOf('standard')), 'security-tooling').template;
    expect(props(t, 'ConfigAggregator').OrganizationAggregationSource).toEqual({
      RoleArn: { 'Fn::GetAtt': ['ConfigAggregatorRole', 'Arn'] },
      AwsRegions: ['eu-west-1', 'eu-central-1', 'us-east-1'],
      AllAwsRegions: false,
    });
    expect(JSON.stringify(props(t, 'ConfigAggregatorRole').ManagedPolicyArns)).toContain(
      'service-role/AWSConfigRoleForOrganizations',
    );
    expect(JSON.stringify(res(t, 'ConfigAggregatorRole').Metadata)).toContain('AwsSolutions-IAM4');
  });

  it('Security Hub central configuration: the standards as ARNs of the aggregation Region, disabled controls, root association', () => {
    const t = unit(build(ctxOf('regulated')), 'security-tooling').template;
    const policy = props(t, 'SecurityHubConfigurationPolicy').ConfigurationPolicy as {
      SecurityHub: { ServiceEnabled: boolean; EnabledStandardIdentifiers: string[] };
    };
    expect(policy.SecurityHub.ServiceEnabled).toBe(true);
    expect(policy.SecurityHub.EnabledStandardIdentifiers).toEqual([
      'arn:aws:securityhub:eu-central-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-central-1::standards/cis-aws-foundations-benchmark/v/5.0.0',
      'arn:aws:securityhub:eu-central-1::standards/nist-800-53/v/5.0.0',
      'arn:aws:securityhub:eu-central-1::standards/pci-dss/v/4.0.1',
      'arn:aws:securityhub:eu-central-1::standards/aws-resource-tagging-standard/v/1.0.0',
    ]);
    expect(props(t, 'SecurityHubOrganizationConfiguration')).toEqual({
      AutoEnable: false,
      AutoEnableStandards: 'NONE',
      ConfigurationType: 'CENTRAL',
    });
    expect(props(t, 'SecurityHubFindingAggregator')).toEqual({
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['eu-west-1'],
    });
    expect(props(t, 'SecurityHubPolicyAssociation')).toEqual({
      ConfigurationPolicyId: { 'Fn::GetAtt': ['SecurityHubConfigurationPolicy', 'Id'] },
      TargetId: { Ref: 'RootId' },
      TargetType: 'ROOT',
    });
  });

  it('standard: disabled controls reach the configuration policy; linked Regions get a hub only', () => {
    const units = build(ctxOf('standard'));
    const policy = JSON.stringify(
      props(unit(units, 'security-tooling').template, 'SecurityHubConfigurationPolicy'),
    );
    expect(policy).toContain('"DisabledSecurityControlIdentifiers":["IAM.6"]');
    const regional = unit(units, 'security-tooling-us-east-1').template;
    expect(ofType(regional, 'AWS::SecurityHub::Hub')).toHaveLength(1);
    expect(ofType(regional, 'AWS::SecurityHub::ConfigurationPolicy')).toEqual([]);
  });

  it('a single-Region organization links no other Region', () => {
    const agg = props(
      unit(build(ctxOf('minimal')), 'security-tooling').template,
      'SecurityHubFindingAggregator',
    );
    expect(agg.RegionLinkingMode).toBe('ALL_REGIONS_EXCEPT_SPECIFIED');
    expect(agg.Regions).not.toContain('eu-west-1');
    expect(agg.Regions).toContain('us-east-1');
  });

  it('local configuration: organization configuration LOCAL and a Standard resource per standard', () => {
    const ctx = ctxOf('standard');
    const sh = ctx.bp.security?.securityHub;
    if (!sh) throw new Error('no securityHub');
    const t = unit(
      build(withSecurity(ctx, { securityHub: { ...sh, centralConfiguration: false } })),
      'security-tooling',
    ).template;
    expect(props(t, 'SecurityHubOrganizationConfiguration').ConfigurationType).toBe('LOCAL');
    expect(
      ofType(t, 'AWS::SecurityHub::Standard').map(([, r]) => r.Properties?.StandardsArn),
    ).toEqual([
      'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0',
      'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/5.0.0',
    ]);
    expect(ofType(t, 'AWS::SecurityHub::ConfigurationPolicy')).toEqual([]);
  });

  it('GuardDuty: one custom resource per Region with the blueprint plans, and findings export to the central bucket', () => {
    const units = build(ctxOf('standard'));
    for (const id of [
      'security-tooling',
      'security-tooling-eu-central-1',
      'security-tooling-us-east-1',
    ]) {
      const t = unit(units, id).template;
      const p = props(t, 'GuardDutyOrganization');
      expect(res(t, 'GuardDutyOrganization').Type).toBe('Custom::OrgwardGuardDuty');
      expect(p.AutoEnable).toBe('ALL');
      expect(props(t, 'GuardDutyFindingsExport')).toMatchObject({
        DetectorId: { 'Fn::GetAtt': ['GuardDutyOrganization', 'DetectorId'] },
        DestinationType: 'S3',
        DestinationProperties: { DestinationArn: 'arn:aws:s3:::example-org-log-archive-eu-west-1' },
      });
    }
  });

  it('GuardDuty plans: listed ones enabled, others disabled, a superseded plan left out (property)', () => {
    const all = [
      'S3_DATA_EVENTS',
      'EKS_AUDIT_LOGS',
      'EBS_MALWARE_PROTECTION',
      'RDS_LOGIN_EVENTS',
      'EKS_RUNTIME_MONITORING',
      'LAMBDA_NETWORK_LOGS',
      'RUNTIME_MONITORING',
    ] as const;
    fc.assert(
      fc.property(
        fc.subarray([...all]),
        fc.constantFrom('ALL', 'NEW', 'NONE' as const),
        (listed, auto) => {
          const f = guardDutyFeatures(listed, auto);
          for (const x of f) {
            const on = (listed as string[]).includes(x.Name);
            expect(x.Status).toBe(on ? 'ENABLED' : 'DISABLED');
            expect(x.AutoEnable).toBe(on ? auto : 'NONE');
          }
          const names = f.map((x) => x.Name);
          expect(
            names.includes('EKS_RUNTIME_MONITORING') && names.includes('RUNTIME_MONITORING'),
          ).toBe(
            listed.includes('EKS_RUNTIME_MONITORING') && !listed.includes('RUNTIME_MONITORING'),
          );
          for (const l of listed)
            if (!(l === 'EKS_RUNTIME_MONITORING' && listed.includes('RUNTIME_MONITORING')))
              expect(names).toContain(l);
        },
      ),
    );
  });

  it('Access Analyzer: organization analyzer per Region, unused access once (home) with its age', () => {
    const units = build(ctxOf('standard'));
    const home = unit(units, 'security-tooling').template;
    expect(props(home, 'AccessAnalyzerOrganization').Type).toBe('ORGANIZATION');
    expect(props(home, 'AccessAnalyzerUnusedAccess')).toMatchObject({
      Type: 'ORGANIZATION_UNUSED_ACCESS',
      AnalyzerConfiguration: { UnusedAccessConfiguration: { UnusedAccessAge: 45 } },
    });
    const other = unit(units, 'security-tooling-eu-central-1').template;
    expect(props(other, 'AccessAnalyzerOrganization').Type).toBe('ORGANIZATION');
    expect(other.Resources.AccessAnalyzerUnusedAccess).toBeUndefined();
  });

  it('Macie, Detective and Inspector as declared', () => {
    const t = unit(build(ctxOf('standard')), 'security-tooling').template;
    expect(props(t, 'MacieSession').Status).toBe('ENABLED');
    expect(props(t, 'MacieOrganization').AutoEnable).toBe('true');
    expect(props(t, 'DetectiveGraph').AutoEnableMembers).toBe(true);
    expect(props(t, 'InspectorOrganization')).toMatchObject({
      ResourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'],
      AutoEnable: ['ec2', 'ecr', 'lambda', 'lambdaCode'],
    });
    const minimal = unit(build(ctxOf('minimal')), 'security-tooling').template;
    for (const type of [
      'AWS::Macie::Session',
      'AWS::Detective::Graph',
      'Custom::OrgwardInspector',
      'AWS::AccessAnalyzer::Analyzer',
    ])
      expect(ofType(minimal, type)).toEqual([]);
  });

  it('regional units forward their findings to the home Region bus', () => {
    const t = unit(build(ctxOf('standard')), 'security-tooling-eu-central-1').template;
    const rule = props(t, 'ForwardToHomeRule');
    expect(rule.EventPattern).toMatchObject({
      source: expect.arrayContaining(['aws.guardduty']) as unknown,
    });
    expect(JSON.stringify(rule.Targets)).toContain('arn:aws:events:eu-west-1:');
  });
});

describe('cdk-nag', () => {
  it.each(EXAMPLES)(
    '%s: every unit has no findings and every suppression is justified',
    async (name) => {
      for (const u of build(ctxOf(name)))
        expect({ unit: u.id, ...(await nag(u.template)) }).toEqual({
          unit: u.id,
          findings: [],
          unjustified: [],
        });
    },
  );
});

describe('inline blueprint', () => {
  const bp = {
    apiVersion: 'orgward/v1',
    metadata: { name: 'inline-org' },
    organization: {
      managementAccount: 'mgmt',
      homeRegion: 'eu-west-1',
      governedRegions: ['eu-west-1'],
      organizationId: 'o-abcdefghij',
      enabledPolicyTypes: ['scp'],
      trustedServices: ['cloudtrail.amazonaws.com', 'config.amazonaws.com'],
      delegatedAdministrators: [
        { service: 'cloudtrail.amazonaws.com', account: 'sec' },
        { service: 'config.amazonaws.com', account: 'sec' },
      ],
    },
    accounts: [
      {
        id: 'mgmt',
        name: 'Mgmt',
        email: 'mgmt@example.com',
        ou: 'root',
        role: 'management',
        accountId: '111111111111',
      },
      {
        id: 'sec',
        name: 'Sec',
        email: 'sec@example.com',
        ou: 'root',
        role: 'security-tooling',
        accountId: '222222222222',
      },
      {
        id: 'logs',
        name: 'Logs',
        email: 'logs@example.com',
        ou: 'root',
        role: 'log-archive',
        accountId: '333333333333',
      },
    ],
    keys: [{ id: 'logs', alias: 'alias/logs', account: 'logs', usage: ['cloudtrail', 'config'] }],
    logging: {
      centralBucket: { kmsKey: 'logs', retentionDays: 30 },
      organizationTrail: { name: 'inline-trail' },
      config: {
        recorder: { targets: { all: true } },
        aggregator: { account: 'sec', region: 'eu-west-1' },
      },
    },
  };

  it('delegated CloudTrail: the trail is in the security account, with literal names and no parameters', async () => {
    const ctx = contextOf(await loadSynthInput(bp));
    const units = build(ctx);
    expect(units.map((u) => u.id)).toEqual(['security-tooling']);
    const u = unit(units, 'security-tooling');
    expect(props(u.template, TRAIL)).toMatchObject({
      S3BucketName: 'orgward-logs-333333333333-eu-west-1',
      KMSKeyId: 'arn:aws:kms:eu-west-1:333333333333:alias/logs',
      AdvancedEventSelectors: [
        {
          Name: 'Management events',
          FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
        },
      ],
    });
    expect(Object.keys(u.parameters)).toEqual(['AssetsBucket', 'AssetResponderKey']);
    // No security service, channel or playbook is declared: none is created.
    expect(ofType(u.template, 'AWS::SNS::Topic')).toEqual([]);
    expect(ofType(u.template, 'Custom::OrgwardGuardDuty')).toEqual([]);
    expect(await nag(u.template)).toEqual({ findings: [], unjustified: [] });
  });
});
