/**
 * What a correct collector should produce from the mocked AWS: the served snapshot minus
 * what AccessDenied and opted-out Regions hide, plus one coverage gap per thing hidden.
 *
 * Rules (the collector tests rely on them; compare with {@link comparableSnapshot}):
 * 1. Fields no catalogue API returns are removed: `IamUser.hasConsolePassword` and
 *    `IamUser.mfaDevices` (they need the credential report / ListMFADevices).
 * 2. Opted-out Region R: every account loses `regions[R]`, `enabledRegions` omits R, buckets
 *    in R are gone; one gap per account and R (the mock lists every opted-out Region as
 *    DISABLED, as real AWS lists every opt-in Region that is off):
 *    `{ accountId, region: R, api: 'account:ListRegions', code: 'OptInRequired', section: 'regions' }`
 *    (the collector learns R is DISABLED from account:ListRegions and skips it).
 * 3. AssumeRole denied into account A (never the management account, read with the base
 *    credentials): `accounts[A]` is absent; one gap
 *    `{ accountId: A, api: 'sts:AssumeRole', code: 'AccessDenied', section: 'account' }`
 *    (`account`: the whole account, as for suspended accounts and `snapshot merge`).
 *    The organization still lists A.
 * 4. API X denied (everywhere): the section of X's catalogue entry is absent in every scope
 *    where X would be called, with one gap per scope `{ accountId, region?, api: X, code:
 *    <the service's denial error name>, section: <catalogue section> }`. Organization-scope
 *    sections (`organization`, `identityCenter`) are removed once, gap on the management
 *    account. X is "called" in a scope when it is the scope's list call, or a per-item call
 *    and the scope has items (a denied s3:GetBucketPolicy in an account with no bucket
 *    hides nothing). iam.account-settings and iam.identity-providers lose only the field of
 *    the denied API (passwordPolicy / accountSummary; samlProviders / oidcProviders).
 *    A collector that keeps the rest of a section when a per-item call is denied must still
 *    drop the section to match, except for the per-key KMS calls:
 * 5. kms:GetKeyPolicy / kms:GetKeyRotationStatus denied: every key keeps its place and loses
 *    only `policy` / `rotationEnabled` and `rotationPeriodInDays` (rotation: the collector's
 *    rule, symmetric keys with Origin AWS_KMS not pending deletion), one gap per key
 *    `{ accountId, region, api, code, section: 'kmsKeys.<keyId>.policy' |
 *    'kmsKeys.<keyId>.rotation' }`. Real AWS denies these key by
 *    key (a key policy that does not delegate to IAM), so the collector keeps the other keys.
 * 6. GuardDuty members and organization auto-enable are read only in accounts without a
 *    GuardDuty administrator (a member cannot administer others): the served snapshot has
 *    no `members` there, and guardduty:ListMembers / DescribeOrganizationConfiguration
 *    count as called only where `administrator` is null.
 * 7. No Identity Center instance (the served snapshot has no `identityCenter`): one gap
 *    `{ accountId: <management>, api: 'sso:ListInstances', code: 'NoIdentityCenterInstance',
 *    section: 'identityCenter' }` (unless sso:ListInstances is denied: rule 4).
 * 8. Trails: the served snapshot lists, in each account and Region, the trails homed there
 *    as DescribeTrails shows them, the organization trail included in every member account
 *    (owned by the management account); the collector reads it there, so it is expected as is.
 * 9. Tags of OUs and customer-managed policies are read (ListTagsForResource): served without
 *    `tags`, they are expected with `tags: {}`; AWS-managed policies are not read (no `tags`).
 *    organizations:ListTagsForResource denied: the organization is kept, each OU and
 *    customer-managed policy loses `tags`, with one gap each on the management account,
 *    section `organization.organizationalUnits.<id>.tags` / `organization.policies.<id>.tags`.
 * 10. CloudFormation: every Region is read with DescribeStacks, so a Region served without a
 *    `cloudFormation` section (the simulator adds one only for deployed stacks) is expected
 *    with `{ stacks: [] }`; DELETE_COMPLETE stacks are not listed; a stack served without
 *    `lastUpdatedTime` has the creation time the mock gives it (30 days before `takenAt`).
 */
import { COLLECTOR_CATALOGUE } from '../collect/catalogue.js';
import { UNTIMED_STACK_AGE_DAYS } from './aws/cloudformation-routes.js';
import { keyOrigin } from './aws/kms-routes.js';
import type {
  AccountSnapshot,
  CoverageGap,
  KmsKeySnapshot,
  OrganizationSnapshot,
  RegionSnapshot,
  Snapshot,
} from '../snapshot/types.js';

