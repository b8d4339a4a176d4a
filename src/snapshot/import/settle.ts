/**
 * Run file reads with bounded concurrency and report every bad file at once: the
 * InputErrors of all items are combined into one, so a user fixes a folder in one pass.
 */
import type { Diagnostic } from '../../core/diagnostics.js';
import { InputError } from '../../core/errors.js';

/** Files read at once (well under the usual open-file limit). */
const CONCURRENCY = 32;

/** Several input files have problems: every one is listed. */
export class InputFilesError extends InputError {
  constructor(
    readonly failed: number,
    diagnostics: readonly Diagnostic[],
  ) {
    super(
      `${failed} input file${failed === 1 ? ' has' : 's have'} problems; no snapshot was written`,
      diagnostics,
    );
  }
}

/** The diagnostics of an InputError, with its message unless they all name their file. */
export function diagnosticsOf(err: InputError): Diagnostic[] {
  if (err.diagnostics.length === 0) {
    return [{ severity: 'error', code: 'bad-input-file', message: err.message }];
  }
  // Located diagnostics name their file already; the summary line would only repeat it.
  if (!err.message || err.diagnostics.every((d) => d.at)) return [...err.diagnostics];
  return [...err.diagnostics, { severity: 'error', code: 'bad-input-file', message: err.message }];
}

/**
 * Map `items` through `fn`, at most {@link CONCURRENCY} at a time, keeping order. When any
 * item throws an InputError, the rest still run and one InputError listing every problem
 * is thrown at the end; any other error is rethrown as is (a bug).
 */
export async function readAll<T, R>(
  items: readonly T[],
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  // Per item, so the problems come out in input order whatever order the reads finish.
  const problems: Diagnostic[][] = [];
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (err) {
        if (err instanceof InputFilesError) {
          failed += err.failed;
          problems[i] = [...err.diagnostics];
        } else if (err instanceof InputError) {
          failed++;
          problems[i] = diagnosticsOf(err);
        } else throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  if (failed > 0) throw new InputFilesError(failed, problems.flat());
  return out;
}
