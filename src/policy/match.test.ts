import { describe, expect, it } from 'vitest';
import {
  conditionApplies,
  matchAction,
  matchArn,
  normalizeStatements,
  statementApplies,
  type RequestContext,
} from './match.js';
import type { NormalizedStatement } from './types.js';

describe('matchAction (B1)', () => {
  it.each([
    ['*', 'iam:CreateUser', true],
    ['iam:*', 'IAM:CreateUser', true],
    ['iam:create*', 'iam:CreateUser', true],
    ['iam:?reateUser', 'iam:CreateUser', true],
    ['iam:CreateUser', 'iam:createuser', true],
    ['iam:Create', 'iam:CreateUser', false],
    ['s3:*', 'iam:CreateUser', false],
    ['iam:Create?', 'iam:CreateUser', false],
    ['iam:Get.*', 'iam:GetXuser', false],
  ])('%s vs %s -> %s', (p, a, want) => {
    expect(matchAction(p, a)).toBe(want);
  });
});

describe('matchArn (B3)', () => {
  it.each([
    ['*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/x.txt', true],
    ['arn:aws:s3:::B/*', 'arn:aws:s3:::b/k', false],
    ['arn:aws:iam::*:role/Admin', 'arn:aws:iam::111122223333:role/Admin', true],
    ['arn:aws:iam::*:role/Admin', 'arn:aws:iam::111122223333:role/admin', false],
    ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::444455556666:role/x', false],
    [
      'arn:aws:logs:*:*:log-group:g:*',
      'arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s',
      true,
    ],
    ['arn:aws:iam::1111222233?3:root', 'arn:aws:iam::111122223333:root', true],
    ['arn:*:iam::*:root', 'arn:aws-cn:iam::111122223333:root', true],
    ['arn:aws:s3:::b', 'not-an-arn', false],
  ])('%s vs %s -> %s', (p, a, want) => {
    expect(matchArn(p, a)).toBe(want);
  });
});

describe('conditionApplies (C1, C2, C5)', () => {
  const ctx: RequestContext = {
    'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin',
    'aws:TagKeys': ['env', 'team'],
    'aws:SecureTransport': true,
    'aws:MultiFactorAuthAge': '300',
    'aws:CurrentTime': '2026-06-01T00:00:00Z',
    'aws:RequestedRegion': 'eu-west-1',
    'aws:SourceVpc': undefined,
    'aws:PrincipalTag/team': 'Blue',
    'aws:username': 'alice',
  };
  it.each([
    ['StringEquals', 'aws:RequestedRegion', ['eu-west-1'], 'yes'],
    ['StringEquals', 'AWS:REQUESTEDREGION', ['eu-west-1'], 'yes'],
    ['StringEquals', 'aws:RequestedRegion', ['EU-WEST-1'], 'no'],
    ['StringEqualsIgnoreCase', 'aws:RequestedRegion', ['EU-WEST-1'], 'yes'],
    ['StringNotEquals', 'aws:RequestedRegion', ['us-east-1', 'eu-west-1'], 'no'],
    ['StringNotEquals', 'aws:RequestedRegion', ['us-east-1', 'us-west-2'], 'yes'],
    ['StringLike', 'aws:RequestedRegion', ['eu-*'], 'yes'],
    ['StringNotLike', 'aws:RequestedRegion', ['eu-*'], 'no'],
    ['StringEquals', 'aws:PrincipalTag/team', ['${aws:PrincipalTag/team}'], 'yes'],
    ['StringEquals', 'aws:PrincipalTag/team', ["${aws:PrincipalTag/nope, 'Blue'}"], 'yes'],
    ['StringEquals', 'aws:PrincipalTag/team', ['${aws:PrincipalTag/nope}'], 'no'],
    ['StringEquals', 'aws:PrincipalTag/team', ['${aws:SourceVpc}'], 'unknown'],
    ['ArnLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Admin'], 'yes'],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Admin'], 'no'],
    ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Other'], 'yes'],
    ['ArnEquals', 'aws:PrincipalArn', ['arn:aws:iam::111122223333:role/admin'], 'no'],
    ['Bool', 'aws:SecureTransport', ['false'], 'no'],
    ['Bool', 'aws:SecureTransport', ['TRUE'], 'yes'],
    ['BoolIfExists', 'aws:ViaAWSService', ['false'], 'yes'],
    ['NumericLessThan', 'aws:MultiFactorAuthAge', ['3600'], 'yes'],
    ['NumericGreaterThanEquals', 'aws:MultiFactorAuthAge', ['3600'], 'no'],
    ['NumericEquals', 'aws:MultiFactorAuthAge', ['abc'], 'no'],
    ['DateGreaterThan', 'aws:CurrentTime', ['2026-01-01'], 'yes'],
    ['DateLessThan', 'aws:CurrentTime', ['1767225600'], 'no'],
    ['Null', 'aws:MultiFactorAuthPresent', ['true'], 'yes'],
    ['Null', 'aws:username', ['true'], 'no'],
    ['Null', 'aws:username', ['false'], 'yes'],
    ['Null', 'aws:SourceVpc', ['false'], 'unknown'],
    // C2: absent key
    ['StringEquals', 'aws:SourceVpce', ['vpce-1'], 'no'],
    ['StringNotEquals', 'aws:SourceVpce', ['vpce-1'], 'yes'],
    ['StringEqualsIfExists', 'aws:SourceVpce', ['vpce-1'], 'yes'],
    ['ForAllValues:StringEquals', 'aws:SourceVpce', ['vpce-1'], 'yes'],
    ['ForAnyValue:StringEquals', 'aws:SourceVpce', ['vpce-1'], 'no'],
    // unknown value: never guessed
    ['StringEquals', 'aws:SourceVpc', ['vpc-1'], 'unknown'],
    ['StringNotEqualsIfExists', 'aws:SourceVpc', ['vpc-1'], 'unknown'],
    // C5: multi-valued keys
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['team'], 'yes'],
    ['ForAnyValue:StringEquals', 'aws:TagKeys', ['owner'], 'no'],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env', 'team', 'owner'], 'yes'],
    ['ForAllValues:StringEquals', 'aws:TagKeys', ['env'], 'no'],
    ['ForAnyValue:StringNotEquals', 'aws:TagKeys', ['env'], 'yes'],
    ['ForAllValues:StringNotEquals', 'aws:TagKeys', ['env'], 'no'],
    ['StringEquals', 'aws:TagKeys', ['env'], 'no'],
    ['StringNotEquals', 'aws:TagKeys', ['env'], 'unknown'],
    // not evaluated here
    ['IpAddress', 'aws:username', ['10.0.0.0/8'], 'unknown'],
    ['NoSuchOperator', 'aws:username', ['x'], 'unknown'],
  ])('%s %s %j -> %s', (op, key, values, want) => {
    expect(conditionApplies(op, key, values, ctx)).toBe(want);
  });
});

