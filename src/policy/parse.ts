/**
 * Parse a policy file as strict JSON (what IAM and Organizations accept) while keeping
 * source positions, so every diagnostic can say file:line:col.
 */
import { lineIndex } from '../core/positions.js';
import {
  findNodeAtLocation,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import type { Diagnostic, SourcePosition } from '../core/diagnostics.js';
import { formatPath } from '../core/diagnostics.js';
import type { JsonPath, Locate } from './types.js';

/** Result of {@link parsePolicyText}. */
export interface ParsedPolicy {
  /** The document, absent when the text is not valid JSON. */
  value?: unknown;
  diagnostics: Diagnostic[];
  /** Position of the value at `path` (of its key, for object members). */
  locate: Locate;
}

/** Converts offsets to 1-based line/column (shared with the blueprint loader). */
export { lineIndex };

function syntaxMessage(e: ParseError, text: string): { code: string; message: string } {
  // ParseErrorCode is an ambient const enum, so switch on its printed name.
  const name = printParseErrorCode(e.error);
  switch (name) {
    case 'InvalidCommentToken':
      return {
        code: 'json-comment',
        message: 'comments are not allowed in JSON policies: IAM rejects them',
      };
    case 'PropertyNameExpected':
    case 'ValueExpected': {
      // jsonc reports a trailing comma as a missing name/value right before } or ]
      const next = text.slice(e.offset, e.offset + 1);
      const before = text.slice(0, e.offset).trimEnd().slice(-1);
      if ((next === '}' || next === ']') && before === ',') {
        return {
          code: 'json-trailing-comma',
          message: 'trailing commas are not allowed in JSON policies: IAM rejects them',
        };
      }
      return {
        code: 'json-syntax',
        message:
          name === 'ValueExpected'
            ? 'invalid JSON: a value was expected here'
            : 'invalid JSON: a property name in double quotes was expected here',
      };
    }
    case 'InvalidSymbol':
      return { code: 'json-syntax', message: 'invalid JSON: unexpected character' };
    case 'CommaExpected':
      return { code: 'json-syntax', message: 'invalid JSON: a comma was expected here' };
    case 'ColonExpected':
      return { code: 'json-syntax', message: 'invalid JSON: a colon was expected here' };
    case 'CloseBraceExpected':
      return { code: 'json-syntax', message: "invalid JSON: '}' was expected here" };
    case 'CloseBracketExpected':
      return { code: 'json-syntax', message: "invalid JSON: ']' was expected here" };
    case 'EndOfFileExpected':
      return {
        code: 'json-syntax',
        message: 'invalid JSON: unexpected content after the document',
      };
    case 'UnexpectedEndOfComment':
    case 'UnexpectedEndOfString':
      return { code: 'json-syntax', message: 'invalid JSON: unterminated string or comment' };
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return { code: 'json-syntax', message: 'invalid JSON: invalid escape sequence in a string' };
    case 'InvalidCharacter':
      return {
        code: 'json-syntax',
        message: 'invalid JSON: control character in a string (escape it, e.g. \\n)',
      };
    default:
      return { code: 'json-syntax', message: 'invalid JSON' };
  }
}

/**
 * Report keys that appear twice in one object: JSON.parse silently keeps the last. An
 * explicit stack rather than recursion, so nesting depth cannot overflow the call stack.
 */
function duplicateKeys(root: Node, pos: (o: number) => SourcePosition): Diagnostic[] {
  const out: Diagnostic[] = [];
  interface Frame {
    node: Node;
    path: JsonPath;
    /** Index of the next child to visit. */
    next: number;
    seen: Set<string>;
  }
  const frame = (node: Node, path: JsonPath): Frame => ({ node, path, next: 0, seen: new Set() });
  // Depth first, each container's children in order: diagnostics in document order.
  const stack: Frame[] = [frame(root, [])];
  for (let f = stack.at(-1); f; f = stack.at(-1)) {
    const child = f.node.children?.[f.next++];
    if (!child || (f.node.type !== 'object' && f.node.type !== 'array')) {
      stack.pop();
      continue;
    }
    if (f.node.type === 'array') {
      stack.push(frame(child, [...f.path, f.next - 1]));
      continue;
    }
    const [k, v] = child.children ?? [];
    if (k?.type !== 'string' || typeof k.value !== 'string') continue;
    const key = k.value;
    if (f.seen.has(key)) {
      out.push({
        severity: 'error',
        code: 'json-duplicate-key',
        message: `duplicate key '${key}': only one of the values would take effect`,
        at: pos(child.offset),
        path: formatPath([...f.path, key]),
      });
    }
    f.seen.add(key);
    if (v) stack.push(frame(v, [...f.path, key]));
  }
  return out;
}

/**
 * Deepest nesting the parser accepts. jsonc-parser and getNodeValue recurse once per level
 * and overflow the stack somewhere in the thousands, at a depth that varies with the JIT;
 * a fixed bound makes the outcome deterministic. Real policies nest fewer than ten levels.
 */
export const MAX_NESTING = 512;

/** Whether `text` opens more than `max` arrays/objects at once (strings skipped). */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** True for the RangeError a recursive parser throws on very deep nesting. */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError;
}

