import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE } from './catalogue.js';
import { COLLECT_DOC, formattedCollectMarkdown } from './docs.js';

describe('docs/collect.md', () => {
  it('is the generated collection reference (regenerate: npx tsx src/collect/docs.ts)', async () => {
    expect(readFileSync(COLLECT_DOC, 'utf8')).toBe(await formattedCollectMarkdown());
  });

  it('lists every collector and operation, and the role policy', () => {
    const text = readFileSync(COLLECT_DOC, 'utf8');
    for (const e of COLLECTOR_CATALOGUE) {
      expect(text).toContain(`\`${e.id}\``);
      for (const api of e.apis) expect(text).toContain(`"${api}"`);
    }
    expect(text).toContain('"Version": "2012-10-17"');
  });
});
