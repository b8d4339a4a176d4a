import {
  DescribeHubCommand,
  GetAdministratorAccountCommand,
  GetEnabledStandardsCommand,
  InvalidAccessException,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { securityHubCollector } from './securityhub-hub.js';

const sh = mockClient(SecurityHubClient);
beforeEach(() => sh.reset());

const hubArn = 'arn:aws:securityhub:eu-west-1:111122223333:hub/default';
const cis = 'arn:aws:securityhub:eu-west-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
const fsbp =
  'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';

describe('securityhub.hub', () => {
  it('not subscribed (InvalidAccessException) is null', async () => {
    sh.on(DescribeHubCommand).rejects(
      new InvalidAccessException({
        message: 'Account 111122223333 is not subscribed to AWS Security Hub',
        Code: 'InvalidAccessException',
        $metadata: {},
      }),
    );
    const ctx = fakeContext();
    expect(await securityHubCollector.run(ctx)).toEqual({
      kind: 'region',
      region: { securityHub: null },
    });
    expect(ctx.gaps).toEqual([]);
  });

  it.each([
    {
      name: 'hub, standards across pages, administrator',
      admin: () =>
        sh.on(GetAdministratorAccountCommand).resolves({
          Administrator: { AccountId: '999988887777', InvitationId: 'i', MemberStatus: 'Enabled' },
        }),
      administrator: { administrator: { accountId: '999988887777', status: 'Enabled' } },
      gaps: [],
    },
    {
      name: 'no administrator is null',
      admin: () => sh.on(GetAdministratorAccountCommand).resolves({}),
      administrator: { administrator: null },
      gaps: [],
    },
    {
      name: 'administrator denied is a gap',
      admin: () => sh.on(GetAdministratorAccountCommand).rejects(awsError('AccessDeniedException')),
      administrator: {},
      gaps: [
        {
          api: 'securityhub:GetAdministratorAccount',
          code: 'AccessDeniedException',
          section: 'securityHub.administrator',
        },
      ],
    },
  ])('$name', async ({ admin, administrator, gaps }) => {
    sh.on(DescribeHubCommand).resolves({
      HubArn: hubArn,
      SubscribedAt: '2020-01-01T00:00:00.000Z',
      AutoEnableControls: true,
      ControlFindingGenerator: 'SECURITY_CONTROL',
    });
    sh.on(GetEnabledStandardsCommand)
      .resolvesOnce({
        StandardsSubscriptions: [
          {
            StandardsSubscriptionArn: `${hubArn}/cis`,
            StandardsArn: cis,
            StandardsInput: {},
            StandardsStatus: 'READY',
          },
        ],
        NextToken: 's2',
      })
      .resolvesOnce({
        StandardsSubscriptions: [
          {
            StandardsSubscriptionArn: `${hubArn}/fsbp`,
            StandardsArn: fsbp,
            StandardsInput: {},
            StandardsStatus: 'INCOMPLETE',
          },
        ],
      });
    admin();
    const ctx = fakeContext();
    expect(await securityHubCollector.run(ctx)).toEqual({
      kind: 'region',
      region: {
        securityHub: {
          hubArn,
          autoEnableControls: true,
          standards: [
            { standardsArn: cis, subscriptionArn: `${hubArn}/cis`, status: 'READY' },
            { standardsArn: fsbp, subscriptionArn: `${hubArn}/fsbp`, status: 'INCOMPLETE' },
          ],
          ...administrator,
        },
      },
    });
    expect(ctx.gaps).toEqual(gaps);
  });

  it('throws on AccessDenied for DescribeHub (not "not enabled")', async () => {
    sh.on(DescribeHubCommand).rejects(awsError('AccessDeniedException', 'denied'));
    await expect(securityHubCollector.run(fakeContext())).rejects.toThrow('denied');
  });
});
