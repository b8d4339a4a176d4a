/**
 * Security service responders (CloudTrail and Config in `audit-routes.ts`): GuardDuty (string
 * timestamps; DescribeOrganizationConfiguration outside the administrator is
 * BadRequestException), Security Hub (InvalidAccessException where it is not enabled),
 * IAM Access Analyzer.
 */
import * as aa from '@aws-sdk/client-accessanalyzer';
import * as gd from '@aws-sdk/client-guardduty';
import * as sh from '@aws-sdk/client-securityhub';
import type { SecurityHubSnapshot } from '../../snapshot/types.js';
import { awsError } from './errors.js';
import { cloudtrailRoutes, configRoutes } from './audit-routes.js';
import {
  nextField,
  num,
  page,
  str,
  type Call,
  type Route,
  regionalRoute,
  createdDaysAgo,
} from './route.js';

const route = regionalRoute;
const iso = createdDaysAgo;

function guardDutyRoutes(): Route[] {
  const C = gd.GuardDutyClient;
  const g = (c: Call) => c.regionData?.guardDuty ?? { detectors: [] };
  const detector = (c: Call) => {
    const id = str(c.input, 'DetectorId') ?? '';
    const d = g(c).detectors.find((x) => x.id === id);
    if (!d)
      throw awsError(
        'guardduty',
        'BadRequestException',
        400,
        'The request is rejected because the input detectorId is not owned by the current account.',
        gd.BadRequestException,
      );
    return d;
  };
  const when = (c: Call, days: number) => iso(c, days).toISOString();
  return [
    route('guardduty:ListDetectors', C, gd.ListDetectorsCommand, (c) => {
      const p = page(
        'guardduty',
        g(c).detectors,
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults') ?? 50,
        50,
        'BadRequestException',
      );
      return { DetectorIds: p.items.map((d) => d.id), ...nextField('NextToken', p.next) };
    }),
    route('guardduty:GetDetector', C, gd.GetDetectorCommand, (c) => {
      const d = detector(c);
      return {
        CreatedAt: when(c, 300),
        UpdatedAt: when(c, 10),
        Status: d.status,
        ...(d.findingPublishingFrequency
          ? { FindingPublishingFrequency: d.findingPublishingFrequency }
          : {}),
        ServiceRole: `arn:aws:iam::${c.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
        Features: d.features.map((f) => ({
          Name: f.name,
          Status: f.status,
          UpdatedAt: iso(c, 10),
        })),
        Tags: {},
      };
    }),
    route('guardduty:GetAdministratorAccount', C, gd.GetAdministratorAccountCommand, (c) => {
      detector(c);
      const a = g(c).administrator;
      return a
        ? {
            Administrator: {
              AccountId: a.accountId,
              InvitationId: `sim-${a.accountId}`,
              RelationshipStatus: a.relationshipStatus,
              InvitedAt: when(c, 300),
            },
          }
        : {};
    }),
    route('guardduty:ListMembers', C, gd.ListMembersCommand, (c) => {
      detector(c);
      const p = page(
        'guardduty',
        g(c).members ?? [],
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults') ?? 50,
        50,
        'BadRequestException',
      );
      return {
        Members: p.items.map((m) => ({
          AccountId: m.accountId,
          AdministratorId: c.accountId,
          MasterId: c.accountId,
          Email: `${m.accountId}@sim.invalid`,
          RelationshipStatus: m.relationshipStatus,
          InvitedAt: when(c, 300),
          UpdatedAt: when(c, 10),
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route(
      'guardduty:DescribeOrganizationConfiguration',
      C,
      gd.DescribeOrganizationConfigurationCommand,
      (c) => {
        detector(c);
        const auto = g(c).organizationAutoEnable;
        if (auto === undefined)
          throw awsError(
            'guardduty',
            'BadRequestException',
            400,
            'The request is rejected because the current account is not the GuardDuty delegated administrator.',
            gd.BadRequestException,
          );
        return {
          AutoEnable: auto !== 'NONE',
          MemberAccountLimitReached: false,
          AutoEnableOrganizationMembers: auto,
          Features: [],
        };
      },
    ),
  ];
}

function securityHubRoutes(): Route[] {
  const C = sh.SecurityHubClient;
  const hub = (c: Call): SecurityHubSnapshot => {
    const h = c.regionData?.securityHub;
    if (!h)
      throw awsError(
        'securityhub',
        'InvalidAccessException',
        401,
        `Account ${c.accountId} is not subscribed to AWS Security Hub`,
        sh.InvalidAccessException,
      );
    return h;
  };
  return [
    route('securityhub:DescribeHub', C, sh.DescribeHubCommand, (c) => {
      const h = hub(c);
      return {
        HubArn: h.hubArn,
        SubscribedAt: iso(c, 300).toISOString(),
        AutoEnableControls: h.autoEnableControls ?? true,
        ControlFindingGenerator: 'SECURITY_CONTROL',
      };
    }),
    route('securityhub:GetEnabledStandards', C, sh.GetEnabledStandardsCommand, (c) => {
      const p = page(
        'securityhub',
        hub(c).standards,
        str(c.input, 'NextToken'),
        num(c.input, 'MaxResults') ?? 100,
        100,
        'InvalidInputException',
      );
      return {
        StandardsSubscriptions: p.items.map((s) => ({
          StandardsSubscriptionArn: s.subscriptionArn,
          StandardsArn: s.standardsArn,
          StandardsInput: {},
          StandardsStatus: s.status,
        })),
        ...nextField('NextToken', p.next),
      };
    }),
    route('securityhub:GetAdministratorAccount', C, sh.GetAdministratorAccountCommand, (c) => {
      const a = hub(c).administrator;
      return a
        ? {
            Administrator: {
              AccountId: a.accountId,
              InvitationId: `sim-${a.accountId}`,
              InvitedAt: iso(c, 300),
              MemberStatus: a.status,
            },
          }
        : {};
    }),
  ];
}

function analyzerRoutes(): Route[] {
  return [
    route(
      'access-analyzer:ListAnalyzers',
      aa.AccessAnalyzerClient,
      aa.ListAnalyzersCommand,
      (c) => {
        const type = str(c.input, 'type');
        const list = (c.regionData?.accessAnalyzers ?? []).filter((a) => !type || a.type === type);
        const p = page(
          'access-analyzer',
          list,
          str(c.input, 'nextToken'),
          num(c.input, 'maxResults') ?? 100,
          100,
          'ValidationException',
        );
        return {
          analyzers: p.items.map((a) => ({
            arn: a.arn,
            name: a.name,
            type: a.type,
            status: a.status,
            createdAt: iso(c, 300),
            tags: {},
          })),
          ...nextField('nextToken', p.next),
        };
      },
    ),
  ];
}

/** Security service routes. */
export function securityRoutes(): Route[] {
  return [
    ...cloudtrailRoutes(),
    ...configRoutes(),
    ...guardDutyRoutes(),
    ...securityHubRoutes(),
    ...analyzerRoutes(),
  ];
}
