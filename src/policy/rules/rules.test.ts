import { describe, expect, it } from 'vitest';
import { policy, runCase, type RuleCase } from '../__fixtures__/helpers.js';
import { DEFAULT_LIMITS } from '../../blueprint/limits.js';
import { RULES, type RuleCode } from './registry.js';

const big = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `s3:GetObject${i % 2 ? 'Acl' : ''}`);
const cond = (c: unknown) => ({ Condition: c });

/** Cases where the rule must fire. */
const POSITIVE: Partial<Record<RuleCode, RuleCase[]>> = {
  'json-syntax': [
    { note: 'missing value', text: '{"Version": }' },
    { note: 'empty file', text: '' },
    { note: 'single quotes', text: "{'Version': '2012-10-17'}" },
  ],
  'json-comment': [
    { note: 'line comment', text: '// hi\n{"Version":"2012-10-17"}' },
    { note: 'block comment', text: '{"Version":"2012-10-17" /* x */}' },
  ],
  'json-trailing-comma': [
    { note: 'object', text: '{"Version":"2012-10-17",}' },
    { note: 'array', text: '{"Statement":[{},]}' },
  ],
  'json-duplicate-key': [
    { note: 'Effect twice', text: '{"Version":"2012-10-17","Version":"2012-10-17"}' },
  ],
  'policy-not-object': [
    { note: 'array', doc: [] },
    { note: 'string', doc: 'x' },
    { note: 'null', doc: null },
  ],
  'unknown-key': [
    { note: 'top level', top: { Foo: 1 } },
    { note: 'statement typo', st: { Actions: 's3:GetObject' } },
    { note: 'lower-case element', st: { effect: 'Allow' } },
  ],
  'version-missing': [{ note: 'identity without Version', top: { Version: undefined } }],
  'version-invalid': [
    { note: 'bad date', top: { Version: '2012-10-18' } },
    { note: 'number', top: { Version: 2012 } },
  ],
  'version-2008': [{ note: 'identity 2008', top: { Version: '2008-10-17' } }],
  'org-version': [
    { note: 'scp without Version', kind: 'scp', top: { Version: undefined } },
    { note: 'rcp 2008', kind: 'rcp', top: { Version: '2008-10-17' } },
  ],
  'id-invalid': [{ note: 'number', top: { Id: 5 } }],
  'statement-missing': [
    { note: 'absent', top: { Statement: undefined } },
    { note: 'empty list', top: { Statement: [] } },
  ],
  'statement-invalid': [
    { note: 'string', top: { Statement: 'x' } },
    { note: 'number item', top: { Statement: [1] } },
  ],
  'sid-invalid': [
    { note: 'dash in identity policy', st: { Sid: 'a-b' } },
    { note: 'space in SCP', kind: 'scp', st: { Sid: 'Deny all' } },
    { note: 'number', kind: 'resource', st: { Sid: 5 } },
  ],
  'sid-duplicate': [
    {
      note: 'same Sid twice',
      top: {
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Sid: 'A', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
        ],
      },
    },
  ],
  'effect-invalid': [
    { note: 'lower case', st: { Effect: 'allow' } },
    { note: 'missing', st: { Effect: undefined } },
  ],
  'action-missing': [{ note: 'no Action', st: { Action: undefined } }],
  'action-conflict': [{ note: 'both', st: { NotAction: 's3:PutObject' } }],
  'resource-missing': [
    { note: 'identity', st: { Resource: undefined } },
    { note: 'rcp', kind: 'rcp', st: { Resource: undefined } },
  ],
  'scp-resource-missing': [{ note: 'scp', kind: 'scp', st: { Resource: undefined } }],
  'resource-conflict': [{ note: 'both', st: { NotResource: 'arn:aws:s3:::other/*' } }],
  'trust-resource': [{ note: 'trust with Resource', kind: 'trust', st: { Resource: '*' } }],
  'principal-missing': [
    { note: 'resource policy', kind: 'resource', st: { Principal: undefined } },
    { note: 'rcp', kind: 'rcp', st: { Principal: undefined } },
  ],
  'principal-forbidden': [
    { note: 'identity Principal', st: { Principal: '*' } },
    { note: 'scp Principal', kind: 'scp', st: { Principal: '*' } },
    { note: 'scp NotPrincipal', kind: 'scp', st: { NotPrincipal: { AWS: '111122223333' } } },
    { note: 'rcp NotPrincipal', kind: 'rcp', st: { NotPrincipal: { AWS: '111122223333' } } },
    {
      note: 'trust NotPrincipal',
      kind: 'trust',
      st: { Principal: undefined, Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } },
    },
  ],
  'principal-conflict': [
    {
      note: 'both',
      kind: 'resource',
      st: { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' } },
    },
  ],
  'principal-invalid': [
    {
      note: 'bare ARN string',
      kind: 'resource',
      st: { Principal: 'arn:aws:iam::111122223333:root' },
    },
    {
      note: 'partial wildcard',
      kind: 'resource',
      st: { Principal: { AWS: 'arn:aws:iam::*:role/x' } },
    },
    { note: 'unknown type', kind: 'resource', st: { Principal: { Aws: '111122223333' } } },
    { note: 'bad service', kind: 'trust', st: { Principal: { Service: 'lambda' } } },
    { note: 'short account', kind: 'resource', st: { Principal: { AWS: '12345' } } },
    { note: 'star service', kind: 'trust', st: { Principal: { Service: '*' } } },
    { note: 'canonical user', kind: 'resource', st: { Principal: { CanonicalUser: 'abc' } } },
  ],
  'notprincipal-allow': [
    {
      note: 'NotPrincipal with Allow',
      kind: 'resource',
      st: { Principal: undefined, NotPrincipal: { AWS: '111122223333' } },
    },
  ],
  'notaction-allow': [
    { note: 'identity', st: { Action: undefined, NotAction: 'iam:*' } },
    {
      note: 'scp allow list',
      kind: 'scp',
      st: { Effect: 'Allow', Action: undefined, NotAction: 'iam:*' },
    },
  ],
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
      note: 'trust with whitespace is measured without it',
      kind: 'trust',
      text: JSON.stringify(
        policy('trust', { Condition: { StringEquals: { 'sts:ExternalId': 'x'.repeat(2100) } } }),
      ),
    },
  ],
};

