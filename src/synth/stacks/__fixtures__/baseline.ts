/**
 * Blueprints for the baseline tests: the minimal example with a richer OU tree, and
 * helpers to look into synthesized units.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { BlueprintInput } from '../../../blueprint/schema/blueprint.js';
import type { CfnResource } from '../../cfn.js';
import type { SynthContext } from '../../context.js';
import type { Unit } from '../../types.js';
import { contextOf, EXAMPLES, loadSynthInput } from '../../../../test/helpers/synth.js';

type AccountInput = BlueprintInput['accounts'][number];

const account = (id: string, ou: string, extra: Partial<AccountInput> = {}): AccountInput => ({
  id,
  name: id,
  email: `aws-${id}@example.com`,
  ou,
  role: 'workload',
  ...extra,
});

/**
 * The minimal example with OUs security, workloads (prod, dev below it), sandbox (empty)
 * and suspended; accounts management (root), security-tooling and log-archive (security),
 * app-prod (prod), app-dev (dev), retired (suspended, role suspended).
 */
export function orgBlueprint(): BlueprintInput {
  const bp = parse(readFileSync(EXAMPLES.minimal, 'utf8')) as BlueprintInput;
  return {
    ...bp,
    organizationalUnits: [
      { id: 'security', name: 'Security' },
      { id: 'workloads', name: 'Workloads' },
      { id: 'prod', name: 'Prod', parent: 'workloads' },
      { id: 'dev', name: 'Dev', parent: 'workloads' },
      { id: 'sandbox', name: 'Sandbox' },
      { id: 'suspended', name: 'Suspended' },
    ],
    accounts: [
      account('management', 'root', { role: 'management', accountId: '111111111111' }),
      account('security-tooling', 'security', { role: 'security-tooling' }),
      account('log-archive', 'security', { role: 'log-archive', accountId: '222222222222' }),
      account('app-prod', 'prod', { environment: 'prod' }),
      account('app-dev', 'dev', { environment: 'dev' }),
      account('retired', 'suspended', { role: 'suspended' }),
    ],
  };
}

/** The synth context of a blueprint given as data. */
export async function contextFor(bp: BlueprintInput): Promise<SynthContext> {
  return contextOf(await loadSynthInput(bp));
}

/** A unit by id (fails the test when missing). */
export function unit(units: readonly Unit[], id: string): Unit {
  const u = units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id} among ${units.map((x) => x.id).join(', ')}`);
  return u;
}

/** A resource of a unit's template (fails the test when missing). */
export function resource(u: Unit, logicalId: string): CfnResource {
  const r = u.template.Resources[logicalId];
  if (!r) throw new Error(`no resource ${logicalId} in ${u.id}: ${Object.keys(u.template.Resources).join(', ')}`);
  return r;
}

/** A resource's properties (empty when it has none). */
export function props(u: Unit, logicalId: string): Record<string, unknown> {
  return resource(u, logicalId).Properties ?? {};
}
