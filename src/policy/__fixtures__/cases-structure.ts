/**
 * Rule table (JSON syntax, document and statement structure, principals): rows where each rule must fire and must not fire.
 */
import { BASE_STATEMENT, policy, type RuleCase } from './helpers.js';
import type { RuleCode } from '../rules/registry.js';

/** A valid identity policy, changed by `f` (which may link it to itself). */
function cyclic(f: (doc: Record<string, unknown>) => void): Record<string, unknown> {
  const doc = policy('identity');
  f(doc);
  return doc;
}

/** Cases where the rule must fire. */
export const POSITIVE_STRUCTURE: Partial<Record<RuleCode, RuleCase[]>> = {
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
  'policy-cyclic': [
    { note: 'document contains itself', doc: cyclic((d) => (d.Self = d)) },
    {
      note: 'condition value contains itself',
      doc: cyclic((d) => {
        const v: unknown[] = ['x'];
        v.push(v);
        d.Statement = [{ ...BASE_STATEMENT.identity, Condition: { StringEquals: { 'aws:x': v } } }];
      }),
    },
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
};

/** Cases where the rule must not fire. */
export const NEGATIVE_STRUCTURE: Partial<Record<RuleCode, RuleCase[]>> = {
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
  'policy-cyclic': [
    { note: 'valid', kind: 'scp' },
    {
      note: 'a value shared without a cycle (a YAML alias)',
      doc: cyclic((d) => {
        const shared = ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'];
        d.Statement = [
          { ...BASE_STATEMENT.identity, Sid: 'A', Resource: shared },
          { ...BASE_STATEMENT.identity, Sid: 'B', Resource: shared },
        ];
      }),
    },
  ],
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
};
