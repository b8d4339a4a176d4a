import type { z } from 'zod';
import { didYouMean, formatPath, type Diagnostic } from '../../core/diagnostics.js';
import { valueAt } from '../../core/positions.js';
import { BlueprintSchema, type Blueprint } from '../schema/blueprint.js';
import type { RefKind } from '../schema/common.js';
import { schemaDiagnostics, type Locator } from './schema-errors.js';
import { objectShapeAt, placeholderFor, schemaAt } from './schema-walk.js';
import type { DocPath } from './source-map.js';

const MAX_REPAIR_ROUNDS = 4;

/** Entity lists and the reference kind of their ids, to excuse references to removed ones. */
const ENTITY_LISTS: readonly { path: string; kind: RefKind }[] = [
  { path: 'organizationalUnits', kind: 'ou' },
  { path: 'accounts', kind: 'account' },
  { path: 'policies', kind: 'policy' },
  { path: 'identity.roles', kind: 'role' },
  { path: 'identity.identityCenter.groups', kind: 'group' },
  { path: 'identity.identityCenter.permissionSets', kind: 'permission-set' },
  { path: 'keys', kind: 'kms-key' },
  { path: 'alerting.channels', kind: 'channel' },
  { path: 'controls', kind: 'control' },
  { path: 'response', kind: 'playbook' },
  { path: 'invariants', kind: 'invariant' },
];

/** What the repair set aside, so the semantic checks do not report it a second time. */
export interface Repaired {
  blueprint: Blueprint | undefined;
  /** Maps a path in the repaired value back to the path in the file. */
  translate: (p: DocPath) => DocPath;
  /** Paths (formatted) that hold a placeholder: problems there were already reported. */
  placeholders: Set<string>;
  /** Removed entities, as `kind:id`, with the entity itself. */
  removed: Map<string, Record<string, unknown>>;
}

/**
 * Parse against the schema, reporting every problem once. To still run the semantic
 * checks, repair what the problems point at and parse again: a misspelt key is read as
 * the key it was meant to be; a bad value is replaced by a placeholder its field accepts;
 * failing that, the list item holding it is removed. Removed items shift indexes, so every
 * object remembers its original path and `translate` maps repaired paths back.
 */
export function parseWithRepair(
  raw: object,
  diagnostics: Diagnostic[],
  map: Locator,
  file: string,
): Repaired {
  const origin = new WeakMap<object, DocPath>();
  tag(raw, [], origin);
  const state: Repaired = {
    blueprint: undefined,
    translate: (p) => p,
    placeholders: new Set(),
    removed: new Map(),
  };
  let value: unknown = raw;
  state.translate = (path) => translatePath(value, path, origin);
  const translated: Locator = {
    locate: (p) => map.locate(state.translate(p)),
    locateKey: (p) => map.locateKey(state.translate(p)),
  };
  // Paths renamed from a misspelt key: their values are checked for the first time later.
  const renamed: string[] = [];
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const parsed = BlueprintSchema.safeParse(value);
    if (parsed.success) {
      state.blueprint = parsed.data;
      return state;
    }
    const fresh =
      round === 0
        ? parsed.error.issues
        : parsed.error.issues.filter((i) =>
            renamed.some((r) => formatPath(pathOf(i)).startsWith(r)),
          );
    diagnostics.push(...schemaDiagnostics(BlueprintSchema, value, fresh, translated, file));
    const next = repair(value, parsed.error.issues, round, state, origin, renamed);
    if (next === undefined) break;
    value = next;
  }
  return state;
}

function pathOf(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((s): s is string | number => typeof s !== 'symbol');
}

function translatePath(value: unknown, path: DocPath, origin: WeakMap<object, DocPath>): DocPath {
  let node: unknown = value;
  let base: DocPath = [];
  let rest: (string | number)[] = [];
  for (const seg of path) {
    if (node !== null && typeof node === 'object') {
      const o = origin.get(node);
      if (o) {
        base = o;
        rest = [];
      }
      node = (node as Record<string | number, unknown>)[seg];
    } else node = undefined;
    rest.push(seg);
  }
  const o = node !== null && typeof node === 'object' ? origin.get(node) : undefined;
  return o ?? [...base, ...rest];
}

function tag(v: unknown, path: DocPath, origin: WeakMap<object, DocPath>): void {
  if (v === null || typeof v !== 'object') return;
  origin.set(v, path);
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      tag(x, [...path, i], origin);
    });
  } else for (const [k, x] of Object.entries(v)) tag(x, [...path, k], origin);
}

