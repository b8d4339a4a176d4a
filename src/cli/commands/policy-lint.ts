/**
 * `orgward policy lint <files...> [--type] [--format] [-o]`: parse and lint policy JSON
 * files. Text goes to stderr as `file:line:col: severity: message`; JSON
 * (`{schemaVersion, files: [{file, size, diagnostics}]}`) to stdout or `-o`. Exit 2 when any
 * error (including an unreadable file), else 0.
 */
import { readFileSync } from 'node:fs';
import {
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from '../../core/diagnostics.js';
import { EXIT, InputError } from '../../core/errors.js';
import { describeFsError } from '../../core/fs-errors.js';
import { lintPolicy } from '../../policy/lint.js';
import { parsePolicyText } from '../../policy/parse.js';
import { policySize } from '../../policy/size.js';
import { POLICY_KINDS, type PolicyKind } from '../../policy/types.js';
import { emit, parseFormat, toJson } from '../io.js';

/** The report for one file. */
export interface FileReport {
  file: string;
  /** Size as AWS counts it for the policy type; null when the file could not be read. */
  size: number | null;
  diagnostics: Diagnostic[];
}

/** Options as commander passes them. */
export interface PolicyLintOptions {
  type: string;
  format: string;
  output?: string;
}

function readError(file: string, err: unknown): Diagnostic {
  const why = describeFsError(err, 'read');
  return {
    severity: 'error',
    code: 'file-unreadable',
    message: `cannot read policy file '${file}': ${why}`,
  };
}

/** Lint one file. */
export function lintFile(file: string, kind: PolicyKind): FileReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { file, size: null, diagnostics: [readError(file, err)] };
  }
  const parsed = parsePolicyText(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.value !== undefined) {
    diagnostics.push(...lintPolicy(parsed.value, { kind, locate: parsed.locate, text }));
  }
  return { file, size: policySize(text, kind).size, diagnostics: sortDiagnostics(diagnostics) };
}

function summary(reports: readonly FileReport[]): string {
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `policy lint: ${plural(reports.length, 'file')}, ${plural(errors, 'error')}, ${plural(all.length - errors, 'warning')}`;
}

/** Run the command; returns the exit code. */
export function run(files: readonly string[], opts: PolicyLintOptions): Promise<number> {
  if (!(POLICY_KINDS as readonly string[]).includes(opts.type)) {
    throw new InputError(`unknown --type '${opts.type}' (expected ${POLICY_KINDS.join(', ')})`);
  }
  const kind = opts.type as PolicyKind;
  const format = parseFormat(opts.format);
  const reports = files.map((f) => lintFile(f, kind));
  if (format === 'json') {
    emit(toJson({ files: reports }), opts.output);
  } else {
    const lines = reports.flatMap((r) => r.diagnostics.map(formatDiagnostic));
    lines.push(summary(reports));
    if (opts.output) emit(lines.join('\n'), opts.output);
    else process.stderr.write(`${lines.join('\n')}\n`);
  }
  const failed = reports.some((r) => hasErrors(r.diagnostics));
  return Promise.resolve(failed ? EXIT.badInput : EXIT.ok);
}
