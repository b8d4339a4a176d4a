import { describe, expect, it } from 'vitest';
import { PROD1_ID, testManifest, testPlan } from './__fixtures__/deploy.js';
import { describeDeployment } from './describe.js';
import { withoutDestruction } from './select.js';

describe('describeDeployment', () => {
  it('lists exactly what deploy will execute, then the actions', () => {
    const manifest = testManifest();
    const plan = testPlan(
      manifest,
      { organization: 'unchanged', 'baseline-roles': 'unknown', 'log-archive': 'revert-drift' },
      'update',
    );
    const cfg = plan.units.find((u) => u.unit === 'baseline-config')!;
    cfg.instances = cfg.instances.map((i) =>
      i.account === 'dev-1'
        ? { ...i, action: 'unchanged' }
        : i.account === 'prod-2'
          ? { ...i, action: 'create' }
          : i,
    );
    plan.actions = [
      {
        type: 'move-account',
        account: 'prod-1',
        accountId: PROD1_ID,
        fromOu: 'workloads',
        toOu: 'suspended',
        reason: 'onRemove: close',
      },
      { type: 'close-account', account: 'prod-1', accountId: PROD1_ID, reason: 'onRemove: close' },
    ];
    expect(describeDeployment(plan)).toEqual([
      'revert drift of stack orgward-log-archive in log-archive (222222222222) eu-west-1: log-archive title',
      'update stack orgward-security-tooling in security-tooling (333333333333) eu-west-1: security-tooling title',
      'StackSet orgward-baseline-config: update 2 instances, create 2 instances (accounts prod-1, prod-2; eu-central-1, eu-west-1): baseline-config title',
      'move account prod-1 (555555555555) from OU workloads to OU suspended: onRemove: close',
      'CLOSE account prod-1 (555555555555) once moved and quarantined: onRemove: close',
    ]);
  });

  it('says when a whole StackSet goes, and names new accounts as new', () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, { 'baseline-roles': 'delete' }, 'unchanged');
    plan.units.find((u) => u.unit === 'baseline-roles')!.hash = '';
    const org = plan.units.find((u) => u.unit === 'security-tooling')!;
    org.action = 'create';
    org.instances = [
      { account: 'security-tooling', accountId: null, region: 'eu-west-1', action: 'create' },
    ];
    expect(describeDeployment(plan)).toEqual([
      'create stack orgward-security-tooling in security-tooling (new account) eu-west-1: security-tooling title',
      'DELETE StackSet orgward-baseline-roles and its 3 instances: baseline-roles title',
    ]);
  });
});

describe('withoutDestruction', () => {
  it('holds back deletions and account actions, and describes them apart', () => {
    const manifest = testManifest();
    const plan = testPlan(manifest, { 'baseline-roles': 'delete' }, 'unchanged');
    plan.units.find((u) => u.unit === 'baseline-roles')!.hash = '';
    const cfg = plan.units.find((u) => u.unit === 'baseline-config')!;
    cfg.action = 'create';
    cfg.instances = cfg.instances.map((i) => ({
      ...i,
      action: i.account === 'dev-1' ? 'delete' : 'create',
    }));
    plan.actions = [
      { type: 'close-account', account: 'prod-1', accountId: PROD1_ID, reason: 'onRemove: close' },
    ];
    const { plan: safe, withheld } = withoutDestruction(plan);
    expect(describeDeployment(safe)).toEqual([
      'StackSet orgward-baseline-config: create 4 instances (accounts prod-1, prod-2; eu-central-1, eu-west-1): baseline-config title',
    ]);
    expect(describeDeployment(withheld)).toEqual([
      'StackSet orgward-baseline-config: DELETE 2 instances (accounts dev-1; eu-central-1, eu-west-1): baseline-config title',
      'DELETE StackSet orgward-baseline-roles and its 3 instances: baseline-roles title',
      'CLOSE account prod-1 (555555555555) once moved and quarantined: onRemove: close',
    ]);
    expect(safe.units.find((u) => u.unit === 'baseline-roles')!.action).toBe('unchanged');
  });
});
