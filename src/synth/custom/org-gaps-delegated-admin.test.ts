import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { Ct, event, Gd, meta, Org, run } from './__fixtures__/org-gaps.js';
import { type ServiceAdminApi } from './org-gaps.js';

const org = mockClient(Org.OrganizationsClient);
const gd = mockClient(Gd.GuardDutyClient);
const ct = mockClient(Ct.CloudTrailClient);

beforeEach(() => {
  org.reset();
  gd.reset();
  ct.reset();
});

describe('Custom::OrgwardDelegatedAdmin through Organizations', () => {
  const props = {
    ServicePrincipal: 'config.amazonaws.com',
    AccountId: '222222222222',
    Key: 'config.amazonaws.com|222222222222',
  };

  it('registers on create', async () => {
    org.on(Org.RegisterDelegatedAdministratorCommand).resolves({});
    expect((await run(event('delegatedAdmin', 'Create', props))).Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.RegisterDelegatedAdministratorCommand)[0]?.args[0].input).toEqual({
      AccountId: '222222222222',
      ServicePrincipal: 'config.amazonaws.com',
    });
  });

  it('treats AccountAlreadyRegisteredException as done', async () => {
    org.on(Org.RegisterDelegatedAdministratorCommand).rejects(
      new Org.AccountAlreadyRegisteredException({
        message: 'The provided account is already a delegated administrator for your organization.',
        ...meta,
      }),
    );
    expect((await run(event('delegatedAdmin', 'Create', props))).Status).toBe('SUCCESS');
  });

  it('deregisters on delete and treats AccountNotRegisteredException as done', async () => {
    org.on(Org.DeregisterDelegatedAdministratorCommand).rejects(
      new Org.AccountNotRegisteredException({
        message:
          'The provided account is not a registered delegated administrator for your organization.',
        ...meta,
      }),
    );
    expect((await run(event('delegatedAdmin', 'Delete', props))).Status).toBe('SUCCESS');
    expect(org.commandCalls(Org.DeregisterDelegatedAdministratorCommand)).toHaveLength(1);
  });

  it('switches the account on update: deregister the old one, then register the new one', async () => {
    org.on(Org.DeregisterDelegatedAdministratorCommand).resolves({});
    org.on(Org.RegisterDelegatedAdministratorCommand).resolves({});
    const next = { ...props, AccountId: '333333333333', Key: 'config.amazonaws.com|333333333333' };
    const r = await run(
      event('delegatedAdmin', 'Update', next, {
        PhysicalResourceId: props.Key,
        OldResourceProperties: props,
      }),
    );
    expect(r.Status).toBe('SUCCESS');
    expect(
      org
        .calls()
        .map((c) => [
          c.args[0].constructor.name,
          (c.args[0].input as { AccountId: string }).AccountId,
        ]),
    ).toEqual([
      ['DeregisterDelegatedAdministratorCommand', '222222222222'],
      ['RegisterDelegatedAdministratorCommand', '333333333333'],
    ]);
  });

  it('reports an unknown account as FAILED', async () => {
    org.on(Org.RegisterDelegatedAdministratorCommand).rejects(
      new Org.AccountNotFoundException({
        message: "We can't find an AWS account with the AccountId that you specified.",
        ...meta,
      }),
    );
    const r = await run(event('delegatedAdmin', 'Create', props));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain("We can't find an AWS account");
  });
});

