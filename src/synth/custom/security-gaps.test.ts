import {
  CreateDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  UpdateDetectorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import Module from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invokeHandler } from './harness.js';
import { handlerCode, INLINE_CODE_MAX } from './provider.js';
import {
  guardDutyOrgHandler,
  inspectorOrgHandler,
  macieOrgHandler,
  SECURITY_HANDLERS,
} from './security-gaps.js';

const FEATURES = [
  { Name: 'S3_DATA_EVENTS', Status: 'ENABLED', AutoEnable: 'ALL' },
  { Name: 'EKS_AUDIT_LOGS', Status: 'DISABLED', AutoEnable: 'NONE' },
];
const GD_PROPS = {
  ServiceToken: 'arn:fn',
  AutoEnable: 'ALL',
  Frequency: 'FIFTEEN_MINUTES',
  Features: FEATURES,
};

describe('handler sources', () => {
  it.each(SECURITY_HANDLERS.map((h) => [h.id, h] as const))(
    '%s fits the inline code limit',
    (_id, h) => {
      expect(handlerCode(h).length).toBeLessThanOrEqual(INLINE_CODE_MAX);
    },
  );

  it.each(SECURITY_HANDLERS.map((h) => [h.id, h] as const))(
    '%s: every wildcard of its role is suppressed with a reason',
    (_id, h) => {
      const wildcards = h.statements.filter((s) => JSON.stringify(s.Resource).includes('*'));
      expect(wildcards.length).toBeGreaterThan(0);
      for (const s of h.roleSuppressions ?? []) expect(s.reason.length).toBeGreaterThan(20);
      expect(
        (h.roleSuppressions ?? []).some((s) => s.id === 'AwsSolutions-IAM5[Resource::*]'),
      ).toBe(true);
    },
  );
});

describe('guardduty-org handler', () => {
  const gd = mockClient(GuardDutyClient);
  beforeEach(() => gd.reset());

  it('Create without a detector: creates it, then configures the organization', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    gd.on(CreateDetectorCommand).resolves({ DetectorId: 'det-new' });
    gd.on(UpdateOrganizationConfigurationCommand).resolves({});
    const r = await invokeHandler(guardDutyOrgHandler, {
      RequestType: 'Create',
      ResourceProperties: GD_PROPS,
    });
    expect(r).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'det-new',
      Data: { DetectorId: 'det-new' },
    });
    expect(gd.commandCalls(CreateDetectorCommand)[0]?.args[0].input).toEqual({
      Enable: true,
      FindingPublishingFrequency: 'FIFTEEN_MINUTES',
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'EKS_AUDIT_LOGS', Status: 'DISABLED' },
      ],
    });
    expect(gd.commandCalls(UpdateOrganizationConfigurationCommand)[0]?.args[0].input).toEqual({
      DetectorId: 'det-new',
      AutoEnableOrganizationMembers: 'ALL',
      Features: [
        { Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' },
        { Name: 'EKS_AUDIT_LOGS', AutoEnable: 'NONE' },
      ],
    });
  });

  it.each(['Create', 'Update'] as const)(
    '%s with the detector GuardDuty made on delegation: adopts it (idempotent)',
    async (type) => {
      gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['det-1'] });
      gd.on(UpdateDetectorCommand).resolves({});
      gd.on(UpdateOrganizationConfigurationCommand).resolves({});
      const r = await invokeHandler(guardDutyOrgHandler, {
        RequestType: type,
        ResourceProperties: GD_PROPS,
        ...(type === 'Update'
          ? { PhysicalResourceId: 'det-1', OldResourceProperties: GD_PROPS }
          : {}),
      });
      expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'det-1' });
      expect(gd.commandCalls(CreateDetectorCommand)).toHaveLength(0);
      expect(gd.commandCalls(UpdateDetectorCommand)[0]?.args[0].input).toMatchObject({
        DetectorId: 'det-1',
        Enable: true,
      });
    },
  );

  it('Delete leaves GuardDuty as it is', async () => {
    const r = await invokeHandler(guardDutyOrgHandler, {
      RequestType: 'Delete',
      ResourceProperties: GD_PROPS,
      PhysicalResourceId: 'det-1',
    });
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'det-1' });
    expect(gd.calls()).toHaveLength(0);
  });

  it('a failed API call fails the resource with the service message', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['det-1'] });
    gd.on(UpdateDetectorCommand).resolves({});
    gd.on(UpdateOrganizationConfigurationCommand).rejects(
      Object.assign(
        new Error(
          'The request is rejected because the current account is not the delegated administrator.',
        ),
        { name: 'BadRequestException' },
      ),
    );
    const r = await invokeHandler(guardDutyOrgHandler, {
      RequestType: 'Create',
      ResourceProperties: GD_PROPS,
    });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('not the delegated administrator');
  });
});

/**
 * @aws-sdk/client-inspector2 and client-macie2 are not dependencies of this package (the
 * Lambda runtime ships them), so these tests give the handler a recording stand-in for
 * the module through Node's module loader.
 */
