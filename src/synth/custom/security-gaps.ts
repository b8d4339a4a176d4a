/**
 * Custom resources for security service settings CloudFormation has no type for:
 * GuardDuty's detector in its delegated administrator plus the organization
 * auto-enable configuration, Inspector v2 enablement plus organization auto-enable, and
 * Macie's organization auto-enable. Each handler is idempotent (Create on an account
 * that already has the setting converges it), and Delete leaves the service as it is:
 * switching threat detection off for an organization is a deliberate, manual act.
 */
import type { CfnValue } from '../cfn.js';
import { wildcardSuppressions } from '../stacks/security-nag.js';
import type { CustomHandler } from './provider.js';

type Statement = Record<string, CfnValue>;

const ANY = '*';
const NO_RESOURCE_TYPES =
  'these actions have no resource types (Service Authorization Reference), so IAM only accepts "*"';

const GUARDDUTY_STATEMENTS: Statement[] = [
  {
    Effect: 'Allow',
    Action: [
      'guardduty:ListDetectors',
      'guardduty:CreateDetector',
      'guardduty:UpdateOrganizationConfiguration',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
    ],
    Resource: ANY,
  },
  {
    Effect: 'Allow',
    Action: 'guardduty:UpdateDetector',
    Resource: {
      'Fn::Sub': 'arn:${AWS::Partition}:guardduty:${AWS::Region}:${AWS::AccountId}:detector/*',
    },
  },
  {
    // GuardDuty creates its service-linked roles on first use.
    Effect: 'Allow',
    Action: 'iam:CreateServiceLinkedRole',
    Resource: ANY,
    Condition: {
      StringEquals: {
        'iam:AWSServiceName': [
          'guardduty.amazonaws.com',
          'malware-protection.guardduty.amazonaws.com',
        ],
      },
    },
  },
];

/**
 * GuardDuty: adopt the detector GuardDuty creates when the account is designated as
 * delegated administrator (or create one), set its protection plans, then the
 * organization's auto-enable settings (`guardduty:UpdateOrganizationConfiguration`).
 * Properties: `Features: [{Name, Status, AutoEnable}]`, `AutoEnable` (ALL|NEW|NONE),
 * `Frequency` (finding publishing frequency). Attribute `DetectorId`.
 */
export const guardDutyOrgHandler: CustomHandler = {
  id: 'guardduty-org',
  description: 'orgward: GuardDuty detector and organization auto-enable (no CloudFormation type)',
  source: `
const G=require('@aws-sdk/client-guardduty');
async function handle(e){
if(e.RequestType==='Delete')return{id:e.PhysicalResourceId};
const p=e.ResourceProperties,c=new G.GuardDutyClient({}),f=p.Features||[];
const det=f.map(x=>({Name:x.Name,Status:x.Status}));
const l=await c.send(new G.ListDetectorsCommand({}));
let d=(l.DetectorIds||[])[0];
if(d)await c.send(new G.UpdateDetectorCommand({DetectorId:d,Enable:true,FindingPublishingFrequency:p.Frequency,Features:det}));
else d=(await c.send(new G.CreateDetectorCommand({Enable:true,FindingPublishingFrequency:p.Frequency,Features:det}))).DetectorId;
if(!d)throw new Error('GuardDuty returned no detector id');
await c.send(new G.UpdateOrganizationConfigurationCommand({DetectorId:d,AutoEnableOrganizationMembers:p.AutoEnable,Features:f.map(x=>({Name:x.Name,AutoEnable:x.AutoEnable}))}));
return{id:d,data:{DetectorId:d}};
}`,
  statements: GUARDDUTY_STATEMENTS,
  roleSuppressions: wildcardSuppressions(
    GUARDDUTY_STATEMENTS,
    `${NO_RESOURCE_TYPES}; UpdateDetector is limited to this account and Region's detectors (their ids are random)`,
  ),
};

const INSPECTOR_STATEMENTS: Statement[] = [
  {
    Effect: 'Allow',
    Action: [
      'inspector2:Enable',
      'inspector2:Disable',
      'inspector2:UpdateOrganizationConfiguration',
      'organizations:DescribeOrganization',
      'organizations:ListAWSServiceAccessForOrganization',
    ],
    Resource: ANY,
  },
  {
    Effect: 'Allow',
    Action: 'iam:CreateServiceLinkedRole',
    Resource: ANY,
    Condition: { StringEquals: { 'iam:AWSServiceName': 'inspector2.amazonaws.com' } },
  },
];

/**
 * Inspector v2: enable the scan types in the delegated administrator account
 * (`inspector2:Enable`, `inspector2:Disable` for types dropped on update), then the
 * organization's auto-enable (`inspector2:UpdateOrganizationConfiguration`).
 * Properties: `ResourceTypes` (EC2, ECR, LAMBDA, LAMBDA_CODE), `AutoEnable` (keys of
 * the API's autoEnable object that are on).
 */
export const inspectorOrgHandler: CustomHandler = {
  id: 'inspector-org',
  description:
    'orgward: Inspector v2 enablement and organization auto-enable (no CloudFormation type)',
  source: `
const I=require('@aws-sdk/client-inspector2');
async function handle(e){
if(e.RequestType==='Delete')return{id:e.PhysicalResourceId};
const p=e.ResourceProperties,c=new I.Inspector2Client({}),want=p.ResourceTypes||[];
const old=(e.OldResourceProperties&&e.OldResourceProperties.ResourceTypes)||[];
const drop=old.filter(x=>!want.includes(x));
if(drop.length)await c.send(new I.DisableCommand({resourceTypes:drop}));
const r=await c.send(new I.EnableCommand({resourceTypes:want}));
const bad=r.failedAccounts||[];
if(bad.length)throw new Error('inspector2:Enable failed: '+bad.map(x=>x.errorMessage||x.errorCode).join('; '));
const a={},on=p.AutoEnable||[];
for(const k of ['ec2','ecr','lambda','lambdaCode'])a[k]=on.includes(k);
await c.send(new I.UpdateOrganizationConfigurationCommand({autoEnable:a}));
return{id:'inspector2-organization'};
}`,
  statements: INSPECTOR_STATEMENTS,
  roleSuppressions: wildcardSuppressions(INSPECTOR_STATEMENTS, NO_RESOURCE_TYPES),
};

const MACIE_STATEMENTS: Statement[] = [
  {
    Effect: 'Allow',
    Action: ['macie2:UpdateOrganizationConfiguration', 'organizations:DescribeOrganization'],
    Resource: ANY,
  },
];

/**
 * Macie: the organization's auto-enable for new accounts
 * (`macie2:UpdateOrganizationConfiguration`); the session itself is AWS::Macie::Session.
 * Property: `AutoEnable` ('true' | 'false').
 */
export const macieOrgHandler: CustomHandler = {
  id: 'macie-org',
  description: 'orgward: Macie organization auto-enable (no CloudFormation type)',
  source: `
const M=require('@aws-sdk/client-macie2');
async function handle(e){
if(e.RequestType==='Delete')return{id:e.PhysicalResourceId};
const c=new M.Macie2Client({});
await c.send(new M.UpdateOrganizationConfigurationCommand({autoEnable:String(e.ResourceProperties.AutoEnable)==='true'}));
return{id:'macie-organization'};
}`,
  statements: MACIE_STATEMENTS,
  roleSuppressions: wildcardSuppressions(MACIE_STATEMENTS, NO_RESOURCE_TYPES),
};

/** Every handler of this module. */
export const SECURITY_HANDLERS: readonly CustomHandler[] = [
  guardDutyOrgHandler,
  inspectorOrgHandler,
  macieOrgHandler,
];