describe('Custom::OrgwardDelegatedAdmin through a service API', () => {
  const guardduty: ServiceAdminApi = {
    Client: 'guardduty',
    Class: 'GuardDutyClient',
    Enable: 'EnableOrganizationAdminAccount',
    Key: 'AdminAccountId',
    Disable: 'DisableOrganizationAdminAccount',
    DisableKey: 'AdminAccountId',
    List: 'ListOrganizationAdminAccounts',
    Items: 'AdminAccounts',
    Id: 'AdminAccountId',
  };
  const props = {
    ServicePrincipal: 'guardduty.amazonaws.com',
    AccountId: '222222222222',
    Api: guardduty,
    Key: 'guardduty.amazonaws.com|222222222222',
  };

  it('enables the administrator when the service lists none', async () => {
    gd.on(Gd.ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [] });
    gd.on(Gd.EnableOrganizationAdminAccountCommand).resolves({});
    expect((await run(event('delegatedAdmin', 'Create', props))).Status).toBe('SUCCESS');
    expect(gd.commandCalls(Gd.EnableOrganizationAdminAccountCommand)[0]?.args[0].input).toEqual({
      AdminAccountId: '222222222222',
    });
    expect(org.calls()).toHaveLength(0);
  });

  it('does nothing when the account already is the administrator', async () => {
    gd.on(Gd.ListOrganizationAdminAccountsCommand).resolves({
      AdminAccounts: [{ AdminAccountId: '222222222222', AdminStatus: 'ENABLED' }],
    });
    expect((await run(event('delegatedAdmin', 'Create', props))).Status).toBe('SUCCESS');
    expect(gd.commandCalls(Gd.EnableOrganizationAdminAccountCommand)).toHaveLength(0);
  });

  it('disables the administrator on delete, only if it is the one listed', async () => {
    gd.on(Gd.ListOrganizationAdminAccountsCommand).resolves({
      AdminAccounts: [{ AdminAccountId: '222222222222', AdminStatus: 'ENABLED' }],
    });
    gd.on(Gd.DisableOrganizationAdminAccountCommand).resolves({});
    expect((await run(event('delegatedAdmin', 'Delete', props))).Status).toBe('SUCCESS');
    expect(gd.commandCalls(Gd.DisableOrganizationAdminAccountCommand)[0]?.args[0].input).toEqual({
      AdminAccountId: '222222222222',
    });
    gd.reset();
    gd.on(Gd.ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [] });
    expect((await run(event('delegatedAdmin', 'Delete', props))).Status).toBe('SUCCESS');
    expect(gd.commandCalls(Gd.DisableOrganizationAdminAccountCommand)).toHaveLength(0);
  });

  it('reports the service error as FAILED', async () => {
    gd.on(Gd.ListOrganizationAdminAccountsCommand).resolves({ AdminAccounts: [] });
    gd.on(Gd.EnableOrganizationAdminAccountCommand).rejects(
      new Gd.BadRequestException({
        message:
          'The request is rejected because the input detectorId is not owned by the current account.',
        ...meta,
      }),
    );
    const r = await run(event('delegatedAdmin', 'Create', props));
    expect(r.Status).toBe('FAILED');
    expect(r.Reason).toContain('The request is rejected');
  });

  const cloudtrail: ServiceAdminApi = {
    Client: 'cloudtrail',
    Class: 'CloudTrailClient',
    Enable: 'RegisterOrganizationDelegatedAdmin',
    Key: 'MemberAccountId',
    Disable: 'DeregisterOrganizationDelegatedAdmin',
    DisableKey: 'DelegatedAdminAccountId',
    Region: 'us-east-1',
  };
  const ctProps = {
    ServicePrincipal: 'cloudtrail.amazonaws.com',
    AccountId: '222222222222',
    Api: cloudtrail,
    Key: 'cloudtrail.amazonaws.com|222222222222',
  };
  const admins = (...ids: string[]) =>
    ids.map((Id) => ({ Id, Name: Id, Email: `${Id}@example.com` }));

  it('without a list call, reads every page of the Organizations delegated administrators', async () => {
    org
      .on(Org.ListDelegatedAdministratorsCommand)
      .resolvesOnce({ DelegatedAdministrators: admins('999999999999'), NextToken: 'page-2' })
      .resolves({ DelegatedAdministrators: admins('222222222222') });
    const r = await run(event('delegatedAdmin', 'Create', ctProps));
    expect(r.Status).toBe('SUCCESS');
    expect(
      org.commandCalls(Org.ListDelegatedAdministratorsCommand).map((c) => c.args[0].input),
    ).toEqual([
      { ServicePrincipal: 'cloudtrail.amazonaws.com', NextToken: undefined },
      { ServicePrincipal: 'cloudtrail.amazonaws.com', NextToken: 'page-2' },
    ]);
    expect(ct.commandCalls(Ct.RegisterOrganizationDelegatedAdminCommand)).toHaveLength(0);
  });

  it('calls the service in the Region the Api names', async () => {
    org.on(Org.ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: [] });
    ct.on(Ct.RegisterOrganizationDelegatedAdminCommand).resolves({});
    expect((await run(event('delegatedAdmin', 'Create', ctProps))).Status).toBe('SUCCESS');
    const call = ct.commandCalls(Ct.RegisterOrganizationDelegatedAdminCommand)[0];
    expect(call?.args[0].input).toEqual({ MemberAccountId: '222222222222' });
    const client = call?.thisValue as InstanceType<typeof Ct.CloudTrailClient>;
    expect(await client.config.region()).toBe('us-east-1');
  });

  it('deregisters through the service with its own request member', async () => {
    org
      .on(Org.ListDelegatedAdministratorsCommand)
      .resolves({ DelegatedAdministrators: admins('222222222222') });
    ct.on(Ct.DeregisterOrganizationDelegatedAdminCommand).resolves({});
    expect((await run(event('delegatedAdmin', 'Delete', ctProps))).Status).toBe('SUCCESS');
    expect(
      ct.commandCalls(Ct.DeregisterOrganizationDelegatedAdminCommand)[0]?.args[0].input,
    ).toEqual({
      DelegatedAdminAccountId: '222222222222',
    });
  });
});
