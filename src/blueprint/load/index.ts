import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import type { z } from 'zod';
import {
  didYouMean,
  sortDiagnostics,
  type Diagnostic,
  type SourcePosition,
} from '../../core/diagnostics.js';
import { valueAt } from '../../core/positions.js';
import { resolveLimits } from '../limits.js';
import { indexBlueprint, type BlueprintIndex } from '../model.js';
import { BlueprintSchema, type Blueprint } from '../schema/blueprint.js';
import type { ValidationContext } from '../validate/context.js';
import { resolvePolicies, type ResolvedPolicy } from '../validate/policies-resolve.js';
import { runValidators } from '../validate/semantic.js';
import { objectShapeAt, schemaDiagnostics, type Locator } from './schema-errors.js';
import type { DocPath } from './source-map.js';
import { loadModule } from './typescript.js';
import { loadYamlWithPositions } from './yaml.js';

/** A loaded and validated blueprint. `blueprint` is set whenever the schema could be satisfied. */
export interface LoadedBlueprint {
  file: string;
  blueprint: Blueprint | undefined;
  index: BlueprintIndex | undefined;
  policies: ResolvedPolicy[];
  diagnostics: Diagnostic[];
  /** Every file read (entry, includes, policy files). */
  files: string[];
  locate: (path: DocPath) => SourcePosition;
  /** True when there is no error. */
  ok: boolean;
}

/** Options for {@link loadBlueprint}; the defaults suit the CLI. */
export interface LoadOptions {
  cwd?: string;
  /** Today as YYYY-MM-DD; injected for deterministic tests. */
  today?: string;
}

const MODULE_EXTS = new Set(['.ts', '.mts', '.js', '.mjs']);
/** What `orgward validate <dir>` looks for in a folder, in this order. */
const ENTRY_NAMES = [
  'blueprint.yaml',
  'blueprint.yml',
  'blueprint.json',
  'blueprint.ts',
  'orgward.blueprint.ts',
];

/** A folder stands for the blueprint file inside it. */
function entryFile(abs: string): string {
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) return abs;
  return (
    ENTRY_NAMES.map((n) => join(abs, n)).find((f) => existsSync(f)) ??
    join(abs, ENTRY_NAMES[0] ?? '')
  );
}
const MAX_REPAIR_ROUNDS = 4;

/**
 * Load a blueprint from YAML, JSON or TypeScript, check it against the schema and every
 * semantic rule, and report all problems at once. Schema problems do not stop semantic
 * validation: the offending values are set aside and the rest is still checked.
 */
export async function loadBlueprint(
  file: string,
  opts: LoadOptions = {},
): Promise<LoadedBlueprint> {
  const cwd = opts.cwd ?? process.cwd();
  const abs = entryFile(resolve(cwd, file));
  const display = relative(cwd, abs) || abs;
  const fallback: SourcePosition = { file: display, line: 1, col: 1 };
  let raw: unknown;
  let diagnostics: Diagnostic[];
  let files: string[];
  let locate: (p: DocPath) => SourcePosition;
  let locateKey: (p: DocPath) => SourcePosition;
  if (MODULE_EXTS.has(extname(abs).toLowerCase())) {
    const m = await loadModule(abs, display);
    raw = m.value;
    diagnostics = m.diagnostics;
    files = [display];
    locate = (p) => m.locate(p) ?? fallback;
    locateKey = locate;
  } else {
    const y = loadYamlWithPositions(abs, cwd);
    raw = y.value;
    diagnostics = y.diagnostics;
    files = y.files;
    locate = (p) => y.map.locate(p) ?? fallback;
    locateKey = (p) => y.map.locateKey(p) ?? fallback;
  }
  const done = (
    blueprint: Blueprint | undefined,
    index: BlueprintIndex | undefined,
    policies: ResolvedPolicy[],
  ) => {
    const sorted = sortDiagnostics(dedupe(diagnostics));
    return {
      file: display,
      blueprint,
      index,
      policies,
      diagnostics: sorted,
      files,
      locate,
      ok: !sorted.some((d) => d.severity === 'error'),
    };
  };
  if (raw === undefined) return done(undefined, undefined, []);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push({
      severity: 'error',
      code: 'schema',
      message: 'a blueprint is a mapping with apiVersion, metadata, organization, accounts, ...',
      at: fallback,
    });
    return done(undefined, undefined, []);
  }

  const locator: Locator = { locate, locateKey };
  const repaired = parseWithRepair(raw, diagnostics, locator, display);
  const { blueprint, quarantined } = repaired;
  if (!blueprint) return done(undefined, undefined, []);
  // Semantic diagnostics use paths into the (possibly repaired) blueprint.
  const rawLocate = locate;
  const rawLocateKey = locateKey;
  locate = (p) => rawLocate(repaired.translate(p));
  locateKey = (p) => rawLocateKey(repaired.translate(p));
  const index = indexBlueprint(blueprint);
  const dir = dirname(abs);
  const resolved = resolvePolicies({ idx: index, dir, cwd, locate });
  diagnostics.push(...resolved.diagnostics);
  const ctx: ValidationContext = {
    bp: blueprint,
    idx: index,
    limits: resolveLimits(blueprint.limits),
    file: display,
    dir,
    locate,
    locateKey,
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    policies: resolved.policies,
  };
  const semantic = runValidators(ctx).filter(
    // A reference to an entity set aside for schema errors is not a second mistake.
    (d) =>
      !(d.code === 'dangling-ref' && [...quarantined].some((id) => d.message.endsWith(`'${id}'`))),
  );
  diagnostics.push(...semantic);
  for (const rp of resolved.policies)
    if (rp.source === 'file' && rp.policy.file)
      files.push(relative(cwd, resolve(dir, rp.policy.file)));
  return done(blueprint, index, resolved.policies);
}

