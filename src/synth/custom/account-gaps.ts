/**
 * Custom resource handlers for the account baseline settings CloudFormation has no type
 * for (checked against the CloudFormation resource specification of aws-cdk-lib 2.276:
 * only `AWS::EC2::SnapshotBlockPublicAccess` exists among them):
 *
 * - `account-gaps`: IAM password policy and S3 account Block Public Access (global, home
 *   Region), EBS encryption by default (+ default KMS key), IMDS defaults, snapshot
 *   Block Public Access where an EC2 declarative policy may own it, default-VPC removal.
 * - `flow-logs`: flow logs on every VPC of the account and Region (CloudFormation can only
 *   create flow logs for VPC ids it knows); the same code runs on `CreateVpc` events.
 * - `serviceLinkedRoleHandler(...)`: a service-linked role that may already exist.
 *
 * Every handler is idempotent (it reads before it writes, or the write is a put), and
 * Delete changes nothing: removing a setting from the baseline leaves the account as
 * hardened as it was (restoring the defaults would weaken it; a deleted default VPC is
 * not recreated; flow logs and service-linked roles stay, other services rely on them).
 */
import type { CfnValue } from '../cfn.js';
import { wildcardSuppressions } from '../stacks/security-nag.js';
import type { CustomHandler } from './provider.js';

/** The settings `account-gaps` manages, one custom resource each (`Setting` property). */
export type AccountSetting =
  | 'password-policy'
  | 's3-block-public-access'
  | 'ebs-encryption'
  | 'imds-defaults'
  | 'snapshot-block-public-access'
  | 'default-vpc';

const ACCOUNT_GAPS_SOURCE = String.raw`
const E=require('@aws-sdk/client-ec2'),c=new E.EC2Client({}),x=(C,i,k=c)=>k.send(new C(i||{}));
const f=(n,v)=>({Filters:[{Name:n,Values:[v]}]});
const S={
'password-policy':async p=>{const I=require('@aws-sdk/client-iam');await x(I.UpdateAccountPasswordPolicyCommand,JSON.parse(p.Policy),new I.IAMClient({}))},
's3-block-public-access':async p=>{const K=require('@aws-sdk/client-s3-control');await x(K.PutPublicAccessBlockCommand,{AccountId:p.AccountId,PublicAccessBlockConfiguration:{BlockPublicAcls:true,IgnorePublicAcls:true,BlockPublicPolicy:true,RestrictPublicBuckets:true}},new K.S3ControlClient({}))},
'ebs-encryption':async p=>{if(!(await x(E.GetEbsEncryptionByDefaultCommand)).EbsEncryptionByDefault)await x(E.EnableEbsEncryptionByDefaultCommand);if(p.KmsKeyId)await x(E.ModifyEbsDefaultKmsKeyIdCommand,{KmsKeyId:p.KmsKeyId})},
'imds-defaults':async p=>{const a=(await x(E.GetInstanceMetadataDefaultsCommand)).AccountLevel||{};if(a.ManagedBy!=='declarative-policy'&&(a.HttpTokens||'no-preference')!==p.HttpTokens)await x(E.ModifyInstanceMetadataDefaultsCommand,{HttpTokens:p.HttpTokens})},
'snapshot-block-public-access':async p=>{const s=await x(E.GetSnapshotBlockPublicAccessStateCommand);if(s.ManagedBy!=='declarative-policy'&&s.State!==p.State)await x(E.EnableSnapshotBlockPublicAccessCommand,{State:p.State})},
'default-vpc':async()=>{for(const{VpcId:v}of(await x(E.DescribeVpcsCommand,f('is-default','true'))).Vpcs||[]){
const n=(await x(E.DescribeNetworkInterfacesCommand,f('vpc-id',v))).NetworkInterfaces||[];
if(n.length)throw Error('default VPC '+v+' has '+n.length+' network interface(s) in use ('+n.slice(0,5).map(i=>i.NetworkInterfaceId).join(', ')+'); delete them or set security.accountBaseline.deleteDefaultVpcs: false');
for(const{InternetGatewayId:g}of(await x(E.DescribeInternetGatewaysCommand,f('attachment.vpc-id',v))).InternetGateways||[]){await x(E.DetachInternetGatewayCommand,{InternetGatewayId:g,VpcId:v});await x(E.DeleteInternetGatewayCommand,{InternetGatewayId:g})}
for(const{SubnetId:s}of(await x(E.DescribeSubnetsCommand,f('vpc-id',v))).Subnets||[])await x(E.DeleteSubnetCommand,{SubnetId:s});
await x(E.DeleteVpcCommand,{VpcId:v})}}};
async function handle(e){const p=e.ResourceProperties,id='orgward-'+p.Setting;if(e.RequestType==='Delete')return{id};
const s=S[p.Setting];if(!s)throw Error('unknown setting '+p.Setting);await s(p);return{id}}
`;

