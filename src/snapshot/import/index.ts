/**
 * `snapshot import`: a snapshot from AWS CLI output files, for users without orgward's
 * read-only role and for auditors handed exports. Per account it reads
 * `aws iam get-account-authorization-details` output; optionally a folder of AWS
 * Organizations outputs. Everything `collect` would read but the files do not hold is a
 * coverage gap (code `NotImported`), so no analysis mistakes "not imported" for "fine".
 */
import { VERSION } from '../../core/version.js';
import { COLLECTOR_CATALOGUE } from '../../collect/catalogue.js';
import { InputError } from '../../core/errors.js';
import type { AccountSnapshot, CoverageGap, Provenance, Snapshot } from '../types.js';
import { SNAPSHOT_FORMAT_VERSION } from '../types.js';
import { AUTHORIZATION_DETAILS_COMMAND, importIam, type ImportedIam } from './iam.js';
import { importOrganization, type ImportedOrganization } from './org.js';
import { readAll } from './settle.js';

export { ORG_FILES, classifyOrgFile, type OrgFilePattern } from './org-files.js';
export { AUTHORIZATION_DETAILS_COMMAND } from './iam.js';

/** The version recorded in `source.toolVersion` unless the caller says otherwise. */
export const DEFAULT_TOOL_VERSION = VERSION;

/** One `--account <id>=<file>`. */
export interface AccountInput {
  accountId: string;
  /** `aws iam get-account-authorization-details` output. */
  file: string;
}

/** Options of {@link importSnapshot}. */
export interface ImportOptions {
  accounts: readonly AccountInput[];
  /** Folder of AWS Organizations CLI outputs (see `ORG_FILES`). */
  orgDir?: string;
  /** AWS partition; default: the partition of the files' ARNs, else `aws`. */
  partition?: string;
  toolVersion?: string;
  /** `takenAt` of the snapshot; default: the oldest input file's modification time. */
  takenAt?: string;
}

/** What an import read, for the summary the CLI prints. */
export interface ImportSummary {
  accounts: {
    accountId: string;
    file: string;
    users: number;
    groups: number;
    roles: number;
    policies: number;
    truncated: boolean;
    duplicates: number;
  }[];
  organization?: {
    id: string;
    organizationalUnits: number;
    accounts: number;
    policies: number;
  };
  gaps: number;
  warnings: string[];
}

/** The snapshot and its summary. */
export interface ImportResult {
  snapshot: Snapshot;
  summary: ImportSummary;
}

const IAM_API = 'iam:GetAccountAuthorizationDetails';

/** Gaps for everything `collect` reads in an account that an import does not hold. */
function accountGaps(accountId: string): CoverageGap[] {
  return COLLECTOR_CATALOGUE.filter(
    (c) => c.scope !== 'organization' && !c.apis.includes(IAM_API),
  ).map((c) => ({
    accountId,
    api: c.apis[0] ?? c.id,
    code: 'NotImported',
    message: `not in the import: snapshot import reads only ${AUTHORIZATION_DETAILS_COMMAND} per account (${c.purpose})`,
    section: c.section,
  }));
}

function orgGaps(hasOrg: boolean): CoverageGap[] {
  return COLLECTOR_CATALOGUE.filter(
    (c) => c.scope === 'organization' && (c.section !== 'organization' || !hasOrg),
  ).map((c) => ({
    api: c.apis[0] ?? c.id,
    code: 'NotImported',
    message: hasOrg
      ? `not in the import (${c.purpose})`
      : `not in the import: no --org folder was given (${c.purpose})`,
    section: c.section,
  }));
}

function checkPartition(
  wanted: string | undefined,
  iams: readonly ImportedIam[],
  inputs: readonly AccountInput[],
): string {
  let partition = wanted;
  iams.forEach((r, i) => {
    if (r.partition === undefined) return;
    if (partition === undefined) partition = r.partition;
    else if (r.partition !== partition) {
      const file = inputs[i]?.file ?? '?';
      throw new InputError(
        `${file}: its ARNs are in partition '${r.partition}', but ${wanted ? '--partition says' : 'other files are in'} '${partition}'`,
      );
    }
  });
  return partition ?? 'aws';
}

