import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
/**
 * Test helpers for deploy: a small blueprint (three foundational accounts, three workload
 * accounts in two waves), a hand-made manifest with three stacks and two StackSets, a plan
 * over them, SDK clients the tests mock with aws-sdk-client-mock (one real client per
 * account and Region, so a call's client tells the account), and an instant clock.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { S3Client } from '@aws-sdk/client-s3';
import { indexBlueprint, type BlueprintIndex } from '../../../blueprint/model.js';
import { BlueprintSchema } from '../../../blueprint/schema/blueprint.js';
import type { Manifest, ManifestEntry, Unit } from '../../../synth/types.js';
import type { InstanceChange, Plan, UnitChange } from '../../types.js';
import type { AccountTarget, Clock, DeployClients, DeployEvent, DeployProgress } from '../types.js';

export const MGMT_ID = '111111111111';
export const LOG_ID = '222222222222';
export const SEC_ID = '333333333333';
export const DEV_ID = '444444444444';
export const PROD1_ID = '555555555555';
export const PROD2_ID = '666666666666';

export const ROOT_ID = 'r-ab12';
export const OU_SECURITY = 'ou-ab12-security1';
export const OU_WORKLOADS = 'ou-ab12-workload1';
export const OU_SUSPENDED = 'ou-ab12-suspend01';

/** The test blueprint, parsed (defaults applied) and indexed. */
export function testIndex(deployment: Record<string, unknown> = {}): BlueprintIndex {
  const bp = BlueprintSchema.parse({
    apiVersion: 'orgward/v1',
    metadata: { name: 'test-org' },
    organization: {
      managementAccount: 'management',
      homeRegion: 'eu-west-1',
      governedRegions: ['eu-west-1', 'eu-central-1'],
      enabledPolicyTypes: ['scp'],
      organizationId: 'o-abcdef1234',
    },
    organizationalUnits: [
      { id: 'security', name: 'Security' },
      { id: 'workloads', name: 'Workloads' },
      { id: 'suspended', name: 'Suspended' },
    ],
    accounts: [
      { id: 'management', name: 'Management', email: 'mgmt@example.com', ou: 'root', role: 'management', accountId: MGMT_ID },
      { id: 'log-archive', name: 'Log Archive', email: 'log@example.com', ou: 'security', role: 'log-archive', accountId: LOG_ID },
      {
        id: 'security-tooling',
        name: 'Security Tooling',
        email: 'sec@example.com',
        ou: 'security',
        role: 'security-tooling',
        accountId: SEC_ID,
        accessRoleName: 'SecurityAccess',
      },
      { id: 'dev-1', name: 'Dev 1', email: 'dev1@example.com', ou: 'workloads', role: 'workload', environment: 'dev', accountId: DEV_ID },
      { id: 'prod-1', name: 'Prod 1', email: 'prod1@example.com', ou: 'workloads', role: 'workload', environment: 'prod', accountId: PROD1_ID },
      // No account id in the blueprint: resolved from the organization stack's exports.
      { id: 'prod-2', name: 'Prod 2', email: 'prod2@example.com', ou: 'workloads', role: 'workload', environment: 'prod' },
    ],
    policies: [
      {
        id: 'quarantine',
        type: 'scp',
        name: 'orgward-quarantine',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] },
        attachTo: {},
      },
    ],
    deployment: {
      maxConcurrency: 4,
      failureTolerance: 0,
      waves: [
        { name: 'dev', targets: { environments: ['dev'] } },
        { name: 'prod', targets: { environments: ['prod'] } },
      ],
      ...deployment,
    },
  });
  return indexBlueprint(bp);
}

/** A template body of exactly `bytes` bytes when given (valid JSON). */
export function body(unit: string, bytes = 0): string {
  const base = { AWSTemplateFormatVersion: '2010-09-09', Description: unit, Resources: {} };
  if (!bytes) return JSON.stringify(base);
  const empty = JSON.stringify({ ...base, Metadata: { Pad: '' } });
  return JSON.stringify({ ...base, Metadata: { Pad: 'x'.repeat(bytes - empty.length) } });
}

function entry(e: Partial<ManifestEntry> & Pick<ManifestEntry, 'id' | 'kind' | 'concern' | 'accounts' | 'regions'>): ManifestEntry {
  return {
    title: `${e.id} title`,
    name: `orgward-${e.id}`,
    template: `templates/${e.id}.json`,
    hash: `${e.id.length.toString(16).padStart(2, '0')}aa00bb11cc22dd`,
    templateBytes: 100,
    resources: 1,
    accountIds: [],
    instances: e.accounts.length * e.regions.length,
    parameters: {},
    entities: [],
    dependsOn: [],
    capabilities: [],
    assets: [],
    ...e,
  };
}