type Call = [string, unknown];
function fakeSdk(names: string[], answer: (cmd: string, input: unknown) => unknown = () => ({})) {
  const calls: Call[] = [];
  const mod: Record<string, unknown> = {};
  for (const n of names)
    mod[n] = class {
      constructor(readonly input: unknown) {}
    };
  const client = class {
    send(cmd: { input: unknown; constructor: { name: string } }): Promise<unknown> {
      const name = Object.entries(mod).find(([, c]) => c === cmd.constructor)?.[0] ?? '?';
      calls.push([name, cmd.input]);
      try {
        return Promise.resolve(answer(name, cmd.input));
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  };
  return { calls, mod, client };
}

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const realLoad = loader._load;
function provide(name: string, mod: unknown): void {
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === name ? mod : realLoad.call(this, request, ...rest);
  };
}
afterEach(() => {
  loader._load = realLoad;
});

describe('inspector-org handler', () => {
  const props = { ResourceTypes: ['EC2', 'ECR'], AutoEnable: ['ec2', 'ecr'] };
  const setup = (answer?: (cmd: string, input: unknown) => unknown) => {
    const sdk = fakeSdk(
      ['EnableCommand', 'DisableCommand', 'UpdateOrganizationConfigurationCommand'],
      answer,
    );
    provide('@aws-sdk/client-inspector2', { ...sdk.mod, Inspector2Client: sdk.client });
    return sdk;
  };

  it('Create enables the scan types and auto-enables them for the organization', async () => {
    const sdk = setup(() => ({ accounts: [], failedAccounts: [] }));
    const r = await invokeHandler(inspectorOrgHandler, {
      RequestType: 'Create',
      ResourceProperties: props,
    });
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'inspector2-organization' });
    expect(sdk.calls).toEqual([
      ['EnableCommand', { resourceTypes: ['EC2', 'ECR'] }],
      [
        'UpdateOrganizationConfigurationCommand',
        { autoEnable: { ec2: true, ecr: true, lambda: false, lambdaCode: false } },
      ],
    ]);
  });

  it('Update disables the scan types the blueprint dropped', async () => {
    const sdk = setup(() => ({}));
    await invokeHandler(inspectorOrgHandler, {
      RequestType: 'Update',
      PhysicalResourceId: 'inspector2-organization',
      ResourceProperties: props,
      OldResourceProperties: {
        ResourceTypes: ['EC2', 'ECR', 'LAMBDA'],
        AutoEnable: ['ec2', 'ecr', 'lambda'],
      },
    });
    expect(sdk.calls[0]).toEqual(['DisableCommand', { resourceTypes: ['LAMBDA'] }]);
  });

  it('Create twice sends the same calls (idempotent)', async () => {
    const sdk = setup(() => ({}));
    await invokeHandler(inspectorOrgHandler, { RequestType: 'Create', ResourceProperties: props });
    await invokeHandler(inspectorOrgHandler, { RequestType: 'Create', ResourceProperties: props });
    expect(sdk.calls.slice(0, 2)).toEqual(sdk.calls.slice(2));
  });

  it('fails when Enable reports failed accounts', async () => {
    setup((cmd) =>
      cmd === 'EnableCommand'
        ? { failedAccounts: [{ accountId: '1', errorCode: 'ACCESS_DENIED', errorMessage: 'no' }] }
        : {},
    );
    const r = await invokeHandler(inspectorOrgHandler, {
      RequestType: 'Create',
      ResourceProperties: props,
    });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('inspector2:Enable failed: no');
  });

  it('Delete changes nothing', async () => {
    const sdk = setup();
    const r = await invokeHandler(inspectorOrgHandler, {
      RequestType: 'Delete',
      PhysicalResourceId: 'inspector2-organization',
      ResourceProperties: props,
    });
    expect(r.Status).toBe('SUCCESS');
    expect(sdk.calls).toEqual([]);
  });
});

describe('macie-org handler', () => {
  const setup = (answer?: (cmd: string, input: unknown) => unknown) => {
    const sdk = fakeSdk(['UpdateOrganizationConfigurationCommand'], answer);
    provide('@aws-sdk/client-macie2', { ...sdk.mod, Macie2Client: sdk.client });
    return sdk;
  };

  it.each([
    ['true', true],
    ['false', false],
  ])('AutoEnable %s', async (value, expected) => {
    const sdk = setup();
    const r = await invokeHandler(macieOrgHandler, {
      RequestType: 'Create',
      ResourceProperties: { AutoEnable: value },
    });
    expect(r).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'macie-organization' });
    expect(sdk.calls).toEqual([
      ['UpdateOrganizationConfigurationCommand', { autoEnable: expected }],
    ]);
  });

  it('fails with the service message', async () => {
    setup(() => {
      throw new Error('AccessDeniedException: not the Macie administrator');
    });
    const r = await invokeHandler(macieOrgHandler, {
      RequestType: 'Update',
      PhysicalResourceId: 'macie-organization',
      ResourceProperties: { AutoEnable: 'true' },
    });
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('not the Macie administrator');
  });

  it('Delete changes nothing', async () => {
    const sdk = setup();
    await invokeHandler(macieOrgHandler, {
      RequestType: 'Delete',
      PhysicalResourceId: 'macie-organization',
      ResourceProperties: {},
    });
    expect(sdk.calls).toEqual([]);
  });
});
