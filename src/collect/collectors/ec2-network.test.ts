import {
  DescribeFlowLogsCommand,
  DescribeNetworkAclsCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { ec2NetworkCollector, flattenIpPermission } from './ec2-network.js';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

function lists(): void {
  ec2
    .on(DescribeVpcsCommand)
    .resolvesOnce({
      Vpcs: [
        {
          VpcId: 'vpc-default',
          IsDefault: true,
          CidrBlock: '172.31.0.0/16',
          State: 'available',
          OwnerId: '111122223333',
        },
      ],
      NextToken: 'v2',
    })
    .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-app', IsDefault: false, CidrBlock: '10.0.0.0/16' }] });
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      {
        GroupId: 'sg-1',
        GroupName: 'default',
        Description: 'default VPC security group',
        OwnerId: '111122223333',
        VpcId: 'vpc-default',
        IpPermissions: [
          {
            IpProtocol: '-1',
            UserIdGroupPairs: [{ GroupId: 'sg-1', UserId: '111122223333' }],
            IpRanges: [],
            Ipv6Ranges: [],
            PrefixListIds: [],
          },
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh' }],
            Ipv6Ranges: [{ CidrIpv6: '::/0' }],
            PrefixListIds: [{ PrefixListId: 'pl-123' }],
            UserIdGroupPairs: [{ GroupId: 'sg-9', UserId: '444455556666' }],
          },
        ],
        IpPermissionsEgress: [
          {
            IpProtocol: '-1',
            IpRanges: [{ CidrIp: '0.0.0.0/0' }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
        ],
      },
    ],
  });
  ec2.on(DescribeNetworkAclsCommand).resolves({
    NetworkAcls: [
      {
        NetworkAclId: 'acl-1',
        VpcId: 'vpc-default',
        IsDefault: true,
        Entries: [
          {
            RuleNumber: 100,
            Protocol: '-1',
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
          },
          {
            RuleNumber: 110,
            Protocol: '6',
            RuleAction: 'deny',
            Egress: false,
            Ipv6CidrBlock: '::/0',
            PortRange: { From: 3389, To: 3389 },
          },
          {
            RuleNumber: 32767,
            Protocol: '-1',
            RuleAction: 'deny',
            Egress: true,
            CidrBlock: '0.0.0.0/0',
          },
        ],
      },
    ],
  });
  ec2.on(DescribeFlowLogsCommand).resolves({
    FlowLogs: [
      {
        FlowLogId: 'fl-1',
        ResourceId: 'vpc-app',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        FlowLogStatus: 'ACTIVE',
        DeliverLogsStatus: 'SUCCESS',
      },
    ],
  });
}

