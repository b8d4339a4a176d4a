/**
 * Diagnostics: the one shape every validator in orgward reports problems in, printed as
 * `file:line:col: error: message` (or `warning:`), with an optional hint line.
 */

/** A 1-based position in a source file. */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** One problem found in user input. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `unknown-key`, `dangling-ref`, `scp-size`. */
  code: string;
  message: string;
  /** Where it is; absent when the problem has no single place (rare). */
  at?: SourcePosition;
  /** Path of the value inside the document, e.g. `accounts[3].ou`. */
  path?: string;
  hint?: string;
}

/** Format a path array as `a.b[3].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/** Render one diagnostic as the CLI prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.at ? `${d.at.file}:${d.at.line}:${d.at.col}: ` : '';
  const path = d.path && !d.at ? `${d.path}: ` : '';
  const hint = d.hint ? `\n  hint: ${d.hint}` : '';
  return `${where}${d.severity}: ${path}${d.message}${hint}`;
}

/** Sort by file, line, column, then errors before warnings; stable otherwise. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const fa = a.at?.file ?? '';
    const fb = b.at?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.at?.line ?? 0;
    const lb = b.at?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.at?.col ?? 0;
    const cb = b.at?.col ?? 0;
    if (ca !== cb) return ca - cb;
    return a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1;
  });
}

/** True when any diagnostic is an error. */
export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/**
 * Edit distance counting an adjacent transposition as one edit (optimal string
 * alignment), since swapped letters are the commonest typo in keys: `emial`, `tpye`.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The closest candidate within a small edit distance, for a hint. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lw, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestD <= limit ? best : undefined;
}
