import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nag } from '../../../test/helpers/nag.js';
import { exampleContext } from '../../../test/helpers/synth.js';
import { TemplateBuilder } from '../context.js';
import { event, meta, Org, run } from './__fixtures__/org-gaps.js';
import { NO_RESOURCE_TYPE_REASON, ORG_GAPS_HANDLER, orgGapsHandler } from './org-gaps.js';
import { customProvider, handlerCode, INLINE_CODE_MAX } from './provider.js';

const org = mockClient(Org.OrganizationsClient);

beforeEach(() => {
  org.reset();
});

describe('org-gaps handler source', () => {
  it('fits the inline code limit with the runtime', () => {
    expect(handlerCode(ORG_GAPS_HANDLER).length).toBeLessThanOrEqual(INLINE_CODE_MAX);
  });

  it('rejects an unknown resource type with FAILED and the reason', async () => {
    const r = await run({
      RequestType: 'Create',
      ResourceType: 'Custom::OrgwardNope',
      ResourceProperties: {},
    });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('unsupported resource type Custom::OrgwardNope');
  });
});

describe('Custom::OrgwardPolicyType', () => {
  const props = {
    RootId: 'r-ab12',
    PolicyType: 'RESOURCE_CONTROL_POLICY',
    Key: 'RESOURCE_CONTROL_POLICY',
  };
  const root = (Status: 'ENABLED' | 'PENDING_ENABLE') => ({
    Roots: [
      {
        Id: 'r-ab12',
        Arn: 'arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-ab12',
        Name: 'Root',
        PolicyTypes: [
          { Type: 'SERVICE_CONTROL_POLICY' as const, Status: 'ENABLED' as const },
          { Type: 'RESOURCE_CONTROL_POLICY' as const, Status },
        ],
      },
    ],
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('enables the type on create and answers with the key as physical id', async () => {
    org.on(Org.EnablePolicyTypeCommand).resolves({ Root: root('PENDING_ENABLE').Roots[0] });
    org.on(Org.ListRootsCommand).resolves(root('ENABLED'));
    const r = await run(event('policyType', 'Create', props));
    expect(r.Status).toBe('SUCCESS');
    expect(r.PhysicalResourceId).toBe('RESOURCE_CONTROL_POLICY');
    expect(org.commandCalls(Org.EnablePolicyTypeCommand)[0]?.args[0].input).toEqual({
      RootId: 'r-ab12',
      PolicyType: 'RESOURCE_CONTROL_POLICY',
    });
  });

  it('treats PolicyTypeAlreadyEnabledException as done', async () => {
    org.on(Org.EnablePolicyTypeCommand).rejects(
      new Org.PolicyTypeAlreadyEnabledException({
        message: 'The specified policy type is already enabled.',
        ...meta,
      }),
    );
    org.on(Org.ListRootsCommand).resolves(root('ENABLED'));
    expect((await run(event('policyType', 'Create', props))).Status).toBe('SUCCESS');
  });

  it('waits until ListRoots shows the type ENABLED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    org.on(Org.EnablePolicyTypeCommand).resolves({});
    org.on(Org.ListRootsCommand).resolvesOnce(root('PENDING_ENABLE')).resolves(root('ENABLED'));
    const pending = run(event('policyType', 'Create', props));
    await vi.advanceTimersByTimeAsync(2000);
    const r = await pending;
    expect(r.Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.ListRootsCommand)).toHaveLength(2);
  });

  it('fails with the reason when the type never becomes ENABLED', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    org.on(Org.EnablePolicyTypeCommand).resolves({});
    org.on(Org.ListRootsCommand).resolves(root('PENDING_ENABLE'));
    const pending = run(event('policyType', 'Create', props));
    await vi.advanceTimersByTimeAsync(121_000);
    const r = await pending;
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('RESOURCE_CONTROL_POLICY is not ENABLED on r-ab12');
  });

  it('reports an API failure as FAILED with its message', async () => {
    org.on(Org.EnablePolicyTypeCommand).rejects(
      new Org.PolicyTypeNotAvailableForOrganizationException({
        message: 'You tried to enable a policy type that is not available in this organization.',
        ...meta,
      }),
    );
    const r = await run(event('policyType', 'Create', props));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('not available in this organization');
  });

  it('leaves the type enabled on delete', async () => {
    const r = await run(event('policyType', 'Delete', props));
    expect(r.Status).toBe('SUCCESS');
    expect(org.calls()).toHaveLength(0);
  });
});

