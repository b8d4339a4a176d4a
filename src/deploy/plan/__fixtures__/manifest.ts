/**
 * A hand-made manifest (the synth builders are not used, so the plan tests do not depend on
 * them) and the deployed stacks that match it.
 */
import { contentHash } from '../../../synth/cfn.js';
import type { SynthInput } from '../../../synth/synth.js';
import type { Manifest, ManifestEntry } from '../../../synth/types.js';
import type { DeployedStack } from '../../../snapshot/types.js';

/** A manifest unit, with the defaults a test does not care about. */
export type FakeUnit = Pick<ManifestEntry, 'id' | 'entities' | 'accounts' | 'regions'> &
  Partial<ManifestEntry>;

/** A hand-made manifest over `input`'s blueprint (blueprint hash included). */
export function fakeManifest(input: SynthInput, units: FakeUnit[]): Manifest {
  const bp = input.index.bp;
  return {
    schemaVersion: 1,
    kind: 'orgward-manifest',
    blueprint: { name: bp.metadata.name, version: bp.metadata.version },
    blueprintHash: contentHash(bp),
    stackPrefix: bp.deployment.stackPrefix,
    managementAccount: bp.organization.managementAccount,
    homeRegion: bp.organization.homeRegion,
    strategy: bp.deployment.strategy,
    units: units.map((u) => ({
      kind: u.accounts.length > 1 ? 'stackset' : 'stack',
      concern: 'organization',
      title: `unit ${u.id}`,
      name: `${bp.deployment.stackPrefix}-${u.id}`,
      template: `templates/${u.id}.json`,
      hash: `hash-${u.id}`,
      templateBytes: 100,
      resources: 1,
      accountIds: u.accounts.map((a) => input.index.accounts.get(a)?.accountId ?? null),
      instances: u.accounts.length * u.regions.length,
      parameters: {},
      dependsOn: [],
      capabilities: [],
      assets: [],
      ...u,
    })),
    gaps: [],
  };
}

/** The fixture's units: organization stacks in the management account, the role StackSet. */
export function planUnits(): FakeUnit[] {
  return [
    { id: 'organization-ous', entities: ['ou:security-ou', 'ou:workloads', 'ou:prod', 'ou:dev', 'ou:suspended'], accounts: ['management'], regions: ['eu-west-1'] },
    {
      id: 'organization-accounts',
      entities: ['account:security', 'account:log-archive', 'account:data-prod', 'account:app-prod', 'account:app-dev', 'account:parked'],
      accounts: ['management'],
      regions: ['eu-west-1'],
    },
    {
      id: 'organization-policies',
      entities: ['policy:deny-leave-org', 'policy:quarantine', 'policy-type:scp'],
      accounts: ['management'],
      regions: ['eu-west-1'],
    },
    {
      id: 'organization-settings',
      entities: ['trusted-service:guardduty.amazonaws.com', 'delegated-admin:guardduty.amazonaws.com'],
      accounts: ['management'],
      regions: ['eu-west-1'],
    },
    {
      id: 'role-audit-read',
      entities: ['role:audit-read'],
      accounts: ['data-prod', 'app-prod', 'app-dev'],
      regions: ['eu-west-1'],
    },
  ];
}

/** A deployed stack of a unit with the given hash (a StackSet instance when `stackSet`). */
export function deployedStack(unit: string, hash: string | undefined, stackSet = false): DeployedStack {
  const name = stackSet
    ? `StackSet-orgward-${unit}-0a1b2c3d-1111-2222-3333-444455556666`
    : `orgward-${unit}`;
  return {
    stackName: name,
    stackId: `arn:aws:cloudformation:eu-west-1:111111111111:stack/${name}/1`,
    stackStatus: 'UPDATE_COMPLETE',
    unit,
    ...(hash !== undefined ? { hash } : {}),
  };
}

/** Deployed stacks matching `manifest` exactly (every instance at its manifest hash). */
export function deployedAsManifest(manifest: Manifest): Record<string, Record<string, DeployedStack[]>> {
  const out: Record<string, Record<string, DeployedStack[]>> = {};
  for (const u of manifest.units)
    for (const a of u.accounts)
      for (const r of u.regions) {
        const byRegion = (out[a] ??= {});
        (byRegion[r] ??= []).push(deployedStack(u.id, u.hash, u.kind === 'stackset'));
      }
  return out;
}
