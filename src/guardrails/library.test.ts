import { describe, expect, it } from 'vitest';
import { normalizeStatements, statementApplies } from '../policy/match.js';
import { minifiedSize, toPolicyDocument } from './document.js';
import { exampleContext } from './example-context.js';
import { listGuardrails, renderGuardrails } from './registry.js';
import type { Statement } from './types.js';

/** One request and whether the rendered policy must deny it. */
interface Probe {
  name: string;
  action: string;
  resource?: string;
  context?: Record<string, string>;
  deny: boolean;
}

interface Case {
  /** Parameters for the behavioural probes (defaults when absent). */
  with?: Record<string, unknown>;
  /** A bad value and the parameter path its message must name. */
  bad: [Record<string, unknown>, string];
  probes: Probe[];
}

const ACCOUNT = '111122223333';
const APP = `arn:aws:iam::${ACCOUNT}:role/app-deployer`;
const SECURITY = `arn:aws:iam::${ACCOUNT}:role/orgward-security-audit`;
const PIPELINE = `arn:aws:iam::${ACCOUNT}:role/orgward-pipeline`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/orgward-break-glass`;
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const INSTANCE = `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0123456789abcdef0`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const LOGS = 'arn:aws:s3:::example-org-log-archive';
const BAD_ARN: [Record<string, unknown>, string] = [
  { exemptPrincipalArns: ['orgward-pipeline'] },
  'with.exemptPrincipalArns[0]',
];

const as = (principal: string, context: Record<string, string> = {}) => ({
  'aws:PrincipalArn': principal,
  'aws:RequestedRegion': 'eu-west-1',
  ...context,
});

/** Probes for protect-<service>: the app role is denied, the security/pipeline roles are not. */
const serviceProbes = (action: string, harmless: string): Probe[] => [
  { name: `${action} by an application role`, action, context: as(APP), deny: true },
  { name: `${action} by the security role`, action, context: as(SECURITY), deny: false },
  { name: `${action} by the pipeline`, action, context: as(PIPELINE), deny: false },
  { name: `${action} by break-glass`, action, context: as(BREAK_GLASS), deny: false },
  { name: `${harmless} (read)`, action: harmless, context: as(APP), deny: false },
];

const CASES: Record<string, Case> = {
  'deny-leave-organization': {
    bad: BAD_ARN,
    probes: [
      { name: 'leave', action: 'organizations:LeaveOrganization', context: as(APP), deny: true },
      {
        name: 'describe',
        action: 'organizations:DescribeOrganization',
        context: as(APP),
        deny: false,
      },
    ],
  },
  'deny-root-user': {
    bad: [{ allowAssumedRoot: 'yes' }, 'with.allowAssumedRoot'],
    probes: [
      { name: 'root lists buckets', action: 's3:ListAllMyBuckets', context: as(ROOT), deny: true },
      { name: 'root creates a key', action: 'iam:CreateAccessKey', context: as(ROOT), deny: true },
      {
        name: 'centralized root session',
        action: 's3:DeleteBucketPolicy',
        context: as(ROOT, { 'aws:AssumedRoot': 'true' }),
        deny: false,
      },
      { name: 'a role', action: 's3:ListAllMyBuckets', context: as(APP), deny: false },
    ],
  },
  'region-deny': {
    bad: [{ allowedRegions: ['eu-west-1', 'mars-1'] }, 'with.allowedRegions[1]'],
    probes: [
      {
        name: 'EC2 in an ungoverned Region',
        action: 'ec2:RunInstances',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: true,
      },
      {
        name: 'EC2 in a governed Region',
        action: 'ec2:RunInstances',
        context: as(APP),
        deny: false,
      },
      {
        name: 'IAM (global) from us-east-1',
        action: 'iam:CreateRole',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
      {
        name: 'account public access block from us-east-1',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(APP, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
      {
        name: 'break-glass in an ungoverned Region',
        action: 'ec2:RunInstances',
        context: as(BREAK_GLASS, { 'aws:RequestedRegion': 'us-east-1' }),
        deny: false,
      },
    ],
  },
  'protect-cloudtrail': {
    bad: BAD_ARN,
    probes: [
      ...serviceProbes('cloudtrail:StopLogging', 'cloudtrail:DescribeTrails'),
      { name: 'own trail', action: 'cloudtrail:CreateTrail', context: as(APP), deny: false },
    ],
  },
  'protect-config': {
    bad: BAD_ARN,
    probes: [
      ...serviceProbes('config:StopConfigurationRecorder', 'config:DescribeConfigRules'),
      { name: 'own rule', action: 'config:PutConfigRule', context: as(APP), deny: false },
    ],
  },
  'protect-guardduty': {
    bad: BAD_ARN,
    probes: serviceProbes('guardduty:DeleteDetector', 'guardduty:GetFindings'),
  },
  'protect-securityhub': {
    bad: BAD_ARN,
    probes: serviceProbes('securityhub:DisableSecurityHub', 'securityhub:GetFindings'),
  },
  'protect-access-analyzer': {
    bad: BAD_ARN,
    probes: serviceProbes('access-analyzer:DeleteAnalyzer', 'access-analyzer:ListFindings'),
  },
  'protect-macie': {
    bad: BAD_ARN,
    probes: serviceProbes('macie2:DisableMacie', 'macie2:GetFindings'),
  },
  'deny-iam-users': {
    bad: [{ includeServiceSpecificCredentials: 1 }, 'with.includeServiceSpecificCredentials'],
    probes: [
      { name: 'create user', action: 'iam:CreateUser', context: as(APP), deny: true },
      { name: 'create key', action: 'iam:CreateAccessKey', context: as(PIPELINE), deny: true },
      { name: 'break-glass', action: 'iam:CreateUser', context: as(BREAK_GLASS), deny: false },
      { name: 'create role', action: 'iam:CreateRole', context: as(APP), deny: false },
    ],
  },
  'protect-org-roles': {
    bad: [{ roleNames: ['bad/name'] }, 'with.roleNames[0]'],
    probes: [
      {
        name: 'backdoor the access role',
        action: 'iam:UpdateAssumeRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'orgward role under a path',
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/platform/orgward-pipeline`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'a look-alike name',
        action: 'iam:AttachRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/not-orgward-x`,
        context: as(APP),
        deny: false,
      },
      {
        name: 'own role',
        action: 'iam:PutRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/app-role`,
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline updates',
        action: 'iam:PutRolePolicy',
        resource: `arn:aws:iam::${ACCOUNT}:role/orgward-readonly`,
        context: as(PIPELINE),
        deny: false,
      },
    ],
  },
  'protect-log-archive': {
    bad: [{ bucketNames: ['Bad_Bucket'] }, 'with.bucketNames[0]'],
    probes: [
      {
        name: 'policy',
        action: 's3:PutBucketPolicy',
        resource: LOGS,
        context: as(APP),
        deny: true,
      },
      {
        name: 'object lock',
        action: 's3:PutBucketObjectLockConfiguration',
        resource: LOGS,
        context: as(APP),
        deny: true,
      },
      {
        name: 'delete a log file',
        action: 's3:DeleteObject',
        resource: `${LOGS}/AWSLogs/o-exampleorg1/x.json.gz`,
        context: as(APP),
        deny: true,
      },
      {
        name: 'another bucket',
        action: 's3:PutBucketPolicy',
        resource: 'arn:aws:s3:::app-data',
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline',
        action: 's3:PutBucketPolicy',
        resource: LOGS,
        context: as(PIPELINE),
        deny: false,
      },
      {
        name: 'read',
        action: 's3:GetObject',
        resource: `${LOGS}/x`,
        context: as(APP),
        deny: false,
      },
    ],
  },
  'protect-kms-keys': {
    bad: [{ keyArns: ['key/1'] }, 'with.keyArns[0]'],
    probes: [
      {
        name: 'schedule deletion',
        action: 'kms:ScheduleKeyDeletion',
        resource: KEY,
        context: as(APP),
        deny: true,
      },
      {
        name: 'key policy',
        action: 'kms:PutKeyPolicy',
        resource: KEY,
        context: as(APP),
        deny: true,
      },
      {
        name: 'security role',
        action: 'kms:DisableKey',
        resource: KEY,
        context: as(SECURITY),
        deny: false,
      },
      { name: 'decrypt', action: 'kms:Decrypt', resource: KEY, context: as(APP), deny: false },
    ],
  },
  'require-s3-kms-encryption': {
    bad: [{ requireKms: false, denySseC: false }, 'with'],
    probes: [
      {
        name: 'SSE-S3 requested',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption': 'AES256' }),
        deny: true,
      },
      {
        name: 'SSE-KMS requested',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption': 'aws:kms' }),
        deny: false,
      },
      {
        name: 'no header (bucket default)',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP),
        deny: false,
      },
      {
        name: 'SSE-C',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 's3:x-amz-server-side-encryption-customer-algorithm': 'AES256' }),
        deny: true,
      },
    ],
  },
  'protect-s3-block-public-access': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'account BPA',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(APP),
        deny: true,
      },
      {
        name: 'bucket BPA (CloudFormation)',
        action: 's3:PutBucketPublicAccessBlock',
        context: as(APP),
        deny: false,
      },
      {
        name: 'pipeline',
        action: 's3:PutAccountPublicAccessBlock',
        context: as(PIPELINE),
        deny: false,
      },
    ],
  },
  'protect-ebs-default-encryption': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'disable',
        action: 'ec2:DisableEbsEncryptionByDefault',
        context: as(APP),
        deny: true,
      },
      { name: 'reset key', action: 'ec2:ResetEbsDefaultKmsKeyId', context: as(APP), deny: true },
      { name: 'enable', action: 'ec2:EnableEbsEncryptionByDefault', context: as(APP), deny: false },
    ],
  },
  'require-imdsv2': {
    bad: [{ maxHopLimit: 0 }, 'with.maxHopLimit'],
    probes: [
      {
        name: 'launch with IMDSv1 allowed',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'optional',
          'ec2:MetadataHttpPutResponseHopLimit': '1',
        }),
        deny: true,
      },
      {
        name: 'launch with IMDSv2 required',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'required',
          'ec2:MetadataHttpPutResponseHopLimit': '2',
        }),
        deny: false,
      },
      {
        name: 'launch with a large hop limit',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        context: as(APP, {
          'ec2:MetadataHttpTokens': 'required',
          'ec2:MetadataHttpPutResponseHopLimit': '5',
        }),
        deny: true,
      },
      {
        name: 'change metadata options',
        action: 'ec2:ModifyInstanceMetadataOptions',
        resource: INSTANCE,
        context: as(APP),
        deny: true,
      },
      {
        name: 'IMDSv1 credentials',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 'ec2:RoleDelivery': '1.0' }),
        deny: true,
      },
      {
        name: 'IMDSv2 credentials',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: as(APP, { 'ec2:RoleDelivery': '2.0' }),
        deny: false,
      },
    ],
  },
  'protect-vpc-flow-logs': {
    bad: BAD_ARN,
    probes: [
      { name: 'delete', action: 'ec2:DeleteFlowLogs', context: as(APP), deny: true },
      { name: 'create', action: 'ec2:CreateFlowLogs', context: as(APP), deny: false },
    ],
  },
  'deny-default-vpc': {
    bad: BAD_ARN,
    probes: [
      { name: 'default VPC', action: 'ec2:CreateDefaultVpc', context: as(PIPELINE), deny: true },
      { name: 'a VPC', action: 'ec2:CreateVpc', context: as(APP), deny: false },
    ],
  },
  'deny-external-ram-sharing': {
    bad: BAD_ARN,
    probes: [
      {
        name: 'external share',
        action: 'ram:CreateResourceShare',
        context: as(APP, { 'ram:RequestedAllowsExternalPrincipals': 'true' }),
        deny: true,
      },
      {
        name: 'org-only share',
        action: 'ram:CreateResourceShare',
        context: as(APP, { 'ram:RequestedAllowsExternalPrincipals': 'false' }),
        deny: false,
      },
    ],
  },
  'rcp-org-identity-perimeter': {
    with: { trustedAccountIds: ['444455556666'] },
    bad: [{ services: ['ec2'] }, 'with.services[0]'],
    probes: [
      {
        name: 'outside principal',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalOrgID': 'o-otherorg99',
          'aws:PrincipalAccount': '999988887777',
          'aws:PrincipalIsAWSService': 'false',
        },
        deny: true,
      },
      {
        name: 'principal without an organization',
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`,
        context: { 'aws:PrincipalAccount': '999988887777', 'aws:PrincipalIsAWSService': 'false' },
        deny: true,
      },
      {
        name: 'organization principal',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalOrgID': 'o-exampleorg1',
          'aws:PrincipalAccount': ACCOUNT,
          'aws:PrincipalIsAWSService': 'false',
        },
        deny: false,
      },
      {
        name: 'trusted third party',
        action: 'kms:Decrypt',
        resource: KEY,
        context: { 'aws:PrincipalAccount': '444455556666', 'aws:PrincipalIsAWSService': 'false' },
        deny: false,
      },
      {
        name: 'AWS service on its own behalf',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:PrincipalIsAWSService': 'true' },
        deny: false,
      },
      {
        name: 'AWS service for another organization',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceAccount': '999988887777',
          'aws:SourceOrgID': 'o-otherorg99',
        },
        deny: true,
      },
      {
        name: 'AWS service for this organization',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: {
          'aws:PrincipalIsAWSService': 'true',
          'aws:SourceAccount': ACCOUNT,
          'aws:SourceOrgID': 'o-exampleorg1',
        },
        deny: false,
      },
      {
        name: 'web identity federation (not covered)',
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: `arn:aws:iam::${ACCOUNT}:role/ci`,
        context: { 'aws:PrincipalIsAWSService': 'false' },
        deny: false,
      },
    ],
  },
  'rcp-enforce-tls': {
    bad: [{ services: ['s3', 'ec2'] }, 'with.services[1]'],
    probes: [
      {
        name: 'plain HTTP',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:SecureTransport': 'false' },
        deny: true,
      },
      {
        name: 'TLS',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::app-data/k',
        context: { 'aws:SecureTransport': 'true' },
        deny: false,
      },
    ],
  },
};

const ctx = exampleContext();
const LIMIT = { scp: 10_240, rcp: 5_120 } as const;

function render(id: string, params?: Record<string, unknown>): Statement[] {
  const r = renderGuardrails([{ id, with: params }], ctx);
  expect(r.diagnostics).toEqual([]);
  return r.statements;
}

/** Does any Deny statement certainly apply to the request? 'unknown' fails the test. */
function denies(statements: Statement[], probe: Probe): boolean {
  const results = normalizeStatements(toPolicyDocument(statements)).map((s) =>
    statementApplies(s, {
      action: probe.action,
      resource: probe.resource ?? '*',
      context: probe.context ?? {},
    }),
  );
  expect(results, `${probe.name}: a statement could not be decided`).not.toContain('unknown');
  return results.includes('yes');
}

function conditionValues(statements: Statement[]): unknown[] {
  return statements.flatMap((s) =>
    Object.values(s.Condition ?? {}).flatMap((b) => Object.values(b)),
  );
}

const guardrails = listGuardrails();

describe('guardrail library', () => {
  it('has a test case for every registered guardrail, and none for unknown ones', () => {
    expect(Object.keys(CASES).sort()).toEqual(guardrails.map((g) => g.id).sort());
  });

  describe.each(guardrails.map((g) => [g.id, g] as const))('%s', (id, g) => {
    const c = CASES[id];
    if (!c) throw new Error(`no case for ${id}`);

    it('renders with defaults into a document within the size limit', () => {
      const statements = render(id);
      expect(statements.length).toBeGreaterThan(0);
      expect(minifiedSize(toPolicyDocument(statements))).toBeLessThanOrEqual(LIMIT[g.policyType]);
    });

    it('obeys the grammar of its policy type', () => {
      for (const s of render(id, c.with)) {
        expect(s.Sid).toMatch(/^[A-Za-z0-9]+$/);
        expect(s.Effect).toBe('Deny');
        expect(s.Resource).toBeDefined();
        expect((s.Action === undefined) !== (s.NotAction === undefined)).toBe(true);
        if (g.policyType === 'scp') expect(s.Principal).toBeUndefined();
        else expect(s.Principal).toBe('*');
        for (const v of conditionValues([s])) {
          if (Array.isArray(v)) expect(v.length).toBeGreaterThan(0);
        }
        if (s.Condition) expect(Object.keys(s.Condition).length).toBeGreaterThan(0);
      }
    });

    it(`rejects a bad parameter, naming ${c.bad[1]}`, () => {
      const r = renderGuardrails([{ id, with: c.bad[0] }], ctx);
      expect(r.statements).toEqual([]);
      expect(r.diagnostics.map((d) => d.path)).toContain(c.bad[1]);
      expect(r.diagnostics[0]?.message).toContain(c.bad[1]);
    });

    it('rejects an unknown parameter', () => {
      const r = renderGuardrails([{ id, with: { bogusParameter: true } }], ctx);
      expect(r.diagnostics).toMatchObject([{ index: 0, path: 'with.bogusParameter' }]);
      expect(r.diagnostics[0]?.message).toContain("unknown parameter 'bogusParameter'");
    });

    it.each(c.probes.map((p) => [p.name, p] as const))('%s', (_name, probe) => {
      expect(denies(render(id, c.with), probe)).toBe(probe.deny);
    });
  });
});

const withExemptions = guardrails.filter((g) =>
  Object.keys((g.params as unknown as { shape: Record<string, unknown> }).shape).includes(
    'exemptPrincipalArns',
  ),
);

describe.each(withExemptions.map((g) => [g.id] as const))('%s exemptions', (id) => {
  const custom = 'arn:aws:iam::*:role/custom-admin';

  it('renders given exemptions as ArnNotLike aws:PrincipalArn, replacing the defaults', () => {
    const statements = render(id, { ...CASES[id]?.with, exemptPrincipalArns: [custom] });
    const exempted = statements.filter((s) => s.Condition?.ArnNotLike?.['aws:PrincipalArn']);
    expect(exempted.length).toBeGreaterThan(0);
    for (const s of exempted) expect(s.Condition?.ArnNotLike?.['aws:PrincipalArn']).toBe(custom);
  });

  it('omits the condition when nobody is exempt (an empty list is invalid)', () => {
    const statements = render(id, { ...CASES[id]?.with, exemptPrincipalArns: [] });
    for (const s of statements)
      expect(s.Condition?.ArnNotLike?.['aws:PrincipalArn']).toBeUndefined();
    for (const v of conditionValues(statements)) expect(v).not.toEqual([]);
  });
});

describe('whole library', () => {
  it('exempts protective guardrails from the context by default', () => {
    const s = render('protect-guardduty');
    expect(s[0]?.Condition?.ArnNotLike?.['aws:PrincipalArn']).toEqual([
      ...ctx.securityRoleArnPatterns,
      ...ctx.pipelineRoleArnPatterns,
      ...ctx.breakGlassRoleArnPatterns,
    ]);
  });

  it('renders ARNs in the context partition', () => {
    const r = renderGuardrails([{ id: 'protect-log-archive' }, { id: 'deny-root-user' }], {
      ...ctx,
      partition: 'aws-us-gov',
      pipelineRoleArnPatterns: ['arn:aws-us-gov:iam::*:role/orgward-pipeline'],
      breakGlassRoleArnPatterns: [],
    });
    expect(JSON.stringify(r.statements)).toContain('arn:aws-us-gov:s3:::example-org-log-archive');
    expect(JSON.stringify(r.statements)).toContain('arn:aws-us-gov:iam::*:root');
    expect(JSON.stringify(r.statements)).not.toContain('arn:aws:');
  });
});
