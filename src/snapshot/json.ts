/**
 * JSON input with positions, shared by the snapshot reader and `snapshot import`: parse
 * fast with `JSON.parse`, and only when something is wrong re-read the text with
 * jsonc-parser to say where (`file:line:col`). Schema problems (zod issues) become
 * diagnostics that name the JSON path of the offending value.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { formatPath, type Diagnostic, type SourcePosition } from '../core/diagnostics.js';
import { InputError } from '../core/errors.js';
import { lineIndex, valueAt } from '../core/positions.js';

/** A path inside a JSON document. */
export type JsonPath = readonly (string | number)[];

/** Finds the position of the value at a path (of its key, for object members). */
export type JsonLocator = (path: JsonPath) => SourcePosition | undefined;

/** At most this many problems are listed for one file; the rest are counted. */
export const MAX_DIAGNOSTICS = 50;

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Remove a UTF-8 byte-order mark (an encoding artefact, not content), keeping offsets. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** A locator over `text`, built only when first asked (parsing twice costs time). */
export function lazyLocator(text: string, file: string): JsonLocator {
  let locate: JsonLocator | undefined;
  return (path) => {
    if (!locate) {
      const pos = lineIndex(text, file);
      let tree: ReturnType<typeof parseTree>;
      try {
        tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
      } catch {
        tree = undefined; // absurdly deep nesting: no positions, the path still says where
      }
      locate = (p) => {
        if (!tree) return undefined;
        for (let n = p.length; n >= 0; n--) {
          const node = findNodeAtLocation(tree, [...p.slice(0, n)]);
          if (node) return pos((node.parent?.type === 'property' ? node.parent : node).offset);
        }
        return pos(tree.offset);
      };
    }
    return locate(path);
  };
}

/** Whether a syntax error means the text stops before the document ends. */
function isTruncation(e: ParseError, text: string): boolean {
  const end = text.trimEnd().length;
  if (e.offset >= end) return true;
  // A string (or comment) still open when the text runs out.
  const name = printParseErrorCode(e.error);
  return (
    (name === 'UnexpectedEndOfString' || name === 'UnexpectedEndOfComment') &&
    e.offset + e.length >= end
  );
}

const TRUNCATED = 'the JSON ends early: the file is truncated (was the output cut off?)';

function syntaxMessage(e: ParseError): string {
  switch (printParseErrorCode(e.error)) {
    case 'InvalidCommentToken':
      return 'invalid JSON: comments are not allowed';
    case 'PropertyNameExpected':
      return 'invalid JSON: a property name in double quotes was expected here';
    case 'ValueExpected':
      return 'invalid JSON: a value was expected here';
    case 'CommaExpected':
      return 'invalid JSON: a comma was expected here';
    case 'ColonExpected':
      return 'invalid JSON: a colon was expected here';
    case 'CloseBraceExpected':
      return "invalid JSON: '}' was expected here";
    case 'CloseBracketExpected':
      return "invalid JSON: ']' was expected here";
    case 'EndOfFileExpected':
      return 'invalid JSON: unexpected content after the document (several outputs in one file? wrap the pages in a JSON array)';
    case 'UnexpectedEndOfString':
      return 'invalid JSON: unterminated string';
    default:
      return 'invalid JSON: unexpected character';
  }
}

/**
 * Parse `text` (the content of `file`) as JSON. A syntax error throws an InputError whose
 * diagnostic says where (when `positions`) and whether the file looks truncated.
 */
export function parseJson(text: string, file: string, positions = true): unknown {
  const src = stripBom(text);
  try {
    return JSON.parse(src) as unknown;
  } catch (err) {
    if (src.trim() === '') {
      throw new InputError(`${file}: the file is empty (expected a JSON document)`);
    }
    const errors: ParseError[] = [];
    try {
      parseTree(src, errors, { disallowComments: true, allowTrailingComma: false });
    } catch {
      // too deeply nested for jsonc-parser: fall back to JSON.parse's own message
    }
    const first = errors[0];
    const truncated = first !== undefined && isTruncation(first, src);
    const message = !first
      ? `invalid JSON: ${err instanceof Error ? err.message : String(err)}`
      : truncated
        ? TRUNCATED
        : syntaxMessage(first);
    const offset = truncated ? src.trimEnd().length : first?.offset;
    const at = offset !== undefined && positions ? lineIndex(src, file)(offset) : undefined;
    throw new InputError(at ? '' : `${file}: ${message}`, [
      { severity: 'error', code: 'json-syntax', message, ...(at ? { at } : {}) },
    ]);
  }
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  array: 'an array',
  tuple: 'an array',
  null: 'null',
  date: 'a timestamp',
};

/** A short description of a JSON value, for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}...` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}

/** The message (without the path) for one zod issue, given the value it was about. */
export function issueMessage(issue: z.core.$ZodIssue, actual: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return actual === undefined
        ? `missing: expected ${expected}`
        : `expected ${expected}, got ${describeValue(actual)}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${describeValue(actual)}`;
    case 'invalid_union':
      return `got ${describeValue(actual)}, which matches none of the accepted shapes`;
    default:
      return issue.message;
  }
}

/** Options of {@link issueDiagnostics}. */
export interface IssueContext {
  file: string;
  /** The parsed document the issues are about. */
  value: unknown;
  /** Positions, when the file is plain JSON text. */
  locate?: JsonLocator | undefined;
  /** Diagnostic code, e.g. `snapshot-schema`. */
  code: string;
  /** Prefix of every path (for a page inside an array of pages, say). */
  prefix?: JsonPath;
}

/**
 * Zod issues as diagnostics: `file:line:col: error: a.b[3].c: expected a string` when
 * positions are known, else `error: a.b[3].c: ...` (the caller's message names the file).
 */
export function issueDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  ctx: IssueContext,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const rel = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
    const path = [...(ctx.prefix ?? []), ...rel];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(diag(ctx, [...path, key], `unknown key '${key}'`));
    } else {
      out.push(diag(ctx, path, issueMessage(issue, valueAt(ctx.value, rel))));
    }
  }
  if (out.length > MAX_DIAGNOSTICS) {
    const more = out.length - MAX_DIAGNOSTICS;
    out.length = MAX_DIAGNOSTICS;
    out.push({
      severity: 'error',
      code: ctx.code,
      message: `${ctx.file}: and ${plural(more, 'more problem')}`,
    });
  }
  return out;
}

/** One located diagnostic. With a position the path goes in the message (printed form). */
export function diag(
  ctx: Pick<IssueContext, 'code' | 'locate'>,
  path: JsonPath,
  message: string,
): Diagnostic {
  const p = formatPath(path);
  const at = ctx.locate?.(path);
  return at
    ? { severity: 'error', code: ctx.code, message: p ? `${p}: ${message}` : message, at, path: p }
    : { severity: 'error', code: ctx.code, message, path: p };
}

/** Count problems as prose: `1 problem`, `3 problems`. */
export function problems(n: number): string {
  return plural(n, 'problem');
}