/** Build a snapshot from AWS CLI output files. Throws InputError listing every bad file. */
export async function importSnapshot(opts: ImportOptions): Promise<ImportResult> {
  if (opts.accounts.length === 0 && opts.orgDir === undefined) {
    throw new InputError('nothing to import: give --account <id>=<file> and/or --org <dir>');
  }
  const seen = new Set<string>();
  for (const a of opts.accounts) {
    if (seen.has(a.accountId)) throw new InputError(`--account ${a.accountId} is given twice`);
    seen.add(a.accountId);
  }
  type Job = { kind: 'iam'; input: AccountInput } | { kind: 'org'; dir: string };
  const jobs: Job[] = opts.accounts.map((input) => ({ kind: 'iam', input }));
  if (opts.orgDir !== undefined) jobs.push({ kind: 'org', dir: opts.orgDir });
  const results = await readAll<Job, ImportedIam | ImportedOrganization>(jobs, (j) =>
    j.kind === 'iam' ? importIam(j.input.file, j.input.accountId) : importOrganization(j.dir),
  );
  const iams = results.slice(0, opts.accounts.length) as ImportedIam[];
  const org = opts.orgDir === undefined ? undefined : (results.at(-1) as ImportedOrganization);
  const partition = checkPartition(opts.partition, iams, opts.accounts);

  const accounts: Record<string, AccountSnapshot> = {};
  const coverage: CoverageGap[] = [...orgGaps(org !== undefined), ...(org?.gaps ?? [])];
  const provenance: Provenance[] = [...(org?.provenance ?? [])];
  const warnings = [...(org?.warnings ?? [])];
  const summary: ImportSummary = { accounts: [], gaps: 0, warnings };
  const sorted = opts.accounts
    .map((input, i) => ({ input, iam: iams[i] as ImportedIam }))
    .sort((x, y) => (x.input.accountId < y.input.accountId ? -1 : 1));
  for (const { input, iam: r } of sorted) {
    const { accountId, file } = input;
    accounts[accountId] = { accountId, iam: r.iam, regions: {} };
    provenance.push({
      section: `accounts.${accountId}.iam`,
      apis: [IAM_API],
      at: r.mtime,
      inputs: [{ command: AUTHORIZATION_DETAILS_COMMAND, file }],
    });
    if (r.truncated) {
      coverage.push({
        accountId,
        api: IAM_API,
        code: 'Truncated',
        message: `${file} ends with a page marked IsTruncated (or a NextToken): users, groups, roles or policies after it are missing; run the command without --max-items or --no-paginate`,
        section: 'iam',
      });
      warnings.push(`${file}: the output is truncated (later pages missing)`);
    }
    coverage.push(...accountGaps(accountId));
    summary.accounts.push({
      accountId,
      file,
      users: r.iam.users.length,
      groups: r.iam.groups.length,
      roles: r.iam.roles.length,
      policies: r.iam.policies.length,
      truncated: r.truncated,
      duplicates: r.duplicates,
    });
  }
  if (org) {
    const o = org.organization;
    const members = new Set(o.accounts.map((a) => a.id));
    for (const a of o.accounts) {
      if (accounts[a.id]) continue;
      coverage.push({
        accountId: a.id,
        api: IAM_API,
        code: 'NotImported',
        message: `no --account ${a.id}=<file>: the account's IAM is not in the import`,
        section: 'iam',
      });
    }
    for (const id of Object.keys(accounts)) {
      if (!members.has(id))
        warnings.push(`--account ${id} is not among the organization's accounts`);
    }
    summary.organization = {
      id: o.id,
      organizationalUnits: o.organizationalUnits.length,
      accounts: o.accounts.length,
      policies: o.policies.length,
    };
  }
  summary.gaps = coverage.length;
  const times = [...iams.map((r) => r.mtime), ...(org?.mtimes ?? [])].sort();
  const snapshot: Snapshot = {
    kind: 'orgward-snapshot',
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    takenAt: opts.takenAt ?? times[0] ?? new Date().toISOString(),
    source: {
      tool: 'orgward',
      toolVersion: opts.toolVersion ?? DEFAULT_TOOL_VERSION,
      method: 'import',
      regions: [],
    },
    partition,
    ...(org ? { organization: org.organization } : {}),
    accounts,
    coverage,
    provenance,
  };
  return { snapshot, summary };
}
