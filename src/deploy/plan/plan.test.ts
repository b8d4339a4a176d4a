import { describe, expect, it } from 'vitest';
import { loadExample, loadSynthInput } from '../../../test/helpers/synth.js';
import { injectDrift } from '../../sim/drift.js';
import { simulateSnapshot } from '../../sim/snapshot.js';
import type { Snapshot } from '../../snapshot/types.js';
import {
  deployedAsManifest,
  fakeManifest,
  IDS,
  ouId,
  planBlueprint,
  planUnits,
  scenario,
  syncedSnapshot,
} from './__fixtures__/plan.js';
import { computePlan } from './plan.js';

const org = (s: Snapshot) => s.organization!;

/** Out-of-band changes to a deployed organization whose templates are all current. */
function drift(s: Snapshot): void {
  org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ouId('dev');
  const scp = org(s).policies.find((p) => p.name === 'deny-leave-org')!;
  scp.targets = scp.targets.filter((t) => t !== ouId('workloads'));
  const role = s.accounts[IDS['app-dev']!]!.iam!.roles.find((r) => r.roleName === 'audit-read')!;
  (role.trustPolicy.Statement as unknown[]).push({
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::999988887777:root' },
    Action: 'sts:AssumeRole',
  });
}

describe('a drifted snapshot', () => {
  it('names each change in domain terms and lists exactly the units that change (none else)', async () => {
    const { plan } = await scenario({ live: drift });
    expect(plan.changes.map((c) => [c.kind, c.summary, c.units])).toEqual([
      ['move', 'account data-prod moves from OU dev to prod', ['organization-accounts']],
      [
        'update',
        'SCP deny-leave-org now also applies to OU workloads: 3 accounts',
        ['organization-policies'],
      ],
      [
        'update',
        'role audit-read trust removes account 999988887777 in account app-dev',
        ['role-audit-read'],
      ],
    ]);
    // Every template is current: deploy reverts the drift with drift-aware change sets.
    const changed = plan.units.filter((u) => u.action !== 'unchanged');
    expect(changed.map((u) => [u.unit, u.action])).toEqual([
      ['organization-accounts', 'revert-drift'],
      ['organization-policies', 'revert-drift'],
      ['role-audit-read', 'revert-drift'],
    ]);
    // Only the role's instance where its trust drifted.
    const role = plan.units.find((u) => u.unit === 'role-audit-read')!;
    expect(role.instances.filter((i) => i.action !== 'unchanged').map((i) => i.account)).toEqual([
      'app-dev',
    ]);
    expect(plan.summary).toEqual({
      changes: 3,
      destructive: 1,
      unitsChanged: 3,
      unitsUnchanged: 2,
      instancesChanged: 3,
      actions: 0,
    });
    expect(plan.warnings).toEqual([]);
    expect(plan.changes[0]?.details).toContain(
      'changed out of band (the deployed template is current): organization-accounts reverts it',
    );
  });

  it('a blueprint change updates its unit; drift elsewhere still reverts', async () => {
    const { plan } = await scenario({
      bp: (bp) => (bp.policies![0]!.description = 'No leaving'),
      stale: ['organization-policies'],
      live: (s) => (org(s).accounts.find((a) => a.id === IDS['data-prod'])!.parentId = ouId('dev')),
    });
    expect(
      plan.units.filter((u) => u.action !== 'unchanged').map((u) => [u.unit, u.action]),
    ).toEqual([
      ['organization-accounts', 'revert-drift'],
      ['organization-policies', 'update'],
    ]);
    expect(
      plan.changes.find((c) => c.entity === 'policy:deny-leave-org')?.details.join('\n'),
    ).not.toContain('out of band');
  });

  it('a snapshot in sync plans nothing', async () => {
    const { plan } = await scenario();
    expect(plan.changes).toEqual([]);
    expect(plan.units.every((u) => u.action === 'unchanged')).toBe(true);
    expect(plan.summary.changes + plan.summary.unitsChanged + plan.summary.actions).toBe(0);
    expect(plan.warnings).toEqual([]);
  });
});

describe('the simulated organization of each example (an independent rendering of the blueprint)', () => {
  it.each(['minimal', 'standard', 'regulated'] as const)(
    '%s: in sync, then drifted',
    async (name) => {
      const input = await loadExample(name);
      const manifest = fakeManifest(input, []);
      const snapshot = simulateSnapshot(
        { blueprint: input.index.bp, index: input.index, policies: input.policies },
        { seed: 7, takenAt: '2026-11-20T00:00:00Z' },
      );
      expect(computePlan({ ...input, manifest, snapshot }).changes).toEqual([]);
      const drifted = injectDrift(snapshot, [{ id: 'account-wrong-ou' }, { id: 'scp-detached' }]);
      const summaries = computePlan({ ...input, manifest, snapshot: drifted }).changes.map(
        (c) => c.summary,
      );
      expect(summaries).toHaveLength(2);
      expect(summaries[0]).toMatch(/^account [a-z-]+ moves from OU [a-z-]+ to [a-z-]+$/);
      expect(summaries[1]).toMatch(/^SCP [a-z-]+ now also applies to the root: \d+ accounts$/);
    },
  );
});

