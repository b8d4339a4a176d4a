import { describe, expect, it } from 'vitest';
import { diffStatements } from './statements.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const deny = (over: object = {}) => ({
  Effect: 'Deny',
  Action: 'organizations:LeaveOrganization',
  Resource: '*',
  ...over,
});

describe('diffStatements', () => {
  it.each<[string, object, object, { added: string[]; removed: string[]; changed: string[] }]>([
    [
      'identical',
      doc(deny({ Sid: 'A' })),
      doc(deny({ Sid: 'A' })),
      { added: [], removed: [], changed: [] },
    ],
    [
      'same meaning, other form (scalar vs list, order, duplicates)',
      doc(deny({ Sid: 'A', Action: ['b:x', 'a:y', 'a:y'], Resource: ['*'] })),
      doc(deny({ Sid: 'A', Action: ['a:y', 'b:x'] })),
      { added: [], removed: [], changed: [] },
    ],
    [
      'added by Sid',
      doc(deny({ Sid: 'A' })),
      doc(deny({ Sid: 'A' }), deny({ Sid: 'B' })),
      { added: ['B'], removed: [], changed: [] },
    ],
    [
      'removed by Sid',
      doc(deny({ Sid: 'A' }), deny({ Sid: 'B' })),
      doc(deny({ Sid: 'B' })),
      { added: [], removed: ['A'], changed: [] },
    ],
    [
      'changed by Sid, wherever it sits',
      doc(deny({ Sid: 'B' }), deny({ Sid: 'A' })),
      doc(
        deny({ Sid: 'A', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }),
        deny({ Sid: 'B' }),
      ),
      { added: [], removed: [], changed: ['A'] },
    ],
    [
      'by position without a Sid',
      doc(deny(), deny({ Action: 's3:*' })),
      doc(deny(), deny({ Action: 'ec2:*' }), deny({ Action: 'iam:*' })),
      { added: ['statement 3'], removed: [], changed: ['statement 2'] },
    ],
    [
      'a single statement object',
      { Statement: deny({ Sid: 'A' }) },
      doc(deny({ Sid: 'A' })),
      { added: [], removed: [], changed: [] },
    ],
  ])('%s', (_name, live, wanted, diff) => {
    expect(diffStatements(live, wanted)).toEqual(diff);
  });
});
