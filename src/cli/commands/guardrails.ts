/**
 * `orgward guardrails list|show`: the built-in guardrail library, as a table or JSON, and
 * the policy document one guardrail generates with given parameters.
 */
import { didYouMean, type Diagnostic } from '../../core/diagnostics.js';
import { InputError } from '../../core/errors.js';
import { describeParams } from '../../guardrails/describe.js';
import { toPolicyDocument } from '../../guardrails/document.js';
import { EXAMPLE_CONTEXT_NOTE, exampleContext } from '../../guardrails/example-context.js';
import { getGuardrail, listGuardrails, renderGuardrails } from '../../guardrails/registry.js';
import type { FrameworkMap } from '../../guardrails/types.js';
import { emit, parseFormat, toJson } from '../io.js';

/** `orgward guardrails list`: every guardrail with its parameters and frameworks. */
export function list(opts: { format: string }): number {
  const format = parseFormat(opts.format);
  const guardrails = listGuardrails();
  if (format === 'json') {
    emit(
      toJson({
        guardrails: guardrails.map((g) => ({
          id: g.id,
          type: g.policyType,
          title: g.title,
          description: g.description,
          parameters: describeParams(g),
          frameworks: g.frameworks,
        })),
      }),
    );
    return 0;
  }
  const rows = guardrails.map((g) => [
    g.id,
    g.policyType.toUpperCase(),
    g.title,
    describeParams(g)
      .map((p) => p.name)
      .join(', ') || '-',
    frameworksText(g.frameworks) || '-',
  ]);
  emit(table(['ID', 'TYPE', 'TITLE', 'PARAMETERS', 'FRAMEWORKS'], rows));
  return 0;
}

/**
 * `orgward guardrails show <id> [--with <json>]`: the policy document the guardrail
 * renders, with an example organization standing in for the blueprint's context.
 */
export function show(id: string, opts: { with?: string }): number {
  const g = getGuardrail(id);
  if (!g) {
    const near = didYouMean(
      id,
      listGuardrails().map((x) => x.id),
    );
    throw new InputError(
      `unknown guardrail '${id}'${near ? `; did you mean '${near}'?` : ''} (orgward guardrails list shows them all)`,
    );
  }
  const params = parseWith(opts.with);
  const result = renderGuardrails([{ id, with: params }], exampleContext(), {
    policyType: g.policyType,
  });
  if (result.diagnostics.length > 0) {
    // The messages already name the parameter (`with.allowedRegions[0]`), so no `path`.
    const diagnostics: Diagnostic[] = result.diagnostics.map((d) => ({
      severity: 'error',
      code: 'guardrail-params',
      message: d.message,
      ...(d.hint !== undefined ? { hint: d.hint } : {}),
    }));
    const n = diagnostics.length;
    throw new InputError(
      `--with: ${n} problem${n === 1 ? '' : 's'} with the parameters of '${id}'`,
      diagnostics,
    );
  }
  // stderr, so that stdout stays a policy document that can be piped or saved.
  process.stderr.write(`${EXAMPLE_CONTEXT_NOTE}\n`);
  emit(JSON.stringify(toPolicyDocument(result.statements), null, 2));
  return 0;
}

function parseWith(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(`--with is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(
      `--with must be a JSON object of parameters, e.g. '{"allowedRegions":["eu-west-1"]}'`,
    );
  }
  return value as Record<string, unknown>;
}

function frameworksText(f: FrameworkMap): string {
  return Object.entries(f)
    .map(([k, ids]) => `${k} ${ids.join(' ')}`)
    .join('; ');
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}
