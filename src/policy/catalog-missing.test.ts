import { describe, expect, it, vi } from 'vitest';

// A damaged install: the service list names services whose action files are missing.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((path: string, ...rest: unknown[]) => {
    if (/[\\/]actions[\\/]s3\.json$/.test(path)) {
      throw Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' });
    }
    return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync, default: { ...fs, readFileSync } };
});

const { iamCatalog } = await import('./catalog.js');
const { lintPolicy } = await import('./lint.js');

describe('IAM catalog with a missing action file', () => {
  it('knows the service but no actions, instead of throwing', () => {
    const c = iamCatalog();
    expect(c.hasService('s3')).toBe(true);
    expect(c.actions('s3')?.size).toBe(0);
    expect(c.actions('iam')?.get('createuser')).toBe('CreateUser');
  });

  it('lint reports rather than throws', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', Action: ['s3:GetObject', 's3:Get*'], Resource: '*' },
    };
    expect(lintPolicy(doc, { kind: 'scp' }).map((d) => d.code)).toEqual([
      'action-unknown',
      'action-wildcard-unmatched',
    ]);
  });
});
