/**
 * Small helpers shared by the policy module (parsing, lint rules, matching and the catalog),
 * kept in one place so they cannot drift apart.
 */

/** A plain object (not an array, not null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A condition value as IAM reads it: strings as they are, numbers and booleans as their
 * text; anything else (objects, lists, null) is not a value.
 */
export function scalar(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;
}

/**
 * The number syntax of Numeric condition values: optional minus, digits, optional fraction.
 * Deliberately narrower than `Number()`, which would also take `0x10`, `1e3` or `Infinity`.
 */
export const NUMBER_RE = /^-?\d+(\.\d+)?$/;

/**
 * Whether `value` contains a reference cycle (an object that contains itself, which YAML
 * aliases can produce). Shared references without a cycle are fine. Iterative, so deep
 * nesting cannot overflow the stack; each object is visited once.
 */
export function isCyclic(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  // Gray: on the current path; black: fully explored.
  const gray = new Set<object>();
  const black = new Set<object>();
  const stack: { node: object; children: Iterator<unknown> }[] = [];
  const enter = (node: object): void => {
    gray.add(node);
    stack.push({ node, children: Object.values(node)[Symbol.iterator]() });
  };
  enter(value);
  for (let top = stack.at(-1); top; top = stack.at(-1)) {
    const next = top.children.next();
    if (next.done === true) {
      gray.delete(top.node);
      black.add(top.node);
      stack.pop();
      continue;
    }
    const child = next.value;
    if (typeof child !== 'object' || child === null || black.has(child)) continue;
    if (gray.has(child)) return true;
    enter(child);
  }
  return false;
}
