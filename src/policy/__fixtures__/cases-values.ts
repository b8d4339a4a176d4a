/**
 * Rule table (actions, resources, variables, conditions, organization policies, size): rows where each rule must fire and must not fire.
 */
import { DEFAULT_LIMITS } from '../../blueprint/limits.js';
import { policy, type RuleCase } from './helpers.js';
import type { RuleCode } from '../rules/registry.js';
const cond = (c: unknown) => ({ Condition: c });
const big = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `s3:GetObject${i % 2 ? 'Acl' : ''}`);

/** Cases where the rule must fire. */
export const POSITIVE_VALUES: Partial<Record<RuleCode, RuleCase[]>> = {
  'action-invalid': [
    { note: 'no colon', st: { Action: 's3GetObject' } },
    { note: 'number', st: { Action: 5 } },
    { note: 'empty list', st: { Action: [] } },
    { note: 'space', st: { Action: 's3:Get Object' } },
  ],
  'action-unknown-service': [{ note: 'made up', st: { Action: 'nosuchsvc:GetThing' } }],
  'action-unknown': [{ note: 'typo', st: { Action: 's3:GetObjekt' } }],
  'action-wildcard-unmatched': [
    { note: 'prefix', st: { Action: 's3:Zz*' } },
    { note: 'question mark', st: { Action: 's3:GetObjec??x' } },
  ],
  'resource-invalid': [
    { note: 'bare name', st: { Resource: 'example-bucket' } },
    { note: 'too few parts', st: { Resource: 'arn:aws:s3' } },
    { note: 'bad partition', st: { Resource: 'arn:amazon:s3:::b' } },
    { note: 'number', st: { Resource: 5 } },
    { note: 'no service', st: { Resource: 'arn:aws::::x' } },
  ],
  'arn-account': [
    { note: 'short', st: { Resource: 'arn:aws:iam::12345:role/x' } },
    { note: 'letters', st: { Resource: 'arn:aws:iam::abc:role/x' } },
  ],
  'variable-invalid': [{ note: 'unterminated', st: { Resource: 'arn:aws:s3:::b/${aws:username' } }],
  'variable-unknown': [
    { note: 'typo', st: { Resource: 'arn:aws:s3:::b/${aws:usrname}' } },
    { note: 'in condition', st: cond({ StringEquals: { 'aws:PrincipalTag/x': '${aws:nope}' } }) },
  ],
  'variable-multivalued': [{ note: 'TagKeys', st: { Resource: 'arn:aws:s3:::b/${aws:TagKeys}' } }],
  placeholder: [
    { note: 'brackets', st: { Resource: 'arn:aws:s3:::[BUCKET]' } },
    { note: 'angle', st: { Resource: 'arn:aws:s3:::<bucket>' } },
    { note: 'braces', st: cond({ StringEquals: { 'aws:RequestedRegion': '{example-region-1}' } }) },
    { note: 'dollar without colon', st: { Resource: 'arn:aws:iam::${Account}:role/x' } },
  ],
  'condition-invalid': [
    { note: 'string', st: cond('x') },
    { note: 'operator to string', st: cond({ StringEquals: 'x' }) },
    { note: 'empty operator', st: cond({ StringEquals: {} }) },
    { note: 'empty values', st: cond({ StringEquals: { 'aws:username': [] } }) },
    { note: 'object value', st: cond({ StringEquals: { 'aws:username': { a: 1 } } }) },
    { note: 'null in list', st: cond({ StringEquals: { 'aws:username': ['a', null] } }) },
  ],
  'condition-operator-unknown': [
    { note: 'typo', st: cond({ StringEqual: { 'aws:username': 'a' } }) },
    { note: 'set Null', st: cond({ 'ForAnyValue:Null': { 'aws:TagKeys': 'true' } }) },
    { note: 'NullIfExists', st: cond({ NullIfExists: { 'aws:username': 'true' } }) },
    { note: 'lower case', st: cond({ stringequals: { 'aws:username': 'a' } }) },
  ],
  'condition-key-invalid': [{ note: 'no prefix', st: cond({ StringEquals: { username: 'a' } }) }],
  'condition-key-unknown': [
    { note: 'global typo', st: cond({ StringEquals: { 'aws:usrname': 'a' } }) },
    { note: 'service typo', st: cond({ StringEquals: { 's3:nosuchkey': 'a' } }) },
  ],
  'condition-value-type': [
    { note: 'Bool', st: cond({ Bool: { 'aws:SecureTransport': 'yes' } }) },
    { note: 'Numeric', st: cond({ NumericLessThan: { 'aws:MultiFactorAuthAge': 'abc' } }) },
    { note: 'Date', st: cond({ DateGreaterThan: { 'aws:CurrentTime': 'yesterday' } }) },
    { note: 'CIDR', st: cond({ IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } }) },
    { note: 'Arn', st: cond({ ArnLike: { 'aws:PrincipalArn': 'role/x' } }) },
    { note: 'Null', st: cond({ Null: { 'aws:username': 'maybe' } }) },
    { note: 'Binary', st: cond({ BinaryEquals: { 'aws:username': '!!' } }) },
  ],
  'condition-type-mismatch': [
    { note: 'Numeric on string key', st: cond({ NumericEquals: { 'aws:username': '1' } }) },
    {
      note: 'Arn on string key',
      st: cond({ ArnLike: { 'aws:username': 'arn:aws:iam::*:user/x' } }),
    },
    { note: 'IP on string key', st: cond({ IpAddress: { 'aws:SourceVpc': '10.0.0.0/8' } }) },
  ],
  'condition-forallvalues-allow': [
    {
      note: 'Allow without Null',
      st: cond({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }),
    },
  ],
  'condition-set-single-valued': [
    {
      note: 'ForAnyValue on username',
      st: cond({ 'ForAnyValue:StringEquals': { 'aws:username': 'a' } }),
    },
  ],
  'condition-multivalued-plain': [
    { note: 'StringEquals on TagKeys', st: cond({ StringEquals: { 'aws:TagKeys': 'a' } }) },
  ],
  'rcp-effect': [{ note: 'Allow', kind: 'rcp', st: { Effect: 'Allow' } }],
  'rcp-principal': [{ note: 'account', kind: 'rcp', st: { Principal: { AWS: '111122223333' } } }],
  'rcp-notaction': [
    { note: 'NotAction', kind: 'rcp', st: { Action: undefined, NotAction: 's3:GetObject' } },
  ],
  'rcp-action-star': [{ note: 'star', kind: 'rcp', st: { Action: '*' } }],
  'rcp-unsupported-service': [{ note: 'ec2', kind: 'rcp', st: { Action: 'ec2:RunInstances' } }],
  'policy-size': [
    { note: 'scp over 10240', kind: 'scp', st: { Action: big(700) } },
    {
      note: 'identity over 6144 (managed)',
      kind: 'identity',
      st: { Condition: { StringEquals: { 'aws:username': 'x'.repeat(7000) } } },
    },
    {
      note: 'inline identity over 10240',
      kind: 'identity',
      inline: true,
      st: { Condition: { StringEquals: { 'aws:username': 'x'.repeat(10_300) } } },
    },
    {
      note: 'trust with whitespace is measured without it',
      kind: 'trust',
      text: JSON.stringify(
        policy('trust', { Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(2100) } } }),
      ),
    },
  ],
};