/**
 * Parse `text` (the content of `file`) as a strict JSON policy: no comments, no trailing
 * commas, no duplicate keys. Syntax problems become diagnostics; nothing throws.
 */
export function parsePolicyText(text: string, file: string): ParsedPolicy {
  // A byte-order mark is an encoding artifact, not content; blank it to keep offsets.
  const src = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const pos = lineIndex(src, file);
  const errors: ParseError[] = [];
  const diagnostics: Diagnostic[] = [];
  const tooDeep = (): ParsedPolicy => ({
    diagnostics: [
      {
        severity: 'error',
        code: 'json-syntax',
        message: `invalid policy: the JSON is nested too deeply (more than ${MAX_NESTING} levels)`,
        at: pos(0),
        path: '',
      },
    ],
    locate: () => undefined,
  });
  if (nestedDeeperThan(src, MAX_NESTING)) return tooDeep();
  let tree: Node | undefined;
  try {
    tree = parseTree(src, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
  } catch (e) {
    // jsonc-parser recurses once per nesting level; no policy is anywhere near that deep.
    if (isStackOverflow(e)) return tooDeep();
    throw e;
  }
  for (const e of errors) {
    const { code, message } = syntaxMessage(e, src);
    diagnostics.push({ severity: 'error', code, message, at: pos(e.offset), path: '' });
  }
  const locate: Locate = (path: JsonPath) => {
    if (!tree) return undefined;
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, [...path.slice(0, n)]);
      if (node) {
        const anchor = node.parent?.type === 'property' ? node.parent : node;
        return pos(anchor.offset);
      }
    }
    return pos(tree.offset);
  };
  if (!tree) {
    if (diagnostics.length === 0) {
      diagnostics.push({
        severity: 'error',
        code: 'json-syntax',
        message: 'the file is empty: a policy is a JSON object',
        at: pos(0),
        path: '',
      });
    }
    return { diagnostics, locate };
  }
  if (errors.length > 0) return { diagnostics, locate };
  diagnostics.push(...duplicateKeys(tree, pos));
  let value: unknown;
  try {
    value = getNodeValue(tree);
  } catch (e) {
    // getNodeValue recurses too, and runs out of stack before parseTree does.
    if (isStackOverflow(e)) return tooDeep();
    throw e;
  }
  return { value, diagnostics, locate };
}

/**
 * A locator for a policy embedded at `prefix` inside a larger document (a blueprint): policy
 * paths are prefixed and resolved by the enclosing document's locator.
 */
export function nestedLocator(
  outer: (path: readonly (string | number)[]) => SourcePosition | undefined,
  prefix: JsonPath,
): Locate {
  return (path) => outer([...prefix, ...path]);
}
