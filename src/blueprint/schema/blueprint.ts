import { z } from 'zod';
import { Id } from './common.js';
import { Account, OrgPolicy, Organization, OrganizationalUnit } from './organization.js';
import { Identity } from './identity.js';
import { Logging } from './logging.js';
import { Security } from './security.js';
import { KmsKey, Network } from './resources.js';
import { Alerting, Control, Deployment, Invariant, Playbook } from './governance.js';

const LimitOverrides = z
  .strictObject({
    scpMaxSize: z.number().int().positive(),
    rcpMaxSize: z.number().int().positive(),
    managementPolicyMaxSize: z.number().int().positive(),
    aiOptOutPolicyMaxSize: z.number().int().positive(),
    scpsPerTarget: z.number().int().positive(),
    rcpsPerTarget: z.number().int().positive(),
    managementPoliciesPerTarget: z.number().int().positive(),
    policyDescriptionMaxLength: z.number().int().positive(),
    ouMaxDepth: z.number().int().positive(),
    managedPolicyMaxSize: z.number().int().positive(),
    roleInlinePolicyMaxSize: z.number().int().positive(),
    trustPolicyMaxSize: z.number().int().positive(),
    managedPoliciesPerRole: z.number().int().positive(),
    stackMaxResources: z.number().int().positive(),
    stackMaxOutputs: z.number().int().positive(),
    stackMaxParameters: z.number().int().positive(),
    templateMaxBytes: z.number().int().positive(),
    templateBodyMaxBytes: z.number().int().positive(),
    permissionSetMaxSessionHours: z.number().int().positive(),
    roleMaxSessionSeconds: z.number().int().positive(),
  })
  .partial()
  .describe('override the shipped AWS quotas (see docs/blueprint.md#limits)');

/** The blueprint: a whole multi-account security strategy as data. */
export const BlueprintSchema = z
  .strictObject({
    $schema: z.string().optional(),
    apiVersion: z.literal('orgward/v1'),
    metadata: z.strictObject({
      name: Id,
      version: z.string().default('1'),
      description: z.string().optional(),
      owners: z.array(z.string().min(1)).default([]),
    }),
    organization: Organization,
    organizationalUnits: z.array(OrganizationalUnit).default([]),
    accounts: z.array(Account).min(1),
    policies: z.array(OrgPolicy).default([]),
    identity: Identity.default({ roles: [] }),
    logging: Logging.optional(),
    security: Security.optional(),
    keys: z.array(KmsKey).default([]),
    network: Network.optional(),
    alerting: Alerting.default({ channels: [], routes: [], cisMetricAlarms: true }),
    response: z.array(Playbook).default([]),
    controls: z.array(Control).default([]),
    invariants: z.array(Invariant).default([]),
    deployment: Deployment.default({
      stackPrefix: 'orgward',
      terminationProtection: true,
      strategy: 'stacksets',
      maxConcurrency: 10,
      failureTolerance: 0,
      waves: [],
      approval: 'always',
    }),
    limits: LimitOverrides.optional(),
  })
  .describe('An orgward blueprint: the multi-account security strategy as code');

/** A blueprint after parsing: defaults applied. */
export type Blueprint = z.output<typeof BlueprintSchema>;
/** A blueprint as written (defaults optional): the type `defineBlueprint` accepts. */
export type BlueprintInput = z.input<typeof BlueprintSchema>;

export type Account = Blueprint['accounts'][number];
export type OrganizationalUnit = Blueprint['organizationalUnits'][number];
export type OrgPolicy = Blueprint['policies'][number];
export type Role = Blueprint['identity']['roles'][number];
export type Invariant = Blueprint['invariants'][number];
export type KmsKey = Blueprint['keys'][number];

/**
 * Typed helper for blueprints written in TypeScript (`orgward.blueprint.ts`):
 * `export default defineBlueprint({ ... })`. It returns its argument unchanged; the
 * loader validates it with the same schema as YAML.
 */
export function defineBlueprint(blueprint: BlueprintInput): BlueprintInput {
  return blueprint;
}
