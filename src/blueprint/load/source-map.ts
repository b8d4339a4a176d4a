import type { SourcePosition } from '../../core/diagnostics.js';

/** A path into a loaded document: object keys and array indexes. */
export type DocPath = readonly (string | number)[];

/** Key of a path: each segment prefixed by NUL, so a child key is `parent + NUL + seg`. */
export function keyOf(path: DocPath): string {
  let k = '';
  for (const seg of path) k += `\u0000${String(seg)}`;
  return k;
}

/** Key of the child `seg` of the path whose key is `parent`. */
export function childKey(parent: string, seg: string | number): string {
  return `${parent}\u0000${String(seg)}`;
}

/**
 * Where every value (and every object key) of a loaded document came from. Includes
 * make one document span several files, so each entry carries its own file.
 */
export class SourceMap {
  private readonly values = new Map<string, SourcePosition>();
  private readonly keys = new Map<string, SourcePosition>();

  /** Record the position of the value whose path key (see {@link keyOf}) is `key`. */
  setValue(key: string, pos: SourcePosition): void {
    this.values.set(key, pos);
  }

  /** Record the position of the object key naming the member whose path key is `key`. */
  setKey(key: string, pos: SourcePosition): void {
    this.keys.set(key, pos);
  }

  /** Position of the value at `path`, or of its nearest located ancestor. */
  locate(path: DocPath): SourcePosition | undefined {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.values.get(keyOf(path.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  }

  /** Position of the key naming `path` (falls back to the value, then ancestors). */
  locateKey(path: DocPath): SourcePosition | undefined {
    return this.keys.get(keyOf(path)) ?? this.locate(path);
  }
}
