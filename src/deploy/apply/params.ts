/**
 * Template parameter values. Synth writes literals for what the blueprint knows; the rest
 * (ids of accounts, OUs, the root and the organization, asset locations) is found here, in
 * this order: the blueprint, ids known from the snapshot, the exports of stacks that
 * completed in this run, the exports already in the management account (ListExports),
 * then AWS Organizations itself. Every lookup is memoized for the run.
 */
import { ListExportsCommand } from '@aws-sdk/client-cloudformation';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { ROOT_OU, type BlueprintIndex } from '../../blueprint/model.js';
import { POLICY_TYPE_API_NAMES } from '../../blueprint/schema/organization.js';
import type { Snapshot } from '../../snapshot/types.js';
import { exportName } from '../../synth/context.js';
import type { Manifest, ManifestEntry, ParamSource } from '../../synth/types.js';
import { awsCall, type CallEnv, type CallSite } from './call.js';
import { ssoResolver } from './params-sso.js';
import { assetKey } from './templates.js';
import type { AssetsConfig, DeployClients, ParamResolver, StackOutput } from './types.js';

/** AWS ids known before the run (from a snapshot): blueprint id -> AWS id. */
export interface KnownIds {
  accounts?: Record<string, string>;
  /** `root` may map to the root id. */
  ous?: Record<string, string>;
  policies?: Record<string, string>;
  rootId?: string;
  organizationId?: string;
}

/** A parameter value that cannot be found. */
export class UnresolvedParameterError extends Error {
  override readonly name = 'UnresolvedParameterError';
}

/**
 * Blueprint ids mapped to AWS ids through a snapshot: accounts by id or e-mail, OUs by
 * name along their path from the root, policies by name and type.
 */
export function knownFromSnapshot(index: BlueprintIndex, snapshot: Snapshot): KnownIds {
  const org = snapshot.organization;
  if (!org) return {};
  const accounts: Record<string, string> = {};
  const byEmail = new Map(org.accounts.map((a) => [a.email.toLowerCase(), a.id]));
  for (const a of index.bp.accounts) {
    const id = a.accountId ?? byEmail.get(a.email.toLowerCase());
    if (id) accounts[a.id] = id;
  }
  const ous: Record<string, string> = { [ROOT_OU]: org.root.id };
  const resolveOu = (ou: string): string | undefined => {
    if (ou in ous) return ous[ou];
    const def = index.ous.get(ou);
    if (!def) return undefined;
    const parent = resolveOu(def.parent ?? ROOT_OU);
    const hit = org.organizationalUnits.find((o) => o.parentId === parent && o.name === def.name);
    if (hit) ous[ou] = hit.id;
    return hit?.id;
  };
  for (const ou of index.ous.keys()) resolveOu(ou);
  const policies: Record<string, string> = {};
  for (const p of index.bp.policies) {
    const type = POLICY_TYPE_API_NAMES[p.type];
    const hit = org.policies.find((x) => !x.awsManaged && x.type === type && x.name === p.name);
    if (hit) policies[p.id] = hit.id;
  }
  return { accounts, ous, policies, rootId: org.root.id, organizationId: org.id };
}

/** Options of {@link createParamResolver}. */
export interface ParamResolverOptions {
  index: BlueprintIndex;
  manifest: Manifest;
  clients: DeployClients;
  env: CallEnv;
  known?: KnownIds;
  assets?: AssetsConfig;
}

type Lazy<T> = () => Promise<T>;

/** Memoize an async lookup; a failure is not kept (the next caller tries again). */
function lazy<T>(fn: () => Promise<T>): Lazy<T> {
  let p: Promise<T> | undefined;
  return () => {
    if (!p) {
      const q = fn();
      p = q;
      q.catch(() => {
        if (p === q) p = undefined;
      });
    }
    return p;
  };
}

