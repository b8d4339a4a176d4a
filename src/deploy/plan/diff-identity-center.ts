/**
 * IAM Identity Center: permission sets (matched by name) and account assignments. The
 * snapshot names assignment principals by identity-store id, which the blueprint does not
 * know, so assignments compare as the number of distinct principals of each type per
 * permission set and account.
 */
import { selectAccounts } from '../../blueprint/selectors.js';
import type { IdentityCenterSnapshot } from '../../snapshot/types.js';
import { compared, type DiffContext } from './context.js';
import {
  capped,
  andList,
  count,
  emptyResult,
  shortList,
  untaggedSentence,
  type DiffResult,
} from './draft.js';
import { diffStatements, statementsDiffer } from './statements.js';

type LivePermissionSet = IdentityCenterSnapshot['permissionSets'][number];
type BpPermissionSet = NonNullable<
  DiffContext['idx']['bp']['identity']['identityCenter']
>['permissionSets'][number];

/** Diff permission sets and assignments. */
export function diffIdentityCenter(ctx: DiffContext): DiffResult {
  const out = emptyResult();
  const ic = ctx.idx.bp.identity.identityCenter;
  if (!ic) return out;
  const gap = ctx.coverage.identityCenter('permissionSets');
  if (gap) {
    out.warnings.push(`Identity Center not compared (${gap})`);
    return out;
  }
  const live = ctx.snapshot.identityCenter;
  if (!live)
    out.warnings.push(
      'the organization has no IAM Identity Center instance: enable it before permission sets and assignments can deploy',
    );
  const liveSets = new Map((live?.permissionSets ?? []).map((p) => [p.name, p]));
  const wantedNames = new Set(ic.permissionSets.map((p) => p.name));
  for (const ps of ic.permissionSets) {
    const entity = `permission-set:${ps.id}`;
    const current = liveSets.get(ps.name);
    if (!current) {
      out.changes.push({
        kind: 'create',
        entity,
        summary: `permission set ${ps.id} is created`,
        details: [`name ${ps.name}`, `session ${ps.sessionDuration}`],
        destructive: false,
      });
      continue;
    }
    const clauses = permissionSetClauses(current, ps);
    if (clauses.length)
      out.changes.push({
        kind: 'update',
        entity,
        summary: `permission set ${ps.id} ${andList(clauses)}`,
        details: [],
        destructive: clauses.some((c) => c.startsWith('loses')),
      });
  }
  for (const p of live?.permissionSets ?? [])
    if (!wantedNames.has(p.name))
      out.changes.push({
        kind: 'retain',
        entity: `permission-set:${p.name}`,
        summary: untaggedSentence(`permission set ${p.name}`),
        details: [p.arn],
        destructive: false,
      });
  const assignmentGap = ctx.coverage.identityCenter('assignments');
  if (assignmentGap)
    out.warnings.push(`Identity Center assignments not compared (${assignmentGap})`);
  else diffAssignments(ctx, live, out);
  return out;
}

