import { mkdirSync, writeFileSync } from 'node:fs';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';
import { InputError } from '../core/errors.js';
import { describeFsError } from '../core/fs-errors.js';

/** Output format accepted by data-producing commands. */
export type Format = 'text' | 'json';

/** Parse and check a --format value. */
export function parseFormat(value: string | undefined): Format {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new InputError(`unknown --format '${value}' (expected text or json)`);
}

/** Write command output to `-o <file>` or stdout. */
export function emit(text: string, outFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outFile) writeOutput(outFile, body);
  else process.stdout.write(body);
}

/**
 * Write a file the user named (-o, --out). A path that cannot be written is bad input
 * (exit 2 naming the path), not an internal error.
 */
export function writeOutput(file: string, body: string | Uint8Array): void {
  try {
    writeFileSync(file, body);
  } catch (e) {
    throw new InputError(`cannot write ${file}: ${describeFsError(e, 'write')}`);
  }
}

/** Create a folder the user named, or fail as bad input. */
export function makeOutputDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create folder ${dir}: ${describeFsError(e, 'write')}`);
  }
}

/** Print diagnostics to stderr, sorted, one per line. */
export function printDiagnostics(ds: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(ds)) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** A JSON document of the CLI contract (`schemaVersion: 1`). */
export function toJson(body: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, ...body }, null, 2);
}