/**
 * Parse against the schema; on failure, report the issues, remove what they point at
 * (unknown keys, bad values, and entities left invalid) and parse again, so that the
 * semantic checks still see everything else. Removed list items shift indexes, so every
 * object remembers its original path and `translate` maps repaired paths back.
 */
function parseWithRepair(
  raw: object,
  diagnostics: Diagnostic[],
  map: Locator,
  file: string,
): {
  blueprint: Blueprint | undefined;
  quarantined: Set<string>;
  translate: (p: DocPath) => DocPath;
} {
  const quarantined = new Set<string>();
  const origin = new WeakMap<object, DocPath>();
  tag(raw, [], origin);
  let value: unknown = raw;
  const translate = (path: DocPath): DocPath => {
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
  };
  const translated: Locator = {
    locate: (p) => map.locate(translate(p)),
    locateKey: (p) => map.locateKey(translate(p)),
  };
  const seen = new Set<string>();
  for (let round = 0; round < MAX_REPAIR_ROUNDS; round++) {
    const parsed = BlueprintSchema.safeParse(value);
    if (parsed.success) return { blueprint: parsed.data, quarantined, translate };
    for (const d of schemaDiagnostics(
      BlueprintSchema,
      value,
      parsed.error.issues,
      translated,
      file,
    )) {
      const key = `${d.at?.line ?? 0}:${d.at?.col ?? 0}|${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.push(d);
      }
    }
    const next = repair(value, parsed.error.issues, round, quarantined, origin);
    if (!next) break;
    value = next;
  }
  return { blueprint: undefined, quarantined, translate };
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

function repair(
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  round: number,
  quarantined: Set<string>,
  origin: WeakMap<object, DocPath>,
): unknown {
  const clone = cloneTracked(value, origin) as Record<string, unknown>;
  const removals: (string | number)[][] = [];
  const renamed = new Set<string>();
  // Unknown keys first: a rename decides whether a "missing key" issue still stands.
  const ordered = [...issues].sort(
    (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  for (const issue of ordered) {
    const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const known = objectShapeAt(BlueprintSchema, clone, path) ?? [];
      const holder = valueAt(clone, path);
      for (const k of issue.keys) {
        // A misspelt key is read as the key it was meant to be, so the value is still checked.
        const meant = didYouMean(k, known);
        if (meant && holder && typeof holder === 'object' && !(meant in holder)) {
          const h = holder as Record<string, unknown>;
          h[meant] = h[k];
          renamed.add(JSON.stringify([...path, meant]));
        }
        removals.push([...path, k]);
      }
      continue;
    }
    if (renamed.has(JSON.stringify(path))) continue;
    // First the bad value itself; if that is not enough, the whole list item holding it.
    const firstIndex = path.findIndex((s) => typeof s === 'number');
    const entity = firstIndex >= 0 ? path.slice(0, firstIndex + 1) : undefined;
    const target = round >= 1 && entity ? entity : path;
    if (target.length === 0) return undefined;
    removals.push(target);
  }
  // Deepest first, and later list items before earlier ones, so indexes stay valid.
  removals.sort((a, b) => b.length - a.length || Number(b.at(-1)) - Number(a.at(-1)) || 0);
  const done = new Set<string>();
  for (const path of removals) {
    const key = path.join('\u0000');
    if (done.has(key)) continue;
    done.add(key);
    let parent: unknown = clone;
    for (const seg of path.slice(0, -1)) {
      parent =
        parent !== null && typeof parent === 'object'
          ? (parent as Record<string | number, unknown>)[seg]
          : undefined;
    }
    const last = path.at(-1);
    if (parent === null || typeof parent !== 'object' || last === undefined) continue;
    const target = (parent as Record<string | number, unknown>)[last];
    if (target && typeof target === 'object' && 'id' in target && typeof target.id === 'string')
      quarantined.add(target.id);
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else Reflect.deleteProperty(parent, String(last));
  }
  return clone;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.at?.file ?? ''}:${d.at?.line ?? 0}:${d.at?.col ?? 0}:${d.severity}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
