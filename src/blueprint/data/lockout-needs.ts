/**
 * Actions each kind of privileged role must keep, for the SCP self-lockout check. A role
 * may override them with `needs:`. Chosen so that an SCP that blocks the role from its
 * job is caught: the pipeline deploys CloudFormation, IAM roles and the security
 * services' configuration; break-glass must be able to repair anything, so it keeps
 * the actions that undo a bad change.
 */
export const DEFAULT_NEEDS: Readonly<Record<string, readonly string[]>> = {
  pipeline: [
    'sts:AssumeRole',
    'cloudformation:CreateStack',
    'cloudformation:UpdateStack',
    'cloudformation:CreateChangeSet',
    'cloudformation:ExecuteChangeSet',
    'cloudformation:CreateStackSet',
    'iam:CreateRole',
    'iam:UpdateAssumeRolePolicy',
    'iam:PutRolePolicy',
    'iam:AttachRolePolicy',
    'iam:PassRole',
    'cloudtrail:UpdateTrail',
    'config:PutConfigurationRecorder',
    'guardduty:UpdateDetector',
    'securityhub:UpdateSecurityHubConfiguration',
    's3:PutBucketPolicy',
    'kms:PutKeyPolicy',
  ],
  'break-glass': [
    'sts:AssumeRole',
    'iam:AttachRolePolicy',
    'iam:UpdateAssumeRolePolicy',
    'iam:DeleteRolePolicy',
    'cloudtrail:StartLogging',
    'cloudtrail:UpdateTrail',
    's3:PutBucketPolicy',
    'kms:PutKeyPolicy',
    'ec2:RevokeSecurityGroupIngress',
  ],
};

/**
 * Condition keys present only on credentials that EC2 delivered to an instance. A role
 * used by a pipeline or a person (through STS, SAML or OIDC) never carries them, so the
 * lockout check treats them as absent rather than unknown; otherwise a guardrail such as
 * "deny IMDSv1 credentials" (`ec2:RoleDelivery < 2.0`) would look like it might deny
 * everything.
 */
export const INSTANCE_ONLY_KEYS: readonly string[] = [
  'ec2:roledelivery',
  'ec2:sourceinstancearn',
  'aws:ec2instancesourcevpc',
  'aws:ec2instancesourceprivateipv4',
];
