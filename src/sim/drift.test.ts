import { beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../snapshot/types.js';
import { DRIFTS, injectDrift, type DriftSpec } from './drift.js';
import { standardSnapshot } from './__fixtures__/simulated.js';

let base: Snapshot;
let baseJson: string;
beforeAll(async () => {
  base = await standardSnapshot();
  baseJson = JSON.stringify(base);
});

/** Paths (up to `depth` levels, array items by index) whose JSON differs. */
function changed(a: unknown, b: unknown, path: string[] = [], out: string[] = []): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  const stop =
    path.length >= 7 || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null;
  if (stop) {
    out.push(path.join('.'));
    return out;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) changed((a as any)[k], (b as any)[k], [...path, k], out);
  return out;
}

const PAYMENTS_DEV = () => base.organization!.accounts.find((a) => a.name === 'Payments Dev')!.id;

const CASES: { spec: DriftSpec; expect: (s: Snapshot) => void; paths: RegExp }[] = [
  {
    spec: { id: 'scp-detached' },
    paths: /^organization\.policies\.\d+\.targets/,
    expect: (s) => {
      expect(
        s.organization!.policies.find((p) => p.name === 'orgward-root-baseline')!.targets,
      ).toEqual([]);
    },
  },
  {
    spec: { id: 'account-wrong-ou' },
    paths: /^organization\.accounts\.\d+\.parentId$/,
    expect: (s) => {
      const sandbox = s.organization!.organizationalUnits.find((o) => o.name === 'Sandbox')!.id;
      expect(s.organization!.accounts.find((a) => a.id === PAYMENTS_DEV())!.parentId).toBe(sandbox);
    },
  },
  {
    spec: { id: 'trail-stopped' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.trails\.0\.status/,
    expect: (s) => {
      // The management account owns the trail; every member account lists the same trail.
      for (const a of Object.values(s.accounts))
        expect(a.regions['eu-west-1']!.trails![0]!.status!.isLogging).toBe(false);
    },
  },
  {
    spec: { id: 'guardduty-off', region: 'eu-central-1' },
    paths: /^accounts\.\d+\.regions\.eu-central-1\.guardDuty/,
    expect: (s) => {
      expect(s.accounts[PAYMENTS_DEV()]!.regions['eu-central-1']!.guardDuty!.detectors).toEqual([]);
    },
  },
  {
    spec: { id: 'role-trusts-outside-account' },
    paths: /^accounts\.\d+\.iam\.roles\.\d+\.trustPolicy/,
    expect: (s) => {
      expect(JSON.stringify(s.accounts[PAYMENTS_DEV()]!.iam!.roles)).toContain(
        'arn:aws:iam::999988887777:root',
      );
    },
  },
  {
    spec: { id: 'public-bucket' },
    paths: /^accounts\.\d+\.(s3AccountPublicAccessBlock|s3Buckets\.0\.(policy|publicAccessBlock))/,
    expect: (s) => {
      expect(JSON.stringify(s.accounts[PAYMENTS_DEV()]!.s3Buckets![0]!.policy)).toContain(
        '"Principal":"*","Action":"s3:GetObject"',
      );
    },
  },
  {
    spec: { id: 'admin-user-without-mfa' },
    paths: /^accounts\.\d+\.(iam\.(users|policies)|accountSummary\.Users)/,
    expect: (s) => {
      expect(
        s.accounts[PAYMENTS_DEV()]!.iam!.users.find((u) => u.userName === 'admin')?.mfaDevices,
      ).toEqual([]);
    },
  },
  {
    spec: { id: 'config-recorder-off' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.config\.recorders/,
    expect: (s) => {
      expect(
        s.accounts[PAYMENTS_DEV()]!.regions['eu-west-1']!.config!.recorders[0]!.recording,
      ).toBe(false);
    },
  },
  {
    spec: { id: 'securityhub-standard-disabled' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.securityHub\.standards/,
    expect: (s) => {
      expect(s.accounts[PAYMENTS_DEV()]!.regions['eu-west-1']!.securityHub!.standards).toHaveLength(
        1,
      );
    },
  },
  {
    spec: { id: 'kms-rotation-off' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.kmsKeys\.\d+/,
    expect: (s) => {
      expect(
        s.accounts[PAYMENTS_DEV()]!.regions['eu-west-1']!.kmsKeys!.some(
          (k) => k.rotationEnabled === false,
        ),
      ).toBe(true);
    },
  },
  {
    spec: { id: 'open-ssh-security-group' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.ec2\.securityGroups/,
    expect: (s) => {
      expect(
        s.accounts[PAYMENTS_DEV()]!.regions['eu-west-1']!.ec2!.securityGroups.at(-1)!.ingress[0]!
          .fromPort,
      ).toBe(22);
    },
  },
  {
    spec: { id: 'default-vpc-present', region: 'us-east-1' },
    paths: /^accounts\.\d+\.regions\.us-east-1\.ec2\.(vpcs|securityGroups|networkAcls)/,
    expect: (s) => {
      expect(
        s.accounts[PAYMENTS_DEV()]!.regions['us-east-1']!.ec2!.vpcs.some((v) => v.isDefault),
      ).toBe(true);
    },
  },
  {
    spec: { id: 'imdsv1-allowed' },
    paths: /^accounts\.\d+\.regions\.eu-west-1\.ec2\.imdsDefaults/,
    expect: (s) => {
      expect(s.accounts[PAYMENTS_DEV()]!.regions['eu-west-1']!.ec2!.imdsDefaults!.httpTokens).toBe(
        'optional',
      );
    },
  },
  {
    spec: { id: 'root-access-key' },
    paths: /^accounts\.\d+\.accountSummary\.AccountAccessKeysPresent$/,
    expect: (s) => {
      expect(s.accounts[PAYMENTS_DEV()]!.accountSummary!.AccountAccessKeysPresent).toBe(1);
    },
  },
  {
    spec: { id: 'password-policy-weak' },
    paths: /^accounts\.\d+\.passwordPolicy/,
    expect: (s) => {
      expect(s.accounts[PAYMENTS_DEV()]!.passwordPolicy!.minimumPasswordLength).toBe(8);
    },
  },
  {
    spec: { id: 'backdoor' },
    paths: /^accounts\.\d+\.(iam\.(users|roles|policies)|accountSummary\.(Users|Roles)|accessKeys)/,
    expect: (s) => {
      const a = s.accounts[PAYMENTS_DEV()]!;
      expect(a.accessKeys?.[0]?.userName).toBe('svc-backup');
      expect(
        JSON.stringify(a.iam!.roles.find((r) => r.roleName === 'support-access')!.trustPolicy),
      ).toContain('999988887777');
    },
  },
];

describe('injectDrift', () => {
  it('covers every documented injection', () => {
    expect(CASES.map((c) => c.spec.id).sort()).toEqual(DRIFTS.map((d) => d.id).sort());
  });

  it.each(CASES)('$spec.id changes exactly what it says', ({ spec, expect: check, paths }) => {
    const after = injectDrift(base, [spec]);
    check(after);
    const diff = changed(base, after);
    expect(diff.length).toBeGreaterThan(0);
    for (const p of diff) expect(p).toMatch(paths);
    if (
      !spec.id.startsWith('scp') &&
      !spec.id.startsWith('account-wrong') &&
      spec.id !== 'trail-stopped'
    )
      for (const p of diff) expect(p).toContain(PAYMENTS_DEV());
    expect(JSON.stringify(base)).toBe(baseJson);
    expect(JSON.stringify(injectDrift(base, [spec]))).toBe(JSON.stringify(after));
  });

  it('rejects unknown injections and missing targets', () => {
    expect(() => injectDrift(base, [{ id: 'nope' } as unknown as DriftSpec])).toThrow(
      /unknown drift/,
    );
    expect(() => injectDrift(base, [{ id: 'root-access-key', account: '000000000000' }])).toThrow(
      /not in the snapshot/,
    );
  });
});
