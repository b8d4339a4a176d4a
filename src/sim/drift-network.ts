/** Drift injections on S3, KMS and EC2 settings. */
import type { Snapshot } from '../snapshot/types.js';
import type { DriftSpec } from './drift.js';
import { defaultWorkloadAccount, editAccount, editRegion, homeRegionOf } from './edit.js';
import { ALPHABET, rng } from './random.js';

const BPA_OFF = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

/** Apply an S3 / KMS / EC2 injection, or undefined when `spec` is not one. */
export function driftNetwork(s: Snapshot, spec: DriftSpec): Snapshot | undefined {
  const hex = (...keys: string[]) => rng('drift', spec.id, ...keys).chars(17, ALPHABET.hex);
  switch (spec.id) {
    case 'public-bucket':
      return editAccount(s, spec.account ?? defaultWorkloadAccount(s), (a) => {
        const buckets = a.s3Buckets ?? [];
        const b = buckets.find((x) => x.name === spec.bucket) ?? buckets[0];
        if (!b) throw new Error('drift public-bucket: the account has no bucket');
        const stmts = Array.isArray(b.policy?.Statement) ? (b.policy.Statement as unknown[]) : [];
        const policy = {
          Version: '2012-10-17',
          Statement: [
            ...stmts,
            {
              Sid: 'PublicRead',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `${b.arn}/*`,
            },
          ],
        };
        return {
          ...a,
          s3AccountPublicAccessBlock: BPA_OFF,
          s3Buckets: buckets.map((x) =>
            x === b ? { ...x, policy, publicAccessBlock: BPA_OFF } : x,
          ),
        };
      });
    case 'kms-rotation-off':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          const keys = r.kmsKeys ?? [];
          const k =
            keys.find((x) => x.keyId === spec.keyId) ??
            keys.find((x) => x.keyManager === 'CUSTOMER');
          if (!k) throw new Error('drift kms-rotation-off: no customer-managed key');
          const rest = { ...k };
          Reflect.deleteProperty(rest, 'rotationPeriodInDays');
          return {
            ...r,
            kmsKeys: keys.map((x) => (x === k ? { ...rest, rotationEnabled: false } : x)),
          };
        },
      );
    case 'open-ssh-security-group':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          if (!r.ec2) throw new Error('drift open-ssh-security-group: no EC2 section');
          const vpcId = r.ec2.vpcs[0]?.vpcId;
          return {
            ...r,
            ec2: {
              ...r.ec2,
              securityGroups: [
                ...r.ec2.securityGroups,
                {
                  groupId: `sg-${hex('sg')}`,
                  groupName: 'open-ssh',
                  ...(vpcId ? { vpcId } : {}),
                  ingress: [
                    {
                      ipProtocol: 'tcp',
                      fromPort: 22,
                      toPort: 22,
                      ipv4Ranges: ['0.0.0.0/0'],
                      ipv6Ranges: ['::/0'],
                      prefixListIds: [],
                      groupPairs: [],
                    },
                  ],
                  egress: [
                    {
                      ipProtocol: '-1',
                      ipv4Ranges: ['0.0.0.0/0'],
                      ipv6Ranges: [],
                      prefixListIds: [],
                      groupPairs: [],
                    },
                  ],
                },
              ],
            },
          };
        },
      );
    case 'default-vpc-present':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          if (!r.ec2) throw new Error('drift default-vpc-present: no EC2 section');
          const vpcId = `vpc-${hex('vpc')}`;
          const all = { protocol: '-1', cidrBlock: '0.0.0.0/0' };
          return {
            ...r,
            ec2: {
              ...r.ec2,
              vpcs: [...r.ec2.vpcs, { vpcId, isDefault: true, cidrBlock: '172.31.0.0/16' }],
              securityGroups: [
                ...r.ec2.securityGroups,
                {
                  groupId: `sg-${hex('default-sg')}`,
                  groupName: 'default',
                  vpcId,
                  ingress: [],
                  egress: [],
                },
              ],
              networkAcls: [
                ...r.ec2.networkAcls,
                {
                  networkAclId: `acl-${hex('acl')}`,
                  vpcId,
                  isDefault: true,
                  entries: [
                    { ruleNumber: 100, egress: false, ruleAction: 'allow', ...all },
                    { ruleNumber: 32767, egress: false, ruleAction: 'deny', ...all },
                    { ruleNumber: 100, egress: true, ruleAction: 'allow', ...all },
                    { ruleNumber: 32767, egress: true, ruleAction: 'deny', ...all },
                  ],
                },
              ],
            },
          };
        },
      );
    case 'imdsv1-allowed':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          if (!r.ec2) throw new Error('drift imdsv1-allowed: no EC2 section');
          return {
            ...r,
            ec2: { ...r.ec2, imdsDefaults: { ...r.ec2.imdsDefaults, httpTokens: 'optional' } },
          };
        },
      );
    default:
      return undefined;
  }
}
