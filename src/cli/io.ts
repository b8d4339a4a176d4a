import { writeFileSync } from 'node:fs';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from '../core/diagnostics.js';

/** Output format accepted by data-producing commands. */
export type Format = 'text' | 'json';

/** Parse and check a --format value. */
export function parseFormat(value: string | undefined): Format {
  if (value === undefined || value === 'text' || value === 'json') return value ?? 'text';
  throw new Error(`unknown --format '${value}' (expected text or json)`);
}

/** Write command output to `-o <file>` or stdout. */
export function emit(text: string, outFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outFile) writeFileSync(outFile, body);
  else process.stdout.write(body);
}

/** Print diagnostics to stderr, sorted, one per line. */
export function printDiagnostics(ds: readonly Diagnostic[]): void {
  for (const d of sortDiagnostics(ds)) process.stderr.write(`${formatDiagnostic(d)}\n`);
}

/** A JSON document of the CLI contract (`schemaVersion: 1`). */
export function toJson(body: Record<string, unknown>): string {
  return JSON.stringify({ schemaVersion: 1, ...body }, null, 2);
}
