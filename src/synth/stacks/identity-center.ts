/**
 * IAM Identity Center: permission sets (`identity-center`, in the Identity Center delegated
 * administrator account, else the management account; home Region) and their account
 * assignments (`identity-center-assignments-<n>`, same account and Region, importing the
 * permission set ARNs that `identity-center` exports).
 *
 * A delegated administrator can neither assign access in the management account nor
 * manage a permission set provisioned there, so assignments to the management account
 * go to `identity-center-management` in the management account, with copies of their
 * permission sets named `<name>-mgmt` (names are unique per instance).
 *
 * CloudFormation needs identity store ids where the blueprint names groups (display name)
 * and users (user name): they are template parameters that deploy resolves
 * (identitystore:GetGroupId / GetUserId), as is the instance ARN when not in the blueprint.
 */
import type { Blueprint } from '../../blueprint/schema/blueprint.js';
import { InputError } from '../../core/errors.js';
import {
  cfnTags,
  contentHash,
  getAtt,
  importValue,
  logicalId,
  ref,
  type CfnParameter,
  type CfnValue,
} from '../cfn.js';
import { TemplateBuilder, type SynthContext, type UnitBuilder } from '../context.js';
import type { ParamSource, Unit } from '../types.js';
import { baselineAccounts } from './baseline-targets.js';
import { isAwsManaged } from './roles-template.js';

type IdentityCenter = NonNullable<Blueprint['identity']['identityCenter']>;
type PermissionSet = IdentityCenter['permissionSets'][number];

/** The parameter sources only Identity Center templates use. */
export type IdentityParamSource = Extract<
  ParamSource,
  { kind: 'sso-instance-arn' | 'sso-group-id' | 'sso-user-id' }
>;

/** One assignment resource: a permission set for one principal in one account. */
export interface AssignmentItem {
  /** Indexes of the blueprint assignments that ask for it (duplicates collapse). */
  indexes: number[];
  permissionSet: string;
  principalType: 'GROUP' | 'USER';
  /** Blueprint group id, or user name. */
  principal: string;
  /** Blueprint account id. */
  account: string;
}

const SUFFIX_MGMT = '-mgmt';
const IDENTITY_STORE_ID =
  '^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$';
const INSTANCE_ARN = '^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$';

/** The Identity Center builder. */
export const identityCenterBuilder: UnitBuilder = {
  id: 'identity-center',
  concern: 'identity-center',
  description:
    'IAM Identity Center permission sets and account assignments (chunked by account under the stack limits)',
  build: (ctx) => {
    const ic = ctx.bp.identity.identityCenter;
    if (!ic?.permissionSets.length) return [];
    const admin = ic.delegatedAdmin ?? ctx.management;
    const items = expandAssignments(ctx, ic);
    const split = admin !== ctx.management;
    const inMgmt = split ? items.filter((i) => i.account === ctx.management) : [];
    const members = split ? items.filter((i) => i.account !== ctx.management) : items;
    return [
      permissionSetsUnit(ctx, ic, admin),
      ...assignmentBuckets(ctx, members).map((b) => chunkUnit(ctx, ic, admin, b)),
      ...(inMgmt.length ? [managementUnit(ctx, ic, inMgmt)] : []),
    ];
  },
};

/** Every (assignment x principal x selected account), duplicates merged, in blueprint order. */
export function expandAssignments(ctx: SynthContext, ic: IdentityCenter): AssignmentItem[] {
  const byKey = new Map<string, AssignmentItem>();
  ic.assignments.forEach((a, index) => {
    const principals = [
      ...(a.group !== undefined ? [{ type: 'GROUP' as const, id: a.group }] : []),
      ...(a.user !== undefined ? [{ type: 'USER' as const, id: a.user }] : []),
    ];
    for (const account of baselineAccounts(ctx, a.targets))
      for (const p of principals) {
        const key = `${a.permissionSet}|${p.type}|${p.id}|${account}`;
        const hit = byKey.get(key);
        if (hit) hit.indexes.push(index);
        else
          byKey.set(key, {
            indexes: [index],
            permissionSet: a.permissionSet,
            principalType: p.type,
            principal: p.id,
            account,
          });
      }
  });
  return [...byKey.values()];
}

