import { createRequire } from 'node:module';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  accountGapsHandler,
  flowLogsHandler,
  serviceLinkedRoleHandler,
  type AccountSetting,
} from './account-gaps.js';
import { invokeHandler, type CfnEvent } from './harness.js';
import { handlerCode, INLINE_CODE_MAX, type CustomHandler } from './provider.js';

// The handlers `require` the SDK the way Lambda does; mock the same (CommonJS) classes.
const req = createRequire(import.meta.url);
const Ec2 = req('@aws-sdk/client-ec2') as typeof import('@aws-sdk/client-ec2');
const Iam = req('@aws-sdk/client-iam') as typeof import('@aws-sdk/client-iam');
const S3c = req('@aws-sdk/client-s3-control') as typeof import('@aws-sdk/client-s3-control');

const ec2 = mockClient(Ec2.EC2Client);
const iam = mockClient(Iam.IAMClient);
const s3c = mockClient(S3c.S3ControlClient);
const meta = { $metadata: {} };

beforeEach(() => {
  ec2.reset();
  iam.reset();
  s3c.reset();
});

const ALL: AccountSetting[] = [
  'password-policy',
  's3-block-public-access',
  'ebs-encryption',
  'imds-defaults',
  'snapshot-block-public-access',
  'default-vpc',
];
const GAPS = accountGapsHandler(ALL);

/** A custom resource event; CloudFormation passes every property value as a string. */
function event(RequestType: CfnEvent['RequestType'], props: Record<string, string>): CfnEvent {
  return {
    RequestType,
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x',
      ...props,
    },
    ...(RequestType === 'Create' ? {} : { PhysicalResourceId: `orgward-${props.Setting ?? ''}` }),
  };
}

const POLICY = {
  MinimumPasswordLength: 16,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  PasswordReusePrevention: 24,
};

describe('handler sources', () => {
  it.each<[string, CustomHandler]>([
    ['account-gaps', GAPS],
    ['flow-logs', flowLogsHandler({ kind: 's3', bucketArn: 'arn:aws:s3:::b' })],
    [
      'config-slr',
      serviceLinkedRoleHandler({
        id: 'config-slr',
        service: 'config.amazonaws.com',
        roleName: 'AWSServiceRoleForConfig',
      }),
    ],
  ])('%s fits the inline code limit with the runtime', (_id, h) => {
    expect(handlerCode(h).length).toBeLessThan(INLINE_CODE_MAX);
  });
});

