import { describe, expect, it } from 'vitest';
import { getAtt, join, ref, sub } from '../cfn.js';
import { cat } from './security-refs.js';
import { managedPolicySuppression, nagFlatten, wildcardSuppressions } from './security-nag.js';

describe('nagFlatten (as cdk-nag flattens references)', () => {
  it.each([
    ['plain', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/*'],
    [
      'Fn::Sub',
      sub('arn:${AWS::Partition}:logs:${AWS::Region}:x'),
      'arn:<AWS::Partition>:logs:<AWS::Region>:x',
    ],
    ['Ref', ref('AccountIdManagement'), '<AccountIdManagement>'],
    ['GetAtt', getAtt('Bucket', 'Arn'), '<Bucket.Arn>'],
    ['Fn::Join', join('', ['arn:aws:iam::', ref('Id'), ':role/*']), 'arn:aws:iam::<Id>:role/*'],
  ])('%s', (_name, value, flat) => {
    expect(nagFlatten(value)).toBe(flat);
  });
});

describe('wildcardSuppressions', () => {
  it('names every wildcard action and resource of Allow statements, and nothing else', () => {
    const ids = wildcardSuppressions(
      [
        {
          Effect: 'Allow',
          Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          Resource: 'arn:aws:kms:eu-west-1:1:key/k',
        },
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: [cat('arn:aws:s3:::', ref('B'), '/*'), 'arn:aws:s3:::x'],
        },
        { Effect: 'Deny', Action: '*', Resource: '*' },
      ],
      'a reason long enough to count',
    ).map((s) => s.id);
    expect(ids.sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::<B>/*]',
    ]);
  });

  it('managedPolicySuppression uses the flattened ARN', () => {
    expect(managedPolicySuppression(sub('arn:${AWS::Partition}:iam::aws:policy/P'), 'r').id).toBe(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/P]',
    );
  });
});

describe('cat', () => {
  it('is a plain string when every part is known', () => {
    expect(cat('a', 'b', 'c')).toBe('abc');
  });
  it('joins with adjacent strings merged otherwise', () => {
    expect(cat('a', 'b', ref('X'), 'c', '')).toEqual(join('', ['ab', ref('X'), 'c']));
  });
});
