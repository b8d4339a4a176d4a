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
/** Turns an offset in one source file into a position. */
export type Resolver = (offset: number) => SourcePosition;

// Positions are stored as one number, file index * 2^32 + offset, and resolved to line and
// column only when asked: a large blueprint has ~100,000 values and few problems.
const FILE_STRIDE = 2 ** 32;

export class SourceMap {
  private readonly values = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly files: Resolver[] = [];

  /** Register a source file; returns the index to record positions with. */
  addFile(resolver: Resolver): number {
    this.files.push(resolver);
    return this.files.length - 1;
  }

  /** Record the offset (in file `file`) of the value whose path key (see {@link keyOf}) is `key`. */
  setValue(key: string, file: number, offset: number): void {
    this.values.set(key, file * FILE_STRIDE + offset);
  }

  /** Record the offset of the object key naming the member whose path key is `key`. */
  setKey(key: string, file: number, offset: number): void {
    this.keys.set(key, file * FILE_STRIDE + offset);
  }

  private resolve(packed: number): SourcePosition | undefined {
    const file = Math.floor(packed / FILE_STRIDE);
    return this.files[file]?.(packed - file * FILE_STRIDE);
  }

  /** Position of the value at `path`, or of its nearest located ancestor. */
  locate(path: DocPath): SourcePosition | undefined {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.values.get(keyOf(path.slice(0, n)));
      if (hit !== undefined) return this.resolve(hit);
    }
    return undefined;
  }

  /** Position of the key naming `path` (falls back to the value, then ancestors). */
  locateKey(path: DocPath): SourcePosition | undefined {
    const hit = this.keys.get(keyOf(path));
    return hit !== undefined ? this.resolve(hit) : this.locate(path);
  }
}