const inRegion = (service: string, type: string): CfnValue => ({
  'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${type}`,
});
const regionOnly: Record<string, CfnValue> = {
  StringEquals: { 'ec2:Region': { Ref: 'AWS::Region' } },
};

/** IAM statements per setting (only those a template uses are granted). */
const SETTING_STATEMENTS: Readonly<Record<AccountSetting, Record<string, CfnValue>[]>> = {
  'password-policy': [
    { Effect: 'Allow', Action: ['iam:UpdateAccountPasswordPolicy'], Resource: '*' },
  ],
  's3-block-public-access': [
    { Effect: 'Allow', Action: ['s3:PutAccountPublicAccessBlock'], Resource: '*' },
  ],
  'ebs-encryption': [
    {
      Effect: 'Allow',
      Action: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault'],
      Resource: '*',
      Condition: regionOnly,
    },
  ],
  'imds-defaults': [
    {
      Effect: 'Allow',
      Action: ['ec2:GetInstanceMetadataDefaults', 'ec2:ModifyInstanceMetadataDefaults'],
      Resource: '*',
      Condition: regionOnly,
    },
  ],
  'snapshot-block-public-access': [
    {
      Effect: 'Allow',
      Action: ['ec2:GetSnapshotBlockPublicAccessState', 'ec2:EnableSnapshotBlockPublicAccess'],
      Resource: '*',
      Condition: regionOnly,
    },
  ],
  'default-vpc': [
    {
      Effect: 'Allow',
      Action: [
        'ec2:DescribeVpcs',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeSubnets',
      ],
      Resource: '*',
      Condition: regionOnly,
    },
    {
      Effect: 'Allow',
      Action: [
        'ec2:DetachInternetGateway',
        'ec2:DeleteInternetGateway',
        'ec2:DeleteSubnet',
        'ec2:DeleteVpc',
      ],
      Resource: [
        inRegion('ec2', 'vpc/*'),
        inRegion('ec2', 'internet-gateway/*'),
        inRegion('ec2', 'subnet/*'),
      ],
    },
  ],
};

/** Why the `*` resources are needed (cdk-nag IAM5). */
const STAR_REASON =
  'account-level settings (password policy, S3 account Block Public Access, EBS and IMDS defaults, snapshot Block Public Access) and EC2 Describe calls have no resource type in IAM, so Resource must be *; EC2 calls are limited to this Region by ec2:Region, and the deletes to this account and Region';

/** The default EBS key is set only when the blueprint names one. */
const EBS_KEY_STATEMENT: Record<string, CfnValue> = {
  Effect: 'Allow',
  Action: ['ec2:ModifyEbsDefaultKmsKeyId'],
  Resource: '*',
  Condition: regionOnly,
};

/**
 * The `account-gaps` handler, granted only what the given settings need (and
 * `ec2:ModifyEbsDefaultKmsKeyId` only with `ebsKmsKey`). The source is the same for
 * every set of settings; each custom resource names its `Setting`.
 */
export function accountGapsHandler(
  settings: readonly AccountSetting[],
  opts: { ebsKmsKey?: boolean } = {},
): CustomHandler {
  const used = [...new Set(settings)].sort();
  const statements = used.flatMap((s) => SETTING_STATEMENTS[s]);
  if (opts.ebsKmsKey && used.includes('ebs-encryption')) statements.push(EBS_KEY_STATEMENT);
  return {
    id: 'account-gaps',
    description:
      'orgward: account settings with no CloudFormation type (password policy, S3 account BPA, EBS/IMDS defaults, default VPC)',
    source: ACCOUNT_GAPS_SOURCE,
    statements,
    roleSuppressions: wildcardSuppressions(statements, STAR_REASON),
  };
}

const FLOW_LOGS_SOURCE = String.raw`
const E=require('@aws-sdk/client-ec2'),c=new E.EC2Client({});
async function all(C,k){const o=[];let t;do{const r=await c.send(new C({NextToken:t}));o.push(...(r[k]||[]));t=r.NextToken}while(t);return o}
async function sweep(p){const s3=p.LogDestinationType==='s3',to=s3?p.LogDestination:p.LogGroupName;
const have=new Set((await all(E.DescribeFlowLogsCommand,'FlowLogs')).filter(l=>(s3?l.LogDestination:l.LogGroupName)===to&&l.TrafficType===p.TrafficType).map(l=>l.ResourceId));
const todo=(await all(E.DescribeVpcsCommand,'Vpcs')).map(v=>v.VpcId).filter(v=>!have.has(v));
for(let i=0;i<todo.length;i+=25){const r=await c.send(new E.CreateFlowLogsCommand({ResourceIds:todo.slice(i,i+25),ResourceType:'VPC',TrafficType:p.TrafficType,LogDestinationType:p.LogDestinationType,
...(s3?{LogDestination:to}:{LogGroupName:to,DeliverLogsPermissionArn:p.DeliverLogsPermissionArn})}));
const u=(r.Unsuccessful||[]).filter(u=>!/AlreadyExists/.test((u.Error||{}).Code));
if(u.length)throw Error('flow logs not created: '+u.map(u=>u.ResourceId+': '+(u.Error||{}).Message).join('; '))}
return todo.length}
async function handle(e){const id='orgward-flow-logs';if(e.RequestType==='Delete')return{id};return{id,data:{Created:String(await sweep(e.ResourceProperties))}}}
exports.sweep=()=>sweep(process.env);
`;

