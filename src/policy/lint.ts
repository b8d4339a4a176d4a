/**
 * lintPolicy: the grammar and catalog checks of one policy document, by policy kind. It is
 * synchronous and pure apart from the (cached) IAM catalog, and works the same for a JSON
 * file (positions from parsePolicyText) and a document embedded in a blueprint (positions
 * from the blueprint loader's locator).
 */
import { DEFAULT_LIMITS } from '../blueprint/limits.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { iamCatalog, type IamCatalog } from './catalog.js';
import { checkActions } from './rules/actions.js';
import { checkConditions } from './rules/conditions.js';
import { makeContext, type LintContext } from './rules/context.js';
import { checkDocument, checkStatementShape } from './rules/document.js';
import { checkPrincipals } from './rules/principal.js';
import { checkResources } from './rules/resources.js';
import { policySize } from './size.js';
import type { JsonPath, LintOptions } from './types.js';
import { isCyclic } from './util.js';

/**
 * Lint one policy document. `doc` is the parsed value (anything: non-objects are reported,
 * never thrown on). Diagnostics carry `code`, `path` and, with `opts.locate`, `at`.
 */
export function lintPolicy(
  doc: unknown,
  opts: LintOptions,
  catalog: IamCatalog = iamCatalog(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = makeContext(opts.kind, catalog, opts.locate, out);
  // YAML aliases can make a document contain itself; no JSON text can, so AWS could never
  // receive it. The rules below only look a few levels deep, so they still run.
  const cyclic = isCyclic(doc);
  if (cyclic) {
    ctx.report(
      'policy-cyclic',
      [],
      'the document is cyclic: a value contains itself (through a YAML alias?), so it has no JSON form',
      'write the repeated part out instead of referring to an enclosing value',
    );
  }
  const statements = checkDocument(ctx, doc);
  const sids = new Map<string, JsonPath>();
  for (const [s, path] of statements) {
    checkStatementShape(ctx, s, path, sids);
    checkActions(ctx, s, path);
    checkResources(ctx, s, path);
    checkPrincipals(ctx, s, path);
    checkConditions(ctx, s, path);
  }
  if (opts.text !== undefined || !cyclic) checkSize(ctx, doc, opts);
  return out;
}

/** Compact JSON of `doc`, or undefined when it has none (too deeply nested, a BigInt). */
function compactJson(doc: unknown): string | undefined {
  try {
    const json: unknown = JSON.stringify(doc);
    return typeof json === 'string' ? json : '';
  } catch {
    return undefined;
  }
}

function checkSize(ctx: LintContext, doc: unknown, opts: LintOptions): void {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  // Without the original text (a document embedded in YAML), measure what synth writes:
  // compact JSON. A document without a JSON form has other diagnostics; skip the size.
  const text = opts.text ?? compactJson(doc);
  if (text === undefined) return;
  const size = policySize(text, opts.kind);
  const limit =
    opts.inline === true && opts.kind === 'identity' ? 'roleInlinePolicyMaxSize' : size.limit;
  const max = limits[limit];
  if (size.size <= max) return;
  const how = ctx.rules.whitespaceCounts
    ? 'characters, whitespace included'
    : 'characters, whitespace excluded';
  const hint =
    ctx.rules.whitespaceCounts && size.minified <= max
      ? `minified it is ${size.minified} characters, which fits: remove the whitespace outside strings`
      : ctx.rules.whitespaceCounts
        ? `even minified it is ${size.minified} characters: split it into several policies`
        : 'split it into several policies';
  ctx.report(
    'policy-size',
    [],
    `the ${ctx.rules.label} is ${size.size} ${how}; the limit is ${max} (${limit})`,
    hint,
  );
}