/** Cases where the rule must not fire. */
const NEGATIVE: Partial<Record<RuleCode, RuleCase[]>> = {
  'json-syntax': [{ note: 'valid', text: JSON.stringify(policy('identity'), null, 2) }],
  'json-comment': [
    {
      note: 'slashes inside a string',
      text: JSON.stringify(policy('identity', { Sid: undefined, Resource: 'arn:aws:s3:::b//x' })),
    },
  ],
  'json-trailing-comma': [{ note: 'valid', text: JSON.stringify(policy('scp')) }],
  'json-duplicate-key': [
    {
      note: 'same key in two objects',
      text: JSON.stringify(
        policy(
          'identity',
          {},
          { Statement: [policy('identity').Statement, policy('identity').Statement].flat() },
        ),
      ),
    },
  ],
  'policy-not-object': [{ note: 'valid', kind: 'scp' }],
  'unknown-key': [
    {
      note: 'every element',
      kind: 'resource',
      st: { Sid: 'A', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      top: { Id: 'x' },
    },
  ],
  'version-missing': [
    { note: 'present', top: {} },
    { note: 'scp reports org-version instead', kind: 'scp', top: { Version: undefined } },
  ],
  'version-invalid': [{ note: '2008 is valid', top: { Version: '2008-10-17' } }],
  'version-2008': [{ note: '2012', top: {} }],
  'org-version': [
    { note: 'scp 2012', kind: 'scp' },
    { note: 'identity without Version', top: { Version: undefined } },
  ],
  'id-invalid': [{ note: 'string', top: { Id: 'policy-1' } }],
  'statement-missing': [
    {
      note: 'object form',
      top: { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } },
    },
  ],
  'statement-invalid': [
    {
      note: 'object form',
      top: { Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } },
    },
  ],
  'sid-invalid': [
    { note: 'alphanumeric', st: { Sid: 'AllowRead1' } },
    { note: 'spaces in a resource policy', kind: 'resource', st: { Sid: 'allow read access' } },
    { note: 'empty', st: { Sid: '' } },
  ],
  'sid-duplicate': [
    {
      note: 'distinct',
      top: {
        Statement: [
          { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
          { Sid: 'B', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
        ],
      },
    },
  ],
  'effect-invalid': [{ note: 'Deny', st: { Effect: 'Deny' } }],
  'action-missing': [
    { note: 'NotAction', st: { Effect: 'Deny', Action: undefined, NotAction: 'iam:*' } },
  ],
  'action-conflict': [{ note: 'one', st: {} }],
  'resource-missing': [
    { note: 'NotResource', st: { Resource: undefined, NotResource: 'arn:aws:s3:::b' } },
    { note: 'scp reports a warning instead', kind: 'scp', st: { Resource: undefined } },
    { note: 'trust has none', kind: 'trust' },
  ],
  'scp-resource-missing': [
    { note: 'scp with Resource', kind: 'scp' },
    { note: 'identity', st: { Resource: undefined } },
  ],
  'resource-conflict': [{ note: 'one', st: {} }],
  'trust-resource': [{ note: 'trust without', kind: 'trust' }],
  'principal-missing': [
    { note: 'identity', st: {} },
    { note: 'scp', kind: 'scp' },
  ],
  'principal-forbidden': [
    { note: 'resource Principal', kind: 'resource' },
    {
      note: 'resource NotPrincipal',
      kind: 'resource',
      st: { Effect: 'Deny', Principal: undefined, NotPrincipal: { AWS: '111122223333' } },
    },
    { note: 'rcp Principal *', kind: 'rcp' },
  ],
  'principal-conflict': [{ note: 'one', kind: 'resource' }],
  'principal-invalid': [
    { note: 'star', kind: 'resource', st: { Principal: '*' } },
    { note: 'AWS star', kind: 'resource', st: { Principal: { AWS: '*' } } },
    {
      note: 'account id',
      kind: 'resource',
      st: { Principal: { AWS: ['111122223333', 'arn:aws:iam::111122223333:role/r'] } },
    },
    {
      note: 'service',
      kind: 'trust',
      st: { Principal: { Service: ['lambda.amazonaws.com', 'logs.us-east-1.amazonaws.com'] } },
    },
    {
      note: 'federated',
      kind: 'trust',
      st: {
        Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/idp' },
        Action: 'sts:AssumeRoleWithSAML',
      },
    },
    {
      note: 'oidc',
      kind: 'trust',
      st: {
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    },
    { note: 'canonical', kind: 'resource', st: { Principal: { CanonicalUser: 'a'.repeat(64) } } },
  ],
  'notprincipal-allow': [
    {
      note: 'Deny',
      kind: 'resource',
      st: { Effect: 'Deny', Principal: undefined, NotPrincipal: { AWS: '111122223333' } },
    },
  ],
  'notaction-allow': [
    { note: 'Deny', st: { Effect: 'Deny', Action: undefined, NotAction: 'iam:*' } },
  ],
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
      note: 'raised limit',
      kind: 'scp',
      st: { Action: big(700) },
      limits: { ...DEFAULT_LIMITS, scpMaxSize: 100_000 },
    },
  ],
};

const codes = (c: RuleCase): string[] => runCase(c).map((d) => d.code);

describe('lint rules', () => {
  const all = Object.keys(RULES) as RuleCode[];
  it('every rule has positive and negative cases', () => {
    expect(all.filter((c) => !POSITIVE[c]?.length)).toEqual([]);
    expect(all.filter((c) => !NEGATIVE[c]?.length)).toEqual([]);
  });
  for (const code of all) {
    describe(code, () => {
      it.each(POSITIVE[code] ?? [])('fires: $note', (c) => {
        const ds = runCase(c);
        expect(ds.map((d) => d.code)).toContain(code);
        for (const d of ds.filter((x) => x.code === code)) {
          expect(d.severity).toBe(RULES[code].severity);
          expect(d.path).toBeTypeOf('string');
        }
      });
      it.each(NEGATIVE[code] ?? [])('does not fire: $note', (c) => {
        expect(codes(c)).not.toContain(code);
      });
    });
  }
  it('the base policy of every kind is clean', () => {
    for (const kind of ['scp', 'rcp', 'identity', 'resource', 'trust'] as const) {
      expect(codes({ note: kind, kind })).toEqual([]);
    }
  });
});
