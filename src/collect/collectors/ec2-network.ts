import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  paginateDescribeFlowLogs,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
  type FlowLog,
  type IpPermission as Ec2IpPermission,
  type NetworkAcl,
  type SecurityGroup,
  type Vpc,
} from '@aws-sdk/client-ec2';
import type { Ec2Snapshot, IpPermission } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { allPages, defined } from './decode.js';
import { readItem } from './errors.js';

/**
 * One EC2 IpPermission flattened: CIDRs, prefix list ids, and referenced groups as the
 * group id (`<account>/<group id>` when the group belongs to another account).
 */
export function flattenIpPermission(p: Ec2IpPermission, accountId: string): IpPermission {
  return {
    ipProtocol: p.IpProtocol ?? '-1',
    ...defined({ fromPort: p.FromPort, toPort: p.ToPort }),
    ipv4Ranges: (p.IpRanges ?? []).flatMap((r) => (r.CidrIp === undefined ? [] : [r.CidrIp])),
    ipv6Ranges: (p.Ipv6Ranges ?? []).flatMap((r) => (r.CidrIpv6 === undefined ? [] : [r.CidrIpv6])),
    prefixListIds: (p.PrefixListIds ?? []).flatMap((r) =>
      r.PrefixListId === undefined ? [] : [r.PrefixListId],
    ),
    groupPairs: (p.UserIdGroupPairs ?? []).flatMap((g) => {
      if (g.GroupId === undefined) return [];
      return g.UserId !== undefined && g.UserId !== accountId
        ? [`${g.UserId}/${g.GroupId}`]
        : [g.GroupId];
    }),
  };
}

function securityGroup(g: SecurityGroup, accountId: string): Ec2Snapshot['securityGroups'][number] {
  return {
    groupId: g.GroupId ?? '',
    groupName: g.GroupName ?? '',
    ...defined({ vpcId: g.VpcId }),
    ingress: (g.IpPermissions ?? []).map((p) => flattenIpPermission(p, accountId)),
    egress: (g.IpPermissionsEgress ?? []).map((p) => flattenIpPermission(p, accountId)),
  };
}

function networkAcl(a: NetworkAcl): Ec2Snapshot['networkAcls'][number] {
  return {
    networkAclId: a.NetworkAclId ?? '',
    ...defined({ vpcId: a.VpcId }),
    isDefault: a.IsDefault ?? false,
    entries: (a.Entries ?? []).map((e) => ({
      ruleNumber: e.RuleNumber ?? 0,
      egress: e.Egress ?? false,
      protocol: e.Protocol ?? '-1',
      ruleAction: e.RuleAction ?? '',
      ...defined({
        cidrBlock: e.CidrBlock,
        ipv6CidrBlock: e.Ipv6CidrBlock,
        portRange:
          e.PortRange === undefined
            ? undefined
            : defined({ from: e.PortRange.From, to: e.PortRange.To }),
      }),
    })),
  };
}

function flowLog(f: FlowLog): Ec2Snapshot['flowLogs'][number] {
  return {
    flowLogId: f.FlowLogId ?? '',
    resourceId: f.ResourceId ?? '',
    ...defined({
      trafficType: f.TrafficType,
      logDestinationType: f.LogDestinationType,
      status: f.FlowLogStatus,
    }),
  };
}

function vpc(v: Vpc): Ec2Snapshot['vpcs'][number] {
  return {
    vpcId: v.VpcId ?? '',
    isDefault: v.IsDefault ?? false,
    ...defined({ cidrBlock: v.CidrBlock }),
  };
}

/**
 * `ec2.network`: VPCs, security groups (rules flattened), network ACLs, flow logs (the four
 * lists are the section: a failure leaves it out), and the Region's account-level settings:
 * EBS default encryption and key, instance metadata defaults, snapshot block public access
 * (a failure of one is a gap and leaves that field out).
 */
export const ec2NetworkCollector: Collector = {
  ...fromCatalogue('ec2.network'),
  service: 'ec2',
  async run(ctx) {
    const client = ctx.client(EC2Client);
    const opts = { abortSignal: ctx.signal };
    const page = { client, pageSize: 1000 };
    const [vpcs, groups, acls, flows, ebs, ebsKey, imds, snapshotBpa] = await Promise.all([
      allPages(paginateDescribeVpcs(page, {}, opts), (p) => p.Vpcs),
      allPages(paginateDescribeSecurityGroups(page, {}, opts), (p) => p.SecurityGroups),
      allPages(paginateDescribeNetworkAcls(page, {}, opts), (p) => p.NetworkAcls),
      allPages(paginateDescribeFlowLogs(page, {}, opts), (p) => p.FlowLogs),
      readItem(ctx, 'ec2:GetEbsEncryptionByDefault', 'ec2.ebsEncryptionByDefault', () =>
        client.send(new GetEbsEncryptionByDefaultCommand({}), opts),
      ),
      readItem(ctx, 'ec2:GetEbsDefaultKmsKeyId', 'ec2.ebsDefaultKmsKeyId', () =>
        client.send(new GetEbsDefaultKmsKeyIdCommand({}), opts),
      ),
      readItem(ctx, 'ec2:GetInstanceMetadataDefaults', 'ec2.imdsDefaults', () =>
        client.send(new GetInstanceMetadataDefaultsCommand({}), opts),
      ),
      readItem(ctx, 'ec2:GetSnapshotBlockPublicAccessState', 'ec2.snapshotBlockPublicAccess', () =>
        client.send(new GetSnapshotBlockPublicAccessStateCommand({}), opts),
      ),
    ]);
    const level = imds?.AccountLevel;
    const ec2: Ec2Snapshot = {
      vpcs: vpcs.map(vpc),
      securityGroups: groups.map((g) => securityGroup(g, ctx.accountId)),
      networkAcls: acls.map(networkAcl),
      flowLogs: flows.map(flowLog),
      ...defined({
        ebsEncryptionByDefault: ebs?.EbsEncryptionByDefault,
        ebsDefaultKmsKeyId: ebsKey?.KmsKeyId,
        imdsDefaults:
          imds == null
            ? undefined
            : defined({
                httpTokens: level?.HttpTokens,
                httpPutResponseHopLimit: level?.HttpPutResponseHopLimit,
                httpEndpoint: level?.HttpEndpoint,
              }),
        snapshotBlockPublicAccess: snapshotBpa?.State,
      }),
    };
    return { kind: 'region', region: { ec2 } };
  },
};