/** The test manifest: organization, log-archive, security-tooling stacks; two StackSets. */
export function testManifest(): Manifest {
  return {
    schemaVersion: 1,
    kind: 'orgward-manifest',
    blueprint: { name: 'test-org', version: '1' },
    blueprintHash: 'bphash',
    stackPrefix: 'orgward',
    managementAccount: 'management',
    homeRegion: 'eu-west-1',
    strategy: 'stacksets',
    units: [
      entry({ id: 'organization', kind: 'stack', concern: 'organization', accounts: ['management'], regions: ['eu-west-1'], capabilities: [] }),
      entry({
        id: 'log-archive',
        kind: 'stack',
        concern: 'log-archive',
        accounts: ['log-archive'],
        regions: ['eu-west-1'],
        dependsOn: ['organization'],
        parameters: {
          OrganizationId: { kind: 'organization-id' },
          OuIdSecurity: { kind: 'ou-id', ou: 'security' },
        },
      }),
      entry({
        id: 'security-tooling',
        kind: 'stack',
        concern: 'security-tooling',
        accounts: ['security-tooling'],
        regions: ['eu-west-1'],
        dependsOn: ['log-archive'],
        capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
      entry({
        id: 'baseline-config',
        kind: 'stackset',
        concern: 'baseline',
        accounts: ['dev-1', 'prod-1', 'prod-2'],
        regions: ['eu-west-1', 'eu-central-1'],
        dependsOn: ['log-archive'],
        parameters: { AccountIdLogArchive: { kind: 'account-id', account: 'log-archive' } },
        capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
      entry({
        id: 'baseline-roles',
        kind: 'stackset',
        concern: 'baseline',
        accounts: ['dev-1', 'prod-1', 'prod-2'],
        regions: ['eu-west-1'],
        ous: ['workloads'],
        capabilities: ['CAPABILITY_NAMED_IAM'],
      }),
    ],
    gaps: [],
  };
}

/** Synth output for the manifest: template bodies (sizes per unit) and no assets. */
export function testSynth(
  manifest: Manifest,
  sizes: Record<string, number> = {},
): { bodies: Map<string, string>; units: Unit[] } {
  return {
    bodies: new Map(manifest.units.map((u) => [u.id, body(u.id, sizes[u.id])])),
    units: [],
  };
}

const AWS_IDS: Record<string, string> = {
  management: MGMT_ID,
  'log-archive': LOG_ID,
  'security-tooling': SEC_ID,
  'dev-1': DEV_ID,
  'prod-1': PROD1_ID,
};

/** A plan: every unit of the manifest with `action` on every instance (override per unit). */
export function testPlan(
  manifest: Manifest,
  actions: Record<string, InstanceChange['action']> = {},
  fallback: InstanceChange['action'] = 'create',
): Plan {
  const units: UnitChange[] = manifest.units.map((e) => {
    const action = actions[e.id] ?? fallback;
    return {
      unit: e.id,
      name: e.name,
      kind: e.kind,
      title: e.title,
      action,
      reason: 'test',
      hash: e.hash,
      instances: e.accounts.flatMap((account) =>
        e.regions.map((region) => ({ account, accountId: AWS_IDS[account] ?? null, region, action })),
      ),
    };
  });
  return {
    schemaVersion: 1,
    kind: 'orgward-plan',
    blueprint: { name: 'test-org', version: '1' },
    snapshot: null,
    changes: [],
    units,
    actions: [],
    summary: { changes: 0, destructive: 0, unitsChanged: units.length, unitsUnchanged: 0, instancesChanged: 0, actions: 0 },
    warnings: [],
  };
}

/** Test clients: real SDK clients (mocked by the test), one per account and Region. */
export interface TestClients extends DeployClients {
  /** Blueprint account of a client instance. */
  accountOf(client: unknown): string | undefined;
}

/** Clients for tests; the management account has no role, others the blueprint's. */
export function testClients(roleFor: (t: AccountTarget) => string | undefined = (t) => (t.account === 'management' ? undefined : 'OrgwardDeploy')): TestClients {
  const credentials = { accessKeyId: 'AKIATEST', secretAccessKey: 'test' };
  const cfn = new Map<string, CloudFormationClient>();
  const owner = new WeakMap<object, string>();
  let org: OrganizationsClient | undefined;
  let sso: SSOAdminClient | undefined;
  let ids: IdentitystoreClient | undefined;
  const s3 = new Map<string, S3Client>();
  return {
    cloudFormation(t, region) {
      if (t.account !== 'management' && !t.accountId) throw new Error(`no account id for ${t.account}`);
      const key = `${t.account}|${region}`;
      let c = cfn.get(key);
      if (!c) {
        c = new CloudFormationClient({ region, credentials });
        cfn.set(key, c);
        owner.set(c, t.account);
      }
      return c;
    },
    ssoAdmin(_t, region) {
      sso ??= new SSOAdminClient({ region, credentials });
      return sso;
    },
    identityStore(_t, region) {
      ids ??= new IdentitystoreClient({ region, credentials });
      return ids;
    },
    organizations() {
      org ??= new OrganizationsClient({ region: 'eu-west-1', credentials });
      return org;
    },
    s3(region) {
      let c = s3.get(region);
      if (!c) {
        c = new S3Client({ region, credentials });
        s3.set(region, c);
      }
      return c;
    },
    roleFor,
    accountOf: (client) => (typeof client === 'object' && client !== null ? owner.get(client) : undefined),
  };
}

/** A clock that never waits: `sleep` advances time and records the delay. */
export function testClock(start = Date.UTC(2026, 10, 23, 12, 0, 0)): Clock & { sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(t),
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

/** Progress that records events. */
export function recordProgress(): DeployProgress & { events: DeployEvent[] } {
  const events: DeployEvent[] = [];
  return { events, report: (e) => events.push(e) };
}
