import { describe, expect, it } from 'vitest';
import { classifyError } from '../../collect/classify.js';
import type { Snapshot } from '../../snapshot/types.js';
import { failIfNoAccountEntered } from './collect.js';

const snap = (accounts: string[], refused: string[]): Snapshot =>
  ({
    source: { principalArn: 'arn:aws:sts::111111111111:assumed-role/admin/me' },
    accounts: Object.fromEntries(accounts.map((id) => [id, { accountId: id, regions: {} }])),
    coverage: refused.map((accountId) => ({
      accountId,
      api: 'sts:AssumeRole',
      code: 'AccessDenied',
      message: '',
      section: 'account',
    })),
  }) as unknown as Snapshot;

describe('collect exit status', () => {
  it.each<[string, string[], string[], boolean]>([
    [
      'every member refused: only the caller was read',
      ['111111111111'],
      ['222222222222', '333333333333'],
      true,
    ],
    ['some members read', ['111111111111', '222222222222'], ['333333333333'], false],
    ['nobody refused', ['111111111111'], [], false],
  ])('%s', (_name, accounts, refused, fails) => {
    const run = () => {
      failIfNoAccountEntered(snap(accounts, refused), 'OrganizationAccountAccessRole');
    };
    if (fails)
      expect(run).toThrow(
        /could not assume role OrganizationAccountAccessRole in any member account/,
      );
    else expect(run).not.toThrow();
  });

  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])(
    'treats %s as expired credentials',
    (name) => {
      expect(classifyError({ name, $metadata: { httpStatusCode: 400 } }, true)).toBe('expired');
    },
  );
});
