import { REGIONAL_SECURITY_SERVICES } from '../data/service-principals.js';
import { didYouMean, type Diagnostic } from '../../core/diagnostics.js';
import { isKnownRegion } from '../data/regions.js';
import { ROOT_OU } from '../model.js';
import type { AccountRole } from '../schema/common.js';
import type { RefKind } from '../schema/common.js';
import { problem, type ValidationContext, type Validator } from './context.js';
import { collectRefs, collectSelectors } from './refs.js';
import type { DocPath } from '../load/source-map.js';

/** Entity lists whose ids must be unique, by reference kind. */
function entityLists(ctx: ValidationContext): { kind: RefKind; path: DocPath; ids: string[] }[] {
  const { bp } = ctx;
  const ic = bp.identity.identityCenter;
  return [
    { kind: 'ou', path: ['organizationalUnits'], ids: bp.organizationalUnits.map((o) => o.id) },
    { kind: 'account', path: ['accounts'], ids: bp.accounts.map((a) => a.id) },
    { kind: 'policy', path: ['policies'], ids: bp.policies.map((p) => p.id) },
    {
      kind: 'group',
      path: ['identity', 'identityCenter', 'groups'],
      ids: ic?.groups.map((g) => g.id) ?? [],
    },
    {
      kind: 'permission-set',
      path: ['identity', 'identityCenter', 'permissionSets'],
      ids: ic?.permissionSets.map((p) => p.id) ?? [],
    },
    { kind: 'role', path: ['identity', 'roles'], ids: bp.identity.roles.map((r) => r.id) },
    { kind: 'kms-key', path: ['keys'], ids: bp.keys.map((k) => k.id) },
    { kind: 'channel', path: ['alerting', 'channels'], ids: bp.alerting.channels.map((c) => c.id) },
    { kind: 'control', path: ['controls'], ids: bp.controls.map((c) => c.id) },
    { kind: 'playbook', path: ['response'], ids: bp.response.map((p) => p.id) },
    { kind: 'invariant', path: ['invariants'], ids: bp.invariants.map((i) => i.id) },
  ];
}

const uniqueIds: Validator = {
  id: 'unique-ids',
  description: 'ids are unique per kind; `root` is reserved for the organization root',
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const list of entityLists(ctx)) {
      const seen = new Map<string, number>();
      list.ids.forEach((id, i) => {
        const first = seen.get(id);
        if (first !== undefined) {
          const at = ctx.locate([...list.path, first, 'id']);
          out.push(
            problem(
              ctx,
              'error',
              'duplicate-id',
              [...list.path, i, 'id'],
              `duplicate ${list.kind} id '${id}' (first defined at line ${at.line})`,
            ),
          );
        } else seen.set(id, i);
        if (list.kind === 'ou' && id === ROOT_OU) {
          out.push(
            problem(
              ctx,
              'error',
              'reserved-id',
              [...list.path, i, 'id'],
              `'root' is reserved for the organization root`,
            ),
          );
        }
      });
    }
    // Policies attach to OUs and accounts by id, and the tree mixes both: one id, one node.
    const ouIds = new Set(ctx.bp.organizationalUnits.map((o) => o.id));
    ctx.bp.accounts.forEach((a, i) => {
      if (ouIds.has(a.id)) {
        out.push(
          problem(
            ctx,
            'error',
            'duplicate-id',
            ['accounts', i, 'id'],
            `account id '${a.id}' is also an OU id; OUs and accounts share one namespace`,
          ),
        );
      }
    });
    return out;
  },
};