describe('account-gaps permissions', () => {
  const actions = (settings: AccountSetting[]) =>
    accountGapsHandler(settings).statements.flatMap((s) => s.Action as string[]);

  it('grants only what the settings in use need', () => {
    expect(actions(['password-policy'])).toEqual(['iam:UpdateAccountPasswordPolicy']);
    expect(actions(['ebs-encryption'])).not.toContain('ec2:DeleteVpc');
    expect(actions(['default-vpc'])).toContain('ec2:DeleteVpc');
    expect(actions(['ebs-encryption'])).not.toContain('ec2:ModifyEbsDefaultKmsKeyId');
    const withKey = accountGapsHandler(['ebs-encryption'], { ebsKmsKey: true }).statements;
    expect(withKey.flatMap((s) => s.Action as string[])).toContain('ec2:ModifyEbsDefaultKmsKeyId');
  });

  it('limits the VPC deletes to this account and Region and EC2 reads to this Region', () => {
    const st = accountGapsHandler(['default-vpc']).statements;
    const deletes = st.find((s) => (s.Action as string[]).includes('ec2:DeleteVpc'));
    expect(deletes?.Resource).toContainEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/*',
    });
    const reads = st.find((s) => (s.Action as string[]).includes('ec2:DescribeVpcs'));
    expect(reads?.Condition).toEqual({ StringEquals: { 'ec2:Region': { Ref: 'AWS::Region' } } });
  });

  it('justifies every wildcard resource with an exact cdk-nag id', () => {
    const ids = accountGapsHandler(ALL).roleSuppressions?.map((s) => s.id);
    expect(ids).toContain('AwsSolutions-IAM5[Resource::*]');
    expect(ids).toContain(
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:subnet/*]',
    );
  });
});

describe('account-gaps handler: global settings', () => {
  it('sets the password policy from its JSON property (numbers and booleans intact)', async () => {
    iam.on(Iam.UpdateAccountPasswordPolicyCommand).resolves(meta);
    const r = await invokeHandler(
      GAPS,
      event('Create', { Setting: 'password-policy', Policy: JSON.stringify(POLICY) }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(r.PhysicalResourceId).toBe('orgward-password-policy');
    expect(iam.commandCalls(Iam.UpdateAccountPasswordPolicyCommand)[0]?.args[0].input).toEqual(
      POLICY,
    );
  });

  it('applies the policy again on Update (a put: idempotent)', async () => {
    iam.on(Iam.UpdateAccountPasswordPolicyCommand).resolves(meta);
    const r = await invokeHandler(
      GAPS,
      event('Update', {
        Setting: 'password-policy',
        Policy: JSON.stringify({ ...POLICY, MinimumPasswordLength: 20 }),
      }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(
      iam.commandCalls(Iam.UpdateAccountPasswordPolicyCommand)[0]?.args[0].input
        .MinimumPasswordLength,
    ).toBe(20);
  });

  it('reports an API failure as FAILED with its message', async () => {
    iam.on(Iam.UpdateAccountPasswordPolicyCommand).rejects(new Error('User is not authorized'));
    const r = await invokeHandler(
      GAPS,
      event('Create', { Setting: 'password-policy', Policy: JSON.stringify(POLICY) }),
    );
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('not authorized');
  });

  it('turns on all four S3 account Block Public Access settings for the account', async () => {
    s3c.on(S3c.PutPublicAccessBlockCommand).resolves(meta);
    const r = await invokeHandler(
      GAPS,
      event('Create', { Setting: 's3-block-public-access', AccountId: '222222222222' }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(s3c.commandCalls(S3c.PutPublicAccessBlockCommand)[0]?.args[0].input).toEqual({
      AccountId: '222222222222',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
  });

  it.each(ALL)('changes nothing on Delete of %s', async (setting) => {
    const r = await invokeHandler(GAPS, event('Delete', { Setting: setting }));
    expect(r.Status).toBe('SUCCESS');
    expect(r.PhysicalResourceId).toBe(`orgward-${setting}`);
    expect(ec2.calls().length + iam.calls().length + s3c.calls().length).toBe(0);
  });

  it('fails clearly on an unknown setting', async () => {
    const r = await invokeHandler(GAPS, event('Create', { Setting: 'root-mfa' }));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('unknown setting root-mfa');
  });
});

describe('account-gaps handler: EBS, IMDS and snapshot defaults', () => {
  it('enables EBS encryption by default when it is off', async () => {
    ec2
      .on(Ec2.GetEbsEncryptionByDefaultCommand)
      .resolves({ ...meta, EbsEncryptionByDefault: false });
    ec2
      .on(Ec2.EnableEbsEncryptionByDefaultCommand)
      .resolves({ ...meta, EbsEncryptionByDefault: true });
    const r = await invokeHandler(GAPS, event('Create', { Setting: 'ebs-encryption' }));
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.EnableEbsEncryptionByDefaultCommand)).toHaveLength(1);
    expect(ec2.commandCalls(Ec2.ModifyEbsDefaultKmsKeyIdCommand)).toHaveLength(0);
  });

  it('leaves EBS encryption alone when it is on, and sets the default key when given', async () => {
    ec2
      .on(Ec2.GetEbsEncryptionByDefaultCommand)
      .resolves({ ...meta, EbsEncryptionByDefault: true });
    ec2.on(Ec2.ModifyEbsDefaultKmsKeyIdCommand).resolves(meta);
    const key = 'arn:aws:kms:eu-west-1:333333333333:alias/ebs';
    const r = await invokeHandler(
      GAPS,
      event('Update', { Setting: 'ebs-encryption', KmsKeyId: key }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.EnableEbsEncryptionByDefaultCommand)).toHaveLength(0);
    expect(ec2.commandCalls(Ec2.ModifyEbsDefaultKmsKeyIdCommand)[0]?.args[0].input).toEqual({
      KmsKeyId: key,
    });
  });

  it.each([
    ['account default differs', { HttpTokens: 'optional', ManagedBy: 'account' }, 'required', true],
    ['already required', { HttpTokens: 'required', ManagedBy: 'account' }, 'required', false],
    [
      'managed by a declarative policy',
      { HttpTokens: 'optional', ManagedBy: 'declarative-policy' },
      'required',
      false,
    ],
    ['no preference wanted, none set', {}, 'no-preference', false],
    ['no preference wanted, required set', { HttpTokens: 'required' }, 'no-preference', true],
  ] as const)('IMDS defaults: %s', async (_case, accountLevel, want, modifies) => {
    ec2
      .on(Ec2.GetInstanceMetadataDefaultsCommand)
      .resolves({ ...meta, AccountLevel: accountLevel });
    ec2.on(Ec2.ModifyInstanceMetadataDefaultsCommand).resolves({ ...meta, Return: true });
    const r = await invokeHandler(
      GAPS,
      event('Create', { Setting: 'imds-defaults', HttpTokens: want }),
    );
    expect(r.Status).toBe('SUCCESS');
    const calls = ec2.commandCalls(Ec2.ModifyInstanceMetadataDefaultsCommand);
    expect(calls).toHaveLength(modifies ? 1 : 0);
    if (modifies) expect(calls[0]?.args[0].input).toEqual({ HttpTokens: want });
  });

  it.each([
    ['unblocked', { State: 'unblocked', ManagedBy: 'account' }, true],
    ['already blocked', { State: 'block-all-sharing', ManagedBy: 'account' }, false],
    [
      'owned by a declarative policy',
      { State: 'block-new-sharing', ManagedBy: 'declarative-policy' },
      false,
    ],
  ] as const)('snapshot Block Public Access: %s', async (_case, state, enables) => {
    ec2.on(Ec2.GetSnapshotBlockPublicAccessStateCommand).resolves({ ...meta, ...state });
    ec2
      .on(Ec2.EnableSnapshotBlockPublicAccessCommand)
      .resolves({ ...meta, State: 'block-all-sharing' });
    const r = await invokeHandler(
      GAPS,
      event('Create', { Setting: 'snapshot-block-public-access', State: 'block-all-sharing' }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.EnableSnapshotBlockPublicAccessCommand)).toHaveLength(
      enables ? 1 : 0,
    );
  });
});

describe('account-gaps handler: default VPC removal', () => {
  const vpc = 'vpc-0default';
  function defaultVpc(enis: string[]): void {
    ec2.on(Ec2.DescribeVpcsCommand).resolves({ ...meta, Vpcs: [{ VpcId: vpc, IsDefault: true }] });
    ec2.on(Ec2.DescribeNetworkInterfacesCommand).resolves({
      ...meta,
      NetworkInterfaces: enis.map((NetworkInterfaceId) => ({ NetworkInterfaceId })),
    });
    ec2
      .on(Ec2.DescribeInternetGatewaysCommand)
      .resolves({ ...meta, InternetGateways: [{ InternetGatewayId: 'igw-1' }] });
    ec2
      .on(Ec2.DescribeSubnetsCommand)
      .resolves({ ...meta, Subnets: [{ SubnetId: 'subnet-a' }, { SubnetId: 'subnet-b' }] });
    ec2.on(Ec2.DetachInternetGatewayCommand).resolves(meta);
    ec2.on(Ec2.DeleteInternetGatewayCommand).resolves(meta);
    ec2.on(Ec2.DeleteSubnetCommand).resolves(meta);
    ec2.on(Ec2.DeleteVpcCommand).resolves(meta);
  }

  it('detaches and deletes the gateway, deletes the subnets, then the VPC', async () => {
    defaultVpc([]);
    const r = await invokeHandler(GAPS, event('Create', { Setting: 'default-vpc' }));
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.commandCalls(Ec2.DescribeVpcsCommand)[0]?.args[0].input).toEqual({
      Filters: [{ Name: 'is-default', Values: ['true'] }],
    });
    const order = ec2
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
      .filter((n) => !n.startsWith('Describe'));
    expect(order).toEqual([
      'DetachInternetGatewayCommand',
      'DeleteInternetGatewayCommand',
      'DeleteSubnetCommand',
      'DeleteSubnetCommand',
      'DeleteVpcCommand',
    ]);
    expect(ec2.commandCalls(Ec2.DetachInternetGatewayCommand)[0]?.args[0].input).toEqual({
      InternetGatewayId: 'igw-1',
      VpcId: vpc,
    });
    expect(ec2.commandCalls(Ec2.DeleteVpcCommand)[0]?.args[0].input).toEqual({ VpcId: vpc });
  });

  it('refuses, deleting nothing, while network interfaces are in use', async () => {
    defaultVpc(['eni-1', 'eni-2']);
    const r = await invokeHandler(GAPS, event('Create', { Setting: 'default-vpc' }));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain(
      `default VPC ${vpc} has 2 network interface(s) in use (eni-1, eni-2)`,
    );
    expect(r.Reason).toContain('deleteDefaultVpcs');
    expect(ec2.commandCalls(Ec2.DeleteVpcCommand)).toHaveLength(0);
    expect(ec2.commandCalls(Ec2.DeleteSubnetCommand)).toHaveLength(0);
    expect(ec2.commandCalls(Ec2.DetachInternetGatewayCommand)).toHaveLength(0);
  });

  it('does nothing when there is no default VPC (a second run)', async () => {
    ec2.on(Ec2.DescribeVpcsCommand).resolves({ ...meta, Vpcs: [] });
    const r = await invokeHandler(GAPS, event('Update', { Setting: 'default-vpc' }));
    expect(r.Status).toBe('SUCCESS');
    expect(ec2.calls()).toHaveLength(1);
  });
});

describe('service-linked role handler', () => {
  const SLR = serviceLinkedRoleHandler({
    id: 'config-slr',
    service: 'config.amazonaws.com',
    roleName: 'AWSServiceRoleForConfig',
  });
  const props = { ServiceName: 'config.amazonaws.com' };

  it('creates the role when it is missing', async () => {
    iam.on(Iam.CreateServiceLinkedRoleCommand).resolves(meta);
    const r = await invokeHandler(SLR, { RequestType: 'Create', ResourceProperties: props });
    expect(r.Status).toBe('SUCCESS');
    expect(iam.commandCalls(Iam.CreateServiceLinkedRoleCommand)[0]?.args[0].input).toEqual({
      AWSServiceName: 'config.amazonaws.com',
    });
  });

  it('accepts a role that already exists', async () => {
    iam
      .on(Iam.CreateServiceLinkedRoleCommand)
      .rejects(
        new Error(
          'Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.',
        ),
      );
    const r = await invokeHandler(SLR, { RequestType: 'Create', ResourceProperties: props });
    expect(r.Status).toBe('SUCCESS');
  });

  it('fails on any other error', async () => {
    iam.on(Iam.CreateServiceLinkedRoleCommand).rejects(new Error('AccessDenied: not allowed'));
    const r = await invokeHandler(SLR, { RequestType: 'Create', ResourceProperties: props });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('AccessDenied');
  });

  it('never deletes the role', async () => {
    const r = await invokeHandler(SLR, {
      RequestType: 'Delete',
      ResourceProperties: props,
      PhysicalResourceId: 'orgward-slr-config.amazonaws.com',
    });
    expect(r.Status).toBe('SUCCESS');
    expect(iam.calls()).toHaveLength(0);
  });

  it('may create only that service role', () => {
    expect(SLR.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
        },
        Condition: { StringEquals: { 'iam:AWSServiceName': 'config.amazonaws.com' } },
      },
    ]);
  });
});
