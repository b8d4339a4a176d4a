/**
 * The synth context (blueprint lookups every stack builder shares) and the template
 * builder (one per unit: resources, parameters resolved at deploy, outputs, entities).
 */
import { resolveLimits, type Limits } from '../blueprint/limits.js';
import { ROOT_OU, type BlueprintIndex } from '../blueprint/model.js';
import type { Account, Blueprint } from '../blueprint/schema/blueprint.js';
import {
  importValue,
  logicalId,
  ref,
  type CfnOutput,
  type CfnParameter,
  type CfnResource,
  type CfnTemplate,
  type CfnValue,
} from './cfn.js';
import type {
  Concern,
  EntityRef,
  ParamSource,
  StackSetUnit,
  StackUnit,
  SynthAsset,
  Unit,
} from './types.js';

/** Blueprint facts every builder needs, computed once. */
export interface SynthContext {
  idx: BlueprintIndex;
  bp: Blueprint;
  limits: Limits;
  partition: string;
  prefix: string;
  homeRegion: string;
  /** Blueprint id of the management account. */
  management: string;
  /** Blueprint id of the security-tooling (delegated administrator) account, if any. */
  security: string | undefined;
  /** Blueprint id of the log-archive account, if any. */
  logArchive: string | undefined;
  account: (id: string) => Account | undefined;
  /** Each organization policy's document as deployed (inline, file or guardrails). */
  policyDocument: (policyId: string) => Record<string, unknown> | undefined;
}

/** Build the context; the blueprint is assumed valid (synth runs after validation). */
export function synthContext(
  idx: BlueprintIndex,
  documents: ReadonlyMap<string, Record<string, unknown>>,
): SynthContext {
  const bp = idx.bp;
  const firstWithRole = (role: Account['role']) => idx.byRole(role)[0]?.id;
  return {
    idx,
    bp,
    limits: resolveLimits(bp.limits),
    partition: bp.organization.partition ?? 'aws',
    prefix: bp.deployment.stackPrefix,
    homeRegion: bp.organization.homeRegion,
    management: bp.organization.managementAccount,
    security: bp.security?.delegatedAdmin ?? firstWithRole('security-tooling'),
    logArchive: firstWithRole('log-archive'),
    account: (id) => idx.accounts.get(id),
    policyDocument: (id) => documents.get(id),
  };
}

/** Export name under which the organization stacks publish an OU's or account's id. */
export function exportName(prefix: string, kind: 'ou' | 'account', id: string): string {
  return `${prefix}-${kind}-${id}-id`;
}

/**
 * Builds one template. Account, OU, root and organization ids come from `accountId()`
 * and friends: a literal when the blueprint knows the value, an `Fn::ImportValue` of the
 * organization stacks' exports when this template lives beside them (management account,
 * home region), and otherwise a parameter whose source the manifest records for deploy.
 */
export class TemplateBuilder {
  private readonly resources: Record<string, CfnResource> = {};
  private readonly parameters: Record<string, CfnParameter> = {};
  private readonly sources: Record<string, ParamSource> = {};
  private readonly conditions: Record<string, CfnValue> = {};
  private readonly outputs: Record<string, CfnOutput> = {};
  private readonly entitySet = new Set<EntityRef>();
  private readonly assetList: SynthAsset[] = [];
  private readonly deps = new Set<string>();
  private namedIam = false;

  /**
   * @param ctx the synth context
   * @param description the template Description (what it deploys)
   * @param beside true when the template deploys to the management account's home Region,
   *   next to the organization stacks (so their exports can be imported)
   */
  constructor(
    readonly ctx: SynthContext,
    readonly description: string,
    private readonly beside = false,
  ) {}

  /** Add a resource; logical ids are unique per template (a duplicate is a bug). */
  add(id: string, resource: CfnResource, entity?: EntityRef): string {
    if (id in this.resources)
      throw new Error(`duplicate logical id ${id} in "${this.description}"`);
    if (!/^[A-Za-z0-9]{1,255}$/.test(id)) throw new Error(`invalid logical id ${id}`);
    this.resources[id] = resource;
    if (entity) this.entitySet.add(entity);
    if (resource.Type.startsWith('AWS::IAM::')) this.namedIam = true;
    return id;
  }

  /** Whether a logical id is taken. */
  has(id: string): boolean {
    return id in this.resources;
  }

  /** Record that this unit deploys a blueprint entity (without adding a resource). */
  entity(e: EntityRef): void {
    this.entitySet.add(e);
  }

  /** Record that this unit needs another deployed first. */
  dependsOn(unitId: string): void {
    this.deps.add(unitId);
  }

  /** A named condition. */
  condition(name: string, expr: CfnValue): string {
    this.conditions[name] = expr;
    return name;
  }

  /** An output (optionally exported). */
  output(name: string, value: CfnValue, description?: string, exportAs?: string): void {
    this.outputs[name] = {
      Value: value,
      ...(description ? { Description: description } : {}),
      ...(exportAs ? { Export: { Name: exportAs } } : {}),
    };
  }

