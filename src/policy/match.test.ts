import { describe, expect, it } from 'vitest';
import {
  conditionApplies,
  ContextView,
  contextView,
  matchAction,
  matchArn,
  normalizeStatements,
  parseDateValue,
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
        substituteVariables: true,
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

describe('policy variable substitution (B8)', () => {
  const allow = (s: Partial<NormalizedStatement>): NormalizedStatement => ({
    effect: 'Allow',
    action: ['*'],
    condition: {},
    ...s,
  });
  const request = (resource: string, context: RequestContext) => ({
    action: 's3:GetObject',
    resource,
    context,
  });
  it.each([
    // `$&` and friends are String#replace patterns; a context value is plain data.
    ['a$&b', 'arn:aws:s3:::b/a$&b/k', 'yes'],
    ["a$'b", "arn:aws:s3:::b/a$'b/k", 'yes'],
    ['a$$b', 'arn:aws:s3:::b/a$$b/k', 'yes'],
    ['a$&b', 'arn:aws:s3:::b/a${aws:username}b/k', 'no'],
  ])('username %j in Resource vs %s -> %s', (username, resource, want) => {
    const st = allow({ resource: ['arn:aws:s3:::b/${aws:username}/*'] });
    expect(statementApplies(st, request(resource, { 'aws:username': username }))).toBe(want);
  });

  it('does not re-substitute a value that looks like a later variable', () => {
    const st = allow({ resource: ['arn:aws:s3:::b/${aws:username}-${aws:userid}'] });
    const ctx = { 'aws:username': '${aws:userid}', 'aws:userid': 'U' };
    expect(statementApplies(st, request('arn:aws:s3:::b/${aws:userid}-U', ctx))).toBe('yes');
    expect(statementApplies(st, request('arn:aws:s3:::b/U-${aws:userid}', ctx))).toBe('no');
  });

  it('substitutes `$` values in condition values', () => {
    const ctx = { 'aws:username': 'a$&b', 'aws:PrincipalTag/team': 'a$&b' };
    expect(
      conditionApplies('StringEquals', 'aws:PrincipalTag/team', ['${aws:username}'], ctx),
    ).toBe('yes');
  });

  it.each([
    ['2012-10-17', true],
    ['2008-10-17', false],
    [undefined, false],
    [1, false],
  ])('Version %j -> substituteVariables %s', (version, want) => {
    const doc = { Version: version, Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
    expect(normalizeStatements(doc)[0]?.substituteVariables).toBe(want);
  });

  describe.each([
    ['2012-10-17', 'arn:aws:s3:::b/alice/k', 'yes'],
    ['2012-10-17', 'arn:aws:s3:::b/${aws:username}/k', 'no'],
    // 2008-10-17 (and no Version) take `${...}` literally.
    ['2008-10-17', 'arn:aws:s3:::b/alice/k', 'no'],
    ['2008-10-17', 'arn:aws:s3:::b/${aws:username}/k', 'yes'],
    [undefined, 'arn:aws:s3:::b/${aws:username}/k', 'yes'],
  ])('Version %j', (version, resource, want) => {
    const doc = {
      Version: version,
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: 'arn:aws:s3:::b/${aws:username}/*',
        Condition: { StringEquals: { 'aws:PrincipalTag/name': '${aws:username}' } },
      },
    };
    it(`Resource and condition vs ${resource} -> ${want}`, () => {
      const [st] = normalizeStatements(doc);
      if (!st) throw new Error('no statement');
      const tag = want === 'yes' && version !== '2012-10-17' ? '${aws:username}' : 'alice';
      const ctx = { 'aws:username': 'alice', 'aws:PrincipalTag/name': tag };
      expect(statementApplies(st, request(resource, ctx))).toBe(want);
    });
  });
});

describe('unresolvable variables and non-ARN values', () => {
  const deny = (s: Partial<NormalizedStatement>): NormalizedStatement => ({
    effect: 'Deny',
    action: ['*'],
    condition: {},
    ...s,
  });
  const req = {
    action: 'iam:DeleteRole',
    resource: 'arn:aws:iam::111122223333:role/OrgAdmin',
    context: { 'aws:SourceVpc': undefined } as RequestContext,
  };
  it.each([
    // A variable without a value has "no equal or like value" (IAM User Guide, "Policy
    // variables with no value"): the pattern matches no resource. So Resource does not match
    // and NotResource, which excludes only what the pattern matches, does.
    [
      'Resource, absent variable',
      deny({ resource: ['arn:aws:iam::*:role/${aws:username}'] }),
      'no',
    ],
    [
      'NotResource, absent variable',
      deny({ notResource: ['arn:aws:iam::*:role/${aws:username}'] }),
      'yes',
    ],
    [
      'NotResource, absent variable with a default that matches',
      deny({ notResource: ["arn:aws:iam::*:role/${aws:username, 'OrgAdmin'}"] }),
      'no',
    ],
    [
      'NotResource, unterminated variable',
      deny({ notResource: ['arn:aws:iam::*:role/${aws:username'] }),
      'yes',
    ],
    [
      'NotResource, unknown variable',
      deny({ notResource: ['arn:aws:iam::*:role/${aws:SourceVpc}'] }),
      'unknown',
    ],
  ] as const)('%s -> %s', (_note, stmt, want) => {
    expect(statementApplies(stmt, req)).toBe(want);
  });

  it.each([
    ['ArnLike', ['arn:aws:iam::*:role/*'], 'no'],
    ['ArnEquals', ['arn:aws:iam::*:role/*'], 'no'],
    ['ArnLike', ['not-an-arn'], 'no'],
    ['ArnNotLike', ['arn:aws:iam::*:role/*'], 'yes'],
  ])('%s %j against a non-ARN value -> %s', (op, values, want) => {
    expect(conditionApplies(op, 'aws:SourceArn', values, { 'aws:SourceArn': 'not-an-arn' })).toBe(
      want,
    );
  });
});

describe('Date and Numeric values', () => {
  it('reads an ISO date-time without offset as UTC, whatever the machine time zone', () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      // The test only means something where local time is not UTC.
      expect(Date.parse('2024-01-01T03:00:00')).not.toBe(Date.parse('2024-01-01T03:00:00Z'));
      expect(parseDateValue('2024-01-01T03:00:00')).toBe(Date.parse('2024-01-01T03:00:00Z'));
      const ctx = { 'aws:CurrentTime': '2024-01-01T03:00:00Z' };
      expect(conditionApplies('DateEquals', 'aws:CurrentTime', ['2024-01-01T03:00:00'], ctx)).toBe(
        'yes',
      );
      expect(
        conditionApplies('DateLessThan', 'aws:CurrentTime', ['2024-01-01T04:00:00'], ctx),
      ).toBe('yes');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it.each([
    ['2024-01-01', Date.UTC(2024, 0, 1)],
    ['2024-01-01T03:00', Date.UTC(2024, 0, 1, 3)],
    ['2024-01-01T03:00:00Z', Date.UTC(2024, 0, 1, 3)],
    ['2024-01-01T03:00:00.250Z', Date.UTC(2024, 0, 1, 3, 0, 0, 250)],
    ['2024-01-01T03:00:00+01:00', Date.UTC(2024, 0, 1, 2)],
    ['2024-01-01T03:00:00+0100', Date.UTC(2024, 0, 1, 2)],
    ['2024-01-01T03:00:00-05:30', Date.UTC(2024, 0, 1, 8, 30)],
    ['1704078000', Date.UTC(2024, 0, 1, 3)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2023-02-29', NaN],
    ['2024-13-01', NaN],
    ['2024-01-01T24:00:00Z', NaN],
    ['2024-01-01 03:00:00', NaN],
    ['Jan 1 2024', NaN],
    ['-1', NaN],
    ['', NaN],
  ])('parseDateValue(%j) = %s', (text, want) => {
    expect(parseDateValue(text)).toBe(want);
  });

  it.each([
    ['NumericEquals', '16', ['0x10'], 'no'],
    ['NumericEquals', '1000', ['1e3'], 'no'],
    ['NumericEquals', '0x10', ['16'], 'no'],
    ['NumericEquals', 'Infinity', ['Infinity'], 'no'],
    ['NumericEquals', ' 5', ['5'], 'no'],
    ['NumericEquals', '-1.50', ['-1.5'], 'yes'],
    ['NumericLessThan', '9', ['10'], 'yes'],
    ['NumericNotEquals', '16', ['0x10'], 'yes'],
  ])('%s %j %j -> %s', (op, value, values, want) => {
    expect(
      conditionApplies(op, 'aws:MultiFactorAuthAge', values, { 'aws:MultiFactorAuthAge': value }),
    ).toBe(want);
  });
});

describe('contextView', () => {
  it('is built once per context object and accepted in place of the context', () => {
    const ctx: RequestContext = { 'AWS:UserName': 'alice' };
    const view = contextView(ctx);
    expect(view).toBeInstanceOf(ContextView);
    expect(contextView(ctx)).toBe(view);
    expect(contextView(view)).toBe(view);
    expect(contextView({ ...ctx })).not.toBe(view);
    const st: NormalizedStatement = {
      effect: 'Allow',
      action: ['*'],
      resource: ['arn:aws:s3:::b/${aws:username}'],
      condition: {},
    };
    expect(
      statementApplies(st, {
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/alice',
        context: view,
      }),
    ).toBe('yes');
  });
});

describe('wildcards with many stars', () => {
  // The guard is vitest's timeout: the former regex translation backtracked exponentially.
  it.each([
    ['ec2:' + '*'.repeat(8) + 'Q', 'ec2:DescribeInstances'],
    ['s3:' + '*a'.repeat(12) + 'b', 's3:' + 'a'.repeat(40)],
  ])('matchAction(%j) completes', (pattern, action) => {
    expect(matchAction(pattern, action)).toBe(false);
  });

  it('matchArn completes on a star-heavy pattern', () => {
    const pattern = 'arn:aws:s3:::' + '*a'.repeat(20) + 'b';
    expect(matchArn(pattern, 'arn:aws:s3:::' + 'a'.repeat(60))).toBe(false);
    expect(matchArn(pattern, 'arn:aws:s3:::' + 'a'.repeat(60) + 'b')).toBe(true);
  });

  it('StringLike completes on a star-heavy pattern', () => {
    const ctx = { 'aws:username': 'a'.repeat(60) };
    expect(conditionApplies('StringLike', 'aws:username', ['*a'.repeat(20) + 'b'], ctx)).toBe('no');
  });
});
