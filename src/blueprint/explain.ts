import { REGIONAL_SECURITY_SERVICES } from './data/service-principals.js';
import { ROOT_OU, type BlueprintIndex } from './model.js';
import type { Account, Role } from './schema/blueprint.js';
import { selectAccounts, selectRegions, selects } from './selectors.js';

/** One node of the organization tree. */
export interface TreeNode {
  kind: 'root' | 'ou' | 'account';
  id: string;
  name: string;
  policies: string[];
  children: TreeNode[];
  role?: Account['role'];
  environment?: string;
}

/** A policy that applies to an account, and the level it is attached at. */
export interface EffectivePolicy {
  level: string;
  levelKind: 'root' | 'ou' | 'account';
  policy: string;
  type: string;
  guardrails: string[];
}

/** How a principal can reach a role in an account. */
export interface RoleAccess {
  role: string;
  name: string;
  purpose: Role['purpose'];
  from: string[];
  conditions: string[];
}

/** Everything `explain` says about one account. */
export interface AccountExplanation {
  id: string;
  name: string;
  accountId?: string;
  role: Account['role'];
  environment?: string;
  path: string[];
  scpExempt: boolean;
  policies: EffectivePolicy[];
  roles: RoleAccess[];
  identityCenter: { principal: string; permissionSet: string }[];
  logging: { configRegions: string[]; orgTrail: string | undefined };
  security: { service: string; regions: string[] }[];
}

/** The explanation of a whole blueprint. */
export interface Explanation {
  organization: string;
  tree: TreeNode;
  accounts: AccountExplanation[];
}

/** Build the tree and per-account explanation. Pure: a function of the index only. */
export function explainBlueprint(idx: BlueprintIndex, onlyAccount?: string): Explanation {
  const bp = idx.bp;
  const ids = (node: string) => (idx.attached.get(node) ?? []).map((p) => p.id);
  const build = (ouId: string, seen: Set<string>): TreeNode => {
    const ou = idx.ous.get(ouId);
    const children: TreeNode[] = [];
    for (const child of idx.childOus.get(ouId) ?? []) {
      if (!seen.has(child)) children.push(build(child, new Set([...seen, child])));
    }
    for (const a of idx.accountsInOu.get(ouId) ?? []) {
      children.push({
        kind: 'account',
        id: a.id,
        name: a.name,
        policies: ids(a.id),
        children: [],
        role: a.role,
        ...(a.environment ? { environment: a.environment } : {}),
      });
    }
    return {
      kind: ouId === ROOT_OU ? 'root' : 'ou',
      id: ouId,
      name: ou?.name ?? 'Root',
      policies: ids(ouId),
      children,
    };
  };
  const accounts = bp.accounts.filter(
    (a) => onlyAccount === undefined || matchesAccount(a, onlyAccount),
  );
  return {
    organization: bp.metadata.name,
    tree: build(ROOT_OU, new Set([ROOT_OU])),
    accounts: accounts.map((a) => explainAccount(idx, a)),
  };
}

function matchesAccount(a: Account, key: string): boolean {
  return a.id === key || a.name === key || a.accountId === key;
}