const uniqueAccountAttributes: Validator = {
  id: 'unique-account-attributes',
  description: 'account e-mails, aliases, AWS account ids and names are unique',
  run(ctx) {
    const out: Diagnostic[] = [];
    const fields = [
      { key: 'email', norm: (s: string) => s.toLowerCase(), label: 'e-mail', severity: 'error' },
      { key: 'alias', norm: (s: string) => s, label: 'alias', severity: 'error' },
      { key: 'accountId', norm: (s: string) => s, label: 'AWS account id', severity: 'error' },
      {
        key: 'name',
        norm: (s: string) => s.toLowerCase(),
        label: 'account name',
        severity: 'warning',
      },
    ] as const;
    for (const f of fields) {
      const seen = new Map<string, string>();
      ctx.bp.accounts.forEach((a, i) => {
        const v = a[f.key];
        if (v === undefined) return;
        const k = f.norm(v);
        const other = seen.get(k);
        if (other !== undefined) {
          out.push(
            problem(
              ctx,
              f.severity,
              `duplicate-${f.key}`,
              ['accounts', i, f.key],
              `${f.label} '${v}' is already used by account '${other}'`,
            ),
          );
        } else seen.set(k, a.id);
      });
    }
    return out;
  },
};

/** Roles that exactly one account must have. */
const SINGLETON_ROLES: readonly AccountRole[] = ['management', 'log-archive', 'security-tooling'];

const accountRoles: Validator = {
  id: 'account-roles',
  description:
    'exactly one management, log-archive and security-tooling account; managementAccount is it',
  run(ctx) {
    const out: Diagnostic[] = [];
    for (const role of SINGLETON_ROLES) {
      const holders = ctx.bp.accounts.map((a, i) => ({ a, i })).filter(({ a }) => a.role === role);
      if (holders.length === 0) {
        out.push(
          problem(
            ctx,
            'error',
            'missing-account-role',
            ['accounts'],
            `no account has role '${role}'; exactly one is required`,
          ),
        );
      }
      for (const { a, i } of holders.slice(1)) {
        out.push(
          problem(
            ctx,
            'error',
            'duplicate-account-role',
            ['accounts', i, 'role'],
            `account '${a.id}' is a second '${role}' account; exactly one is allowed`,
          ),
        );
      }
    }
    const mgmt = ctx.idx.managementAccount;
    if (mgmt && mgmt.role !== 'management') {
      out.push(
        problem(
          ctx,
          'error',
          'management-role',
          ['organization', 'managementAccount'],
          `managementAccount '${mgmt.id}' has role '${mgmt.role}', not 'management'`,
        ),
      );
    }
    if (mgmt && mgmt.ou !== ROOT_OU) {
      out.push(
        problem(
          ctx,
          'warning',
          'management-ou',
          ['organization', 'managementAccount'],
          `the management account sits in OU '${mgmt.ou}'; AWS recommends it stay in the root, where SCPs do not apply anyway`,
        ),
      );
    }
    return out;
  },
};

const references: Validator = {
  id: 'references',
  description: 'every reference resolves to an entity of the right kind',
  run(ctx) {
    const known = new Map<RefKind, Set<string>>();
    for (const list of entityLists(ctx)) known.set(list.kind, new Set(list.ids));
    known.get('ou')?.add(ROOT_OU);
    const out: Diagnostic[] = [];
    for (const r of collectRefs(ctx.bp)) {
      const ids = known.get(r.kind) ?? new Set<string>();
      if (ids.has(r.id)) continue;
      const other = [...known.entries()].find(([k, v]) => k !== r.kind && v.has(r.id))?.[0];
      const suggestion = didYouMean(r.id, ids);
      const hint = other
        ? `'${r.id}' is a ${other}, but a ${r.kind} is expected here`
        : suggestion
          ? `did you mean '${suggestion}'?`
          : undefined;
      out.push(problem(ctx, 'error', 'dangling-ref', r.path, `unknown ${r.kind} '${r.id}'`, hint));
    }
    return out;
  },
};

