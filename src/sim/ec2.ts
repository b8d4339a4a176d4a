/**
 * EC2 network and instance defaults of one simulated account and Region: a default VPC
 * unless the baseline deletes them, a workload VPC in member accounts' home Region, default
 * security groups closed, NACLs that deny the blueprint's administration ports from the
 * internet, flow logs on every VPC, EBS encryption by default, IMDSv2 required and snapshot
 * block public access, each where the blueprint's baseline targets the account.
 */
import type { Account } from '../blueprint/schema/blueprint.js';
import type { Ec2Snapshot, IpPermission } from '../snapshot/types.js';
import { accountIdOf, type SimContext } from './context.js';
import { blueprintKeyArn } from './resources.js';

const ALL_TRAFFIC: IpPermission = {
  ipProtocol: '-1',
  ipv4Ranges: ['0.0.0.0/0'],
  ipv6Ranges: [],
  prefixListIds: [],
  groupPairs: [],
};

/** EC2 settings of one account and region. */
export function simulateEc2(ctx: SimContext, account: Account, region: string): Ec2Snapshot {
  const id = accountIdOf(ctx, account.id);
  const baseline = ctx.bp.security?.accountBaseline;
  const inBaseline = baseline
    ? baseline.targets
      ? ctx.selected(baseline.targets).has(account.id)
      : true
    : false;
  const net = ctx.bp.network;
  const inNetwork = net ? (net.targets ? ctx.selected(net.targets).has(account.id) : true) : false;
  const restrictDefault = !inNetwork || net?.securityGroups.restrictDefault !== false;
  const out: Ec2Snapshot = { vpcs: [], securityGroups: [], networkAcls: [], flowLogs: [] };
  const hex = (n: number, ...k: string[]) => ctx.ids.hex(n, 'ec2', id, region, ...k);
  const addVpc = (key: string, cidr: string, isDefault: boolean) => {
    const vpcId = `vpc-${hex(17, key)}`;
    out.vpcs.push({ vpcId, isDefault, cidrBlock: cidr });
    const sgId = `sg-${hex(17, key, 'default-sg')}`;
    out.securityGroups.push({
      groupId: sgId,
      groupName: 'default',
      vpcId,
      ingress: restrictDefault
        ? []
        : [
            {
              ipProtocol: '-1',
              ipv4Ranges: [],
              ipv6Ranges: [],
              prefixListIds: [],
              groupPairs: [sgId],
            },
          ],
      egress: restrictDefault ? [] : [ALL_TRAFFIC],
    });
    const denied = inNetwork ? (net?.nacls.forbidOpenIngressPorts ?? []) : [];
    out.networkAcls.push({
      networkAclId: `acl-${hex(17, key, 'acl')}`,
      vpcId,
      isDefault: true,
      entries: [
        ...denied.map((port, i) => ({
          ruleNumber: 50 + i,
          egress: false,
          protocol: '6',
          ruleAction: 'deny',
          cidrBlock: '0.0.0.0/0',
          portRange: { from: port, to: port },
        })),
        {
          ruleNumber: 100,
          egress: false,
          protocol: '-1',
          ruleAction: 'allow',
          cidrBlock: '0.0.0.0/0',
        },
        {
          ruleNumber: 32767,
          egress: false,
          protocol: '-1',
          ruleAction: 'deny',
          cidrBlock: '0.0.0.0/0',
        },
        {
          ruleNumber: 100,
          egress: true,
          protocol: '-1',
          ruleAction: 'allow',
          cidrBlock: '0.0.0.0/0',
        },
        {
          ruleNumber: 32767,
          egress: true,
          protocol: '-1',
          ruleAction: 'deny',
          cidrBlock: '0.0.0.0/0',
        },
      ],
    });
    if (inNetwork && net?.flowLogs.enabled) {
      out.flowLogs.push({
        flowLogId: `fl-${hex(17, key, 'fl')}`,
        resourceId: vpcId,
        trafficType: net.flowLogs.trafficType,
        logDestinationType:
          net.flowLogs.destination === 'central-bucket' ? 's3' : 'cloud-watch-logs',
        status: 'ACTIVE',
      });
    }
    return vpcId;
  };
  if (!(inBaseline && baseline?.deleteDefaultVpcs)) addVpc('default', '172.31.0.0/16', true);
  if (id !== ctx.managementId && region === ctx.homeRegion) {
    const second = Number.parseInt(hex(2, 'cidr'), 16);
    const vpcId = addVpc('workload', `10.${second}.0.0/16`, false);
    out.securityGroups.push({
      groupId: `sg-${hex(17, 'app-sg')}`,
      groupName: 'app-https',
      vpcId,
      ingress: [
        {
          ipProtocol: 'tcp',
          fromPort: 443,
          toPort: 443,
          ipv4Ranges: ['10.0.0.0/8'],
          ipv6Ranges: [],
          prefixListIds: [],
          groupPairs: [],
        },
      ],
      egress: [ALL_TRAFFIC],
    });
  }
  const ebs = baseline?.ebsDefaultEncryption;
  out.ebsEncryptionByDefault = inBaseline && ebs?.enabled === true;
  const ebsKey = inBaseline && ebs?.kmsKey ? blueprintKeyArn(ctx, ebs.kmsKey) : undefined;
  out.ebsDefaultKmsKeyId = ebsKey ?? 'alias/aws/ebs';
  out.imdsDefaults =
    inBaseline && baseline
      ? { httpTokens: baseline.imdsV2, httpPutResponseHopLimit: 2, httpEndpoint: 'enabled' }
      : {};
  out.snapshotBlockPublicAccess =
    inBaseline && baseline?.snapshotBlockPublicAccess ? 'block-all-sharing' : 'unblocked';
  return out;
}