describe('statementApplies (B7)', () => {
  const deny = (s: Partial<NormalizedStatement>): NormalizedStatement => ({
    effect: 'Deny',
    condition: {},
    ...s,
  });
  const req = {
    action: 'iam:DeleteRole',
    resource: 'arn:aws:iam::111122223333:role/OrgAdmin',
    context: {
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Pipeline',
      'aws:SourceVpc': undefined,
    } as RequestContext,
  };
  it.each([
    ['Action matches', deny({ action: ['iam:Delete*'], resource: ['*'] }), 'yes'],
    ['Action does not', deny({ action: ['s3:*'], resource: ['*'] }), 'no'],
    ['NotAction excludes it', deny({ notAction: ['iam:*'], resource: ['*'] }), 'no'],
    ['NotAction includes it', deny({ notAction: ['s3:*'], resource: ['*'] }), 'yes'],
    ['no Action element', deny({ resource: ['*'] }), 'no'],
    ['Resource matches', deny({ action: ['*'], resource: ['arn:aws:iam::*:role/Org*'] }), 'yes'],
    ['Resource does not', deny({ action: ['*'], resource: ['arn:aws:iam::*:role/Other'] }), 'no'],
    [
      'NotResource excludes it',
      deny({ action: ['*'], notResource: ['arn:aws:iam::*:role/OrgAdmin'] }),
      'no',
    ],
    ['no Resource (SCP)', deny({ action: ['*'] }), 'yes'],
    [
      'condition true',
      deny({
        action: ['*'],
        resource: ['*'],
        condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin'] } },
      }),
      'yes',
    ],
    [
      'condition false',
      deny({
        action: ['*'],
        resource: ['*'],
        condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Pipeline'] } },
      }),
      'no',
    ],
    [
      'condition unknown',
      deny({
        action: ['*'],
        resource: ['*'],
        condition: { StringNotEquals: { 'aws:SourceVpc': ['vpc-1'] } },
      }),
      'unknown',
    ],
    [
      'unknown and false is false',
      deny({
        action: ['*'],
        resource: ['*'],
        condition: {
          StringNotEquals: { 'aws:SourceVpc': ['vpc-1'] },
          StringEquals: { 'aws:PrincipalArn': ['x'] },
        },
      }),
      'no',
    ],
    [
      'variable in Resource, unknown',
      deny({ action: ['*'], resource: ['arn:aws:iam::*:role/${aws:SourceVpc}'] }),
      'unknown',
    ],
    [
      'variable in Resource, absent',
      deny({ action: ['*'], resource: ['arn:aws:iam::*:role/${aws:username}'] }),
      'no',
    ],
  ] as const)('%s -> %s', (_note, stmt, want) => {
    expect(statementApplies(stmt, req)).toBe(want);
  });
});

describe('normalizeStatements', () => {
  it('makes every element an array and stringifies condition values', () => {
    expect(
      normalizeStatements({
        Version: '2012-10-17',
        Statement: {
          Sid: 'A',
          Effect: 'Deny',
          Action: 's3:*',
          NotResource: ['arn:aws:s3:::b', 5],
          Principal: { AWS: '111122223333' },
          Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { k: [1, '2'] } },
        },
      }),
    ).toEqual([
      {
        sid: 'A',
        effect: 'Deny',
        action: ['s3:*'],
        notResource: ['arn:aws:s3:::b'],
        principal: { AWS: ['111122223333'] },
        condition: {
          Bool: { 'aws:SecureTransport': ['false'] },
          NumericLessThan: { k: ['1', '2'] },
        },
      },
    ]);
  });

  it.each([null, 'x', [], {}, { Statement: [1, { Effect: 'allow' }] }])(
    'skips what is not a statement: %j',
    (doc) => {
      expect(normalizeStatements(doc)).toEqual([]);
    },
  );

  it('keeps __proto__ keys as plain data', () => {
    const [s] = normalizeStatements(
      JSON.parse('{"Statement":{"Effect":"Allow","Condition":{"__proto__":{"a":"b"}}}}'),
    );
    expect(Object.keys(s?.condition ?? {})).toEqual(['__proto__']);
  });
});
