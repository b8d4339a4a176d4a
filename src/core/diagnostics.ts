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

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
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