const ouTree: Validator = {
  id: 'ou-tree',
  description: 'the OU tree is acyclic and within the nesting limit',
  run(ctx) {
    const out: Diagnostic[] = [];
    ctx.bp.organizationalUnits.forEach((ou, i) => {
      const seen = new Set<string>([ou.id]);
      let depth = 1;
      let cur = ou.parent;
      while (cur !== undefined && cur !== ROOT_OU) {
        if (seen.has(cur)) {
          out.push(
            problem(
              ctx,
              'error',
              'ou-cycle',
              ['organizationalUnits', i, 'parent'],
              `OU '${ou.id}' is its own ancestor (cycle through '${cur}')`,
            ),
          );
          return;
        }
        seen.add(cur);
        depth++;
        cur = ctx.idx.ous.get(cur)?.parent;
      }
      if (depth > ctx.limits.ouMaxDepth) {
        out.push(
          problem(
            ctx,
            'error',
            'ou-depth',
            ['organizationalUnits', i, 'parent'],
            `OU '${ou.id}' is nested ${depth} levels deep; AWS allows ${ctx.limits.ouMaxDepth}`,
          ),
        );
      }
    });
    const names = new Map<string, string>();
    for (const [i, ou] of ctx.bp.organizationalUnits.entries()) {
      const key = `${ou.parent ?? ROOT_OU}/${ou.name.toLowerCase()}`;
      const other = names.get(key);
      if (other)
        out.push(
          problem(
            ctx,
            'error',
            'duplicate-ou-name',
            ['organizationalUnits', i, 'name'],
            `OU name '${ou.name}' is already used by '${other}' under the same parent`,
          ),
        );
      else names.set(key, ou.id);
    }
    return out;
  },
};

/** Every region-valued field with its path. */
function regionFields(ctx: ValidationContext): { region: string; path: DocPath }[] {
  const { bp } = ctx;
  const out: { region: string; path: DocPath }[] = [
    { region: bp.organization.homeRegion, path: ['organization', 'homeRegion'] },
  ];
  const list = (rs: unknown, path: DocPath) => {
    if (Array.isArray(rs))
      rs.forEach((r, i) => out.push({ region: String(r), path: [...path, i] }));
  };
  list(bp.organization.governedRegions, ['organization', 'governedRegions']);
  if (bp.logging)
    out.push({
      region: bp.logging.config.aggregator.region,
      path: ['logging', 'config', 'aggregator', 'region'],
    });
  if (bp.security?.securityHub?.aggregationRegion) {
    out.push({
      region: bp.security.securityHub.aggregationRegion,
      path: ['security', 'securityHub', 'aggregationRegion'],
    });
  }
  for (const svc of REGIONAL_SECURITY_SERVICES) {
    list(bp.security?.[svc]?.regions, ['security', svc, 'regions']);
  }
  bp.keys.forEach((k, i) => {
    list(k.regions, ['keys', i, 'regions']);
  });
  for (const { sel, path } of collectSelectors(bp)) {
    list(sel.regions, [...path, 'regions']);
    list(sel.excludeRegions, [...path, 'excludeRegions']);
  }
  return out;
}

const regions: Validator = {
  id: 'regions',
  description: 'every region exists in the partition; the home region is governed',
  run(ctx) {
    const out: Diagnostic[] = [];
    const partition = ctx.bp.organization.partition ?? 'aws';
    for (const { region, path } of regionFields(ctx)) {
      if (!isKnownRegion(region, partition)) {
        out.push(
          problem(
            ctx,
            'error',
            'unknown-region',
            path,
            `unknown region '${region}' in partition ${partition}`,
          ),
        );
      }
    }
    const governed = new Set(ctx.bp.organization.governedRegions);
    if (!governed.has(ctx.bp.organization.homeRegion)) {
      out.push(
        problem(
          ctx,
          'error',
          'home-not-governed',
          ['organization', 'homeRegion'],
          `home region '${ctx.bp.organization.homeRegion}' is not in governedRegions`,
        ),
      );
    }
    for (const { region, path } of regionFields(ctx).slice(1)) {
      if (path[0] !== 'organization' && isKnownRegion(region, partition) && !governed.has(region)) {
        out.push(
          problem(
            ctx,
            'warning',
            'ungoverned-region',
            path,
            `region '${region}' is not governed; a region-deny guardrail would block it`,
          ),
        );
      }
    }
    return out;
  },
};

/** Structural validators, in the order they run. */
export const STRUCTURE_VALIDATORS: readonly Validator[] = [
  uniqueIds,
  uniqueAccountAttributes,
  accountRoles,
  references,
  ouTree,
  regions,
];
