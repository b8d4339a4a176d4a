/**
 * The custom resources of the organization stacks: the AWS Organizations operations that
 * CloudFormation has no resource type for (policy types, trusted access, delegated
 * administrators, detaching the AWS-managed FullAWSAccess SCP). One inline handler
 * serves all four types; each unit adds it with only the permissions its own custom
 * resources need (`orgGapsHandler`).
 */
import { sub, type CfnValue } from '../cfn.js';
import type { CustomHandler } from './provider.js';

/** The custom resource types the handler implements (`Custom::Orgward<Kind>`). */
export const ORG_GAP_TYPES = {
  /** `{RootId, PolicyType, Key}`: enable a policy type on the root. */
  policyType: 'Custom::OrgwardPolicyType',
  /** `{ServicePrincipal, Key}`: trusted access for an AWS service. */
  trustedService: 'Custom::OrgwardTrustedService',
  /** `{ServicePrincipal, AccountId, Api?, Key}`: a delegated administrator. */
  delegatedAdmin: 'Custom::OrgwardDelegatedAdmin',
  /** `{PolicyId, TargetId, Key}`: keep an (AWS-managed) policy detached from a target. */
  policyDetachment: 'Custom::OrgwardPolicyDetachment',
} as const;

/**
 * How the handler designates a delegated administrator through a service's own API
 * instead of `organizations:RegisterDelegatedAdministrator` (the `Api` property).
 * Names are the AWS SDK for JavaScript v3 ones: `@aws-sdk/client-<Client>`, class
 * `<Class>`, commands `<Enable>Command` etc.
 */
export interface ServiceAdminApi {
  Client: string;
  Class: string;
  Enable: string;
  /** Request member of `Enable` that carries the account id. */
  Key: string;
  Disable: string;
  /** Request member of `Disable` that carries the account id (none: the call takes no input). */
  DisableKey?: string;
  /**
   * Command that lists the current administrators in this Region; without it, the
   * handler reads `organizations:ListDelegatedAdministrators` for the service principal
   * (services that register organization-wide do so through Organizations).
   */
  List?: string;
  /** Response member holding the list (none: the response is the one administrator). */
  Items?: string;
  /** Member of a list item (or of the response) holding the account id. */
  Id?: string;
  /** Region to call (a service with one global endpoint, e.g. Firewall Manager). */
  Region?: string;
}

/**
 * `handle(event)`. Each type is a pair [apply, undo]:
 * - Create applies. Update undoes the old properties first when their `Key` (the
 *   identity synth computes: target, account, principal) changed, then applies, so a
 *   one-administrator service is switched cleanly; the physical id stays.
 * - Delete undoes, except after a failed Create (the physical id is then still the
 *   logical id), so a rollback never undoes what someone else had set up.
 * - Everything is idempotent: "already enabled / registered / attached" and their
 *   opposites count as done; delegated administrators set through a service API are
 *   checked with its list call first, because those APIs report "already" as a generic
 *   BadRequest.
 * - A policy type is never disabled on Delete: disabling detaches every policy of that
 *   type in the whole organization, including policies orgward does not manage, and
 *   drops guardrails at once. Removing a type from the blueprint leaves it enabled; the
 *   plan says so and an operator disables it deliberately.
 * - EnablePolicyType is asynchronous: Create waits (up to 2 minutes) until ListRoots shows
 *   the type ENABLED, so policies of that type can be created right after.
 */
const SOURCE = `
const O=require('@aws-sdk/client-organizations'),o=new O.OrganizationsClient({});
const send=(c,m,n,i)=>c.send(new m[n+'Command'](i||{}));
const org=(n,i,ok)=>send(o,O,n,i).catch(x=>{if(x.name!==ok)throw x});
async function typeOn(p){
await org('EnablePolicyType',{RootId:p.RootId,PolicyType:p.PolicyType},'PolicyTypeAlreadyEnabledException');
for(let i=0;i<60;i++){const r=await send(o,O,'ListRoots');
if((r.Roots||[]).some(x=>x.Id===p.RootId&&(x.PolicyTypes||[]).some(t=>t.Type===p.PolicyType&&t.Status==='ENABLED')))return;
await new Promise(f=>setTimeout(f,2000))}
throw Error(p.PolicyType+' is not ENABLED on '+p.RootId+' after 120 s')}
async function admins(p,a,c,m){
if(a.List){const r=await send(c,m,a.List);return [].concat(a.Items?r[a.Items]||[]:r).map(x=>x[a.Id])}
let l=[],t;do{const r=await send(o,O,'ListDelegatedAdministrators',{ServicePrincipal:p.ServicePrincipal,NextToken:t});
l=l.concat((r.DelegatedAdministrators||[]).map(x=>x.Id));t=r.NextToken}while(t);return l}
async function admin(p,on){
const a=p.Api,k={AccountId:p.AccountId,ServicePrincipal:p.ServicePrincipal};
if(!a)return on?org('RegisterDelegatedAdministrator',k,'AccountAlreadyRegisteredException'):org('DeregisterDelegatedAdministrator',k,'AccountNotRegisteredException');
const m=require('@aws-sdk/client-'+a.Client),c=new m[a.Class](a.Region?{region:a.Region}:{});
const has=(await admins(p,a,c,m)).includes(p.AccountId);
if(on&&!has)await send(c,m,a.Enable,{[a.Key]:p.AccountId});
if(!on&&has)await send(c,m,a.Disable,a.DisableKey?{[a.DisableKey]:p.AccountId}:{})}
const T={
PolicyType:[typeOn,()=>0],
TrustedService:[p=>send(o,O,'EnableAWSServiceAccess',{ServicePrincipal:p.ServicePrincipal}),p=>send(o,O,'DisableAWSServiceAccess',{ServicePrincipal:p.ServicePrincipal})],
PolicyDetachment:[p=>org('DetachPolicy',{PolicyId:p.PolicyId,TargetId:p.TargetId},'PolicyNotAttachedException'),p=>org('AttachPolicy',{PolicyId:p.PolicyId,TargetId:p.TargetId},'DuplicatePolicyAttachmentException')],
DelegatedAdmin:[p=>admin(p,1),p=>admin(p,0)]};
async function handle(e){
const t=T[String(e.ResourceType).replace('Custom::Orgward','')],p=e.ResourceProperties,b=e.OldResourceProperties;
if(!t)throw Error('unsupported resource type '+e.ResourceType);
if(e.RequestType==='Delete'){if(e.PhysicalResourceId!==e.LogicalResourceId)await t[1](p);return}
if(e.RequestType==='Update'&&b&&b.Key!==p.Key)await t[1](b);
await t[0](p);
return{id:e.RequestType==='Create'?p.Key:e.PhysicalResourceId}}
`;

