/**
 * IAM Identity Center parameter values: the instance ARN (sso-admin:ListInstances) and
 * the identity store ids of groups and users the blueprint names by display name or user
 * name (identitystore:GetGroupId / GetUserId). Looked up in the account and Region where
 * the Identity Center stack deploys (the delegated administrator or management account).
 */
import { GetGroupIdCommand, GetUserIdCommand } from '@aws-sdk/client-identitystore';
import { ListInstancesCommand } from '@aws-sdk/client-sso-admin';
import type { BlueprintIndex } from '../../blueprint/model.js';
import type { ManifestEntry, ParamSource } from '../../synth/types.js';
import { awsCall, type CallEnv, type CallSite } from './call.js';
import type { AccountTarget, DeployClients } from './types.js';

/** Errors the resolver raises when a value does not exist. */
export type Unresolved = (message: string) => Error;

type SsoSource = Extract<
  ParamSource,
  { kind: 'sso-instance-arn' | 'sso-group-id' | 'sso-user-id' }
>;

/** Resolves the sso-* parameter sources, memoized per account and Region. */
export function ssoResolver(
  index: BlueprintIndex,
  clients: DeployClients,
  env: CallEnv,
  target: (entry: ManifestEntry) => Promise<AccountTarget>,
  unresolved: Unresolved,
) {
  const instances = new Map<string, Promise<{ arn: string; store: string }>>();
  const ids = new Map<string, Promise<string>>();

  const instance = (entry: ManifestEntry, t: AccountTarget, region: string) => {
    const key = `${t.account}|${region}`;
    let p = instances.get(key);
    if (!p) {
      const site: CallSite = { target: t, role: clients.roleFor(t), region };
      p = awsCall(env, site, 'sso:ListInstances', () =>
        clients.ssoAdmin(t, region).send(new ListInstancesCommand({})),
      ).then((out) => {
        const i = out.Instances?.[0];
        if (!i?.InstanceArn || !i.IdentityStoreId)
          throw unresolved(
            `${entry.id}: no IAM Identity Center instance in account ${t.account} (${region})`,
          );
        return { arn: i.InstanceArn, store: i.IdentityStoreId };
      });
      instances.set(key, p);
      p.catch(() => instances.delete(key));
    }
    return p;
  };

  return async (source: SsoSource, entry: ManifestEntry): Promise<string> => {
    const t = await target(entry);
    const region = entry.regions[0] ?? index.bp.organization.homeRegion;
    const inst = await instance(entry, t, region);
    if (source.kind === 'sso-instance-arn') return inst.arn;
    const site: CallSite = { target: t, role: clients.roleFor(t), region };
    const store = clients.identityStore(t, region);
    if (source.kind === 'sso-group-id') {
      const name =
        index.bp.identity.identityCenter?.groups.find((g) => g.id === source.group)?.displayName ??
        source.group;
      const key = `group|${inst.store}|${name}`;
      let p = ids.get(key);
      if (!p) {
        p = awsCall(env, site, 'identitystore:GetGroupId', () =>
          store.send(
            new GetGroupIdCommand({
              IdentityStoreId: inst.store,
              AlternateIdentifier: {
                UniqueAttribute: { AttributePath: 'displayName', AttributeValue: name },
              },
            }),
          ),
        ).then((out) => {
          if (!out.GroupId)
            throw unresolved(`group ${name} is not in identity store ${inst.store}`);
          return out.GroupId;
        });
        ids.set(key, p);
      }
      return p;
    }
    const key = `user|${inst.store}|${source.user}`;
    let p = ids.get(key);
    if (!p) {
      p = awsCall(env, site, 'identitystore:GetUserId', () =>
        store.send(
          new GetUserIdCommand({
            IdentityStoreId: inst.store,
            AlternateIdentifier: {
              UniqueAttribute: { AttributePath: 'userName', AttributeValue: source.user },
            },
          }),
        ),
      ).then((out) => {
        if (!out.UserId)
          throw unresolved(`user ${source.user} is not in identity store ${inst.store}`);
        return out.UserId;
      });
      ids.set(key, p);
    }
    return p;
  };
}
