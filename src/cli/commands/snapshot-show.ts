/**
 * `orgward snapshot show <snap> [--format json] [-o <file>]`: what a snapshot holds and
 * lacks. Reading it validates it, so this is also the way to check a snapshot file.
 */
import { EXIT } from '../../core/errors.js';
import { readSnapshot } from '../../snapshot/io.js';
import { renderSnapshotSummary, summarizeSnapshot } from '../../snapshot/summary.js';
import { emit, parseFormat, toJson } from '../io.js';

/** Run the command; returns the exit code. */
export async function run(
  file: string,
  opts: { format: string; output?: string },
): Promise<number> {
  const format = parseFormat(opts.format);
  const summary = summarizeSnapshot(await readSnapshot(file));
  emit(
    format === 'json' ? toJson({ file, ...summary }) : renderSnapshotSummary(file, summary),
    opts.output,
  );
  return EXIT.ok;
}
