import { readFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Diagnostic, SourcePosition } from '../../core/diagnostics.js';
import { childKey, SourceMap } from './source-map.js';

/** Result of reading a YAML (or JSON) blueprint and everything it includes. */
export interface LoadedYaml {
  value: unknown;
  map: SourceMap;
  diagnostics: Diagnostic[];
  /** Every file read, the entry file first. */
  files: string[];
}

interface FileCtx {
  file: string;
  display: string;
  doc: Document;
  lines: LineCounter;
  /** Index of this file in the source map. */
  index: number;
  /** Anchor name -> anchored nodes in document order, built on first use. */
  anchors?: Map<string, { offset: number; node: YamlNode }[]>;
}

/**
 * The node an alias refers to: the last node with that anchor before the alias. yaml's own
 * `Alias.resolve` walks the whole document for every alias, which is quadratic on large
 * blueprints with many aliases; one walk per file is enough.
 */
function resolveAlias(ctx: FileCtx, name: string, offset: number): YamlNode | undefined {
  if (!ctx.anchors) {
    const anchors = new Map<string, { offset: number; node: YamlNode }[]>();
    visit(ctx.doc, {
      Node(_key, node) {
        if (node.anchor) {
          const list = anchors.get(node.anchor) ?? [];
          list.push({ offset: node.range?.[0] ?? 0, node });
          anchors.set(node.anchor, list);
        }
      },
    });
    ctx.anchors = anchors;
  }
  let found: YamlNode | undefined;
  for (const a of ctx.anchors.get(name) ?? []) if (a.offset < offset) found = a.node;
  return found;
}

const INCLUDE_TAG = '!include';
const MAX_INCLUDE_DEPTH = 16;
/**
 * Values produced through aliases, at most. Aliases of aliases grow exponentially
 * ("billion laughs"); real blueprints stay far below this.
 */
const MAX_ALIASED_VALUES = 100_000;

/**
 * Reads a YAML blueprint into plain data while recording the position of every value
 * and key, so validation can report `file:line:col`. `!include path.yaml` may stand for
 * any value; inside a list, an included list is spliced in, so one concern per file
 * (`accounts: [!include accounts/prod.yaml, ...]`) reads naturally.
 */