/** Cases where the rule must not fire. */
export const NEGATIVE_VALUES: Partial<Record<RuleCode, RuleCase[]>> = {
  'action-invalid': [
    { note: 'star', st: { Action: '*' } },
    { note: 'list', st: { Action: ['s3:GetObject', 'ec2:Describe*', 'iam:?etRole'] } },
  ],
  'action-unknown-service': [{ note: 'known', st: { Action: 'route53-recovery-readiness:*' } }],
  'action-unknown': [{ note: 'case-insensitive', st: { Action: 's3:getobject' } }],
  'action-wildcard-unmatched': [
    {
      note: 'matches',
      st: { Action: ['s3:Get*', 'es:ES*', 'elasticfilesystem:client*', 's3:?etObject'] },
    },
  ],
  'resource-invalid': [
    {
      note: 'arns',
      st: {
        Resource: [
          '*',
          'arn:aws:s3:::b/*',
          'arn:aws-cn:s3:::b',
          'arn:aws:s3:::b/${aws:username}/*',
          'arn:*:iam::*:role/x',
        ],
      },
    },
  ],
  'arn-account': [
    {
      note: 'valid accounts',
      st: {
        Resource: [
          'arn:aws:iam::123456789012:role/x',
          'arn:aws:iam::*:role/x',
          'arn:aws:iam::${aws:PrincipalAccount}:role/x',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:s3:::b',
        ],
      },
    },
  ],
  'variable-invalid': [{ note: 'terminated', st: { Resource: 'arn:aws:s3:::b/${aws:username}' } }],
  'variable-unknown': [
    {
      note: 'known',
      st: {
        Resource: [
          'arn:aws:s3:::b/${aws:username}',
          'arn:aws:s3:::b/${aws:PrincipalTag/team}',
          "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}",
          'arn:aws:s3:::b/${*}/${?}/${$}',
        ],
      },
    },
    {
      note: 'oidc key as variable',
      st: { Resource: 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}' },
    },
  ],
  'variable-multivalued': [
    { note: 'single-valued', st: { Resource: 'arn:aws:s3:::b/${aws:userid}' } },
  ],
  placeholder: [
    {
      note: 'real values',
      st: { Resource: ['arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/{}'] },
    },
  ],
  'condition-invalid': [
    {
      note: 'valid',
      st: cond({
        StringEquals: { 'aws:username': ['a', 'b'] },
        Bool: { 'aws:SecureTransport': true },
        NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
      }),
    },
  ],
  'condition-operator-unknown': [
    {
      note: 'documented',
      st: cond({
        'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'a*' },
        Null: { 'aws:TagKeys': 'false' },
        ArnNotLikeIfExists: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
      }),
    },
  ],
  'condition-key-invalid': [
    { note: 'prefix:name', st: cond({ StringEquals: { 'aws:username': 'a' } }) },
  ],
  'condition-key-unknown': [
    {
      note: 'global tag family',
      st: cond({ StringEquals: { 'aws:PrincipalTag/team': 'a', 'AWS:USERNAME': 'b' } }),
    },
    {
      note: 'service keys',
      st: cond({
        StringEquals: {
          's3:x-amz-acl': 'private',
          'ec2:ResourceTag/env': 'prod',
          'kms:ViaService': 's3.amazonaws.com',
        },
      }),
    },
    {
      note: 'OIDC provider key',
      kind: 'trust',
      st: {
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: {
          Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        },
        Condition: {
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' },
          StringEquals: { 'sts:ExternalId': 'x', 'saml:aud': 'y' },
        },
      },
    },
  ],
  'condition-value-type': [
    {
      note: 'valid values',
      st: cond({
        Bool: { 'aws:SecureTransport': [true, 'False'] },
        NumericLessThan: { 'aws:MultiFactorAuthAge': 30 },
        DateGreaterThan: { 'aws:CurrentTime': ['2026-01-01T00:00:00Z', '2026-01-01'] },
        IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.1', '2001:db8::/32'] },
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
        Null: { 'aws:TagKeys': 'true' },
      }),
    },
    {
      note: 'placeholder skips the type check',
      st: cond({ NotIpAddressIfExists: { 'aws:SourceIp': '<my-corporate-cidr>' } }),
    },
    { note: 'variable', st: cond({ ArnEquals: { 'aws:SourceArn': '${aws:PrincipalArn}' } }) },
  ],
  'condition-type-mismatch': [
    {
      note: 'fitting',
      st: cond({
        ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/x' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' },
        StringEquals: { 'aws:SecureTransport': 'true' },
      }),
    },
  ],
  'condition-forallvalues-allow': [
    {
      note: 'with Null false',
      st: cond({
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] },
        Null: { 'aws:TagKeys': 'false' },
      }),
    },
    {
      note: 'Deny',
      st: { Effect: 'Deny', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } } },
    },
  ],
  'condition-set-single-valued': [
    { note: 'multi-valued', st: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }) },
  ],
  'condition-multivalued-plain': [
    { note: 'set operator', st: cond({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } }) },
    { note: 'Null', st: cond({ Null: { 'aws:TagKeys': 'false' } }) },
  ],
  'rcp-effect': [
    { note: 'Deny', kind: 'rcp' },
    { note: 'RCPFullAWSAccess', kind: 'rcp', st: { Effect: 'Allow', Action: '*' } },
  ],
  'rcp-principal': [{ note: 'star', kind: 'rcp' }],
  'rcp-notaction': [
    { note: 'scp NotAction', kind: 'scp', st: { Action: undefined, NotAction: 's3:GetObject' } },
  ],
  'rcp-action-star': [
    { note: 'scp star', kind: 'scp', st: { Action: '*' } },
    { note: 'rcp service star', kind: 'rcp', st: { Action: 's3:*' } },
  ],
  'rcp-unsupported-service': [
    {
      note: 's3, sts, kms',
      kind: 'rcp',
      st: { Action: ['s3:*', 'sts:AssumeRole', 'kms:Decrypt'] },
    },
  ],
  'policy-size': [
    { note: 'small', kind: 'scp' },
    {
      note: 'inline identity over 6144 but within 10240',
      kind: 'identity',
      inline: true,
      st: { Condition: { StringEquals: { 'aws:username': 'x'.repeat(7000) } } },
    },
    {
      note: 'raised limit',
      kind: 'scp',
      st: { Action: big(700) },
      limits: { ...DEFAULT_LIMITS, scpMaxSize: 100_000 },
    },
  ],
};
