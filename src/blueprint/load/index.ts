import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { sortDiagnostics, type Diagnostic, type SourcePosition } from '../../core/diagnostics.js';
import { resolveLimits } from '../limits.js';
import { indexBlueprint, type BlueprintIndex } from '../model.js';
import type { Blueprint } from '../schema/blueprint.js';
import type { ValidationContext } from '../validate/context.js';
import { resolvePolicies, type ResolvedPolicy } from '../validate/policies-resolve.js';
import { runValidators } from '../validate/semantic.js';
import { isEcho, parseWithRepair } from './repair.js';
import type { Locator } from './schema-errors.js';
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
  const { blueprint } = repaired;
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
  // A consequence of a schema problem already reported is not a second mistake.
  const semantic = runValidators(ctx).filter((d) => !isEcho(d, repaired));
  diagnostics.push(...semantic);
  for (const rp of resolved.policies)
    if (rp.source === 'file' && rp.policy.file)
      files.push(relative(cwd, resolve(dir, rp.policy.file)));
  return done(blueprint, index, resolved.policies);
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
