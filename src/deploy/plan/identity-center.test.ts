import { describe, expect, it } from 'vitest';
import type { BlueprintInput } from '../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../snapshot/types.js';
import { IDS, scenario } from './__fixtures__/plan.js';

describe('Identity Center', () => {
  const ic = (bp: BlueprintInput) => {
    bp.identity!.identityCenter = {
      groups: [{ id: 'admins', displayName: 'aws-admins' }],
      permissionSets: [
        {
          id: 'admin',
          name: 'Admin',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
        },
        {
          id: 'read-only',
          name: 'ReadOnly',
          sessionDuration: 'PT4H',
          awsManagedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
        },
      ],
      assignments: [{ group: 'admins', permissionSet: 'admin', targets: { ous: ['prod'] } }],
    };
  };
  const psArn = (name: string) => `arn:aws:sso:::permissionSet/ssoins-1/ps-${name}`;
  const liveIc = (s: Snapshot) => {
    s.identityCenter = {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1',
      identityStoreId: 'd-1234567890',
      permissionSets: [
        {
          arn: psArn('ReadOnly'),
          name: 'ReadOnly',
          sessionDuration: 'PT1H',
          managedPolicies: [],
          customerManagedPolicies: [],
          provisionedTo: [],
        },
        {
          arn: psArn('Legacy'),
          name: 'Legacy',
          managedPolicies: [],
          customerManagedPolicies: [],
          provisionedTo: [],
        },
      ],
      assignments: [
        {
          accountId: IDS['app-dev']!,
          permissionSetArn: psArn('ReadOnly'),
          principalType: 'GROUP',
          principalId: 'g-1',
        },
      ],
    };
  };

  it('says what is created, changed, assigned and left alone', async () => {
    const { plan } = await scenario({ bp: ic, live: liveIc });
    expect(plan.changes.map((c) => [c.kind, c.summary, c.entity])).toEqual([
      ['create', 'permission set admin is created', 'permission-set:admin'],
      [
        'update',
        'permission set read-only changes its session duration from PT1H to PT4H and gains managed policy ViewOnlyAccess',
        'permission-set:read-only',
      ],
      [
        'retain',
        'permission set Legacy is not in the blueprint and not created by orgward: left alone (adopt it into the blueprint or delete it by hand)',
        'permission-set:Legacy',
      ],
      [
        'create',
        'group admins gets permission set admin in 2 accounts: data-prod and app-prod',
        'assignment:0',
      ],
      [
        'retain',
        'permission set read-only has 1 assignment the blueprint does not give (app-dev): left alone unless orgward deployed them (adopt them into the blueprint or remove them by hand)',
        'permission-set:read-only',
      ],
    ]);
  });

  it('warns when the organization has no Identity Center instance, and plans the permission sets', async () => {
    const { plan } = await scenario({
      bp: ic,
      live: (s) =>
        s.coverage.push({
          api: 'sso:ListInstances',
          code: 'NoIdentityCenterInstance',
          message: 'none',
          section: 'identityCenter',
        }),
    });
    expect(
      plan.changes.filter((c) => c.entity.startsWith('permission-set:')).map((c) => c.summary),
    ).toEqual(['permission set admin is created', 'permission set read-only is created']);
    expect(plan.warnings).toContain(
      'the organization has no IAM Identity Center instance: enable it before permission sets and assignments can deploy',
    );
  });

  it('does not compare what could not be read', async () => {
    const { plan } = await scenario({
      bp: ic,
      live: (s) => {
        liveIc(s);
        s.coverage.push({
          api: 'sso:ListAccountAssignments',
          code: 'AccessDenied',
          message: '',
          section: 'identityCenter.assignments',
        });
      },
    });
    expect(plan.changes.some((c) => c.entity.startsWith('assignment:'))).toBe(false);
    expect(plan.warnings).toContain(
      'Identity Center assignments not compared (sso:ListAccountAssignments: AccessDenied)',
    );
  });
});