describe('Custom::OrgwardTrustedService', () => {
  const props = { ServicePrincipal: 'guardduty.amazonaws.com', Key: 'guardduty.amazonaws.com' };

  it('enables trusted access on create and on update', async () => {
    org.on(Org.EnableAWSServiceAccessCommand).resolves({});
    expect((await run(event('trustedService', 'Create', props))).Status).toBe('SUCCESS');
    const u = await run(event('trustedService', 'Update', props, { OldResourceProperties: props }));
    expect(u.Status).toBe('SUCCESS');
    expect(u.PhysicalResourceId).toBe('guardduty.amazonaws.com');
    expect(org.commandCalls(Org.EnableAWSServiceAccessCommand).map((c) => c.args[0].input)).toEqual(
      [
        { ServicePrincipal: 'guardduty.amazonaws.com' },
        { ServicePrincipal: 'guardduty.amazonaws.com' },
      ],
    );
    expect(org.commandCalls(Org.DisableAWSServiceAccessCommand)).toHaveLength(0);
  });

  it('disables trusted access on delete', async () => {
    org.on(Org.DisableAWSServiceAccessCommand).resolves({});
    expect((await run(event('trustedService', 'Delete', props))).Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.DisableAWSServiceAccessCommand)[0]?.args[0].input).toEqual({
      ServicePrincipal: 'guardduty.amazonaws.com',
    });
  });

  it('does not undo anything when deleting after a failed create', async () => {
    const r = await run(
      event('trustedService', 'Delete', props, {
        PhysicalResourceId: 'Resource',
        LogicalResourceId: 'Resource',
      }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(org.calls()).toHaveLength(0);
  });

  it('reports AccessDenied as FAILED', async () => {
    org.on(Org.EnableAWSServiceAccessCommand).rejects(
      new Org.AccessDeniedException({
        message: "You don't have permissions to access this resource.",
        ...meta,
      }),
    );
    const r = await run(event('trustedService', 'Create', props));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain("You don't have permissions");
  });
});

describe('Custom::OrgwardPolicyDetachment', () => {
  const props = {
    PolicyId: 'p-FullAWSAccess',
    TargetId: 'ou-ab12-cdefgh34',
    Key: 'p-FullAWSAccess|ou-ab12-cdefgh34',
  };

  it('detaches on create', async () => {
    org.on(Org.DetachPolicyCommand).resolves({});
    const r = await run(event('policyDetachment', 'Create', props));
    expect(r.Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.DetachPolicyCommand)[0]?.args[0].input).toEqual({
      PolicyId: 'p-FullAWSAccess',
      TargetId: 'ou-ab12-cdefgh34',
    });
  });

  it('treats PolicyNotAttachedException as done', async () => {
    org.on(Org.DetachPolicyCommand).rejects(
      new Org.PolicyNotAttachedException({
        message: 'The policy is not attached to the target.',
        ...meta,
      }),
    );
    expect((await run(event('policyDetachment', 'Create', props))).Status).toBe('SUCCESS');
  });

  it('fails with the reason when the target would be left without any SCP', async () => {
    org.on(Org.DetachPolicyCommand).rejects(
      new Org.ConstraintViolationException({
        message: 'You cannot remove the last service control policy from the target.',
        Reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
        ...meta,
      }),
    );
    const r = await run(event('policyDetachment', 'Create', props));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('cannot remove the last service control policy');
  });

  it('re-attaches on delete, idempotently', async () => {
    org.on(Org.AttachPolicyCommand).rejects(
      new Org.DuplicatePolicyAttachmentException({
        message: 'The selected policy is already attached.',
        ...meta,
      }),
    );
    expect((await run(event('policyDetachment', 'Delete', props))).Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.AttachPolicyCommand)[0]?.args[0].input).toEqual({
      PolicyId: 'p-FullAWSAccess',
      TargetId: 'ou-ab12-cdefgh34',
    });
  });

  it('moves the detachment when the target changes: re-attach the old one first', async () => {
    org.on(Org.AttachPolicyCommand).resolves({});
    org.on(Org.DetachPolicyCommand).resolves({});
    const next = {
      ...props,
      TargetId: 'ou-ab12-zzzzzz99',
      Key: 'p-FullAWSAccess|ou-ab12-zzzzzz99',
    };
    const r = await run(
      event('policyDetachment', 'Update', next, {
        PhysicalResourceId: props.Key,
        OldResourceProperties: props,
      }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(r.PhysicalResourceId).toBe(props.Key);
    expect(
      org
        .calls()
        .map((c) => [
          c.args[0].constructor.name,
          (c.args[0].input as { TargetId: string }).TargetId,
        ]),
    ).toEqual([
      ['AttachPolicyCommand', 'ou-ab12-cdefgh34'],
      ['DetachPolicyCommand', 'ou-ab12-zzzzzz99'],
    ]);
  });
});

describe('orgGapsHandler', () => {
  it('names the function per unit, keeps the source and justifies Resource "*"', () => {
    const h = orgGapsHandler('ous', [
      { Effect: 'Allow', Action: 'organizations:ListRoots', Resource: '*' },
    ]);
    expect(h.id).toBe('org-gaps-ous');
    expect(h.source).toBe(ORG_GAPS_HANDLER.source);
    expect(h.roleSuppressions).toEqual([
      { id: 'AwsSolutions-IAM5[Resource::*]', reason: NO_RESOURCE_TYPE_REASON },
    ]);
  });

  it('adds no suppression when every resource is a specific ARN', () => {
    const h = orgGapsHandler('x', [
      {
        Effect: 'Allow',
        Action: 'organizations:EnablePolicyType',
        Resource: 'arn:aws:organizations::1:root/o-a/r-b',
      },
    ]);
    expect(h.roleSuppressions).toBeUndefined();
  });

  it('refuses a wildcard resource pattern it has no reason for', () => {
    expect(() =>
      orgGapsHandler('x', [
        {
          Effect: 'Allow',
          Action: 'organizations:DescribeAccount',
          Resource: 'arn:aws:organizations::1:account/o-a/*',
        },
      ]),
    ).toThrow(/wildcard/);
  });
});

describe('ORG_GAPS_HANDLER in a template', () => {
  it('passes cdk-nag with its suppressions', { timeout: 60_000 }, async () => {
    const ctx = await exampleContext('minimal');
    const t = new TemplateBuilder(ctx, 'org-gaps handler test');
    customProvider(t, ORG_GAPS_HANDLER);
    expect(await nag(t.template())).toEqual({ findings: [], unjustified: [] });
  });
});