describe('coverage', () => {
  it('no organization section: a warning, and no claim about the organization', async () => {
    const { plan } = await scenario({
      live: (s) => {
        delete s.organization;
        s.coverage.push({
          api: 'organizations:DescribeOrganization',
          code: 'AccessDenied',
          message: 'denied',
          section: 'organization',
        });
      },
    });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([
      'organization not compared (organizations:DescribeOrganization: AccessDenied (denied)): OUs, accounts, policies, delegated administrators, trusted access and policy types may differ',
      'no AWS account id for 3 accounts (data-prod, app-prod and app-dev) without the organization section: roles there not compared',
      "no AWS account id for 3 accounts (data-prod, app-prod and app-dev): their unit instances are unknown (not in the snapshot's organization, and no accountId in the blueprint)",
    ]);
    expect(plan.units.find((u) => u.unit === 'role-audit-read')?.action).toBe('unknown');
  });

  it('a part of the organization not read is not compared', async () => {
    const { plan } = await scenario({
      live: (s) => {
        org(s).policies = [];
        org(s).delegatedAdministrators = [];
        s.coverage.push(
          {
            api: 'organizations:ListPolicies',
            code: 'AccessDenied',
            message: '',
            section: 'organization.policies',
          },
          {
            api: 'organizations:ListDelegatedAdministrators',
            code: 'AccessDenied',
            message: '',
            section: 'organization.delegatedAdministrators',
          },
        );
      },
    });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([
      'organization policies not compared (organizations:ListPolicies: AccessDenied)',
      'delegated administrators not compared (organizations:ListDelegatedAdministrators: AccessDenied)',
    ]);
  });

  it('IAM not read in an account: its roles are not called missing', async () => {
    const { plan } = await scenario({
      live: (s) => {
        delete s.accounts[IDS['app-dev']!]!.iam;
        s.coverage.push({
          accountId: IDS['app-dev']!,
          api: 'iam:GetAccountAuthorizationDetails',
          code: 'AccessDenied',
          message: '',
          section: 'iam',
        });
      },
    });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([
      'IAM not read in 1 account (app-dev): roles there not compared',
    ]);
  });

  it('stacks not read: those instances are unknown, never unchanged or created', async () => {
    const { plan } = await scenario({
      live: (s) => {
        for (const r of Object.values(s.accounts[IDS['app-dev']!]!.regions))
          delete r.cloudFormation;
      },
    });
    const role = plan.units.find((u) => u.unit === 'role-audit-read')!;
    expect(role.instances.map((i) => [i.account, i.action])).toEqual([
      ['data-prod', 'unchanged'],
      ['app-prod', 'unchanged'],
      ['app-dev', 'unknown'],
    ]);
    expect(role.action).toBe('unknown');
    expect(plan.summary.unitsChanged).toBe(0);
    expect(plan.summary.unitsUnchanged).toBe(4);
    expect(plan.warnings).toEqual([
      'CloudFormation stacks not read in 1 account/Region pair (app-dev (555555555555) eu-west-1): 1 unit instance there is unknown',
    ]);
  });

  it('a manifest from another blueprint version is called out', async () => {
    const input = await loadSynthInput(planBlueprint());
    const manifest = { ...fakeManifest(input, planUnits()), blueprintHash: 'stale' };
    const plan = computePlan({
      ...input,
      manifest,
      snapshot: syncedSnapshot(input, deployedAsManifest(manifest)),
    });
    expect(plan.warnings).toEqual([
      'the manifest was synthesized from another version of the blueprint: run synth again so the units match the changes',
    ]);
  });
});

describe('the plan document', () => {
  it('is the Plan type as JSON (schemaVersion 1), stable through a round trip', async () => {
    const { plan } = await scenario({ live: drift });
    expect(plan.schemaVersion).toBe(1);
    expect(plan.kind).toBe('orgward-plan');
    expect(plan.blueprint).toEqual({ name: 'plan-test', version: '3' });
    expect(plan.snapshot).toEqual({ takenAt: '2026-11-20T10:00:00.000Z', method: 'collect' });
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });

  it('1,000 accounts plan well under a second', async () => {
    const bp = planBlueprint();
    for (let i = 0; i < 1000; i++)
      bp.accounts.push({
        id: `w-${i}`,
        name: `W ${i}`,
        email: `w-${i}@example.com`,
        ou: i % 2 ? 'prod' : 'dev',
        role: 'workload',
      });
    const input = await loadSynthInput(bp);
    const accounts = input.index.bp.accounts.map((a) => a.id);
    const regions = ['eu-west-1', 'us-east-1'];
    const manifest = fakeManifest(input, [
      ...planUnits(),
      { id: 'baseline', entities: ['config-recorder'], accounts, regions },
    ]);
    const snapshot = simulateSnapshot(
      { blueprint: input.index.bp, index: input.index, policies: input.policies },
      {
        seed: 1,
        takenAt: '2026-11-20T00:00:00Z',
        workload: {
          buckets: 0,
          keys: 0,
          queues: 0,
          topics: 0,
          secrets: 0,
          functions: 0,
          repositories: 0,
        },
      },
    );
    // Stacks read everywhere (none deployed yet), so every instance is compared.
    for (const a of Object.values(snapshot.accounts))
      for (const r of Object.values(a.regions)) r.cloudFormation = { stacks: [] };
    computePlan({ ...input, manifest, snapshot });
    const t = performance.now();
    const plan = computePlan({ ...input, manifest, snapshot });
    const ms = performance.now() - t;
    expect(plan.changes).toEqual([]);
    expect(plan.units.find((u) => u.unit === 'baseline')?.instances).toHaveLength(2014);
    expect(ms).toBeLessThan(1000);
  });
});
