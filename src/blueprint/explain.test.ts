import { describe, expect, it } from 'vitest';
import { validFixture } from '../../test/helpers/blueprint.js';
import { explainBlueprint, renderExplanation } from './explain.js';
import { indexBlueprint } from './model.js';
import { BlueprintSchema } from './schema/blueprint.js';

const bp = BlueprintSchema.parse({
  ...validFixture(),
  identity: {
    identityCenter: {
      groups: [{ id: 'admins', displayName: 'Admins' }],
      permissionSets: [{ id: 'admin', name: 'Admin' }],
      assignments: [
        { group: 'admins', permissionSet: 'admin', targets: { environments: ['prod'] } },
      ],
    },
    roles: [
      {
        id: 'pipeline',
        name: 'orgward-pipeline',
        purpose: 'pipeline',
        targets: { all: true },
        trust: [{ account: 'management', roleName: 'deployer' }],
      },
      {
        id: 'ops',
        name: 'ops',
        requireMfa: true,
        targets: { ous: ['prod'] },
        trust: [{ account: 'security' }],
      },
      {
        id: 'reader',
        name: 'reader',
        targets: { accounts: ['log-archive'] },
        trust: [{ role: 'ops' }],
      },
    ],
  },
});
bp.policies.push({
  ...bp.policies[0]!,
  id: 'prod-only',
  name: 'prod-only',
  attachTo: { ous: ['prod'] },
});
const e = explainBlueprint(indexBlueprint(bp));
const byId = (id: string) => e.accounts.find((a) => a.id === id);

describe('explainBlueprint', () => {
  it('builds the OU tree from the root with accounts and attachments', () => {
    expect(e.tree).toMatchObject({ kind: 'root', policies: ['baseline'] });
    const workloads = e.tree.children.find((c) => c.id === 'workloads');
    expect(workloads?.children[0]).toMatchObject({
      id: 'prod',
      policies: ['prod-only'],
      children: [{ id: 'prod-app', kind: 'account' }],
    });
  });

  it('lists inherited policies root first, level by level', () => {
    expect(byId('prod-app')?.policies.map((p) => `${p.levelKind}:${p.level}:${p.policy}`)).toEqual([
      'root:root:baseline',
      'ou:prod:prod-only',
    ]);
  });

  it('marks the management account as exempt from SCPs', () => {
    expect(byId('management')?.scpExempt).toBe(true);
    expect(renderExplanation(e)).toContain(
      'none apply (SCPs and RCPs do not restrict the management account)',
    );
  });

  it('says which roles reach an account, from where and under which conditions', () => {
    expect(byId('prod-app')?.roles).toEqual([
      {
        role: 'pipeline',
        name: '/orgward-pipeline',
        purpose: 'pipeline',
        from: ['account management role deployer'],
        conditions: ['aws:PrincipalOrgID', 'max session 1h'],
      },
      {
        role: 'ops',
        name: '/ops',
        purpose: 'access',
        from: ['account security (any principal its IAM allows)'],
        conditions: ['MFA', 'aws:PrincipalOrgID', 'max session 1h'],
      },
    ]);
    expect(byId('security')?.roles.map((r) => r.role)).toEqual(['pipeline']);
    expect(byId('log-archive')?.roles.find((r) => r.role === 'reader')?.from).toEqual([
      'role /ops in prod-app',
    ]);
  });

  it('lists Identity Center assignments selected for the account', () => {
    expect(byId('prod-app')?.identityCenter).toEqual([
      { principal: 'group admins', permissionSet: 'admin' },
    ]);
    expect(byId('security')?.identityCenter).toEqual([]);
  });

  it('can explain one account by id, name or account id', () => {
    expect(explainBlueprint(indexBlueprint(bp), 'Prod App').accounts.map((a) => a.id)).toEqual([
      'prod-app',
    ]);
  });
});