/** One assignments stack: its bucket number (1-based, stable) and its assignments. */
export interface AssignmentBucket {
  part: number;
  of: number;
  items: AssignmentItem[];
}

/**
 * Split assignments into stacks under the resource and parameter limits. An account's
 * assignments stay together, and accounts go to bucket hash(account) mod N with N the
 * smallest power of two that fits: adding or removing an account changes only its own
 * bucket (until N doubles), so assignments rarely move between stacks. Empty buckets
 * have no stack; the others keep their number.
 */
export function assignmentBuckets(ctx: SynthContext, items: AssignmentItem[]): AssignmentBucket[] {
  if (!items.length) return [];
  const hashes = new Map<string, number>();
  const hash = (account: string) => {
    let h = hashes.get(account);
    if (h === undefined) {
      h = Number.parseInt(contentHash(account).slice(0, 8), 16);
      hashes.set(account, h);
    }
    return h;
  };
  for (let n = 1; n <= 65_536; n *= 2) {
    const buckets: AssignmentItem[][] = Array.from({ length: n }, () => []);
    for (const i of items) buckets[hash(i.account) % n]?.push(i);
    if (buckets.every((b) => fits(ctx, b)))
      return buckets.flatMap((b, i) => (b.length ? [{ part: i + 1, of: n, items: b }] : []));
  }
  throw new InputError(
    'identity center: the assignments of a single account exceed the CloudFormation resource or parameter limits',
  );
}

function fits(ctx: SynthContext, bucket: AssignmentItem[]): boolean {
  const unknownAccounts = new Set(
    bucket.filter((i) => !ctx.account(i.account)?.accountId).map((i) => i.account),
  );
  const principals = new Set(bucket.map((i) => `${i.principalType}|${i.principal}`));
  return (
    bucket.length <= ctx.limits.stackMaxResources &&
    unknownAccounts.size + principals.size + 1 <= ctx.limits.stackMaxParameters
  );
}

/** Template parameters with the new sources; attached to the unit once it is finished. */
class IdentityParams {
  private readonly list = new Map<string, { param: CfnParameter; source: IdentityParamSource }>();

  constructor(private readonly ctx: SynthContext) {}

  instanceArn(ic: IdentityCenter): CfnValue {
    if (ic.instanceArn) return ic.instanceArn;
    return this.add(
      'SsoInstanceArn',
      { kind: 'sso-instance-arn' },
      'IAM Identity Center instance ARN',
      INSTANCE_ARN,
    );
  }

  principalId(item: AssignmentItem): CfnValue {
    if (item.principalType === 'GROUP') {
      const name = this.ctx.bp.identity.identityCenter?.groups.find(
        (g) => g.id === item.principal,
      )?.displayName;
      return this.add(
        logicalId('SsoGroup', item.principal, 'Id'),
        { kind: 'sso-group-id', group: item.principal },
        `identity store id of group ${name ?? item.principal}`,
        IDENTITY_STORE_ID,
      );
    }
    // User names may hold characters a logical id cannot: a hash keeps the names distinct.
    const name = `${logicalId('SsoUser', item.principal)}${contentHash(item.principal).slice(0, 8)}Id`;
    return this.add(
      name,
      { kind: 'sso-user-id', user: item.principal },
      `identity store id of user ${item.principal}`,
      IDENTITY_STORE_ID,
    );
  }

  private add(
    name: string,
    source: IdentityParamSource,
    description: string,
    pattern: string,
  ): CfnValue {
    this.list.set(name, {
      param: { Type: 'String', Description: description, AllowedPattern: pattern },
      source,
    });
    return ref(name);
  }