/** What is hidden from the collector. */
export interface HiddenParts {
  managementId: string;
  deniedAccounts: ReadonlySet<string>;
  deniedApis: ReadonlySet<string>;
  optedOutRegions: ReadonlySet<string>;
  /** Error name of a denied API (per service). */
  deniedCode(api: string): string;
}

type Counter = (a: AccountSnapshot, r: RegionSnapshot | undefined) => number;
const buckets: Counter = (a) => a.s3Buckets?.length ?? 0;
const keys: Counter = (_a, r) => r?.kmsKeys?.length ?? 0;
/** Trails listed in the Region (the organization trail included, in member accounts too). */
const trails: Counter = (_a, r) => r?.trails?.length ?? 0;
const detectors: Counter = (_a, r) => r?.guardDuty?.detectors.length ?? 0;
/** Detectors of an account without a GuardDuty administrator (the only ones that may be one). */
const adminDetectors: Counter = (a, r) => (r?.guardDuty?.administrator ? 0 : detectors(a, r));
const hub: Counter = (_a, r) => (r?.securityHub ? 1 : 0);

/** Per-item APIs: called once per item of the scope, so only when there are items. */
const PER_ITEM: Readonly<Record<string, Counter>> = {
  'iam:GetOpenIDConnectProvider': (a) => a.oidcProviders?.length ?? 0,
  'iam:ListAccessKeys': (a) => a.iam?.users.length ?? 0,
  'iam:GetAccessKeyLastUsed': (a) => a.accessKeys?.length ?? 0,
  's3:GetBucketPolicy': buckets,
  's3:GetBucketPublicAccessBlock': buckets,
  's3:GetBucketOwnershipControls': buckets,
  's3:GetEncryptionConfiguration': buckets,
  's3:GetBucketVersioning': buckets,
  's3:GetBucketObjectLockConfiguration': buckets,
  's3:GetBucketLogging': buckets,
  'kms:DescribeKey': keys,
  'kms:GetKeyPolicy': keys,
  'kms:GetKeyRotationStatus': keys,
  'sns:GetTopicAttributes': (_a, r) => r?.snsTopics?.length ?? 0,
  'sqs:GetQueueAttributes': (_a, r) => r?.sqsQueues?.length ?? 0,
  'secretsmanager:GetResourcePolicy': (_a, r) => r?.secrets?.length ?? 0,
  'lambda:GetPolicy': (_a, r) => r?.lambdaFunctions?.length ?? 0,
  'ecr:GetRepositoryPolicy': (_a, r) => r?.ecrRepositories?.length ?? 0,
  'cloudtrail:GetTrailStatus': trails,
  'cloudtrail:GetEventSelectors': trails,
  'cloudtrail:GetInsightSelectors': trails,
  'guardduty:GetDetector': detectors,
  'guardduty:GetAdministratorAccount': detectors,
  'guardduty:ListMembers': adminDetectors,
  'guardduty:DescribeOrganizationConfiguration': adminDetectors,
  'securityhub:GetEnabledStandards': hub,
  'securityhub:GetAdministratorAccount': hub,
};

/**
 * Per-item APIs whose denial costs only a field of each item (the item is kept): KMS key
 * policies and rotation status, which real AWS can deny key by key (a key policy that does
 * not delegate to IAM), so one unreadable key must not hide the Region's other keys.
 */
const KEY_FIELDS: Readonly<
  Record<
    string,
    { fields: readonly string[]; part: string; applies: (k: KmsKeySnapshot) => boolean }
  >
> = {
  'kms:GetKeyPolicy': { fields: ['policy'], part: 'policy', applies: () => true },
  'kms:GetKeyRotationStatus': {
    fields: ['rotationEnabled', 'rotationPeriodInDays'],
    part: 'rotation',
    applies: (k) => rotationApplies(k),
  },
};

/**
 * The collector's rule for calling GetKeyRotationStatus (kms-keys.ts `rotates`), which is
 * AWS's: symmetric keys with AWS-generated material (Origin AWS_KMS, as the simulated
 * DescribeKey reports it) that are not pending deletion. Asymmetric, HMAC and imported keys
 * answer UnsupportedOperationException; keys pending deletion KMSInvalidStateException.
 */
