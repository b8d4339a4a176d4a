import { z } from 'zod';
import { Id, RegionName, Selector, ref } from './common.js';

/** A grantee in a KMS key policy. Exactly one field per entry. */
const KeyGrantee = z.strictObject({
  role: ref('role').optional(),
  account: ref('account').optional(),
  service: z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/).optional(),
  organization: z.literal(true).optional().describe('every principal of the organization (aws:PrincipalOrgID)'),
});

export const KmsKey = z.strictObject({
  id: Id,
  alias: z.string().regex(/^alias\/(?!aws\/)[\w/-]{1,250}$/, 'an alias such as alias/org-logs (not alias/aws/...)'),
  account: ref('account'),
  regions: z.union([z.literal('home'), z.literal('governed'), z.array(RegionName)]).default('home'),
  multiRegion: z.boolean().default(false),
  rotation: z.literal(true).default(true).describe('CIS 3.6: rotation is always on'),
  rotationPeriodDays: z.number().int().min(90).max(2560).default(365),
  deletionWindowDays: z.number().int().min(7).max(30).default(30),
  usage: z.array(z.enum(['logs', 'cloudtrail', 'config', 'backup', 'sns', 'ebs', 'generic'])).min(1),
  grants: z.array(z.strictObject({ to: KeyGrantee, actions: z.array(z.string().min(1)).min(1) })).default([]),
});

const PortList = z.array(z.number().int().min(0).max(65535));

export const Network = z.strictObject({
  targets: Selector.optional().describe('default: every account'),
  flowLogs: z
    .strictObject({
      enabled: z.boolean().default(true),
      destination: z.enum(['central-bucket', 'cloudwatch-logs']).default('central-bucket'),
      trafficType: z.enum(['ALL', 'ACCEPT', 'REJECT']).default('ALL'),
    })
    .default({ enabled: true, destination: 'central-bucket', trafficType: 'ALL' }),
  securityGroups: z
    .strictObject({
      restrictDefault: z.boolean().default(true).describe('CIS 6.5: the default security group allows nothing'),
      forbidOpenIngressPorts: PortList.default([22, 3389]).describe('CIS 6.3/6.4: no 0.0.0.0/0 or ::/0'),
    })
    .default({ restrictDefault: true, forbidOpenIngressPorts: [22, 3389] }),
  nacls: z
    .strictObject({ forbidOpenIngressPorts: PortList.default([22, 3389]) })
    .default({ forbidOpenIngressPorts: [22, 3389] }),
  waf: z
    .array(
      z.strictObject({
        id: Id,
        scope: z.enum(['REGIONAL', 'CLOUDFRONT']),
        targets: Selector,
        managedRuleGroups: z.array(z.string().min(1)).min(1),
      }),
    )
    .default([]),
  shieldAdvanced: z.boolean().default(false),
});
