/**
 * EC2 responders: VPCs, security groups (IpPermissions / IpPermissionsEgress with IpRanges,
 * Ipv6Ranges, PrefixListIds, UserIdGroupPairs), NACLs, flow logs and the account-level
 * defaults. Describe* pages only when MaxResults is given (then NextToken), as EC2 does;
 * `Filters` are not applied (collectors read everything).
 */
import * as ec2 from '@aws-sdk/client-ec2';
import type { Ec2Snapshot, IpPermission } from '../../snapshot/types.js';
import { nextField, num, page, str, type Call, type Route } from './route.js';

const route = (api: string, command: Route['command'], handle: (c: Call) => unknown): Route => ({
  api,
  client: ec2.EC2Client,
  command,
  regional: true,
  handle,
});
const data = (c: Call): Ec2Snapshot =>
  c.regionData?.ec2 ?? { vpcs: [], securityGroups: [], networkAcls: [], flowLogs: [] };

function describe<T>(c: Call, items: readonly T[]) {
  const max = num(c.input, 'MaxResults');
  if (max === undefined && str(c.input, 'NextToken') === undefined)
    return { items: [...items], next: undefined };
  return page('ec2', items, str(c.input, 'NextToken'), max ?? 1000, 1000, 'InvalidNextToken');
}

const permission = (c: Call) => (p: IpPermission) => ({
  IpProtocol: p.ipProtocol,
  ...(p.fromPort !== undefined ? { FromPort: p.fromPort } : {}),
  ...(p.toPort !== undefined ? { ToPort: p.toPort } : {}),
  IpRanges: p.ipv4Ranges.map((CidrIp) => ({ CidrIp })),
  Ipv6Ranges: p.ipv6Ranges.map((CidrIpv6) => ({ CidrIpv6 })),
  PrefixListIds: p.prefixListIds.map((PrefixListId) => ({ PrefixListId })),
  UserIdGroupPairs: p.groupPairs.map((GroupId) => ({ GroupId, UserId: c.accountId })),
});

/** EC2 routes. */
export function ec2Routes(): Route[] {
  return [
    route('ec2:DescribeVpcs', ec2.DescribeVpcsCommand, (c) => {
      const p = describe(c, data(c).vpcs);
      return {
        Vpcs: p.items.map((v) => ({
          VpcId: v.vpcId,
          CidrBlock: v.cidrBlock,
          IsDefault: v.isDefault,
          State: 'available',
          OwnerId: c.accountId,
          InstanceTenancy: 'default',
          DhcpOptionsId: `dopt-${v.vpcId.slice(4, 21)}`,
          CidrBlockAssociationSet: v.cidrBlock
            ? [
                {
                  AssociationId: `vpc-cidr-assoc-${v.vpcId.slice(4)}`,
                  CidrBlock: v.cidrBlock,
                  CidrBlockState: { State: 'associated' },
                },
              ]
            : [],
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('ec2:DescribeSecurityGroups', ec2.DescribeSecurityGroupsCommand, (c) => {
      const p = describe(c, data(c).securityGroups);
      return {
        SecurityGroups: p.items.map((g) => ({
          GroupId: g.groupId,
          GroupName: g.groupName,
          Description: g.groupName === 'default' ? 'default VPC security group' : g.groupName,
          ...(g.vpcId ? { VpcId: g.vpcId } : {}),
          OwnerId: c.accountId,
          IpPermissions: g.ingress.map(permission(c)),
          IpPermissionsEgress: g.egress.map(permission(c)),
          Tags: [],
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('ec2:DescribeNetworkAcls', ec2.DescribeNetworkAclsCommand, (c) => {
      const p = describe(c, data(c).networkAcls);
      return {
        NetworkAcls: p.items.map((n) => ({
          NetworkAclId: n.networkAclId,
          ...(n.vpcId ? { VpcId: n.vpcId } : {}),
          IsDefault: n.isDefault,
          OwnerId: c.accountId,
          Associations: [],
          Tags: [],
          Entries: n.entries.map((e) => ({
            RuleNumber: e.ruleNumber,
            Protocol: e.protocol,
            RuleAction: e.ruleAction,
            Egress: e.egress,
            ...(e.cidrBlock ? { CidrBlock: e.cidrBlock } : {}),
            ...(e.ipv6CidrBlock ? { Ipv6CidrBlock: e.ipv6CidrBlock } : {}),
            ...(e.portRange ? { PortRange: { From: e.portRange.from, To: e.portRange.to } } : {}),
          })),
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('ec2:DescribeFlowLogs', ec2.DescribeFlowLogsCommand, (c) => {
      const p = describe(c, data(c).flowLogs);
      return {
        FlowLogs: p.items.map((f) => ({
          FlowLogId: f.flowLogId,
          ResourceId: f.resourceId,
          TrafficType: f.trafficType,
          LogDestinationType: f.logDestinationType,
          FlowLogStatus: f.status,
          DeliverLogsStatus: 'SUCCESS',
          CreationTime: new Date(Date.parse(c.idx.snapshot.takenAt) - 200 * 86_400_000),
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('ec2:GetEbsEncryptionByDefault', ec2.GetEbsEncryptionByDefaultCommand, (c) => ({
      EbsEncryptionByDefault: data(c).ebsEncryptionByDefault ?? false,
      SseType: 'sse-ebs',
    })),
    route('ec2:GetEbsDefaultKmsKeyId', ec2.GetEbsDefaultKmsKeyIdCommand, (c) => ({
      KmsKeyId: data(c).ebsDefaultKmsKeyId ?? 'alias/aws/ebs',
    })),
    route('ec2:GetInstanceMetadataDefaults', ec2.GetInstanceMetadataDefaultsCommand, (c) => {
      const d = data(c).imdsDefaults ?? {};
      return {
        AccountLevel: {
          ...(d.httpTokens !== undefined ? { HttpTokens: d.httpTokens } : {}),
          ...(d.httpPutResponseHopLimit !== undefined
            ? { HttpPutResponseHopLimit: d.httpPutResponseHopLimit }
            : {}),
          ...(d.httpEndpoint !== undefined ? { HttpEndpoint: d.httpEndpoint } : {}),
        },
      };
    }),
    route(
      'ec2:GetSnapshotBlockPublicAccessState',
      ec2.GetSnapshotBlockPublicAccessStateCommand,
      (c) => ({
        State: data(c).snapshotBlockPublicAccess ?? 'unblocked',
        ManagedBy: 'account',
      }),
    ),
  ];
}