const listsOut = {
  vpcs: [
    { vpcId: 'vpc-default', isDefault: true, cidrBlock: '172.31.0.0/16' },
    { vpcId: 'vpc-app', isDefault: false, cidrBlock: '10.0.0.0/16' },
  ],
  securityGroups: [
    {
      groupId: 'sg-1',
      groupName: 'default',
      vpcId: 'vpc-default',
      ingress: [
        {
          ipProtocol: '-1',
          ipv4Ranges: [],
          ipv6Ranges: [],
          prefixListIds: [],
          groupPairs: ['sg-1'],
        },
        {
          ipProtocol: 'tcp',
          fromPort: 22,
          toPort: 22,
          ipv4Ranges: ['0.0.0.0/0'],
          ipv6Ranges: ['::/0'],
          prefixListIds: ['pl-123'],
          groupPairs: ['444455556666/sg-9'],
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
  networkAcls: [
    {
      networkAclId: 'acl-1',
      vpcId: 'vpc-default',
      isDefault: true,
      entries: [
        {
          ruleNumber: 100,
          egress: false,
          protocol: '-1',
          ruleAction: 'allow',
          cidrBlock: '0.0.0.0/0',
        },
        {
          ruleNumber: 110,
          egress: false,
          protocol: '6',
          ruleAction: 'deny',
          ipv6CidrBlock: '::/0',
          portRange: { from: 3389, to: 3389 },
        },
        {
          ruleNumber: 32767,
          egress: true,
          protocol: '-1',
          ruleAction: 'deny',
          cidrBlock: '0.0.0.0/0',
        },
      ],
    },
  ],
  flowLogs: [
    {
      flowLogId: 'fl-1',
      resourceId: 'vpc-app',
      trafficType: 'ALL',
      logDestinationType: 's3',
      status: 'ACTIVE',
    },
  ],
};

describe('ec2.network', () => {
  it('reads the lists across pages and the Region settings', async () => {
    lists();
    ec2
      .on(GetEbsEncryptionByDefaultCommand)
      .resolves({ EbsEncryptionByDefault: true, SseType: 'sse-ebs' });
    ec2.on(GetEbsDefaultKmsKeyIdCommand).resolves({ KmsKeyId: 'alias/aws/ebs' });
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({
      AccountLevel: {
        HttpTokens: 'required',
        HttpPutResponseHopLimit: 2,
        HttpEndpoint: 'enabled',
        InstanceMetadataTags: 'disabled',
      },
    });
    ec2
      .on(GetSnapshotBlockPublicAccessStateCommand)
      .resolves({ State: 'block-all-sharing', ManagedBy: 'account' });
    const ctx = fakeContext();
    expect(await ec2NetworkCollector.run(ctx)).toEqual({
      kind: 'region',
      region: {
        ec2: {
          ...listsOut,
          ebsEncryptionByDefault: true,
          ebsDefaultKmsKeyId: 'alias/aws/ebs',
          imdsDefaults: {
            httpTokens: 'required',
            httpPutResponseHopLimit: 2,
            httpEndpoint: 'enabled',
          },
          snapshotBlockPublicAccess: 'block-all-sharing',
        },
      },
    });
    expect(ctx.gaps).toEqual([]);
    const vpcCalls = ec2.commandCalls(DescribeVpcsCommand);
    expect(vpcCalls).toHaveLength(2);
    expect(vpcCalls[1]?.args[0].input).toEqual({ MaxResults: 1000, NextToken: 'v2' });
  });

  it('no account-level IMDS defaults set: an empty object; a denied setting is a gap', async () => {
    lists();
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    ec2.on(GetEbsDefaultKmsKeyIdCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: {} });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'unblocked' });
    const ctx = fakeContext();
    expect(await ec2NetworkCollector.run(ctx)).toEqual({
      kind: 'region',
      region: {
        ec2: {
          ...listsOut,
          ebsEncryptionByDefault: false,
          imdsDefaults: {},
          snapshotBlockPublicAccess: 'unblocked',
        },
      },
    });
    expect(ctx.gaps).toEqual([
      {
        api: 'ec2:GetEbsDefaultKmsKeyId',
        code: 'UnauthorizedOperation',
        section: 'ec2.ebsDefaultKmsKeyId',
      },
    ]);
  });

  it('throws when a list is denied', async () => {
    lists();
    ec2.on(DescribeSecurityGroupsCommand).rejects(awsError('UnauthorizedOperation', 'denied', 403));
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({});
    ec2.on(GetEbsDefaultKmsKeyIdCommand).resolves({});
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({});
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({});
    await expect(ec2NetworkCollector.run(fakeContext())).rejects.toThrow('denied');
  });

  it.each([
    [{}, { ipProtocol: '-1', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupPairs: [] }],
    [
      {
        IpProtocol: 'udp',
        FromPort: 53,
        ToPort: 53,
        UserIdGroupPairs: [{ GroupId: 'sg-2' }, { UserId: 'x' }],
      },
      {
        ipProtocol: 'udp',
        fromPort: 53,
        toPort: 53,
        ipv4Ranges: [],
        ipv6Ranges: [],
        prefixListIds: [],
        groupPairs: ['sg-2'],
      },
    ],
  ])('flattenIpPermission(%o)', (input, expected) => {
    expect(flattenIpPermission(input, '111122223333')).toEqual(expected);
  });
});