/** Why the flow-logs handler's `*` resources are needed (cdk-nag IAM5). */
const FLOW_LOGS_STAR_REASON =
  'ec2:DescribeVpcs/DescribeFlowLogs and logs:CreateLogDelivery/DeleteLogDelivery have no resource type in IAM; CreateFlowLogs must reach every VPC of this account and Region (vpc/*, new vpc-flow-log/*), which is the purpose of the handler';

/** Where flow logs go, as the flow-logs handler reads it (properties or environment). */
export type FlowLogsTarget =
  | { kind: 's3'; bucketArn: CfnValue }
  | { kind: 'cloud-watch-logs'; logGroupName: CfnValue; deliveryRoleArn: CfnValue };

/**
 * The `flow-logs` handler. `handle` (the custom resource) enables flow logs on every VPC
 * at deploy time; `exports.sweep` (handler `index.sweep`, configured by environment
 * variables with the same names as the properties) does the same for VPCs created later.
 */
export function flowLogsHandler(target: FlowLogsTarget): CustomHandler {
  const statements: Record<string, CfnValue>[] = [
    {
      Effect: 'Allow',
      Action: ['ec2:DescribeVpcs', 'ec2:DescribeFlowLogs'],
      Resource: '*',
      Condition: regionOnly,
    },
    {
      Effect: 'Allow',
      Action: ['ec2:CreateFlowLogs'],
      Resource: [inRegion('ec2', 'vpc/*'), inRegion('ec2', 'vpc-flow-log/*')],
    },
  ];
  if (target.kind === 's3')
    // Delivery to S3 is set up through CloudWatch Logs' log-delivery API.
    statements.push({
      Effect: 'Allow',
      Action: ['logs:CreateLogDelivery', 'logs:DeleteLogDelivery'],
      Resource: '*',
    });
  else
    statements.push({
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: target.deliveryRoleArn,
      Condition: { StringEquals: { 'iam:PassedToService': 'vpc-flow-logs.amazonaws.com' } },
    });
  return {
    id: 'flow-logs',
    description: 'orgward: VPC flow logs on every VPC of the account and Region',
    source: FLOW_LOGS_SOURCE,
    statements,
    roleSuppressions: wildcardSuppressions(statements, FLOW_LOGS_STAR_REASON),
  };
}

/** Properties (and sweep environment variables) the flow-logs handler reads. */
export function flowLogsProperties(
  target: FlowLogsTarget,
  trafficType: string,
): Record<string, CfnValue> {
  return target.kind === 's3'
    ? { LogDestinationType: 's3', LogDestination: target.bucketArn, TrafficType: trafficType }
    : {
        LogDestinationType: 'cloud-watch-logs',
        LogGroupName: target.logGroupName,
        DeliverLogsPermissionArn: target.deliveryRoleArn,
        TrafficType: trafficType,
      };
}

const SLR_SOURCE = String.raw`
const I=require('@aws-sdk/client-iam');
async function handle(e){const s=e.ResourceProperties.ServiceName,id='orgward-slr-'+s;if(e.RequestType==='Delete')return{id};
try{await new I.IAMClient({}).send(new I.CreateServiceLinkedRoleCommand({AWSServiceName:s}))}catch(x){if(!/has been taken/.test(x.message))throw x}return{id}}
`;

/**
 * A handler that makes sure a service's service-linked role exists (property
 * `ServiceName`). `AWS::IAM::ServiceLinkedRole` fails when the role is already there
 * (created by the console, Security Hub or Control Tower) and would delete it with the
 * stack although other services rely on it; this creates it only when missing and
 * never deletes it.
 */
export function serviceLinkedRoleHandler(opts: {
  /** Handler id (names the function), e.g. `config-slr`. */
  id: string;
  /** Service principal, e.g. `config.amazonaws.com`. */
  service: string;
  /** The role's name, e.g. `AWSServiceRoleForConfig`. */
  roleName: string;
}): CustomHandler {
  return {
    id: opts.id,
    description: `orgward: service-linked role ${opts.roleName}, created only when missing`,
    source: SLR_SOURCE,
    statements: [
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: {
          'Fn::Sub': `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/aws-service-role/${opts.service}/${opts.roleName}`,
        },
        Condition: { StringEquals: { 'iam:AWSServiceName': opts.service } },
      },
    ],
  };
}
