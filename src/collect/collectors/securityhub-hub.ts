import {
  DescribeHubCommand,
  GetAdministratorAccountCommand,
  paginateGetEnabledStandards,
  SecurityHubClient,
  type DescribeHubCommandOutput,
} from '@aws-sdk/client-securityhub';
import type { SecurityHubSnapshot } from '../../snapshot/types.js';
import { fromCatalogue } from '../catalogue.js';
import type { Collector } from '../types.js';
import { defined } from './decode.js';
import { hasErrorCode, readItem } from './errors.js';

/**
 * `securityhub.hub`: the hub (null when the account is not subscribed in the Region:
 * InvalidAccessException), its enabled standards and administrator.
 */
export const securityHubCollector: Collector = {
  ...fromCatalogue('securityhub.hub'),
  service: 'securityhub',
  async run(ctx) {
    const client = ctx.client(SecurityHubClient);
    const opts = { abortSignal: ctx.signal };
    let hub: DescribeHubCommandOutput;
    try {
      hub = await client.send(new DescribeHubCommand({}), opts);
    } catch (error) {
      if (hasErrorCode(error, ['InvalidAccessException'])) {
        return { kind: 'region', region: { securityHub: null } };
      }
      throw error;
    }
    const standards: SecurityHubSnapshot['standards'] = [];
    for await (const page of paginateGetEnabledStandards({ client }, {}, opts)) {
      for (const s of page.StandardsSubscriptions ?? []) {
        standards.push({
          standardsArn: s.StandardsArn ?? '',
          subscriptionArn: s.StandardsSubscriptionArn ?? '',
          status: s.StandardsStatus ?? '',
        });
      }
    }
    const admin = await readItem(
      ctx,
      'securityhub:GetAdministratorAccount',
      'securityHub.administrator',
      () => client.send(new GetAdministratorAccountCommand({}), opts),
    );
    const a = admin?.Administrator;
    const securityHub: SecurityHubSnapshot = {
      hubArn: hub.HubArn ?? '',
      ...defined({ autoEnableControls: hub.AutoEnableControls }),
      standards,
    };
    if (admin != null) {
      securityHub.administrator =
        a?.AccountId === undefined
          ? null
          : { accountId: a.AccountId, ...defined({ status: a.MemberStatus }) };
    }
    return { kind: 'region', region: { securityHub } };
  },
};
