import { readFileSync } from 'node:fs';
import { createJiti } from 'jiti';
import type { Diagnostic, SourcePosition } from '../../core/diagnostics.js';
import { lineIndex } from '../../core/positions.js';
import type { DocPath } from './source-map.js';

/** A blueprint module's default export, plus a locator into its source text. */
export interface LoadedModule {
  value: unknown;
  diagnostics: Diagnostic[];
  locate: (path: DocPath) => SourcePosition | undefined;
}

/**
 * Loads `export default defineBlueprint({...})` from a .ts/.js file through jiti (no
 * build step). Objects built in code have no positions, so problems are placed at the
 * nearest enclosing entity's `id` literal in the source, which is where a reader looks.
 */
export async function loadModule(abs: string, display: string): Promise<LoadedModule> {
  const fallback = { file: display, line: 1, col: 1 };
  let text = '';
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return {
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'file-unreadable',
          message: `cannot read ${display}: file not found`,
          at: fallback,
        },
      ],
      locate: () => fallback,
    };
  }
  let value: unknown;
  try {
    const jiti = createJiti(import.meta.url, { moduleCache: false, fsCache: false });
    value = await jiti.import(abs, { default: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      value: undefined,
      diagnostics: [
        {
          severity: 'error',
          code: 'module-error',
          message: `cannot load ${display}: ${msg ?? ''}`,
          at: fallback,
        },
      ],
      locate: () => fallback,
    };
  }
  const posOf = lineIndex(text, display);
  const locate = (path: DocPath): SourcePosition => {
    // Find the innermost entity (object with an id) on the path, and the path below it.
    let node: unknown = value;
    let entity: string | undefined;
    let below: DocPath = path;
    path.forEach((seg, i) => {
      if (node === null || typeof node !== 'object') return;
      const id = (node as Record<string, unknown>).id;
      if (typeof id === 'string') {
        entity = id;
        below = path.slice(i);
      }
      node = (node as Record<string | number, unknown>)[seg];
    });
    if (node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') {
      entity = (node as { id: string }).id;
      below = [];
    }
    if (entity === undefined) return fallback;
    const m = new RegExp(`\\bid\\s*:\\s*['"\`]${escapeRegExp(entity)}['"\`]`).exec(text);
    if (!m) return fallback;
    // Then the first key of the remaining path, if it follows before the next entity.
    const key = below.find((seg): seg is string => typeof seg === 'string');
    if (key !== undefined) {
      const rest = text.slice(m.index + m[0].length);
      const next = /\bid\s*:/.exec(rest)?.index ?? rest.length;
      const k = new RegExp(`\\b${escapeRegExp(key)}\\s*:`).exec(rest);
      if (k && k.index < next) return posOf(m.index + m[0].length + k.index);
    }
    return posOf(m.index);
  };
  return { value, diagnostics: [], locate };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
