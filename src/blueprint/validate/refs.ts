import type { DocPath } from '../load/source-map.js';
import type { Blueprint } from '../schema/blueprint.js';
import type { RefKind, Selector } from '../schema/common.js';

/** One use of a reference: the kind it must resolve to, the id, and where it is. */
export interface RefUse {
  kind: RefKind;
  id: string;
  path: DocPath;
}

/**
 * Every typed reference in the blueprint. Written out field by field (rather than by
 * reflection over the schema) so that the kind of each reference is explicit and the
 * walk is a single cheap pass.
 */
export function collectRefs(bp: Blueprint): RefUse[] {
  const out: RefUse[] = [];
  const one = (kind: RefKind, id: string | undefined, path: DocPath) => {
    if (id !== undefined) out.push({ kind, id, path });
  };
  const many = (kind: RefKind, ids: readonly string[] | undefined, path: DocPath) => {
    ids?.forEach((id, i) => {
      out.push({ kind, id, path: [...path, i] });
    });
  };

  const org = bp.organization;
  one('account', org.managementAccount, ['organization', 'managementAccount']);
  org.delegatedAdministrators.forEach((d, i) => {
    one('account', d.account, ['organization', 'delegatedAdministrators', i, 'account']);
  });
  bp.organizationalUnits.forEach((ou, i) => {
    one('ou', ou.parent, ['organizationalUnits', i, 'parent']);
  });
  bp.accounts.forEach((a, i) => {
    one('ou', a.ou, ['accounts', i, 'ou']);
  });
  bp.policies.forEach((p, i) => {
    many('ou', p.attachTo.ous, ['policies', i, 'attachTo', 'ous']);
    many('account', p.attachTo.accounts, ['policies', i, 'attachTo', 'accounts']);
  });

  const ic = bp.identity.identityCenter;
  if (ic) {
    one('account', ic.delegatedAdmin, ['identity', 'identityCenter', 'delegatedAdmin']);
    ic.assignments.forEach((a, i) => {
      const p = ['identity', 'identityCenter', 'assignments', i];
      one('group', a.group, [...p, 'group']);
      one('permission-set', a.permissionSet, [...p, 'permissionSet']);
    });
  }
  bp.identity.roles.forEach((r, i) => {
    const p = ['identity', 'roles', i];
    r.trust.forEach((t, j) => {
      one('account', t.account, [...p, 'trust', j, 'account']);
      one('role', t.role, [...p, 'trust', j, 'role']);
    });
  });

  if (bp.logging) {
    const l = bp.logging;
    one('kms-key', l.centralBucket.kmsKey, ['logging', 'centralBucket', 'kmsKey']);
    one('kms-key', l.organizationTrail.kmsKey, ['logging', 'organizationTrail', 'kmsKey']);
    one('account', l.organizationTrail.cloudWatchLogs?.account, [
      'logging',
      'organizationTrail',
      'cloudWatchLogs',
      'account',
    ]);
    one('account', l.config.aggregator.account, ['logging', 'config', 'aggregator', 'account']);
  }
  if (bp.security) {
    const s = bp.security;
    one('account', s.delegatedAdmin, ['security', 'delegatedAdmin']);
    one('account', s.firewallManager?.adminAccount, [
      'security',
      'firewallManager',
      'adminAccount',
    ]);
    one('kms-key', s.accountBaseline.ebsDefaultEncryption.kmsKey, [
      'security',
      'accountBaseline',
      'ebsDefaultEncryption',
      'kmsKey',
    ]);
  }
  bp.keys.forEach((k, i) => {
    one('account', k.account, ['keys', i, 'account']);
    k.grants.forEach((g, j) => {
      one('role', g.to.role, ['keys', i, 'grants', j, 'to', 'role']);
      one('account', g.to.account, ['keys', i, 'grants', j, 'to', 'account']);
    });
  });
  bp.alerting.routes.forEach((r, i) => {
    many('channel', r.to, ['alerting', 'routes', i, 'to']);
  });
  bp.response.forEach((pb, i) => {
    pb.actions.forEach((a, j) => {
      if (a.type === 'notify') many('channel', a.to, ['response', i, 'actions', j, 'to']);
    });
  });
  bp.controls.forEach((c, i) => {
    c.implementation.forEach((impl, j) => {
      const kind: RefKind | undefined =
        impl.via === 'policy'
          ? 'policy'
          : impl.via === 'playbook'
            ? 'playbook'
            : impl.via === 'invariant'
              ? 'invariant'
              : undefined;
      if (kind) one(kind, impl.ref, ['controls', i, 'implementation', j, 'ref']);
    });
  });
  for (const { sel, path } of collectSelectors(bp)) {
    many('ou', sel.ous, [...path, 'ous']);
    many('account', sel.accounts, [...path, 'accounts']);
    many('ou', sel.excludeOus, [...path, 'excludeOus']);
    many('account', sel.excludeAccounts, [...path, 'excludeAccounts']);
    many('role', sel.iamRoles, [...path, 'iamRoles']);
  }
  return out;
}

/** Every selector in the blueprint with its path and whether it targets principals. */
export function collectSelectors(
  bp: Blueprint,
): { sel: Selector; path: DocPath; principals: boolean }[] {
  const out: { sel: Selector; path: DocPath; principals: boolean }[] = [];
  const add = (sel: Selector | undefined, path: DocPath, principals = false) => {
    if (sel) out.push({ sel, path, principals });
  };
  bp.identity.identityCenter?.assignments.forEach((a, i) => {
    add(a.targets, ['identity', 'identityCenter', 'assignments', i, 'targets']);
  });
  bp.identity.roles.forEach((r, i) => {
    add(r.targets, ['identity', 'roles', i, 'targets']);
  });
  add(bp.logging?.config.recorder.targets, ['logging', 'config', 'recorder', 'targets']);
  add(bp.security?.accountBaseline.targets, ['security', 'accountBaseline', 'targets']);
  add(bp.network?.targets, ['network', 'targets']);
  bp.network?.waf.forEach((w, i) => {
    add(w.targets, ['network', 'waf', i, 'targets']);
  });
  bp.response.forEach((pb, i) => {
    add(pb.targets, ['response', i, 'targets']);
  });
  bp.controls.forEach((c, i) => {
    add(c.targets, ['controls', i, 'targets']);
    c.exceptions.forEach((e, j) => {
      add(e.targets, ['controls', i, 'exceptions', j, 'targets']);
    });
  });
  bp.invariants.forEach((inv, i) => {
    if (inv.kind === 'forbid') {
      add(inv.in, ['invariants', i, 'in']);
      add(inv.principals, ['invariants', i, 'principals'], true);
      add(inv.except, ['invariants', i, 'except'], true);
    } else if (inv.kind === 'access-only-from') {
      add(inv.to, ['invariants', i, 'to']);
      add(inv.from, ['invariants', i, 'from'], true);
    } else {
      add(inv.in, ['invariants', i, 'in']);
      if (inv.kind === 'no-privilege-escalation')
        add(inv.except, ['invariants', i, 'except'], true);
    }
  });
  bp.deployment.waves.forEach((w, i) => {
    add(w.targets, ['deployment', 'waves', i, 'targets']);
  });
  return out;
}
