/**
 * Shared pieces of the organization units: unit ids, the orgward tags every organization
 * resource carries, deletion policies from `onRemove`, and custom resources of the
 * org-gaps handler.
 */
import { cfnTags, type CfnDeletionPolicy, type CfnResource, type CfnValue } from '../cfn.js';
import type { TemplateBuilder } from '../context.js';
import { ORG_GAP_TYPES } from '../custom/org-gaps.js';

/** Unit ids of the organization concern. */
export const ORG_UNITS = {
  ous: 'organization-ous',
  /** `organization-accounts-<n>`, n from 1. */
  accounts: (n: number) => `organization-accounts-${n}`,
  policies: 'organization-policies',
  /** Home Region: `organization-delegated-admins`; other Regions get `-<region>`. */
  delegation: (region?: string) =>
    region ? `organization-delegated-admins-${region}` : 'organization-delegated-admins',
} as const;

/** Tag keys orgward puts on what it deploys in AWS Organizations (read back by collect and plan). */
export const ENTITY_TAG = 'orgward:entity';
export const ON_REMOVE_TAG = 'orgward:on-remove';

/** The blueprint tags plus the entity and its removal behaviour, as CloudFormation tags. */
export function orgTags(
  entity: string,
  onRemove: string,
  tags?: Readonly<Record<string, string>>,
): CfnValue[] {
  return cfnTags({ ...tags, [ENTITY_TAG]: entity, [ON_REMOVE_TAG]: onRemove });
}

/** DeletionPolicy and UpdateReplacePolicy, both the same. */
export function removal(
  keep: boolean,
): Pick<CfnResource, 'DeletionPolicy' | 'UpdateReplacePolicy'> {
  const policy: CfnDeletionPolicy = keep ? 'Retain' : 'Delete';
  return { DeletionPolicy: policy, UpdateReplacePolicy: policy };
}

/**
 * Add a custom resource of the org-gaps handler. Organizations rejects concurrent
 * changes (ConcurrentModificationException) and the handler does not retry them, so
 * each one waits for the one added before it (`after`): they run one at a time.
 */
export function orgGap(
  t: TemplateBuilder,
  id: string,
  kind: keyof typeof ORG_GAP_TYPES,
  token: CfnValue,
  props: Record<string, CfnValue>,
  entity: string,
  after: string[] = [],
): string {
  return t.add(
    id,
    {
      Type: ORG_GAP_TYPES[kind],
      ...(after.length ? { DependsOn: after } : {}),
      Properties: { ServiceToken: token, ...props },
    },
    entity,
  );
}
