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
    // Follow the path through the source text: each key as `key:` after the previous
    // match, each list item by its `id: '...'` literal. Good enough for the object
    // literals blueprints are written as; it stops at the last step it can find.
    let pos = 0;
    let hit = -1;
    let node: unknown = value;
    for (const seg of path) {
      const item =
        node !== null && typeof node === 'object'
          ? (node as Record<string | number, unknown>)[seg]
          : undefined;
      let re: RegExp | undefined;
      if (typeof seg === 'string')
        re = new RegExp(`(?:^|[^\\w$])['"]?${escapeRegExp(seg)}['"]?\\s*:`, 'g');
      else {
        const id =
          item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
        if (typeof id === 'string')
          re = new RegExp(`\\bid\\s*:\\s*['"\`]${escapeRegExp(id)}['"\`]`, 'g');
      }
      if (!re) break;
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m) break;
      // Skip the one delimiter character the pattern may have matched before the key.
      hit = m.index + (/^[^\w$'"]/.test(m[0]) ? 1 : 0);
      pos = m.index + m[0].length;
      node = item;
    }
    return hit >= 0 ? posOf(hit) : fallback;
  };
  return { value, diagnostics: [], locate };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
