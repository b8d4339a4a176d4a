/**
 * What synth produces: deployment units (plain stacks and service-managed StackSets),
 * each with its template, where it goes, which blueprint entities it holds and what it
 * must wait for. The manifest is the units without their templates, plus hashes.
 */
import type { CfnTemplate } from './cfn.js';

/** Stacks are grouped by concern, not by pipeline stage. */
export type Concern =
  'organization' | 'log-archive' | 'security-tooling' | 'baseline' | 'identity-center';

/**
 * Where deploy takes a template parameter's value from. Synth writes literals for what
 * the blueprint knows (account ids set in `accountId`, the organization id); the rest
 * is resolved by deploy, from the snapshot or the outputs of stacks deployed before.
 */
export type ParamSource =
  | { kind: 'account-id'; account: string }
  | { kind: 'organization-id' }
  | { kind: 'root-id' }
  | { kind: 'ou-id'; ou: string }
  | { kind: 'asset-bucket' }
  | { kind: 'asset-key'; asset: string }
  /** IAM Identity Center instance ARN (sso-admin:ListInstances). */
  | { kind: 'sso-instance-arn' }
  /** Identity store id of a blueprint group, by display name (identitystore:GetGroupId). */
  | { kind: 'sso-group-id'; group: string }
  /** Identity store id of a user, by user name (identitystore:GetUserId). */
  | { kind: 'sso-user-id'; user: string };

/**
 * A blueprint entity a unit deploys, as `kind:id` (`ou:prod`, `account:data-prod`,
 * `policy:deny-leave-org`, `role:audit-read`, `permission-set:admin`, `trail`,
 * `central-bucket`, `config-recorder`, `guardduty`, ...). The plan maps semantic
 * changes to the units that hold them.
 */
export type EntityRef = string;

interface UnitBase {
  /** Stable unit id, unique in the synth (`organization-ous`, `baseline-config`, `role-audit-read`). */
  id: string;
  concern: Concern;
  /** One line for people: what this unit deploys. */
  title: string;
  template: CfnTemplate;
  parameters: Record<string, ParamSource>;
  entities: EntityRef[];
  /** Unit ids that must be deployed first (their outputs or resources are used). */
  dependsOn: string[];
  /** IAM capabilities the template needs (CAPABILITY_NAMED_IAM when it names roles). */
  capabilities: ('CAPABILITY_IAM' | 'CAPABILITY_NAMED_IAM' | 'CAPABILITY_AUTO_EXPAND')[];
  /** Local files the template refers to (e.g. a Lambda bundle), uploaded by deploy. */
  assets: SynthAsset[];
}

/** A plain stack in one account and region. */
export interface StackUnit extends UnitBase {
  kind: 'stack';
  /** Blueprint account id. */
  account: string;
  region: string;
}

/**
 * A service-managed StackSet (deployed from the management account; auto-deployment on,
 * so accounts that join a target OU get it). StackSets never deploy to the management
 * account, so a baseline that also targets it gets a plain stack there as well.
 */
export interface StackSetUnit extends UnitBase {
  kind: 'stackset';
  /** Blueprint account ids of the instances. */
  accounts: string[];
  regions: string[];
  /**
   * Blueprint OU ids to target when the selected accounts are exactly whole OUs (then
   * auto-deployment follows the OUs); otherwise absent and deploy filters by account.
   */
  ous?: string[];
}

/** A deployment unit. */
export type Unit = StackUnit | StackSetUnit;

/** A file deploy uploads to the assets bucket before the stacks that use it. */
export interface SynthAsset {
  /** Logical asset id (e.g. `responder`). */
  id: string;
  /** File name inside the synth output's `assets/` folder. */
  file: string;
  /** Content hash (also the object key stem). */
  hash: string;
  /** File content (written by synth; not part of the manifest). */
  content: Uint8Array;
}

/** The manifest entry of one unit. */
export interface ManifestEntry {
  id: string;
  kind: Unit['kind'];
  concern: Concern;
  title: string;
  /** CloudFormation stack or StackSet name (`<prefix>-<id>`). */
  name: string;
  /** Template file, relative to the synth folder. */
  template: string;
  /** Template content hash (the plan compares it with the deployed one). */
  hash: string;
  templateBytes: number;
  resources: number;
  /** Stacks: the one account. StackSets: every instance account. */
  accounts: string[];
  /** AWS account ids where the blueprint knows them, same order as `accounts`. */
  accountIds: (string | null)[];
  regions: string[];
  ous?: string[];
  /** Instances (account x region), for StackSets and stacks alike. */
  instances: number;
  parameters: Record<string, ParamSource>;
  entities: EntityRef[];
  dependsOn: string[];
  capabilities: Unit['capabilities'];
  assets: { id: string; file: string; hash: string }[];
}

/** `manifest.json`. */
export interface Manifest {
  schemaVersion: 1;
  kind: 'orgward-manifest';
  blueprint: { name: string; version: string };
  /** Hash of the blueprint after loading (defaults applied). */
  blueprintHash: string;
  stackPrefix: string;
  managementAccount: string;
  homeRegion: string;
  strategy: 'stacksets' | 'stacks';
  units: ManifestEntry[];
  /** Things CloudFormation has no resource type for, and how each is covered. */
  gaps: { what: string; coveredBy: string }[];
}
