/**
 * Names and ARNs the log-archive and security-tooling units (and the baseline StackSets
 * written elsewhere) agree on without cross-stack exports: everything here is derivable
 * from the blueprint, so units in different accounts and Regions can refer to each other.
 */
import { selectRegions } from '../../blueprint/selectors.js';
import type { KmsKey } from '../../blueprint/schema/blueprint.js';
import { getAtt, join, logicalId, type CfnValue } from '../cfn.js';
import type { SynthContext, TemplateBuilder } from '../context.js';

/**
 * Concatenate template values: a plain string when every part is one (ids the blueprint
 * knows), otherwise `Fn::Join` with adjacent strings merged.
 */
export function cat(...parts: CfnValue[]): CfnValue {
  const merged: CfnValue[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
    else if (p !== '') merged.push(p);
  }
  if (merged.length === 0) return '';
  const [only] = merged;
  return merged.length === 1 && typeof only === 'string' ? only : join('', merged);
}

/** Unit id of the log-archive stack. */
export const LOG_ARCHIVE_UNIT = 'log-archive';
/** Unit id of the security-tooling stack in the home Region. */
export const SECURITY_TOOLING_UNIT = 'security-tooling';
/** Unit id of the organization trail when it lives in the management account. */
export const ORGANIZATION_TRAIL_UNIT = 'organization-trail';
/** Unit id of the Config aggregator when it lives outside the security account. */
export const CONFIG_AGGREGATOR_UNIT = 'config-aggregator';

/** Unit id of the security-tooling stack of a non-home Region. */
export function regionalUnitId(region: string): string {
  return `${SECURITY_TOOLING_UNIT}-${region}`;
}

/** Name of the security account's event bus the responder listens on. */
export function securityBusName(prefix: string): string {
  return `${prefix}-security-events`;
}

/**
 * ARN of the security account's event bus (home Region). Member accounts forward their
 * events here; nothing is exported, the ARN is derived from the blueprint.
 */
export function securityBusArn(t: TemplateBuilder): CfnValue {
  const { ctx } = t;
  if (!ctx.security) throw new Error('securityBusArn: the blueprint has no security account');
  return cat(
    `arn:${ctx.partition}:events:${ctx.homeRegion}:`,
    t.accountId(ctx.security),
    `:event-bus/${securityBusName(ctx.prefix)}`,
  );
}

/** Prefix of the CIS metric alarm names; the `cloudtrail-metric` routes match on it. */
export function cisAlarmPrefix(prefix: string): string {
  return `${prefix}-cis-`;
}

/**
 * The central bucket's name: the blueprint's, or `<prefix>-logs-<account id>-<home>`
 * (lower-cased: bucket names allow no capitals, stack prefixes do).
 */
export function centralBucketName(t: TemplateBuilder): CfnValue {
  const { ctx } = t;
  const name = ctx.bp.logging?.centralBucket.name;
  if (name) return name;
  if (!ctx.logArchive)
    throw new Error('centralBucketName: the blueprint has no log-archive account');
  return cat(
    `${ctx.prefix.toLowerCase()}-logs-`,
    t.accountId(ctx.logArchive),
    `-${ctx.homeRegion}`,
  );
}

/** `arn:<partition>:s3:::<central bucket>` plus an optional suffix (`/*`). */
export function centralBucketArn(t: TemplateBuilder, suffix = ''): CfnValue {
  return cat(`arn:${t.ctx.partition}:s3:::`, centralBucketName(t), suffix);
}

/**
 * The blueprint account that holds the organization trail: the security account when
 * CloudTrail is delegated to it, otherwise the management account (only the management
 * account or CloudTrail's delegated administrator can create an organization trail).
 */
export function trailAccount(ctx: SynthContext): string {
  const delegated = ctx.bp.organization.delegatedAdministrators.some(
    (d) => d.service === 'cloudtrail.amazonaws.com' && d.account === ctx.security,
  );
  return delegated && ctx.security ? ctx.security : ctx.management;
}

/** Unit id of the unit that holds the organization trail. */
export function trailUnit(ctx: SynthContext): string {
  return trailAccount(ctx) === ctx.management ? ORGANIZATION_TRAIL_UNIT : SECURITY_TOOLING_UNIT;
}

/**
 * ARNs of the organization trail as CloudTrail reports it. The management account owns
 * every organization trail, also one a delegated administrator creates, so its ARN is
 * the canonical one; the delegated administrator's is listed too in case AWS reports
 * the creating account (it grants nothing beyond a trail of that name there).
 */
export function trailArns(t: TemplateBuilder): CfnValue[] {
  const { ctx } = t;
  const name = ctx.bp.logging?.organizationTrail.name ?? '';
  const arnIn = (account: string) =>
    cat(
      `arn:${ctx.partition}:cloudtrail:${ctx.homeRegion}:`,
      t.accountId(account),
      `:trail/${name}`,
    );
  const owners = [...new Set([ctx.management, trailAccount(ctx)])];
  return owners.map(arnIn);
}

/** The management account's `arn:...:cloudtrail:*:<mgmt>:trail/*` (KMS encryption context). */
export function trailContextArnPattern(t: TemplateBuilder): CfnValue {
  return cat(`arn:${t.ctx.partition}:cloudtrail:*:`, t.accountId(t.ctx.management), ':trail/*');
}

/** A blueprint key by id. */
export function blueprintKey(ctx: SynthContext, id: string): KmsKey | undefined {
  return ctx.bp.keys.find((k) => k.id === id);
}

/** Regions a key is created in. */
export function keyRegions(ctx: SynthContext, key: KmsKey): string[] {
  if (key.regions === 'home') return [ctx.homeRegion];
  if (key.regions === 'governed') return [...ctx.bp.organization.governedRegions];
  return [...key.regions];
}

/** Logical id of a blueprint key's AWS::KMS::Key resource. */
export function keyLogicalId(keyId: string): string {
  return logicalId('Key', keyId);
}

/**
 * The ARN to use for a blueprint key in this template: the key itself when the template
 * creates it, otherwise the alias ARN in the owning account (KMS accepts alias ARNs
 * across accounts; the key id is random and unknown until the owning stack deploys).
 */
export function keyArn(t: TemplateBuilder, keyId: string, region: string): CfnValue {
  const local = keyLogicalId(keyId);
  if (t.has(local)) return getAtt(local, 'Arn');
  const key = blueprintKey(t.ctx, keyId);
  if (!key) throw new Error(`keyArn: unknown key ${keyId}`);
  return cat(`arn:${t.ctx.partition}:kms:${region}:`, t.accountId(key.account), `:${key.alias}`);
}

/** Regions of a security service's `regions` field (`governed` or a list). */
export function serviceRegions(ctx: SynthContext, regions: 'governed' | string[]): string[] {
  return regions === 'governed' ? selectRegions(ctx.idx, undefined) : [...regions];
}