  /** Add the parameters to a finished unit (before synth hashes it). */
  attach<U extends Unit>(unit: U): U {
    if (!this.list.size) return unit;
    const params: Record<string, CfnParameter> = { ...unit.template.Parameters };
    const sources: Record<string, ParamSource> = { ...unit.parameters };
    for (const [name, p] of this.list) {
      params[name] = p.param;
      sources[name] = p.source;
    }
    // Rebuilt so Parameters keeps its place after Description, as TemplateBuilder writes it.
    const { AWSTemplateFormatVersion, Description, Conditions, Resources, Outputs } = unit.template;
    unit.template = {
      AWSTemplateFormatVersion,
      Description,
      Parameters: Object.fromEntries(
        Object.keys(params)
          .sort()
          .map((k) => [k, params[k] as CfnParameter]),
      ),
      ...(Conditions ? { Conditions } : {}),
      Resources,
      ...(Outputs ? { Outputs } : {}),
    };
    unit.parameters = sources;
    return unit;
  }
}

/** Export name of a permission set's ARN (and of the instance ARN). */
export function permissionSetExport(prefix: string, id: string): string {
  return `${prefix}-permission-set-${id}-arn`;
}
const instanceExport = (prefix: string) => `${prefix}-sso-instance-arn`;

function permissionSetsUnit(ctx: SynthContext, ic: IdentityCenter, account: string): Unit {
  const t = new TemplateBuilder(ctx, 'orgward: IAM Identity Center permission sets');
  const params = new IdentityParams(ctx);
  const instance = params.instanceArn(ic);
  if (ic.permissionSets.length + 3 > ctx.limits.stackMaxOutputs)
    throw new InputError(
      `identity center: ${String(ic.permissionSets.length)} permission sets need more outputs than a stack may have (limits.stackMaxOutputs)`,
    );
  for (const ps of ic.permissionSets) {
    const id = addPermissionSet(t, ps, instance, '');
    t.output(
      logicalId(id, 'Arn'),
      getAtt(id, 'PermissionSetArn'),
      `ARN of permission set ${ps.name}`,
      permissionSetExport(ctx.prefix, ps.id),
    );
  }
  if (typeof instance !== 'string')
    t.output(
      'SsoInstanceArn',
      instance,
      'IAM Identity Center instance ARN',
      instanceExport(ctx.prefix),
    );
  return params.attach(
    t.stack(
      'identity-center',
      'identity-center',
      `IAM Identity Center: ${String(ic.permissionSets.length)} permission sets`,
      account,
      ctx.homeRegion,
    ),
  );
}

function chunkUnit(
  ctx: SynthContext,
  ic: IdentityCenter,
  account: string,
  b: AssignmentBucket,
): Unit {
  const where = `bucket ${String(b.part)} of ${String(b.of)} by account hash`;
  const t = new TemplateBuilder(ctx, `orgward: IAM Identity Center assignments, ${where}`);
  const params = new IdentityParams(ctx);
  const instance = ic.instanceArn ?? importValue(instanceExport(ctx.prefix));
  for (const item of b.items) {
    const arn = importValue(permissionSetExport(ctx.prefix, item.permissionSet));
    addAssignment(t, params, item, instance, arn);
  }
  t.dependsOn('identity-center');
  return params.attach(
    t.stack(
      `identity-center-assignments-${String(b.part)}`,
      'identity-center',
      `IAM Identity Center: ${String(b.items.length)} account assignments (${where})`,
      account,
      ctx.homeRegion,
    ),
  );
}

