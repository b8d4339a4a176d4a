import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formattedGuardrailsMarkdown, GUARDRAILS_DOC, guardrailsMarkdown } from './docs.js';
import { listGuardrails } from './registry.js';

describe('docs/guardrails.md', () => {
  it('is exactly what the registry generates (regenerate: npx tsx src/guardrails/docs.ts)', async () => {
    expect(readFileSync(GUARDRAILS_DOC, 'utf8')).toBe(
      await formattedGuardrailsMarkdown(GUARDRAILS_DOC),
    );
  });

  it('has a section for every guardrail with its parameters and frameworks', () => {
    const md = guardrailsMarkdown();
    for (const g of listGuardrails()) {
      expect(md).toContain(`## ${g.id}\n`);
      for (const ids of Object.values(g.frameworks)) for (const id of ids) expect(md).toContain(id);
    }
    expect(md).toContain('| `allowedRegions` | `string[]` | - |');
    expect(md).toContain('| `maxHopLimit` | `integer` | `2` |');
  });
});
