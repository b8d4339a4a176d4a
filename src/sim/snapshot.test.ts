import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/types.js';
import {
  generatedInput,
  standardInput,
  standardSnapshot,
  TAKEN_AT,
} from './__fixtures__/simulated.js';
import { simulateSnapshot } from './snapshot.js';

let std: Snapshot;
beforeAll(async () => {
  std = await standardSnapshot();
});

const idOf = (s: Snapshot, name: string) =>
  s.organization?.accounts.find((a) => a.name === name)?.id ?? '';
const ouIdOf = (s: Snapshot, name: string) =>
  s.organization?.organizationalUnits.find((o) => o.name === name)?.id ?? '';

describe('simulateSnapshot: determinism', () => {
  it('gives byte-identical JSON for the same blueprint and seed', async () => {
    const input = await standardInput();
    const a = JSON.stringify(simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT }));
    const b = JSON.stringify(simulateSnapshot(input, { seed: 42, takenAt: TAKEN_AT }));
    expect(a).toBe(b);
    expect(a).toBe(JSON.stringify(std));
  });

  it('gives different generated ids for another seed, and keeps declared account ids', async () => {
    const other = simulateSnapshot(await standardInput(), { seed: 7, takenAt: TAKEN_AT });
    expect(idOf(other, 'Example Security Tooling')).not.toBe(idOf(std, 'Example Security Tooling'));
    expect(other.organization?.root.id).not.toBe(std.organization?.root.id);
    expect(idOf(other, 'Example Management')).toBe('111111111111');
  });

  it.each([
    ['organization', (s: Snapshot) => s.organization?.id, /^o-[a-z0-9]{10}$/],
    ['root', (s: Snapshot) => s.organization?.root.id, /^r-[a-z0-9]{4}$/],
    [
      'ou',
      (s: Snapshot) => s.organization?.organizationalUnits[0]?.id,
      /^ou-[a-z0-9]{4}-[a-z0-9]{8}$/,
    ],
    [
      'policy',
      (s: Snapshot) => s.organization?.policies.find((p) => !p.awsManaged)?.id,
      /^p-[a-z0-9]{8}$/,
    ],
    ['account', (s: Snapshot) => idOf(s, 'Payments Prod'), /^\d{12}$/],
  ])('%s ids have the AWS format', (_name, get, re) => {
    expect(get(std)).toMatch(re);
  });
});

describe('simulateSnapshot: the standard example matches its blueprint', () => {
  it.each([
    ['Example Management', 'root'],
    ['Example Log Archive', 'Security'],
    ['Payments Prod', 'Prod'],
    ['Web Dev', 'Dev'],
    ['Legacy Reporting', 'Suspended'],
  ])('%s sits in %s', (account, ou) => {
    const a = std.organization?.accounts.find((x) => x.name === account);
    expect(a?.status).toBe('ACTIVE');
    expect(a?.parentId).toBe(ou === 'root' ? std.organization?.root.id : ouIdOf(std, ou));
  });

  it.each([
    ['orgward-root-baseline', () => [std.organization?.root.id]],
    ['orgward-security-ou', () => [ouIdOf(std, 'Security')]],
    ['orgward-workloads', () => [ouIdOf(std, 'Workloads')]],
  ])(
    'policy %s is attached where the blueprint says, with its rendered content',
    (name, targets) => {
      const p = std.organization?.policies.find((x) => x.name === name);
      expect(p?.targets).toEqual(targets());
      expect(Array.isArray(p?.content.Statement) && p.content.Statement.length).toBeGreaterThan(0);
    },
  );

  it('attaches FullAWSAccess per the flags and RCPFullAWSAccess everywhere', () => {
    const fa = std.organization?.policies.find((p) => p.id === 'p-FullAWSAccess');
    const rcp = std.organization?.policies.find((p) => p.id === 'p-RCPFullAWSAccess');
    const nodes =
      1 +
      (std.organization?.organizationalUnits.length ?? 0) +
      (std.organization?.accounts.length ?? 0);
    expect(fa?.targets).toHaveLength(nodes);
    expect(rcp?.targets).toHaveLength(nodes);
  });

  it.each([
    ['orgward-pipeline', 15],
    ['release-pipeline', 1],
    ['prod-deployer', 2],
  ])('role %s is deployed to %i accounts', (role, n) => {
    const holders = Object.values(std.accounts).filter((a) =>
      a.iam?.roles.some((r) => r.roleName === role),
    );
    expect(holders).toHaveLength(n);
  });

  it('renders trust with MFA and PrincipalOrgID conditions', () => {
    const role = std.accounts[idOf(std, 'Payments Prod')]?.iam?.roles.find(
      (r) => r.roleName === 'orgward-break-glass',
    );
    const stmt = (role?.trustPolicy.Statement as any[])[0];
    expect(stmt.Principal.AWS).toBe(`arn:aws:iam::${idOf(std, 'Example Identity')}:root`);
    expect(stmt.Condition.Bool['aws:MultiFactorAuthPresent']).toBe('true');
    expect(stmt.Condition.StringEquals['aws:PrincipalOrgID']).toBe('o-a1b2c3d4e5');
  });

  it('builds the log archive, org trail, delegated services and compliant baselines', () => {
    const logs = std.accounts[idOf(std, 'Example Log Archive')]!;
    const bucket = logs.s3Buckets?.find((b) => b.name === 'example-org-log-archive-eu-west-1');
    expect(bucket?.objectLock).toEqual({ enabled: true, mode: 'GOVERNANCE', days: 365 });
    expect(bucket?.encryption?.[0]?.algorithm).toBe('aws:kms');
    const trail = std.accounts['111111111111']?.regions['eu-west-1']?.trails?.[0];
    expect(trail).toMatchObject({ isOrganizationTrail: true, status: { isLogging: true } });
    const sec = idOf(std, 'Example Security Tooling');
    expect(std.accounts[sec]?.regions['eu-west-1']?.accessAnalyzers?.[0]?.type).toBe(
      'ORGANIZATION',
    );
    expect(std.accounts[sec]?.regions['eu-west-1']?.config?.aggregators).toHaveLength(1);
    for (const a of Object.values(std.accounts)) {
      expect(a.accountSummary?.AccountMFAEnabled).toBe(1);
      for (const r of Object.values(a.regions)) {
        expect(r.ec2?.vpcs.some((v) => v.isDefault)).toBe(false);
        expect(r.ec2?.imdsDefaults?.httpTokens).toBe('required');
        expect(r.guardDuty?.detectors[0]?.status).toBe('ENABLED');
        expect(r.securityHub?.standards).toHaveLength(2);
      }
    }
  });

  it('generates Identity Center assignments from selectors', () => {
    const ic = std.identityCenter!;
    const billing = ic.permissionSets.find((p) => p.name === 'Billing');
    expect(billing?.provisionedTo).toEqual(['111111111111']);
    expect(ic.assignments.filter((a) => a.permissionSetArn === billing?.arn)).toHaveLength(1);
  });
});

describe('simulateSnapshot: scale', () => {
  it('generates 1,000 accounts x 4 regions quickly', () => {
    const input = generatedInput(1000);
    const t0 = performance.now();
    const s = simulateSnapshot(input, {
      seed: 1,
      takenAt: TAKEN_AT,
      regions: ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'],
    });
    const ms = performance.now() - t0;
    expect(Object.keys(s.accounts)).toHaveLength(1000);
    expect(Object.keys(s.accounts[s.organization!.accounts[10]!.id]!.regions)).toHaveLength(4);
    expect(ms).toBeLessThan(15_000);
  });
});
