/**
 * Reading one AWS CLI output file: JSON as the CLI prints it, either one output object or
 * a JSON array of page objects (what a `--no-paginate` / `--starting-token` loop collects),
 * validated page by page against the command's shape. Problems become an InputError with
 * `file:line:col: error: <JSON path>: <what is wrong>`.
 */
import { describeFsError } from '../../core/fs-errors.js';
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import type { Diagnostic } from '../../core/diagnostics.js';
import { InputError } from '../../core/errors.js';
import {
  diag,
  issueDiagnostics,
  lazyLocator,
  parseJson,
  problems,
  stripBom,
  type JsonLocator,
  type JsonPath,
} from '../json.js';

/** Diagnostic code of every import problem about a file's content. */
export const SHAPE_CODE = 'aws-cli-shape';

/** A CLI output file, read and checked. */
export interface CliOutput<T> {
  file: string;
  /** The pages (one when the file holds a single output object). */
  pages: T[];
  /** Whether the file held an array of pages (paths then start with the page index). */
  paged: boolean;
  /** Positions in the file, for problems found after parsing. */
  locate: JsonLocator;
  /** Modification time (ISO 8601): the best estimate of when the AWS CLI ran. */
  mtime: string;
}

/** What to read: the command that printed it and the page shape. */
export interface CliCommand<S extends z.ZodType> {
  /** The AWS CLI command, e.g. `aws organizations list-roots`. */
  command: string;
  schema: S;
  /** Top-level keys of which at least one must be present, to recognise the output. */
  keys: readonly string[];
}

/** The JSON path of `rest` inside page `i` of a file. */
export function pagePath(out: { paged: boolean }, i: number, ...rest: JsonPath): JsonPath {
  return out.paged ? [i, ...rest] : rest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Read the text of an input file, or throw an InputError naming it. */
export async function readInputText(file: string): Promise<{ text: string; mtime: string }> {
  try {
    const [text, st] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { text, mtime: st.mtime.toISOString() };
  } catch (err) {
    const why = describeFsError(err, 'read');
    throw new InputError(`cannot read '${file}': ${why}`);
  }
}

/** Read, parse and check one CLI output file. */
export async function readCliOutput<S extends z.ZodType>(
  file: string,
  cmd: CliCommand<S>,
): Promise<CliOutput<z.output<S>>> {
  const { text, mtime } = await readInputText(file);
  const value = parseJson(text, file);
  const locate = lazyLocator(stripBom(text), file);
  const paged = Array.isArray(value);
  const raw: unknown[] = paged ? value : [value];
  const diagnostics: Diagnostic[] = [];
  const pages: z.output<S>[] = [];
  const ctx = { code: SHAPE_CODE, locate };
  const expected = `the output of \`${cmd.command}\` (an object with ${cmd.keys.join(' or ')})`;
  if (paged && raw.length === 0) {
    diagnostics.push(diag(ctx, [], `an empty array: expected ${expected}, or pages of it`));
  }
  raw.forEach((page, i) => {
    const at = paged ? [i] : [];
    if (!isObject(page)) {
      diagnostics.push(diag(ctx, at, `expected ${expected}, got ${kindOf(page)}`));
      return;
    }
    if (!cmd.keys.some((k) => k in page)) {
      const found = Object.keys(page).slice(0, 4).join(', ');
      diagnostics.push(
        diag(ctx, at, `not ${expected}: it has ${found ? `keys ${found}` : 'no keys'}`),
      );
      return;
    }
    const r = cmd.schema.safeParse(page);
    if (r.success) pages.push(r.data);
    else {
      diagnostics.push(
        ...issueDiagnostics(r.error.issues, {
          file,
          value: page,
          locate,
          code: SHAPE_CODE,
          prefix: at,
        }),
      );
    }
  });
  if (diagnostics.length > 0) {
    throw new InputError(
      `${file}: not \`${cmd.command}\` output as the AWS CLI prints it (${problems(diagnostics.length)})`,
      diagnostics,
    );
  }
  return { file, pages, paged, locate, mtime };
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return `a ${typeof v}`;
}
