import { z } from 'zod';
import { AccountRole, Id, IsoDate, Selector, Severity, ref } from './common.js';

export const Alerting = z.strictObject({
  channels: z
    .array(
      z.strictObject({
        id: Id,
        type: z.enum(['email', 'sns', 'chatbot-slack', 'chatbot-teams', 'webhook']),
        endpoint: z.string().min(1),
      }),
    )
    .default([]),
  routes: z
    .array(
      z.strictObject({
        source: z.enum(['guardduty', 'securityhub', 'cloudtrail-metric', 'config', 'health', 'orgward']),
        minSeverity: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).default('HIGH'),
        to: z.array(ref('channel')).min(1),
      }),
    )
    .default([]),
  cisMetricAlarms: z.boolean().default(true).describe('CIS 5.x metric filters and alarms on the trail log group'),
});

const PlaybookAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('quarantine-account-scp') }),
  z.strictObject({ type: z.literal('revert-org-policy-change') }),
  z.strictObject({ type: z.literal('disable-access-key') }),
  z.strictObject({ type: z.literal('revoke-role-sessions') }),
  z.strictObject({ type: z.literal('isolate-instance') }),
  z.strictObject({ type: z.literal('block-public-access') }),
  z.strictObject({ type: z.literal('notify'), to: z.array(ref('channel')).min(1) }),
  z.strictObject({ type: z.literal('ssm-automation'), document: z.string().min(1) }),
]);

export const Playbook = z.strictObject({
  id: Id,
  description: z.string().optional(),
  trigger: z.strictObject({
    detections: z.array(z.string().min(1)).optional().describe('detection ids (D01..., E1..., or Sigma ids)'),
    findingTypes: z.array(z.string().min(1)).optional().describe('GuardDuty / Security Hub finding types'),
    minSeverity: Severity.optional(),
  }),
  actions: z.array(PlaybookAction).min(1),
  mode: z.enum(['auto', 'approve']).default('approve'),
  targets: Selector.optional(),
});

export const Control = z.strictObject({
  id: Id,
  title: z.string().min(1),
  behavior: z.enum(['preventive', 'detective', 'proactive', 'responsive']),
  implementation: z.array(
    z.strictObject({
      via: z.enum(['policy', 'guardrail', 'config-rule', 'securityhub-control', 'ct-control', 'detection', 'playbook', 'invariant', 'live-check']),
      ref: z.string().min(1).describe('policy/playbook/invariant id, guardrail id, rule or control name'),
    }),
  ).min(1),
  targets: Selector.optional(),
  frameworks: z.record(z.string().min(1), z.array(z.string().min(1))).default({}).describe('framework -> ids, e.g. CIS-AWS-v7: ["3.1"]'),
  exceptions: z
    .array(z.strictObject({ targets: Selector, reason: z.string().min(1), approver: z.string().min(1), expires: IsoDate }))
    .default([]),
});

/** Principals in invariants: the selector's account fields, plus blueprint roles and ARN patterns. */
const Principals = Selector.describe('principals: accounts selected (all their principals), iamRoles, principalArns');

const InvariantBase = {
  id: Id,
  description: z.string().min(1),
  severity: Severity.default('high'),
};

export const Invariant = z.discriminatedUnion('kind', [
  z.strictObject({
    ...InvariantBase,
    kind: z.literal('forbid').describe('no principal (except those listed) may perform the actions'),
    actions: z.array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*?]+$/, 'an action such as cloudtrail:StopLogging')).min(1),
    resources: z.array(z.string().min(1)).default(['*']),
    in: Selector.describe('accounts whose resources are protected'),
    principals: Principals.optional().describe('default: every principal, inside or outside the organization'),
    except: Principals.optional(),
  }),
  z.strictObject({
    ...InvariantBase,
    kind: z.literal('access-only-from').describe('roles in these accounts can be reached only from these principals'),
    to: Selector,
    from: Principals,
    require: z.strictObject({ mfa: z.boolean().optional(), externalId: z.boolean().optional() }).optional(),
  }),
  z.strictObject({
    ...InvariantBase,
    kind: z.literal('no-external-access').describe('nothing outside the organization can reach these accounts'),
    in: Selector,
    services: z.array(z.enum(['s3', 'kms', 'sts', 'sqs', 'sns', 'secretsmanager', 'lambda', 'ecr'])).optional(),
    allowAccountIds: z.array(z.string().regex(/^\d{12}$/)).default([]),
  }),
  z.strictObject({
    ...InvariantBase,
    kind: z.literal('no-privilege-escalation').describe('no principal can escalate to administrator'),
    in: Selector,
    except: Principals.optional(),
  }),
]);

export const Deployment = z.strictObject({
  stackPrefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,31}$/).default('orgward'),
  terminationProtection: z.boolean().default(true),
  strategy: z.enum(['stacksets', 'stacks']).default('stacksets'),
  maxConcurrency: z.number().int().min(1).max(100).default(10),
  failureTolerance: z.number().int().min(0).default(0),
  waves: z.array(z.strictObject({ name: z.string().min(1), targets: Selector })).default([]),
  approval: z.enum(['none', 'on-destroy', 'always']).default('always'),
  deployRole: z
    .strictObject({ name: z.string().min(1), roles: z.array(AccountRole).optional() })
    .optional()
    .describe('role the deploy assumes in member accounts; default: each account accessRoleName'),
});