function rotationApplies(k: KmsKeySnapshot): boolean {
  return (
    k.keySpec === 'SYMMETRIC_DEFAULT' &&
    keyOrigin(k) === 'AWS_KMS' &&
    k.keyState !== 'PendingDeletion' &&
    k.keyState !== 'PendingReplicaDeletion'
  );
}

/** Snapshot fields a denied API removes, where it is narrower than its catalogue section. */
const FIELDS: Readonly<Record<string, readonly string[]>> = {
  'iam:GetAccountPasswordPolicy': ['passwordPolicy'],
  'iam:GetAccountSummary': ['accountSummary'],
  'iam:ListSAMLProviders': ['samlProviders'],
  'iam:ListOpenIDConnectProviders': ['oidcProviders'],
  'iam:GetOpenIDConnectProvider': ['oidcProviders'],
};

/** The snapshot a collector should produce when `hidden` parts are unreadable. */
export function expectedSnapshot(s: Snapshot, hidden: HiddenParts): Snapshot {
  const gaps: CoverageGap[] = [];
  const accounts: Record<string, AccountSnapshot> = {};
  for (const [id, acct] of Object.entries(s.accounts)) {
    if (hidden.deniedAccounts.has(id) && id !== hidden.managementId) {
      gaps.push({
        accountId: id,
        api: 'sts:AssumeRole',
        code: 'AccessDenied',
        message: `AssumeRole into ${id} denied`,
        section: 'account',
      });
      continue;
    }
    const a: AccountSnapshot = { ...acct, regions: { ...acct.regions } };
    if (a.iam)
      a.iam = {
        ...a.iam,
        users: a.iam.users.map((u) => omit(u, ['hasConsolePassword', 'mfaDevices'])),
      };
    for (const r of hidden.optedOutRegions) {
      Reflect.deleteProperty(a.regions, r);
      gaps.push({
        accountId: id,
        region: r,
        api: 'account:ListRegions',
        code: 'OptInRequired',
        message: `Region ${r} is not enabled for account ${id}`,
        section: 'regions',
      });
    }
    if (a.enabledRegions)
      a.enabledRegions = a.enabledRegions.filter((r) => !hidden.optedOutRegions.has(r));
    if (a.s3Buckets) a.s3Buckets = a.s3Buckets.filter((b) => !hidden.optedOutRegions.has(b.region));
    for (const [region, r] of Object.entries(a.regions))
      a.regions[region] = { ...r, cloudFormation: expectedStacks(s, r) };
    accounts[id] = a;
  }
  // No Identity Center instance (in the home Region, where the collector looks): one gap.
  if (!s.identityCenter && !hidden.deniedApis.has('sso:ListInstances'))
    gaps.push({
      accountId: hidden.managementId,
      api: 'sso:ListInstances',
      code: 'NoIdentityCenterInstance',
      message: 'no IAM Identity Center instance found',
      section: 'identityCenter',
    });
  const out: Snapshot = { ...s, accounts, source: { ...s.source, method: 'collect' } };
  if (s.organization) out.organization = expectedTags(s.organization);
  for (const api of [...hidden.deniedApis].sort()) applyDeniedApi(out, api, hidden, gaps);
  out.coverage = [...s.coverage, ...gaps].sort(
    (x, y) =>
      (x.accountId ?? '').localeCompare(y.accountId ?? '') ||
      (x.region ?? '').localeCompare(y.region ?? '') ||
      x.api.localeCompare(y.api),
  );
  return out;
}

/** Rule 10: the Region's stacks as DescribeStacks lists them and the collector reads them. */
function expectedStacks(
  s: Snapshot,
  r: RegionSnapshot,
): NonNullable<RegionSnapshot['cloudFormation']> {
  const untimed = new Date(
    Date.parse(s.takenAt) - UNTIMED_STACK_AGE_DAYS * 86_400_000,
  ).toISOString();
  return {
    stacks: (r.cloudFormation?.stacks ?? [])
      .filter((x) => x.stackStatus !== 'DELETE_COMPLETE')
      .map((x) => ({ ...x, lastUpdatedTime: x.lastUpdatedTime ?? untimed })),
  };
}

/** Rule 9: tags of OUs and customer-managed policies read, of AWS-managed policies not. */
function expectedTags(o: OrganizationSnapshot): OrganizationSnapshot {
  return {
    ...o,
    organizationalUnits: o.organizationalUnits.map((u) => ({ ...u, tags: u.tags ?? {} })),
    policies: o.policies.map((p) =>
      p.awsManaged ? omit(p, ['tags']) : { ...p, tags: p.tags ?? {} },
    ),
  };
}

