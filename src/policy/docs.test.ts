import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formattedPolicyRulesMarkdown, POLICY_RULES_DOC } from './docs.js';
import { listRules } from './rules/registry.js';

describe('docs/policy-rules.md', () => {
  it('is the generated rule reference (regenerate: npx tsx src/policy/docs.ts)', async () => {
    expect(readFileSync(POLICY_RULES_DOC, 'utf8')).toBe(await formattedPolicyRulesMarkdown());
  });

  it('lists every rule', () => {
    const text = readFileSync(POLICY_RULES_DOC, 'utf8');
    for (const r of listRules()) expect(text).toContain(`\`${r.code}\``);
  });
});
