import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validFixture, writeTemp } from '../../../test/helpers/blueprint.js';
import { loadBlueprint } from './index.js';

const dir = writeTemp({});
const file = join(dir, 'blueprint.yaml');
const validText = stringify(validFixture());

/** Load `text` as a blueprint; the property is that this never throws. */
async function loadText(text: string) {
  writeFileSync(file, text);
  const r = await loadBlueprint(file, { cwd: dir, today: '2026-11-23' });
  for (const d of r.diagnostics) {
    expect(['error', 'warning']).toContain(d.severity);
    // A validator that threw would show up as an internal diagnostic, not an exception.
    expect(d.code).not.toBe('internal');
    expect(d.at?.line).toBeGreaterThan(0);
    expect(typeof d.message).toBe('string');
  }
  return r;
}

/** Replace the value at a random path of the valid fixture with an arbitrary value. */
function mutateAt(bp: unknown, choice: number, replacement: unknown): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, [...p, i]);
      });
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(bp, []);
  const path = paths[choice % paths.length] ?? [];
  if (path.length === 0) return replacement;
  let parent = bp as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  parent[path[path.length - 1] ?? 0] = replacement;
  return bp;
}

describe('blueprint loading is robust to malformed input', () => {
  it('never throws on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        await loadText(s);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on a valid blueprint with a slice cut out or garbage spliced in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.nat(40),
        fc.string({ maxLength: 12 }),
        async (at, len, junk) => {
          const i = at % validText.length;
          await loadText(validText.slice(0, i) + junk + validText.slice(i + len));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws when any value is replaced by anything', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.jsonValue({ maxDepth: 3 }), async (choice, replacement) => {
        const r = await loadText(stringify(mutateAt(validFixture(), choice, replacement)));
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary YAML-shaped data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'apiVersion',
            'metadata',
            'organization',
            'accounts',
            'policies',
            'identity',
            'x',
          ),
          fc.jsonValue({ maxDepth: 3 }),
        ),
        async (obj) => {
          const r = await loadText(stringify(obj));
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});
