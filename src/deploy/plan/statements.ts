/**
 * Statement-level diff of two policy documents: statements pair by Sid, and those without
 * one by position among the Sid-less. Statements compare by meaning (every element as a
 * sorted set; `"a"` equals `["a"]`), so reformatting or reordering actions is no change.
 */
import { normalizeStatements } from '../../policy/match.js';
import type { NormalizedStatement } from '../../policy/types.js';

/** What changed between the live and the blueprint document. */
export interface StatementDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Canonical text of a statement's meaning. */
function canonical(st: NormalizedStatement): string {
  const set = (v: readonly string[] | undefined) => (v ? [...new Set(v)].sort() : undefined);
  const principal = (p: NormalizedStatement['principal']) =>
    p === undefined || p === '*'
      ? p
      : Object.fromEntries(
          Object.keys(p)
            .sort()
            .map((k) => [k, set(p[k])]),
        );
  const condition = Object.fromEntries(
    Object.keys(st.condition)
      .sort()
      .map((op) => {
        const block = st.condition[op] ?? {};
        return [
          op,
          Object.fromEntries(
            Object.keys(block)
              .sort()
              .map((k) => [k, set(block[k])]),
          ),
        ];
      }),
  );
  return JSON.stringify([
    st.effect,
    set(st.action),
    set(st.notAction),
    set(st.resource),
    set(st.notResource),
    principal(st.principal),
    principal(st.notPrincipal),
    condition,
  ]);
}

/** Statements keyed by Sid, or `statement N` (1-based among the Sid-less). */
function keyed(doc: unknown): Map<string, string> {
  const out = new Map<string, string>();
  let position = 0;
  for (const st of normalizeStatements(doc)) {
    const key =
      st.sid !== undefined && st.sid !== '' && !out.has(st.sid)
        ? st.sid
        : `statement ${++position}`;
    out.set(key, canonical(st));
  }
  return out;
}

/** Diff the live document against the blueprint's. */
export function diffStatements(live: unknown, wanted: unknown): StatementDiff {
  const a = keyed(live);
  const b = keyed(wanted);
  const diff: StatementDiff = { added: [], removed: [], changed: [] };
  for (const [k, v] of b) {
    const old = a.get(k);
    if (old === undefined) diff.added.push(k);
    else if (old !== v) diff.changed.push(k);
  }
  for (const k of a.keys()) if (!b.has(k)) diff.removed.push(k);
  return diff;
}

/** Whether two documents differ in meaning. */
export function statementsDiffer(d: StatementDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length > 0;
}
