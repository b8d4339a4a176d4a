import { describe, expect, it } from 'vitest';
import { conditions, exemptCondition } from './conditions.js';
import type { ConditionBlock } from './types.js';

const A = 'arn:aws:iam::*:role/a';
const B = 'arn:aws:iam::*:role/b';

describe('conditions', () => {
  it.each<[string, ConditionBlock[], ConditionBlock | undefined]>([
    ['nothing', [], undefined],
    ['only empty blocks', [{}, exemptCondition([]), { StringEquals: {} }], undefined],
    [
      'different operators side by side',
      [{ StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, exemptCondition([A])],
      {
        StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' },
        ArnNotLike: { 'aws:PrincipalArn': A },
      },
    ],
    [
      'different keys under one operator',
      [
        {
          ArnNotLike: {
            'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/eu.*',
          },
        },
        exemptCondition([A]),
      ],
      {
        ArnNotLike: {
          'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/eu.*',
          'aws:PrincipalArn': A,
        },
      },
    ],
    [
      'the same operator and key with the same values, kept once',
      [
        { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
        { StringEquals: { 'aws:PrincipalOrgID': ['o-exampleorg1'] } },
      ],
      { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
    ],
    [
      'a negated operator twice: the union, deduplicated (not in A and not in B)',
      [exemptCondition([A, B]), exemptCondition([B]), exemptCondition([A])],
      { ArnNotLike: { 'aws:PrincipalArn': [A, B] } },
    ],
    [
      'a negated operator twice, single values become a list',
      [exemptCondition([A]), exemptCondition([B])],
      { ArnNotLike: { 'aws:PrincipalArn': [A, B] } },
    ],
    [
      'a negated IfExists operator twice',
      [
        { StringNotEqualsIfExists: { 'aws:PrincipalAccount': '111122223333' } },
        { StringNotEqualsIfExists: { 'aws:PrincipalAccount': '444455556666' } },
      ],
      { StringNotEqualsIfExists: { 'aws:PrincipalAccount': ['111122223333', '444455556666'] } },
    ],
  ])('%s', (_name, blocks, want) => {
    expect(conditions(...blocks)).toEqual(want);
  });

  it.each<[string, ConditionBlock, ConditionBlock]>([
    [
      'a positive operator with different values (a and b at once)',
      { StringEquals: { 'aws:PrincipalOrgID': 'o-aaaaaaaaaa' } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-bbbbbbbbbb' } },
    ],
    [
      'a set operator with different values',
      { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'a' } },
      { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'b' } },
    ],
    [
      'a numeric bound given twice',
      { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' } },
      { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '3' } },
    ],
  ])('throws rather than dropping a block: %s', (_name, a, b) => {
    expect(() => conditions(a, b)).toThrow(/given twice with different values/);
  });

  it('does not change the blocks it was given', () => {
    const a = exemptCondition([A]);
    const b = exemptCondition([B]);
    const copies = structuredClone([a, b]);
    conditions(a, b);
    expect([a, b]).toEqual(copies);
  });
});
