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
    let node: unknown = value;
    let best: string | undefined;
    for (const seg of path) {
      if (node === null || typeof node !== 'object') break;
      const id = (node as Record<string, unknown>).id;
      if (typeof id === 'string') best = id;
      node = (node as Record<string | number, unknown>)[seg];
    }
    if (node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string') {
      best = (node as { id: string }).id;
    }
    if (best === undefined) return fallback;
    const m = new RegExp(`id\\s*:\\s*['"\`]${best.replace(/[-]/g, '\\-')}['"\`]`).exec(text);
    return m ? posOf(m.index) : fallback;
  };
  return { value, diagnostics: [], locate };
}