function managementUnit(ctx: SynthContext, ic: IdentityCenter, items: AssignmentItem[]): Unit {
  const t = new TemplateBuilder(
    ctx,
    'orgward: IAM Identity Center permission sets and assignments of the management account',
  );
  const params = new IdentityParams(ctx);
  const instance = params.instanceArn(ic);
  const arns = new Map<string, CfnValue>();
  for (const ps of ic.permissionSets.filter((p) => items.some((i) => i.permissionSet === p.id)))
    arns.set(ps.id, getAtt(addPermissionSet(t, ps, instance, SUFFIX_MGMT), 'PermissionSetArn'));
  for (const item of items)
    addAssignment(t, params, item, instance, arns.get(item.permissionSet) ?? '');
  return params.attach(
    t.stack(
      'identity-center-management',
      'identity-center',
      `IAM Identity Center: ${String(items.length)} assignments in the management account`,
      ctx.management,
      ctx.homeRegion,
    ),
  );
}

function addPermissionSet(
  t: TemplateBuilder,
  ps: PermissionSet,
  instance: CfnValue,
  suffix: string,
): string {
  const name = `${ps.name}${suffix}`;
  if (name.length > 32)
    throw new InputError(
      `permission set ${ps.id}: its management-account copy ${name} is over 32 characters; shorten the name`,
    );
  const aws = (ps.awsManagedPolicies ?? []).filter(isAwsManaged);
  // A customer managed ARN among awsManagedPolicies can only be referenced by name and path.
  const customer = [
    ...(ps.awsManagedPolicies ?? []).filter((a) => !isAwsManaged(a)).map(policyReference),
    ...(ps.customerManagedPolicies ?? []).map((c) => ({
      Name: c.name,
      ...(c.path !== undefined ? { Path: c.path } : {}),
    })),
  ];
  const boundary = ps.permissionsBoundary;
  return t.add(
    logicalId('PermissionSet', ps.id),
    {
      Type: 'AWS::SSO::PermissionSet',
      Properties: {
        InstanceArn: instance,
        Name: name,
        ...(ps.description !== undefined ? { Description: ps.description } : {}),
        SessionDuration: ps.sessionDuration,
        ...(aws.length ? { ManagedPolicies: aws } : {}),
        ...(customer.length ? { CustomerManagedPolicyReferences: customer } : {}),
        ...(ps.inlinePolicy
          ? { InlinePolicy: JSON.parse(JSON.stringify(ps.inlinePolicy)) as CfnValue }
          : {}),
        ...(boundary !== undefined
          ? {
              PermissionsBoundary: isAwsManaged(boundary)
                ? { ManagedPolicyArn: boundary }
                : { CustomerManagedPolicyReference: policyReference(boundary) },
            }
          : {}),
        Tags: cfnTags({ 'orgward:entity': `permission-set:${ps.id}` }),
      },
    },
    `permission-set:${ps.id}`,
  );
}

function addAssignment(
  t: TemplateBuilder,
  params: IdentityParams,
  item: AssignmentItem,
  instance: CfnValue,
  permissionSetArn: CfnValue,
): void {
  const key = `${item.permissionSet}|${item.principalType}|${item.principal}|${item.account}`;
  // Readable, plus a hash: ids joined without separators could collide.
  const id = `${logicalId('Assign', item.permissionSet, item.principalType === 'GROUP' ? item.principal : 'user', item.account).slice(0, 200)}${contentHash(key).slice(0, 8)}`;
  t.add(id, {
    Type: 'AWS::SSO::Assignment',
    Properties: {
      InstanceArn: instance,
      PermissionSetArn: permissionSetArn,
      PrincipalId: params.principalId(item),
      PrincipalType: item.principalType,
      TargetId: t.accountId(item.account),
      TargetType: 'AWS_ACCOUNT',
    },
  });
  for (const i of item.indexes) t.entity(`assignment:${String(i)}`);
}

/** `arn:aws:iam::<account>:policy/<path>/<name>` as a name-and-path reference. */
function policyReference(arn: string): { Name: string; Path?: string } {
  const rest = arn.slice(arn.indexOf(':policy/') + ':policy'.length);
  const cut = rest.lastIndexOf('/');
  const path = rest.slice(0, cut + 1);
  return { Name: rest.slice(cut + 1), ...(path !== '/' ? { Path: path } : {}) };
}
