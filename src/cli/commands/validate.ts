import { loadBlueprint } from '../../blueprint/load/index.js';
import { formatDiagnostic, sortDiagnostics } from '../../core/diagnostics.js';
import { EXIT } from '../../core/errors.js';
import { emit, parseFormat, printDiagnostics, toJson } from '../io.js';

/** `orgward validate <blueprint>`: exit 0 when valid, 2 with every problem listed. */
export async function run(
  file: string,
  opts: { format: string; output?: string },
): Promise<number> {
  const format = parseFormat(opts.format);
  const r = await loadBlueprint(file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = r.diagnostics.length - errors;
  if (format === 'json') {
    emit(
      toJson({
        file: r.file,
        valid: r.ok,
        errors,
        warnings,
        files: r.files,
        diagnostics: r.diagnostics,
      }),
      opts.output,
    );
  } else {
    const summary = r.ok
      ? `${r.file}: valid (${r.blueprint?.accounts.length ?? 0} accounts, ${r.blueprint?.organizationalUnits.length ?? 0} OUs, ${r.blueprint?.policies.length ?? 0} policies${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''})`
      : `${r.file}: ${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`;
    if (opts.output) {
      // The report file holds everything the terminal would show.
      emit(
        [...sortDiagnostics(r.diagnostics).map(formatDiagnostic), summary].join('\n'),
        opts.output,
      );
    } else {
      printDiagnostics(r.diagnostics);
      process.stderr.write(`${summary}\n`);
    }
  }
  return r.ok ? EXIT.ok : EXIT.badInput;
}