/** Rule 9: ListTagsForResource denied costs each OU and customer-managed policy its tags. */
function denyTags(out: Snapshot, api: string, hidden: HiddenParts, gaps: CoverageGap[]): void {
  const o = out.organization;
  if (!o) return;
  const gap = (section: string) =>
    gaps.push({
      accountId: hidden.managementId,
      api,
      code: hidden.deniedCode(api),
      message: `${api} denied`,
      section,
    });
  out.organization = {
    ...o,
    organizationalUnits: o.organizationalUnits.map((u) => {
      gap(`organization.organizationalUnits.${u.id}.tags`);
      return omit(u, ['tags']);
    }),
    policies: o.policies.map((p) => {
      if (p.awsManaged) return p;
      gap(`organization.policies.${p.id}.tags`);
      return omit(p, ['tags']);
    }),
  };
}

function applyDeniedApi(
  out: Snapshot,
  api: string,
  hidden: HiddenParts,
  gaps: CoverageGap[],
): void {
  if (api === 'organizations:ListTagsForResource') {
    denyTags(out, api, hidden, gaps);
    return;
  }
  const entry = COLLECTOR_CATALOGUE.find((e) => e.apis.includes(api));
  if (!entry) return;
  const gap = (accountId: string, region?: string) =>
    gaps.push({
      accountId,
      ...(region ? { region } : {}),
      api,
      code: hidden.deniedCode(api),
      message: `${api} denied`,
      section: entry.section,
    });
  if (entry.scope === 'organization') {
    if (entry.section === 'organization') delete out.organization;
    else delete out.identityCenter;
    gap(hidden.managementId);
    return;
  }
  const keyFields = KEY_FIELDS[api];
  if (keyFields) {
    for (const [id, a] of Object.entries(out.accounts)) {
      const regions = { ...a.regions };
      for (const [region, r] of Object.entries(regions)) {
        if (!r.kmsKeys) continue;
        const kmsKeys = r.kmsKeys.map((k) => {
          if (!keyFields.applies(k)) return k;
          gaps.push({
            accountId: id,
            region,
            api,
            code: hidden.deniedCode(api),
            message: `${api} denied`,
            section: `kmsKeys.${k.keyId}.${keyFields.part}`,
          });
          const copy: Record<string, unknown> = { ...k };
          for (const f of keyFields.fields) Reflect.deleteProperty(copy, f);
          return copy as unknown as KmsKeySnapshot;
        });
        regions[region] = { ...r, kmsKeys };
      }
      out.accounts[id] = { ...a, regions };
    }
    return;
  }
  const counter = PER_ITEM[api];
  const fields = FIELDS[api] ?? [entry.section];
  for (const [id, a] of Object.entries(out.accounts)) {
    if (entry.scope === 'account') {
      if (counter && counter(a, undefined) === 0) continue;
      const copy: Record<string, unknown> = { ...a };
      for (const f of fields) Reflect.deleteProperty(copy, f);
      out.accounts[id] = copy as unknown as AccountSnapshot;
      gap(id);
      continue;
    }
    const regions = { ...a.regions };
    for (const [region, r] of Object.entries(regions)) {
      if (counter && counter(a, r) === 0) continue;
      const copy: Record<string, unknown> = { ...r };
      Reflect.deleteProperty(copy, entry.section);
      regions[region] = copy;
      gap(id, region);
    }
    out.accounts[id] = { ...a, regions };
  }
}

/**
 * A form of a snapshot for equality checks between collected and expected: drops
 * `takenAt`, `source`, `provenance` and gap messages, and sorts every array by its JSON
 * text (collectors may read pages and accounts in any order).
 */
export function comparableSnapshot(s: Snapshot): unknown {
  const rest = omit(s, ['takenAt', 'source', 'provenance', 'coverage']);
  return sortDeep({ ...rest, coverage: s.coverage.map((g) => omit(g, ['message'])) });
}

/** A shallow copy without the given keys. */
function omit<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Omit<T, K> {
  const copy = { ...o };
  for (const k of keys) Reflect.deleteProperty(copy, k);
  return copy;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(sortDeep);
    return items
      .map((x) => [JSON.stringify(x), x] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map((x) => x[1]);
  }
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) o[k] = sortDeep(x);
    }
    return o;
  }
  return v;
}