/** Why some statements must use `Resource: "*"` (the cdk-nag IAM5 suppression reason). */
export const NO_RESOURCE_TYPE_REASON =
  'organizations:ListRoots, EnableAWSServiceAccess, DisableAWSServiceAccess, ListDelegatedAdministrators, ' +
  'DescribeOrganization, ListAccounts, ListAWSServiceAccessForOrganization and the services\u2019 ' +
  'delegated-administrator APIs have no resource types in the Service Authorization Reference, so IAM only ' +
  'accepts Resource "*" (narrowed by organizations:ServicePrincipal where the action supports it); ' +
  'DescribeOrganizationalUnit is called by those services for OUs they discover at run time';

/** The cdk-nag finding a `Resource: "*"` statement raises. */
export const IAM5_ANY_RESOURCE = 'AwsSolutions-IAM5[Resource::*]';

/** Id of the AWS-managed FullAWSAccess SCP (the same in every organization). */
export const FULL_AWS_ACCESS_ID = 'p-FullAWSAccess';

/** An ARN in this management account's organization (`root/o-.../r-...`, `ou/...`, `account/...`). */
export function organizationArn(
  kind: 'root' | 'ou' | 'account',
  org: CfnValue,
  id: CfnValue,
): CfnValue {
  return sub(`arn:\${AWS::Partition}:organizations::\${AWS::AccountId}:${kind}/\${Org}/\${Id}`, {
    Org: org,
    Id: id,
  });
}

/**
 * The handler with every permission any of its resource types may need, scoped only by
 * pseudo parameters (this management account). Units use `orgGapsHandler` instead, with
 * exactly the statements their own custom resources need.
 */
export const ORG_GAPS_HANDLER: CustomHandler = {
  id: 'org-gaps',
  description: 'orgward: AWS Organizations settings CloudFormation has no resource type for',
  source: SOURCE,
  statements: [
    {
      Effect: 'Allow',
      Action: [
        'organizations:EnablePolicyType',
        'organizations:AttachPolicy',
        'organizations:DetachPolicy',
        'organizations:RegisterDelegatedAdministrator',
        'organizations:DeregisterDelegatedAdministrator',
      ],
      Resource: [
        sub('arn:${AWS::Partition}:organizations::${AWS::AccountId}:*'),
        sub(
          `arn:\${AWS::Partition}:organizations::aws:policy/service_control_policy/${FULL_AWS_ACCESS_ID}`,
        ),
      ],
    },
    {
      Effect: 'Allow',
      Action: [
        'organizations:ListRoots',
        'organizations:EnableAWSServiceAccess',
        'organizations:DisableAWSServiceAccess',
        'organizations:ListDelegatedAdministrators',
      ],
      Resource: '*',
    },
  ],
  roleSuppressions: [
    { id: IAM5_ANY_RESOURCE, reason: NO_RESOURCE_TYPE_REASON },
    {
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:organizations::<AWS::AccountId>:*]',
      reason:
        'the generic handler may act on any root, OU, account or policy of the organization this management account runs; ' +
        'the organization units deploy it through orgGapsHandler with the exact ARNs instead',
    },
  ],
};

/**
 * The handler as one unit deploys it: its own function name (several organization units
 * live in the same account and Region) and only the statements that unit needs. The only
 * wildcard allowed is `Resource: "*"` for actions without resource types.
 */
export function orgGapsHandler(
  unit: string,
  statements: Record<string, CfnValue>[],
): CustomHandler {
  const text = JSON.stringify(statements.map((s) => s.Resource));
  if (text.replaceAll('"*"', '').includes('*'))
    throw new Error(
      `org-gaps-${unit}: a resource pattern with a wildcard needs its own justification`,
    );
  return {
    id: `org-gaps-${unit}`,
    description: ORG_GAPS_HANDLER.description,
    source: ORG_GAPS_HANDLER.source,
    statements,
    ...(text.includes('"*"')
      ? { roleSuppressions: [{ id: IAM5_ANY_RESOURCE, reason: NO_RESOURCE_TYPE_REASON }] }
      : {}),
  };
}