/** Deep copy that keeps each object's original path. */
function cloneTracked(v: unknown, origin: WeakMap<object, DocPath>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const copy: unknown = Array.isArray(v)
    ? v.map((x) => cloneTracked(x, origin))
    : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneTracked(x, origin)]));
  const o = origin.get(v);
  if (o) origin.set(copy as object, o);
  return copy;
}

function setAt(root: unknown, path: DocPath, v: unknown): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const last = path.at(-1);
  if (parent === null || typeof parent !== 'object' || last === undefined) return false;
  (parent as Record<string | number, unknown>)[last] = v;
  return true;
}

function repair(
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  round: number,
  state: Repaired,
  origin: WeakMap<object, DocPath>,
  renamed: string[],
): unknown {
  const clone = cloneTracked(value, origin) as Record<string, unknown>;
  const removals: (string | number)[][] = [];
  const filled = new Set<string>();
  // Unknown keys first: a rename decides whether a "missing key" issue still stands.
  const ordered = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  for (const issue of ordered) {
    const path = pathOf(issue);
    if (issue.code === 'unrecognized_keys') {
      const known = objectShapeAt(BlueprintSchema, clone, path) ?? [];
      const holder = valueAt(clone, path);
      for (const k of issue.keys) {
        const meant = didYouMean(k, known);
        if (meant && holder && typeof holder === 'object' && !(meant in holder)) {
          (holder as Record<string, unknown>)[meant] = (holder as Record<string, unknown>)[k];
          filled.add(JSON.stringify([...path, meant]));
          renamed.push(formatPath([...path, meant]));
        }
        removals.push([...path, k]);
      }
      continue;
    }
    if (filled.has(JSON.stringify(path)) || path.length === 0) continue;
    // A placeholder keeps the entity (and everything that refers to it) in play.
    const stand = round < 2 ? placeholderFor(schemaAt(BlueprintSchema, clone, path)) : undefined;
    if (stand && setAt(clone, path, stand.value)) {
      state.placeholders.add(formatPath(path));
      filled.add(JSON.stringify(path));
      continue;
    }
    const firstIndex = path.findIndex((s) => typeof s === 'number');
    removals.push(firstIndex >= 0 ? path.slice(0, firstIndex + 1) : path);
  }
  // Deepest first, and later list items before earlier ones, so indexes stay valid.
  removals.sort((a, b) => b.length - a.length || Number(b.at(-1)) - Number(a.at(-1)) || 0);
  const done = new Set<string>();
  for (const path of removals) {
    const key = JSON.stringify(path);
    if (done.has(key)) continue;
    done.add(key);
    const parent = valueAt(clone, path.slice(0, -1));
    const last = path.at(-1);
    if (parent === null || typeof parent !== 'object' || last === undefined) continue;
    const target = (parent as Record<string | number, unknown>)[last];
    const list = ENTITY_LISTS.find((l) => l.path === formatPath(path.slice(0, -1)));
    if (
      list &&
      target &&
      typeof target === 'object' &&
      'id' in target &&
      typeof target.id === 'string'
    ) {
      state.removed.set(`${list.kind}:${target.id}`, target);
    }
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else Reflect.deleteProperty(parent, String(last));
  }
  return removals.length === 0 && filled.size === 0 ? undefined : clone;
}

/**
 * Whether a semantic problem only echoes a schema problem already reported: it sits at a
 * placeholder, names an entity that was set aside, or misses an account role that a
 * set-aside account had.
 */
export function isEcho(d: Diagnostic, r: Repaired): boolean {
  if (
    d.path &&
    [...r.placeholders].some(
      (p) => d.path === p || d.path?.startsWith(`${p}.`) || d.path?.startsWith(`${p}[`),
    )
  ) {
    return true;
  }
  if (d.code === 'dangling-ref') {
    const m = /^unknown ([a-z-]+) '([^']+)'$/.exec(d.message);
    if (m && r.removed.has(`${m[1] ?? ''}:${m[2] ?? ''}`)) return true;
  }
  if (d.code === 'missing-account-role') {
    // The account whose role was unreadable may well be the one that holds it.
    if ([...r.placeholders].some((p) => /^accounts\[\d+\]\.role$/.test(p))) return true;
    for (const [key, e] of r.removed) {
      if (
        key.startsWith('account:') &&
        typeof e.role === 'string' &&
        d.message.includes(`'${e.role}'`)
      )
        return true;
    }
  }
  return false;
}