function short(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function permissionSetClauses(live: LivePermissionSet, ps: BpPermissionSet): string[] {
  const clauses: string[] = [];
  if ((live.description ?? '') !== (ps.description ?? '')) clauses.push('changes its description');
  const session = live.sessionDuration ?? 'PT1H';
  if (session !== ps.sessionDuration)
    clauses.push(`changes its session duration from ${session} to ${ps.sessionDuration}`);
  const setDiff = (noun: string, had: readonly string[], want: readonly string[]) => {
    const a = new Set(had);
    const b = new Set(want);
    const gained = [...b].filter((x) => !a.has(x));
    const lost = [...a].filter((x) => !b.has(x));
    if (gained.length) clauses.push(`gains ${noun} ${gained.map(short).join(', ')}`);
    if (lost.length) clauses.push(`loses ${noun} ${lost.map(short).join(', ')}`);
  };
  setDiff('managed policy', live.managedPolicies, ps.awsManagedPolicies ?? []);
  const cm = (list: readonly { name: string; path?: string | undefined }[]) =>
    list.map((c) => `${c.path ?? '/'}${c.name}`);
  setDiff(
    'customer managed policy',
    cm(live.customerManagedPolicies),
    cm(ps.customerManagedPolicies ?? []),
  );
  if (live.inlinePolicy && !ps.inlinePolicy) clauses.push('loses its inline policy');
  else if (!live.inlinePolicy && ps.inlinePolicy) clauses.push('gains an inline policy');
  else if (live.inlinePolicy && ps.inlinePolicy) {
    const d = diffStatements(live.inlinePolicy, ps.inlinePolicy);
    if (statementsDiffer(d)) clauses.push('changes its inline policy');
  }
  if ((live.permissionsBoundary?.managedPolicyArn ?? '') !== (ps.permissionsBoundary ?? ''))
    clauses.push('changes its permissions boundary');
  return clauses;
}

function diffAssignments(
  ctx: DiffContext,
  live: IdentityCenterSnapshot | undefined,
  out: DiffResult,
): void {
  const { idx, match } = ctx;
  const ic = idx.bp.identity.identityCenter;
  if (!ic) return;
  const psName = new Map(ic.permissionSets.map((p) => [p.id, p.name]));
  const psIdByName = new Map(ic.permissionSets.map((p) => [p.name, p.id]));
  const accountName = (id: string) => match.accountBp.get(id) ?? id;
  // (permission set name | account id | principal type) -> principals wanted / present.
  const wanted = new Map<string, { principals: Set<string>; assignments: Set<number> }>();
  ic.assignments.forEach((as, n) => {
    const name = psName.get(as.permissionSet);
    if (name === undefined) return;
    const type = as.group !== undefined ? 'GROUP' : 'USER';
    const principal = as.group ?? as.user ?? '';
    for (const a of selectAccounts(idx, as.targets)) {
      const accountId = compared(a) ? match.accountIdOf(a.id) : undefined;
      // A new account gets its assignments when it is created.
      if (accountId === undefined || !match.live?.accounts.has(accountId)) continue;
      const key = `${name}|${accountId}|${type}`;
      const entry = wanted.get(key) ?? { principals: new Set(), assignments: new Set() };
      entry.principals.add(principal);
      entry.assignments.add(n);
      wanted.set(key, entry);
    }
  });
  const arnToName = new Map((live?.permissionSets ?? []).map((p) => [p.arn, p.name]));
  const present = new Map<string, Set<string>>();
  for (const as of live?.assignments ?? []) {
    const name = arnToName.get(as.permissionSetArn) ?? as.permissionSetArn;
    const key = `${name}|${as.accountId}|${as.principalType}`;
    present.set(key, (present.get(key) ?? new Set()).add(as.principalId));
  }
  const missingBy = new Map<number, string[]>();
  for (const [key, w] of wanted) {
    if ((present.get(key)?.size ?? 0) >= w.principals.size) continue;
    const accountId = key.split('|')[1] ?? '';
    for (const n of w.assignments)
      missingBy.set(n, [...(missingBy.get(n) ?? []), accountName(accountId)]);
  }
  for (const [n, accounts] of [...missingBy].sort(([a], [b]) => a - b)) {
    const as = ic.assignments[n];
    if (!as) continue;
    const who = as.group !== undefined ? `group ${as.group}` : `user ${as.user ?? ''}`;
    out.changes.push({
      kind: 'create',
      entity: `assignment:${n}`,
      summary: `${who} gets permission set ${as.permissionSet} in ${count(accounts.length, 'account')}: ${shortList(accounts)}`,
      details: capped(accounts.map((a) => `+ ${as.permissionSet} for ${who} in ${a}`)),
      accountsAffected: accounts.length,
      destructive: false,
    });
  }
  const extraBy = new Map<string, { accounts: string[]; n: number }>();
  for (const [key, principals] of present) {
    const extra = principals.size - (wanted.get(key)?.principals.size ?? 0);
    if (extra <= 0) continue;
    const [name = '', accountId = ''] = key.split('|');
    const entry = extraBy.get(name) ?? { accounts: [], n: 0 };
    entry.accounts.push(accountName(accountId));
    entry.n += extra;
    extraBy.set(name, entry);
  }
  for (const [name, { accounts, n }] of extraBy) {
    const id = psIdByName.get(name) ?? name;
    out.changes.push({
      kind: 'retain',
      entity: `permission-set:${id}`,
      summary: `permission set ${id} has ${count(n, 'assignment')} the blueprint does not give (${shortList([...new Set(accounts)])}): left alone unless orgward deployed them (adopt them into the blueprint or remove them by hand)`,
      details: [],
      destructive: false,
    });
  }
}