function explainAccount(idx: BlueprintIndex, a: Account): AccountExplanation {
  const bp = idx.bp;
  const path = idx.pathOf(a.id);
  const policies: EffectivePolicy[] = [];
  for (const node of [...path, a.id]) {
    for (const p of idx.attached.get(node) ?? []) {
      policies.push({
        level: node,
        levelKind: node === ROOT_OU ? 'root' : node === a.id ? 'account' : 'ou',
        policy: p.id,
        type: p.type,
        guardrails: p.guardrails?.map((g) => g.id) ?? [],
      });
    }
  }
  const roles: RoleAccess[] = bp.identity.roles
    .filter((r) => selects(idx, r.targets, a.id))
    .map((r) => ({
      role: r.id,
      name: `${r.path}${r.name}`,
      purpose: r.purpose,
      from: r.trust.map((t) => {
        if (t.account)
          return `account ${t.account}${t.roleName ? ` role ${t.roleName}` : ' (any principal its IAM allows)'}`;
        if (t.role) {
          const source = bp.identity.roles.find((x) => x.id === t.role);
          const where = source ? selectAccounts(idx, source.targets).map((x) => x.id) : [];
          return `role ${source ? `${source.path}${source.name}` : t.role}${where.length ? ` in ${where.length > 3 ? `${where.length} accounts` : where.join(', ')}` : ''}`;
        }
        if (t.accountId)
          return `external account ${t.accountId}${t.roleName ? ` role ${t.roleName}` : ''}`;
        if (t.service) return `service ${t.service}`;
        if (t.samlProvider) return `SAML provider ${t.samlProvider}`;
        if (t.oidc) return `OIDC ${t.oidc.provider} (${t.oidc.subjects.join(', ')})`;
        return 'nothing';
      }),
      conditions: [
        ...(r.requireMfa ? ['MFA'] : []),
        ...(r.externalId ? ['ExternalId'] : []),
        ...(r.requireOrganization && r.trust.some((t) => t.account || t.role)
          ? ['aws:PrincipalOrgID']
          : []),
        `max session ${r.maxSessionDuration / 3600}h`,
      ],
    }));
  const ic = bp.identity.identityCenter;
  const identityCenter =
    ic?.assignments
      .filter((x) => selects(idx, x.targets, a.id))
      .map((x) => ({
        principal: x.group ? `group ${x.group}` : `user ${x.user ?? ''}`,
        permissionSet: x.permissionSet,
      })) ?? [];
  const rec = bp.logging?.config.recorder;
  const configRegions =
    rec && selects(idx, rec.targets, a.id) ? selectRegions(idx, rec.targets) : [];
  const security: { service: string; regions: string[] }[] = [];
  const sec = bp.security;
  const regionsOf = (r: 'governed' | string[]) =>
    r === 'governed' ? bp.organization.governedRegions : r;
  if (sec) {
    for (const svc of REGIONAL_SECURITY_SERVICES) {
      const s = sec[svc];
      if (s && ('enabled' in s ? s.enabled : true))
        security.push({ service: svc, regions: regionsOf(s.regions) });
    }
  }
  return {
    id: a.id,
    name: a.name,
    ...(a.accountId ? { accountId: a.accountId } : {}),
    role: a.role,
    ...(a.environment ? { environment: a.environment } : {}),
    path,
    scpExempt: a.id === bp.organization.managementAccount,
    policies,
    roles,
    identityCenter,
    logging: { configRegions, orgTrail: bp.logging?.organizationTrail.name },
    security,
  };
}

/** Render the organization tree as indented text, policies in brackets. */
export function renderTree(e: Explanation): string[] {
  const lines: string[] = [];
  const walk = (n: TreeNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const pol = n.policies.length ? `  [${n.policies.join(', ')}]` : '';
    const label =
      n.kind === 'account'
        ? `${n.name} (${n.id}, ${n.role ?? ''}${n.environment ? `, ${n.environment}` : ''})`
        : n.kind === 'root'
          ? 'Root'
          : `${n.name}/ (${n.id})`;
    lines.push(`${pad}${label}${pol}`);
    for (const c of n.children) walk(c, depth + 1);
  };
  walk(e.tree, 0);
  return lines;
}

/** Render the explanation as indented text. */
export function renderExplanation(e: Explanation): string {
  const lines: string[] = [`Organization ${e.organization}`, '', ...renderTree(e)];
  for (const a of e.accounts) {
    lines.push(
      '',
      `Account ${a.name} (${a.id}${a.accountId ? `, ${a.accountId}` : ''}): ${a.role}${a.environment ? `, ${a.environment}` : ''}`,
    );
    lines.push(`  path: ${[...a.path, a.id].join(' / ')}`);
    if (a.scpExempt)
      lines.push('  guardrails: none apply (SCPs and RCPs do not restrict the management account)');
    else if (a.policies.length === 0) lines.push('  guardrails: none');
    else {
      lines.push('  guardrails (inherited, root first):');
      for (const p of a.policies) {
        const g = p.guardrails.length ? `: ${p.guardrails.join(', ')}` : '';
        lines.push(
          `    ${p.type.toUpperCase()} ${p.policy} from ${p.levelKind === 'root' ? 'root' : `${p.levelKind} ${p.level}`}${g}`,
        );
      }
    }
    if (a.roles.length) {
      lines.push('  roles and who can reach them:');
      for (const r of a.roles)
        lines.push(
          `    ${r.name} (${r.purpose}) <- ${r.from.join('; ')} [${r.conditions.join(', ')}]`,
        );
    }
    if (a.identityCenter.length) {
      lines.push('  Identity Center:');
      for (const x of a.identityCenter) lines.push(`    ${x.principal} -> ${x.permissionSet}`);
    }
    lines.push(
      `  logging: trail ${a.logging.orgTrail ?? 'none'}; Config in ${a.logging.configRegions.join(', ') || 'no region'}`,
    );
    if (a.security.length)
      lines.push(
        `  security: ${a.security.map((s) => `${s.service} (${s.regions.length} regions)`).join(', ')}`,
      );
  }
  return lines.join('\n');
}
