/**
 * Table-driven plan cases: edit the fixture blueprint and/or the live organization, then
 * expect exactly these semantic changes (kind and sentence, in order; nothing else).
 */
import { expect } from 'vitest';
import type { BlueprintInput } from '../../../blueprint/schema/blueprint.js';
import type { Snapshot } from '../../../snapshot/types.js';
import type { ChangeKind } from '../../types.js';
import { scenario } from './plan.js';

/** One case. */
export interface Case {
  name: string;
  bp?: (bp: BlueprintInput) => void;
  live?: (s: Snapshot) => void;
  changes: {
    kind: ChangeKind;
    summary: string;
    /** Checked when given (as are the next two). */
    units?: string[];
    accountsAffected?: number;
    destructive?: boolean;
  }[];
  /** Checked when given. */
  warnings?: string[];
}

/** Plan the case and check it. */
export async function checkCase(c: Case): Promise<void> {
  const { plan } = await scenario({
    ...(c.bp ? { bp: c.bp } : {}),
    ...(c.live ? { live: c.live } : {}),
  });
  expect(plan.changes.map((x) => ({ kind: x.kind, summary: x.summary }))).toEqual(
    c.changes.map((x) => ({ kind: x.kind, summary: x.summary })),
  );
  c.changes.forEach((want, i) => {
    const got = plan.changes[i];
    if (want.units) expect(got?.units, 'units').toEqual(want.units);
    if (want.accountsAffected !== undefined)
      expect(got?.accountsAffected, 'accounts').toBe(want.accountsAffected);
    if (want.destructive !== undefined) expect(got?.destructive, 'destructive').toBe(want.destructive);
  });
  if (c.warnings) expect(plan.warnings).toEqual(c.warnings);
}

/** The live organization of a snapshot (present in the fixtures). */
export function org(s: Snapshot): NonNullable<Snapshot['organization']> {
  if (!s.organization) throw new Error('the fixture snapshot has an organization');
  return s.organization;
}
