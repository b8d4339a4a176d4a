/**
 * Helpers for the organization unit tests: synthesize the valid fixture blueprint with
 * changes, and read units, resources, tags and IAM statements back.
 */
import { validFixture } from '../../../../test/helpers/blueprint.js';
import { contextOf, loadSynthInput } from '../../../../test/helpers/synth.js';
import type { CfnResource, CfnValue } from '../../cfn.js';
import { exportName, type SynthContext } from '../../context.js';
import type { StackUnit, Unit } from '../../types.js';
import { organizationBuilder } from '../organization.js';

export type Data = Record<string, unknown> & {
  organization: Record<string, unknown>;
  organizationalUnits: Record<string, unknown>[];
  accounts: Record<string, unknown>[];
  policies: Record<string, unknown>[];
};

/** The valid fixture (2 Regions, 3 OUs, 4 accounts, one root SCP), changed by `edit`. */
export async function synth(
  edit: (bp: Data) => void = () => undefined,
): Promise<{ ctx: SynthContext; units: Unit[] }> {
  const bp = validFixture() as Data;
  edit(bp);
  const ctx = contextOf(await loadSynthInput(bp));
  return { ctx, units: organizationBuilder.build(ctx) };
}

export function unit(units: Unit[], id: string): StackUnit {
  const u = units.find((x) => x.id === id);
  if (u?.kind !== 'stack')
    throw new Error(`no stack unit ${id} in ${units.map((x) => x.id).join(', ')}`);
  return u;
}

export function resource(u: Unit, id: string): CfnResource {
  const r = u.template.Resources[id];
  if (!r)
    throw new Error(
      `no resource ${id} in ${u.id}: ${Object.keys(u.template.Resources).join(', ')}`,
    );
  return r;
}

export const props = (r: CfnResource): Record<string, CfnValue> => r.Properties ?? {};
export const imp = (kind: 'ou' | 'account', id: string, prefix = 'orgward') => ({
  'Fn::ImportValue': exportName(prefix, kind, id),
});
export const tagsOf = (r: CfnResource) =>
  Object.fromEntries(
    (props(r).Tags as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
  );
export const ofType = (u: Unit, type: string) =>
  Object.entries(u.template.Resources).filter(([, r]) => r.Type === type);
/** Every IAM statement of the units' custom resource roles. */
export const statements = (u: Unit) =>
  ofType(u, 'AWS::IAM::Role').flatMap(([, r]) =>
    (props(r).Policies as { PolicyDocument: { Statement: Record<string, CfnValue>[] } }[]).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );

