/**
 * Synthesis: every registered builder turns the blueprint into deployment units; this
 * module finishes them (identity outputs, content hash), enforces CloudFormation's
 * limits, applies the deployment strategy and builds the manifest.
 */
import type { BlueprintIndex } from '../blueprint/model.js';
import type { ResolvedPolicy } from '../blueprint/validate/policies-resolve.js';
import { InputError } from '../core/errors.js';
import { contentHash, serializeTemplate, type CfnTemplate } from './cfn.js';
import { synthContext, type SynthContext } from './context.js';
import { BUILDERS, GAPS } from './registry.js';
import type { Manifest, ManifestEntry, StackUnit, Unit } from './types.js';

/** Output names every orgward template carries, read back by collect and deploy. */
export const UNIT_OUTPUT = 'OrgwardUnit';
export const HASH_OUTPUT = 'OrgwardHash';

/** The result of synthesis. */
export interface SynthResult {
  units: Unit[];
  manifest: Manifest;
  /** Unit id -> serialized template (what is written and deployed). */
  bodies: Map<string, string>;
}

/** What synth needs from a loaded, valid blueprint. */
export interface SynthInput {
  index: BlueprintIndex;
  /** Resolved organization policy documents (`LoadedBlueprint.policies`). */
  policies: readonly ResolvedPolicy[];
}

/** Synthesize the blueprint. Deterministic: the same blueprint gives the same bytes. */
export function synthesize(input: SynthInput): SynthResult {
  const docs = new Map<string, Record<string, unknown>>();
  for (const p of input.policies) if (p.document) docs.set(p.policy.id, p.document);
  const ctx = synthContext(input.index, docs);
  let units = BUILDERS.flatMap((b) => b.build(ctx));
  // Everything else runs in accounts the organization units create, with delegated
  // administrators they register: make that order explicit in the manifest.
  const orgUnits = units.filter((u) => u.concern === 'organization').map((u) => u.id);
  for (const u of units)
    if (u.concern !== 'organization')
      u.dependsOn = [...new Set([...u.dependsOn, ...orgUnits])].sort();
  if (ctx.bp.deployment.strategy === 'stacks') units = units.flatMap(asStacks);
  const ids = new Set<string>();
  for (const u of units) {
    if (ids.has(u.id)) throw new Error(`two synth units share the id ${u.id}`);
    ids.add(u.id);
  }
  const bodies = new Map<string, string>();
  const entries: ManifestEntry[] = [];
  for (const u of units) {
    const hash = finish(u);
    const body = serializeTemplate(u.template);
    checkLimits(ctx, u, body);
    bodies.set(u.id, body);
    entries.push(manifestEntry(ctx, u, hash, body));
  }
  const manifest: Manifest = {
    schemaVersion: 1,
    kind: 'orgward-manifest',
    blueprint: { name: ctx.bp.metadata.name, version: ctx.bp.metadata.version },
    blueprintHash: contentHash(ctx.bp),
    stackPrefix: ctx.prefix,
    managementAccount: ctx.management,
    homeRegion: ctx.homeRegion,
    strategy: ctx.bp.deployment.strategy,
    units: entries,
    gaps: GAPS.map((g) => ({ ...g })),
  };
  return { units, manifest, bodies };
}

/** Stack or StackSet name of a unit. */
export function unitName(prefix: string, unitId: string): string {
  return `${prefix}-${unitId}`;
}

/**
 * Hash the template (before the identity outputs, which carry the hash), then add the
 * outputs that let collect and deploy recognise what is deployed where.
 */
function finish(u: Unit): string {
  const hash = contentHash({ template: u.template, parameters: u.parameters });
  u.template.Outputs = {
    ...(u.template.Outputs ?? {}),
    [UNIT_OUTPUT]: { Description: 'orgward deployment unit', Value: u.id },
    [HASH_OUTPUT]: { Description: 'content hash of this template', Value: hash },
  };
  return hash;
}

function checkLimits(ctx: SynthContext, u: Unit, body: string): void {
  const t: CfnTemplate = u.template;
  const over = (what: string, n: number, max: number, key: string) =>
    new InputError(
      `synth: unit ${u.id} (${u.title}) has ${n.toLocaleString('en-US')} ${what}, over CloudFormation's limit of ${max.toLocaleString('en-US')} (limits.${key}); split the targets or raise the limit if AWS raised it`,
    );
  const resources = Object.keys(t.Resources).length;
  if (resources > ctx.limits.stackMaxResources)
    throw over('resources', resources, ctx.limits.stackMaxResources, 'stackMaxResources');
  const outputs = Object.keys(t.Outputs ?? {}).length;
  if (outputs > ctx.limits.stackMaxOutputs)
    throw over('outputs', outputs, ctx.limits.stackMaxOutputs, 'stackMaxOutputs');
  const params = Object.keys(t.Parameters ?? {}).length;
  if (params > ctx.limits.stackMaxParameters)
    throw over('parameters', params, ctx.limits.stackMaxParameters, 'stackMaxParameters');
  const bytes = Buffer.byteLength(body);
  if (bytes > ctx.limits.templateMaxBytes)
    throw over('template bytes', bytes, ctx.limits.templateMaxBytes, 'templateMaxBytes');
}

function manifestEntry(ctx: SynthContext, u: Unit, hash: string, body: string): ManifestEntry {
  const accounts = u.kind === 'stack' ? [u.account] : u.accounts;
  const regions = u.kind === 'stack' ? [u.region] : u.regions;
  return {
    id: u.id,
    kind: u.kind,
    concern: u.concern,
    title: u.title,
    name: unitName(ctx.prefix, u.id),
    template: `templates/${u.id}.json`,
    hash,
    templateBytes: Buffer.byteLength(body),
    resources: Object.keys(u.template.Resources).length,
    accounts,
    accountIds: accounts.map((a) => ctx.account(a)?.accountId ?? null),
    regions,
    ...(u.kind === 'stackset' && u.ous ? { ous: u.ous } : {}),
    instances: accounts.length * regions.length,
    parameters: u.parameters,
    entities: u.entities,
    dependsOn: u.dependsOn,
    capabilities: u.capabilities,
    assets: u.assets.map((a) => ({ id: a.id, file: a.file, hash: a.hash })),
  };
}

/**
 * `deployment.strategy: stacks`: each StackSet becomes one plain stack per account and
 * Region (deployed through the account's deploy role), org-formation style.
 */
function asStacks(u: Unit): Unit[] {
  if (u.kind === 'stack') return [u];
  const out: StackUnit[] = [];
  for (const account of u.accounts)
    for (const region of u.regions)
      out.push({
        kind: 'stack',
        id: `${u.id}--${account}--${region}`,
        concern: u.concern,
        title: u.title,
        template: structuredClone(u.template),
        parameters: u.parameters,
        entities: u.entities,
        dependsOn: u.dependsOn,
        capabilities: u.capabilities,
        assets: u.assets,
        account,
        region,
      });
  return out;
}
