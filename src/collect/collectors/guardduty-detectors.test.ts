import {
  BadRequestException,
  DescribeOrganizationConfigurationCommand,
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListMembersCommand,
} from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, fakeContext } from './__fixtures__/context.js';
import { guardDutyDetectorsCollector } from './guardduty-detectors.js';

const gd = mockClient(GuardDutyClient);
beforeEach(() => gd.reset());

const detector = {
  CreatedAt: '2020-01-01T00:00:00.000Z',
  FindingPublishingFrequency: 'FIFTEEN_MINUTES' as const,
  ServiceRole:
    'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
  Status: 'ENABLED' as const,
  Features: [
    { Name: 'CLOUD_TRAIL' as const, Status: 'ENABLED' as const },
    { Name: 'S3_DATA_EVENTS' as const, Status: 'DISABLED' as const },
  ],
};
const features = [
  { name: 'CLOUD_TRAIL', status: 'ENABLED' },
  { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
];

describe('guardduty.detectors', () => {
  it('no detector: an empty list, nothing else called', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const ctx = fakeContext();
    expect(await guardDutyDetectorsCollector.run(ctx)).toEqual({
      kind: 'region',
      region: { guardDuty: { detectors: [] } },
    });
    expect(gd.calls()).toHaveLength(1);
  });

  it('a member account: detector and administrator; members and org config not asked', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand, { DetectorId: 'd1' }).resolves(detector);
    gd.on(GetAdministratorAccountCommand).resolves({
      Administrator: {
        AccountId: '999988887777',
        InvitationId: 'i',
        RelationshipStatus: 'Enabled',
        InvitedAt: 'x',
      },
    });
    const ctx = fakeContext();
    expect(await guardDutyDetectorsCollector.run(ctx)).toEqual({
      kind: 'region',
      region: {
        guardDuty: {
          detectors: [
            {
              id: 'd1',
              status: 'ENABLED',
              findingPublishingFrequency: 'FIFTEEN_MINUTES',
              features,
            },
          ],
          administrator: { accountId: '999988887777', relationshipStatus: 'Enabled' },
        },
      },
    });
    expect(gd.commandCalls(ListMembersCommand)).toHaveLength(0);
    expect(gd.commandCalls(DescribeOrganizationConfigurationCommand)).toHaveLength(0);
  });

  it('the delegated administrator: members across pages and org auto-enable', async () => {
    gd.on(ListDetectorsCommand)
      .resolvesOnce({ DetectorIds: ['d1'], NextToken: 'n' })
      .resolvesOnce({ DetectorIds: [] });
    gd.on(GetDetectorCommand).resolves(detector);
    gd.on(GetAdministratorAccountCommand).resolves({});
    gd.on(ListMembersCommand)
      .resolvesOnce({
        Members: [
          {
            AccountId: '444455556666',
            MasterId: '111122223333',
            Email: 'a@example.com',
            RelationshipStatus: 'Enabled',
            UpdatedAt: 'x',
          },
        ],
        NextToken: 'm2',
      })
      .resolvesOnce({
        Members: [
          {
            AccountId: '777788889999',
            MasterId: '111122223333',
            Email: 'b@example.com',
            RelationshipStatus: 'Removed',
            UpdatedAt: 'x',
          },
        ],
      });
    gd.on(DescribeOrganizationConfigurationCommand).resolves({
      AutoEnable: true,
      AutoEnableOrganizationMembers: 'ALL',
      MemberAccountLimitReached: false,
    });
    const ctx = fakeContext();
    expect(await guardDutyDetectorsCollector.run(ctx)).toEqual({
      kind: 'region',
      region: {
        guardDuty: {
          detectors: [
            {
              id: 'd1',
              status: 'ENABLED',
              findingPublishingFrequency: 'FIFTEEN_MINUTES',
              features,
            },
          ],
          administrator: null,
          members: [
            { accountId: '444455556666', relationshipStatus: 'Enabled' },
            { accountId: '777788889999', relationshipStatus: 'Removed' },
          ],
          organizationAutoEnable: 'ALL',
        },
      },
    });
    expect(ctx.gaps).toEqual([]);
    expect(gd.commandCalls(ListMembersCommand)).toHaveLength(2);
  });

  it.each([
    {
      name: 'not the delegated administrator: BadRequestException is skipped, not a gap',
      error: new BadRequestException({
        message: 'not the delegated administrator',
        Type: 'x',
        $metadata: {},
      }),
      gaps: [],
    },
    {
      name: 'AccessDenied on org config is a gap',
      error: awsError('AccessDeniedException'),
      gaps: [
        {
          api: 'guardduty:DescribeOrganizationConfiguration',
          code: 'AccessDeniedException',
          section: 'guardDuty.organizationAutoEnable',
        },
      ],
    },
  ])('$name', async ({ error, gaps }) => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).resolves(detector);
    gd.on(GetAdministratorAccountCommand).resolves({});
    gd.on(ListMembersCommand).resolves({ Members: [] });
    gd.on(DescribeOrganizationConfigurationCommand).rejects(error);
    const ctx = fakeContext();
    const result = await guardDutyDetectorsCollector.run(ctx);
    expect(result).toEqual({
      kind: 'region',
      region: {
        guardDuty: {
          detectors: [
            {
              id: 'd1',
              status: 'ENABLED',
              findingPublishingFrequency: 'FIFTEEN_MINUTES',
              features,
            },
          ],
          administrator: null,
          members: [],
        },
      },
    });
    expect(ctx.gaps).toEqual(gaps);
  });

  it('a detector it cannot read fails the section (it would read as "off")', async () => {
    gd.on(ListDetectorsCommand).resolves({ DetectorIds: ['d1'] });
    gd.on(GetDetectorCommand).rejects(awsError('AccessDeniedException', 'denied'));
    await expect(guardDutyDetectorsCollector.run(fakeContext())).rejects.toThrow('denied');
  });
});
