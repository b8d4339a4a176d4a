/**
 * The file names `snapshot import --org <dir>` reads: one file per AWS CLI command (and per
 * parent or policy for the commands that take one), named after the command. This table is
 * the contract; docs/snapshot.md documents it with the script that writes such a folder.
 */

/** What a file in the `--org` folder is. */
export type OrgFileKind =
  | 'describe-organization'
  | 'list-roots'
  | 'list-organizational-units-for-parent'
  | 'list-accounts-for-parent'
  | 'list-accounts'
  | 'list-policies'
  | 'describe-policy'
  | 'list-targets-for-policy'
  | 'list-delegated-administrators'
  | 'list-delegated-services-for-account'
  | 'list-aws-service-access-for-organization';

/** One known file-name pattern. */
export interface OrgFilePattern {
  kind: OrgFileKind;
  /** The file name, with `<param>` for the part that varies. */
  name: string;
  /** The AWS CLI command that prints it, with the same `<param>`. */
  command: string;
  /** Whether import fails without it (otherwise a missing file is a coverage gap). */
  required: boolean;
  /** What the import takes from it. */
  purpose: string;
}

/** Every file `--org` understands, in the order the docs list them. */
export const ORG_FILES: readonly OrgFilePattern[] = [
  {
    kind: 'describe-organization',
    name: 'describe-organization.json',
    command: 'aws organizations describe-organization',
    required: true,
    purpose: 'organization id, ARN, feature set, management account',
  },
  {
    kind: 'list-roots',
    name: 'list-roots.json',
    command: 'aws organizations list-roots',
    required: true,
    purpose: 'the root and the policy types enabled on it',
  },
  {
    kind: 'list-organizational-units-for-parent',
    name: 'list-organizational-units-for-parent-<parentId>.json',
    command: 'aws organizations list-organizational-units-for-parent --parent-id <parentId>',
    required: false,
    purpose: 'the OU tree, one file per root or OU (an empty list for a leaf OU)',
  },
  {
    kind: 'list-accounts-for-parent',
    name: 'list-accounts-for-parent-<parentId>.json',
    command: 'aws organizations list-accounts-for-parent --parent-id <parentId>',
    required: false,
    purpose: 'accounts and where they sit, one file per root or OU',
  },
  {
    kind: 'list-accounts',
    name: 'list-accounts.json',
    command: 'aws organizations list-accounts',
    required: false,
    purpose: 'fallback: accounts in no list-accounts-for-parent file (their parent is unknown)',
  },
  {
    kind: 'list-policies',
    name: 'list-policies-<TYPE>.json',
    command: 'aws organizations list-policies --filter <TYPE>',
    required: false,
    purpose:
      'policies of one type (SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY, TAG_POLICY, ...); `list-policies.json` also works, for one filter',
  },
  {
    kind: 'describe-policy',
    name: 'describe-policy-<policyId>.json',
    command: 'aws organizations describe-policy --policy-id <policyId>',
    required: false,
    purpose: 'policy content (a policy without it is left out)',
  },
  {
    kind: 'list-targets-for-policy',
    name: 'list-targets-for-policy-<policyId>.json',
    command: 'aws organizations list-targets-for-policy --policy-id <policyId>',
    required: false,
    purpose: 'where the policy is attached',
  },
  {
    kind: 'list-delegated-administrators',
    name: 'list-delegated-administrators.json',
    command: 'aws organizations list-delegated-administrators',
    required: false,
    purpose: 'delegated administrator accounts',
  },
  {
    kind: 'list-delegated-services-for-account',
    name: 'list-delegated-services-for-account-<accountId>.json',
    command: 'aws organizations list-delegated-services-for-account --account-id <accountId>',
    required: false,
    purpose: 'the services each delegated administrator administers',
  },
  {
    kind: 'list-aws-service-access-for-organization',
    name: 'list-aws-service-access-for-organization.json',
    command: 'aws organizations list-aws-service-access-for-organization',
    required: false,
    purpose: 'services with trusted access',
  },
];

/** A file name recognised: its kind and the varying part (parent, policy or account id). */
export interface OrgFileName {
  kind: OrgFileKind;
  param?: string;
}

const PATTERNS: readonly { kind: OrgFileKind; re: RegExp }[] = ORG_FILES.map((f) => {
  const [before = '', after = ''] = f.name.split(/<[^>]+>/);
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = f.name.includes('<')
    ? new RegExp(`^${esc(before)}(.+)${esc(after)}$`)
    : new RegExp(`^${esc(f.name)}$`);
  return { kind: f.kind, re };
});

/** Recognise a file name of the `--org` folder, or undefined. */
export function classifyOrgFile(name: string): OrgFileName | undefined {
  if (name === 'list-policies.json') return { kind: 'list-policies' };
  for (const p of PATTERNS) {
    const m = p.re.exec(name);
    if (m) return m[1] === undefined ? { kind: p.kind } : { kind: p.kind, param: m[1] };
  }
  return undefined;
}

/** The command that printed a file, with its parameter filled in. */
export function commandFor(kind: OrgFileKind, param?: string): string {
  const f = ORG_FILES.find((x) => x.kind === kind);
  const cmd = f?.command ?? `aws organizations ${kind}`;
  return param === undefined ? cmd.replace(/ --\S+ <[^>]+>$/, '') : cmd.replace(/<[^>]+>/, param);
}
