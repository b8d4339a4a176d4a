import {
  DescribeOrganizationConfigurationCommand,
  GetAdministratorAccountCommand,
  GetDetectorCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListMembers,
} from '@aws-sdk/client-guardduty';
import type { GuardDutySnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined } from './decode.js';
import { readItem } from './errors.js';

/**
 * `guardduty.detectors`: the Region's detectors (status, publishing frequency, protection
 * plans from `Features`), the administrator account, and, only in an account that has no
 * administrator itself (so may be one), its members and the organization auto-enable
 * setting. DescribeOrganizationConfiguration answers BadRequestException outside the
 * delegated administrator: skipped, not a gap. No detectors: an empty list.
 */
export const guardDutyDetectorsCollector: Collector = {
  ...fromCatalogue('guardduty.detectors'),
  service: 'guardduty',
  async run(ctx) {
    const client = ctx.client(GuardDutyClient);
    const opts = { abortSignal: ctx.signal };
    const ids: string[] = [];
    for await (const page of paginateListDetectors({ client }, {}, opts)) {
      ids.push(...(page.DetectorIds ?? []));
    }
    // A detector whose state cannot be read would read as "GuardDuty off": let it fail
    // the section instead.
    const detectors: GuardDutySnapshot['detectors'] = await Promise.all(
      ids.map(async (id) => {
        const d = await client.send(new GetDetectorCommand({ DetectorId: id }), opts);
        return {
          id,
          status: d.Status ?? '',
          ...defined({ findingPublishingFrequency: d.FindingPublishingFrequency }),
          features: (d.Features ?? []).map((f) => ({ name: f.Name ?? '', status: f.Status ?? '' })),
        };
      }),
    );
    const guardDuty: GuardDutySnapshot = { detectors };
    const detectorId = ids[0];
    if (detectorId === undefined) return { kind: 'region', region: { guardDuty } };

    const admin = await readItem(
      ctx,
      'guardduty:GetAdministratorAccount',
      'guardDuty.administrator',
      () => client.send(new GetAdministratorAccountCommand({ DetectorId: detectorId }), opts),
    );
    if (admin != null) {
      const a = admin.Administrator;
      guardDuty.administrator =
        a?.AccountId === undefined
          ? null
          : { accountId: a.AccountId, ...defined({ relationshipStatus: a.RelationshipStatus }) };
    }
    if (guardDuty.administrator != null) return { kind: 'region', region: { guardDuty } };

    const [members, orgConfig] = await Promise.all([
      readItem(ctx, 'guardduty:ListMembers', 'guardDuty.members', async () => {
        const out: NonNullable<GuardDutySnapshot['members']> = [];
        for await (const page of paginateListMembers(
          { client },
          { DetectorId: detectorId },
          opts,
        )) {
          for (const m of page.Members ?? []) {
            if (m.AccountId !== undefined) {
              out.push({ accountId: m.AccountId, relationshipStatus: m.RelationshipStatus ?? '' });
            }
          }
        }
        return out;
      }),
      readItem(
        ctx,
        'guardduty:DescribeOrganizationConfiguration',
        'guardDuty.organizationAutoEnable',
        async () => {
          const r = await client.send(
            new DescribeOrganizationConfigurationCommand({ DetectorId: detectorId }),
            opts,
          );
          return r.AutoEnableOrganizationMembers ?? null;
        },
        ['BadRequestException'],
      ),
    ]);
    if (members != null) guardDuty.members = members;
    if (orgConfig != null) guardDuty.organizationAutoEnable = orgConfig;
    return { kind: 'region', region: { guardDuty } };
  },
};