  /** A file deploy uploads; returns the bucket and key values for `Code`-style properties. */
  asset(asset: SynthAsset): { bucket: CfnValue; key: CfnValue } {
    if (!this.assetList.some((a) => a.id === asset.id)) this.assetList.push(asset);
    return {
      bucket: this.param(
        'AssetsBucket',
        { kind: 'asset-bucket' },
        'S3 bucket deploy uploads assets to',
      ),
      key: this.param(
        logicalId('Asset', asset.id, 'Key'),
        { kind: 'asset-key', asset: asset.id },
        `S3 key of asset ${asset.id}`,
      ),
    };
  }

  /** The AWS account id of a blueprint account. */
  accountId(id: string): CfnValue {
    const known = this.ctx.account(id)?.accountId;
    if (known) return known;
    if (this.beside) return importValue(exportName(this.ctx.prefix, 'account', id));
    return this.param(
      logicalId('AccountId', id),
      { kind: 'account-id', account: id },
      `AWS account id of ${id}`,
      '^\\d{12}$',
    );
  }

  /** The organization id (`o-...`). */
  organizationId(): CfnValue {
    const known = this.ctx.bp.organization.organizationId;
    if (known) return known;
    return this.param(
      'OrganizationId',
      { kind: 'organization-id' },
      'AWS Organizations id (o-...)',
      '^o-[a-z0-9]{10,32}$',
    );
  }

  /** The id of an OU (`ou-...`), or of the root for `root`. */
  ouId(ou: string): CfnValue {
    if (ou === ROOT_OU) return this.rootId();
    const local = logicalId('Ou', ou);
    if (this.has(local)) return ref(local);
    if (this.beside) return importValue(exportName(this.ctx.prefix, 'ou', ou));
    return this.param(
      logicalId('OuId', ou),
      { kind: 'ou-id', ou },
      `id of OU ${ou}`,
      '^ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$',
    );
  }

  /** The organization root id (`r-...`). */
  rootId(): CfnValue {
    return this.param(
      'RootId',
      { kind: 'root-id' },
      'AWS Organizations root id (r-...)',
      '^r-[a-z0-9]{4,32}$',
    );
  }

  /** A deploy-resolved parameter (declared once). */
  private param(
    name: string,
    source: ParamSource,
    description: string,
    pattern?: string,
  ): CfnValue {
    if (!(name in this.parameters)) {
      this.parameters[name] = {
        Type: 'String',
        Description: description,
        ...(pattern ? { AllowedPattern: pattern } : {}),
      };
      this.sources[name] = source;
    }
    return ref(name);
  }

  /** Outputs so far (for limit checks and splitting). */
  outputCount(): number {
    return Object.keys(this.outputs).length;
  }

  /** Resources so far (for limit checks and splitting). */
  resourceCount(): number {
    return Object.keys(this.resources).length;
  }

  /** The finished template. */
  template(): CfnTemplate {
    const sorted = <T>(o: Record<string, T>): Record<string, T> =>
      Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k] as T]),
      );
    return {
      AWSTemplateFormatVersion: '2010-09-09',
      Description: this.description,
      ...(Object.keys(this.parameters).length ? { Parameters: sorted(this.parameters) } : {}),
      ...(Object.keys(this.conditions).length ? { Conditions: sorted(this.conditions) } : {}),
      Resources: this.resources,
      ...(Object.keys(this.outputs).length ? { Outputs: this.outputs } : {}),
    };
  }

  /** A plain stack unit from this template. */
  stack(id: string, concern: Concern, title: string, account: string, region: string): StackUnit {
    return { kind: 'stack', account, region, ...this.common(id, concern, title) };
  }

  /** A StackSet unit from this template. */
  stackSet(
    id: string,
    concern: Concern,
    title: string,
    accounts: string[],
    regions: string[],
    ous?: string[],
  ): StackSetUnit {
    return {
      kind: 'stackset',
      accounts,
      regions,
      ...(ous ? { ous } : {}),
      ...this.common(id, concern, title),
    };
  }

  private common(
    id: string,
    concern: Concern,
    title: string,
  ): Omit<Unit, 'kind' | 'account' | 'region' | 'accounts' | 'regions'> {
    return {
      id,
      concern,
      title,
      template: this.template(),
      parameters: { ...this.sources },
      entities: [...this.entitySet].sort(),
      dependsOn: [...this.deps].sort(),
      capabilities: this.namedIam ? ['CAPABILITY_NAMED_IAM'] : [],
      assets: [...this.assetList],
    };
  }
}

/** A builder of units for one concern; registered in `registry.ts`. */
export interface UnitBuilder {
  id: string;
  concern: Concern;
  /** What it builds, for docs. */
  description: string;
  build: (ctx: SynthContext) => Unit[];
}