/** The standard {@link ParamResolver}. */
export function createParamResolver(opts: ParamResolverOptions): ParamResolver {
  const { index, manifest, clients, env } = opts;
  const known = opts.known ?? {};
  const prefix = manifest.stackPrefix;
  const site: CallSite = {
    target: { account: manifest.managementAccount },
    role: undefined,
    region: manifest.homeRegion,
  };
  const org = () => clients.organizations();
  const recorded = new Map<string, string>();

  const paginate = async <P, I>(
    api: string,
    page: (token: string | undefined) => Promise<P>,
    items: (p: P) => I[] | undefined,
    next: (p: P) => string | undefined,
  ): Promise<I[]> => {
    const out: I[] = [];
    let token: string | undefined;
    do {
      const p = await awsCall(env, site, api, () => page(token));
      out.push(...(items(p) ?? []));
      token = next(p);
    } while (token);
    return out;
  };

  const exportsInAccount = lazy(async () => {
    const cfn = clients.cloudFormation(site.target, manifest.homeRegion);
    const list = await paginate(
      'cloudformation:ListExports',
      (t) => cfn.send(new ListExportsCommand(t ? { NextToken: t } : {})),
      (p) => p.Exports,
      (p) => p.NextToken,
    );
    return new Map(list.flatMap((e) => (e.Name && e.Value ? [[e.Name, e.Value] as const] : [])));
  });
  const exported = async (name: string): Promise<string | undefined> =>
    recorded.get(name) ?? (await exportsInAccount()).get(name);

  const roots = lazy(async () => {
    const list = await paginate(
      'organizations:ListRoots',
      (t) => org().send(new ListRootsCommand(t ? { NextToken: t } : {})),
      (p) => p.Roots,
      (p) => p.NextToken,
    );
    const id = list[0]?.Id;
    if (!id) throw new UnresolvedParameterError('AWS Organizations lists no root');
    return id;
  });
  const rootId = () => (known.rootId ? Promise.resolve(known.rootId) : roots());

  const organizationId = lazy(async () => {
    const fixed = index.bp.organization.organizationId ?? known.organizationId;
    if (fixed) return fixed;
    const out = await awsCall(env, site, 'organizations:DescribeOrganization', () =>
      org().send(new DescribeOrganizationCommand({})),
    );
    const id = out.Organization?.Id;
    if (!id) throw new UnresolvedParameterError('DescribeOrganization returned no organization id');
    return id;
  });

  const accountsByEmail = lazy(async () => {
    const list = await paginate(
      'organizations:ListAccounts',
      (t) => org().send(new ListAccountsCommand(t ? { NextToken: t } : {})),
      (p) => p.Accounts,
      (p) => p.NextToken,
    );
    return new Map(
      list.flatMap((a) => (a.Email && a.Id ? [[a.Email.toLowerCase(), a.Id] as const] : [])),
    );
  });

  const childOus = new Map<
    string,
    Lazy<{ Id?: string | undefined; Name?: string | undefined }[]>
  >();
  const childrenOf = (parent: string) => {
    let l = childOus.get(parent);
    if (!l) {
      l = lazy(() =>
        paginate(
          'organizations:ListOrganizationalUnitsForParent',
          (t) =>
            org().send(
              new ListOrganizationalUnitsForParentCommand({
                ParentId: parent,
                ...(t ? { NextToken: t } : {}),
              }),
            ),
          (p) => p.OrganizationalUnits,
          (p) => p.NextToken,
        ),
      );
      childOus.set(parent, l);
    }
    return l();
  };

  const accountId = async (account: string): Promise<string> => {
    const a = index.accounts.get(account);
    const direct = a?.accountId ?? known.accounts?.[account];
    if (direct) return direct;
    const fromExport = await exported(exportName(prefix, 'account', account));
    if (fromExport) return fromExport;
    const byEmail = a ? (await accountsByEmail()).get(a.email.toLowerCase()) : undefined;
    if (byEmail) return byEmail;
    throw new UnresolvedParameterError(
      `cannot resolve the AWS account id of ${account}: not in the blueprint or the snapshot, not exported as ${exportName(prefix, 'account', account)}, and AWS Organizations lists no account with its e-mail`,
    );
  };

  const ouIds = new Map<string, Promise<string>>();
  const ouId = (ou: string): Promise<string> => {
    if (ou === ROOT_OU)
      return known.ous?.[ROOT_OU] ? Promise.resolve(known.ous[ROOT_OU]) : rootId();
    let p = ouIds.get(ou);
    if (!p) {
      p = findOu(ou);
      ouIds.set(ou, p);
      p.catch(() => ouIds.delete(ou));
    }
    return p;
  };
  const findOu = async (ou: string): Promise<string> => {
    const direct = known.ous?.[ou] ?? (await exported(exportName(prefix, 'ou', ou)));
    if (direct) return direct;
    const def = index.ous.get(ou);
    if (def) {
      const parent = await ouId(def.parent ?? ROOT_OU);
      const hit = (await childrenOf(parent)).find((o) => o.Name === def.name);
      if (hit?.Id) return hit.Id;
    }
    throw new UnresolvedParameterError(
      `cannot resolve the id of OU ${ou}: not in the snapshot, not exported as ${exportName(prefix, 'ou', ou)}, and not found by name in AWS Organizations`,
    );
  };

  const policiesOfType = new Map<
    string,
    Lazy<{ Id?: string | undefined; Name?: string | undefined; AwsManaged?: boolean | undefined }[]>
  >();
  const policyId = async (policy: string): Promise<string> => {
    if (/^p-[0-9a-z_]+$/.test(policy)) return policy;
    const direct = known.policies?.[policy];
    if (direct) return direct;
    const def = index.bp.policies.find((p) => p.id === policy);
    if (def) {
      const type = POLICY_TYPE_API_NAMES[def.type];
      let l = policiesOfType.get(type);
      if (!l) {
        l = lazy(() =>
          paginate(
            'organizations:ListPolicies',
            (t) =>
              org().send(
                new ListPoliciesCommand({
                  Filter: type as PolicyType,
                  ...(t ? { NextToken: t } : {}),
                }),
              ),
            (p) => p.Policies,
            (p) => p.NextToken,
          ),
        );
        policiesOfType.set(type, l);
      }
      const hit = (await l()).find((p) => !p.AwsManaged && p.Name === def.name);
      if (hit?.Id) return hit.Id;
    }
    throw new UnresolvedParameterError(
      `cannot resolve the id of policy ${policy}: not in the snapshot and AWS Organizations lists no policy of that name`,
    );
  };

  const sso = ssoResolver(
    index,
    clients,
    env,
    async (entry) => {
      const account = entry.accounts[0] ?? manifest.managementAccount;
      return account === manifest.managementAccount
        ? { account }
        : { account, accountId: await accountId(account) };
    },
    (message) => new UnresolvedParameterError(message),
  );

  const value = async (source: ParamSource, entry: ManifestEntry): Promise<string> => {
    switch (source.kind) {
      case 'account-id':
        return accountId(source.account);
      case 'organization-id':
        return organizationId();
      case 'root-id':
        return rootId();
      case 'ou-id':
        return ouId(source.ou);
      case 'asset-bucket':
        if (!opts.assets)
          throw new UnresolvedParameterError(
            `${entry.id} needs the assets bucket, and none is configured`,
          );
        return opts.assets.bucket;
      case 'asset-key': {
        const asset = entry.assets.find((a) => a.id === source.asset);
        if (!opts.assets || !asset)
          throw new UnresolvedParameterError(
            `${entry.id} needs asset ${source.asset} ${asset ? 'in the assets bucket, and none is configured' : 'that its manifest entry does not list'}`,
          );
        return assetKey(opts.assets, asset);
      }
      case 'sso-instance-arn':
      case 'sso-group-id':
      case 'sso-user-id':
        return sso(source, entry);
    }
  };

  return {
    value,
    accountId,
    ouId,
    policyId,
    record(outputs: readonly StackOutput[]) {
      for (const o of outputs)
        if (o.ExportName && o.OutputValue) recorded.set(o.ExportName, o.OutputValue);
    },
  };
}
