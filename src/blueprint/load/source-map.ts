import type { SourcePosition } from '../../core/diagnostics.js';

/** A path into a loaded document: object keys and array indexes. */
export type DocPath = readonly (string | number)[];

function keyOf(path: DocPath): string {
  return path.join('\u0000');
}

/**
 * Where every value (and every object key) of a loaded document came from. Includes
 * make one document span several files, so each entry carries its own file.
 */
export class SourceMap {
  private readonly values = new Map<string, SourcePosition>();
  private readonly keys = new Map<string, SourcePosition>();

  /** Record the position of the value at `path`. */
  setValue(path: DocPath, pos: SourcePosition): void {
    this.values.set(keyOf(path), pos);
  }

  /** Record the position of the key that names the member at `path`. */
  setKey(path: DocPath, pos: SourcePosition): void {
    this.keys.set(keyOf(path), pos);
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
