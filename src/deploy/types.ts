/**
 * The plan: what changes, in the blueprint's terms first (semantic changes), then the
 * deployment units (stacks, StackSet instances) whose content hash changes, then the
 * explicit actions CloudFormation cannot do safely by itself (account moves, quarantine,
 * close). `plan` computes it offline from a snapshot; `deploy` executes it.
 */
import type { EntityRef } from '../synth/types.js';

/** What happens to an entity. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'retain' | 'move' | 'drift';

/** One semantic change ("SCP deny-leave-org gains a statement and now applies to OU prod"). */
export interface PlanChange {
  kind: ChangeKind;
  entity: EntityRef;
  /** One sentence, in the blueprint's terms. */
  summary: string;
  /** Attribute-level lines (`+ statement DenyLeave`, `attach OU prod (14 accounts)`). */
  details: string[];
  /** Accounts whose effective configuration changes, when that is meaningful. */
  accountsAffected?: number;
  /** Units that carry the change (empty when an action or nothing deploys it). */
  units: string[];
  /** Deletes, closes, detaches or otherwise removes something. */
  destructive: boolean;
}

/** What deploy does to one unit instance (account x Region). */
export type InstanceAction =
  'create' | 'update' | 'revert-drift' | 'delete' | 'unchanged' | 'unknown';

/** One instance of a unit: a stack, or a StackSet's stack in one account and Region. */
export interface InstanceChange {
  /** Blueprint account id. */
  account: string;
  /** AWS account id when known. */
  accountId: string | null;
  region: string;
  action: InstanceAction;
  deployedHash?: string;
}

/** One unit of the manifest and what happens to it. */
export interface UnitChange {
  unit: string;
  name: string;
  kind: 'stack' | 'stackset';
  title: string;
  /** The strongest instance action (create > update > revert-drift > delete > unknown > unchanged). */
  action: InstanceAction;
  /** Why (hash differs, not deployed, drift in entity X, ...). */
  reason: string;
  hash: string;
  instances: InstanceChange[];
}

/** Explicit operations outside CloudFormation, each shown before it runs. */
export type PlanAction =
  | {
      type: 'move-account';
      account: string;
      accountId: string;
      fromOu: string;
      toOu: string;
      reason: string;
    }
  | {
      type: 'attach-quarantine';
      account: string;
      accountId: string;
      policy: string;
      reason: string;
    }
  | { type: 'close-account'; account: string; accountId: string; reason: string };

/** The whole plan (`plan --format json`). */
export interface Plan {
  schemaVersion: 1;
  kind: 'orgward-plan';
  blueprint: { name: string; version: string };
  /** The snapshot it was computed against. */
  snapshot: { takenAt: string; method: string } | null;
  changes: PlanChange[];
  units: UnitChange[];
  actions: PlanAction[];
  summary: {
    changes: number;
    destructive: number;
    unitsChanged: number;
    unitsUnchanged: number;
    instancesChanged: number;
    actions: number;
  };
  /** What the plan could not decide (snapshot gaps, unknown deployed state). */
  warnings: string[];
}

/**
 * What is deployed, per unit instance: `deployed.get(unitId)?.get(`${accountId}|${region}`)`.
 * Built from a snapshot's CloudFormation stacks (plan) or read live (deploy).
 */
export type DeployedState = Map<string, Map<string, DeployedInstance>>;

/** One deployed instance. */
export interface DeployedInstance {
  hash: string | undefined;
  status: string;
  drifted: boolean;
}

/** Key of an instance in {@link DeployedState}. */
export function instanceKey(accountId: string, region: string): string {
  return `${accountId}|${region}`;
}