export function loadYamlWithPositions(entry: string, cwd = process.cwd()): LoadedYaml {
  const map = new SourceMap();
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  const display = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel.startsWith('..') ? abs : rel;
  };

  const readFile = (abs: string, at: SourcePosition | undefined): FileCtx | undefined => {
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(e);
      diagnostics.push({
        severity: 'error',
        code: at ? 'include-missing' : 'file-unreadable',
        message: `cannot read ${display(abs)}: ${reason}`,
        ...(at ? { at } : { at: { file: display(abs), line: 1, col: 1 } }),
      });
      return undefined;
    }
    files.push(display(abs));
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      prettyErrors: false,
      uniqueKeys: true,
      customTags: [{ tag: INCLUDE_TAG, resolve: (s: string) => s }],
    });
    const shown = display(abs);
    const index = map.addFile((offset) => {
      const p = lines.linePos(offset);
      return { file: shown, line: p.line, col: p.col };
    });
    const ctx: FileCtx = { file: abs, display: shown, doc, lines, index };
    const problems = [
      ...doc.errors.map((e) => ({ e, severity: 'error' as const, code: 'yaml-syntax' })),
      ...doc.warnings.map((e) => ({ e, severity: 'warning' as const, code: 'yaml-warning' })),
    ];
    for (const { e, severity, code } of problems) {
      const p = lines.linePos(e.pos[0]);
      // yaml reports runaway recursion as a bare stack overflow; say what it means.
      const message = /call stack/i.test(e.message)
        ? 'the document is nested too deeply'
        : firstLine(e.message);
      diagnostics.push({
        severity,
        code,
        message,
        at: { file: ctx.display, line: p.line, col: p.col },
      });
    }
    return ctx;
  };

  const pos = (ctx: FileCtx, node: YamlNode | null | undefined): SourcePosition => {
    const offset = node?.range?.[0] ?? 0;
    const p = ctx.lines.linePos(offset);
    return { file: ctx.display, line: p.line, col: p.col };
  };

  /** Opens an included file; the caller converts its root where it belongs. */
  const openInclude = (ctx: FileCtx, node: YamlNode, target: string, stack: string[]) => {
    const at = pos(ctx, node);
    const abs = resolve(dirname(ctx.file), target);
    const fail = (code: string, message: string): undefined => {
      diagnostics.push({ severity: 'error', code, message, at });
    };
    if (stack.includes(abs)) {
      fail('include-cycle', `include cycle: ${[...stack, abs].map(display).join(' -> ')}`);
      return undefined;
    }
    if (stack.length >= MAX_INCLUDE_DEPTH) {
      fail('include-depth', 'includes nested too deeply');
      return undefined;
    }
    if (!['.yaml', '.yml', '.json'].includes(extname(abs).toLowerCase())) {
      fail('include-type', `can only include .yaml, .yml or .json files, not '${target}'`);
      return undefined;
    }
    const inner = readFile(abs, at);
    if (!inner || inner.doc.errors.length > 0) return undefined;
    return { inner, root: inner.doc.contents as unknown, stack: [...stack, abs] };
  };

  // `key` is the path key (see keyOf) of the value; building it incrementally keeps this
  // walk linear in the document size.
  let aliased = 0;
  let aliasDepth = 0;
  const convert = (ctx: FileCtx, node: unknown, key: string, stack: string[]): unknown => {
    if (node === null || node === undefined) return null;
    const n = node as YamlNode;
    map.setValue(key, ctx.index, n.range?.[0] ?? 0);
    // Every value produced through an alias counts: nested aliases grow exponentially.
    if (aliasDepth > 0 && ++aliased > MAX_ALIASED_VALUES) {
      if (aliased === MAX_ALIASED_VALUES + 1) {
        diagnostics.push({
          severity: 'error',
          code: 'yaml-alias',
          message: `aliases expand to more than ${MAX_ALIASED_VALUES} values; the rest are left out`,
          at: pos(ctx, n),
        });
      }
      return null;
    }
    if (isAlias(n)) {
      const target = resolveAlias(ctx, n.source, n.range?.[0] ?? 0);
      if (!target) {
        diagnostics.push({
          severity: 'error',
          code: 'yaml-alias',
          message: `unknown alias *${n.source}`,
          at: pos(ctx, n),
        });
        return null;
      }
      aliasDepth++;
      try {
        return convert(ctx, target, key, stack);
      } finally {
        aliasDepth--;
      }
    }
    if (isScalar(n)) {
      if (n.tag !== INCLUDE_TAG) return n.value;
      const inc = openInclude(ctx, n, String(n.value), stack);
      return inc ? convert(inc.inner, inc.root, key, inc.stack) : null;
    }
    if (isSeq(n)) {
      const out: unknown[] = [];
      for (const item of n.items) {
        const itemNode = item as YamlNode;
        if (isScalar(itemNode) && itemNode.tag === INCLUDE_TAG) {
          // An included list is spliced in; anything else becomes one item.
          const inc = openInclude(ctx, itemNode, String(itemNode.value), stack);
          if (!inc) continue;
          const items = isSeq(inc.root) ? inc.root.items : [inc.root];
          for (const child of items)
            out.push(convert(inc.inner, child, childKey(key, out.length), inc.stack));
          continue;
        }
        out.push(convert(ctx, itemNode, childKey(key, out.length), stack));
      }
      return out;
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        if (name === '<<') {
          // YAML merge key: copy the referenced mapping(s) without overriding local keys.
          const merged = convert(ctx, pair.value, key, stack);
          const sources = Array.isArray(merged) ? merged : [merged];
          for (const src of sources as unknown[]) {
            if (src && typeof src === 'object' && !Array.isArray(src)) {
              for (const [k, v] of Object.entries(src)) if (!(k in out)) out[k] = v;
            }
          }
          continue;
        }
        const k = childKey(key, name);
        const keyOffset = keyNode?.range?.[0] ?? 0;
        map.setKey(k, ctx.index, keyOffset);
        out[name] = pair.value === null ? null : convert(ctx, pair.value, k, stack);
        if (pair.value === null) map.setValue(k, ctx.index, keyOffset);
      }
      return out;
    }
    return null;
  };

  const abs = resolve(cwd, entry);
  const root = readFile(abs, undefined);
  if (!root) return { value: undefined, map, diagnostics, files };
  const value =
    root.doc.errors.length > 0 ? undefined : convert(root, root.doc.contents, '', [abs]);
  return { value, map, diagnostics, files };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
