/**
 * `orgward snapshot import --account <id>=<file>... [--org <dir>] [--partition aws] -o <snap>`:
 * a snapshot from AWS CLI output files. Prints a summary to stderr (or JSON to stdout with
 * `--format json`); exit 2 with every problem listed when an input is bad.
 */
import { EXIT, InputError } from '../../core/errors.js';
import { writeSnapshot } from '../../snapshot/io.js';
import {
  importSnapshot,
  type AccountInput,
  type ImportSummary,
} from '../../snapshot/import/index.js';
import { emit, parseFormat, toJson } from '../io.js';

/** Flags as commander passes them. */
export interface SnapshotImportFlags {
  account: string[];
  org?: string;
  partition?: string;
  output: string;
  format: string;
}

/** Parse one `--account <id>=<file>` value; throws InputError quoting the value. */
export function parseAccountFlag(value: string): AccountInput {
  const eq = value.indexOf('=');
  if (eq < 0) {
    throw new InputError(
      `--account '${value}': expected <account-id>=<file>, e.g. 111122223333=iam-111122223333.json`,
    );
  }
  const accountId = value.slice(0, eq).trim();
  const file = value.slice(eq + 1);
  if (!/^\d{12}$/.test(accountId)) {
    throw new InputError(
      `--account '${value}': '${accountId}' is not an AWS account id (12 digits)`,
    );
  }
  if (file === '') throw new InputError(`--account '${value}': the file name is missing`);
  return { accountId, file };
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/** The summary as text lines. */
export function renderImportSummary(s: ImportSummary, output: string): string {
  const lines: string[] = [];
  for (const a of s.accounts) {
    lines.push(
      `  ${a.accountId}: ${plural(a.users, 'user')}, ${plural(a.groups, 'group')}, ${plural(a.roles, 'role')}, ${plural(a.policies, 'managed policy').replace(/policys$/, 'policies')}${a.truncated ? ' (TRUNCATED)' : ''}`,
    );
  }
  if (s.organization) {
    const o = s.organization;
    lines.push(
      `  organization ${o.id}: ${plural(o.organizationalUnits, 'OU')}, ${plural(o.accounts, 'account')}, ${plural(o.policies, 'policy').replace(/policys$/, 'policies')}`,
    );
  }
  for (const w of s.warnings) lines.push(`  warning: ${w}`);
  lines.unshift(
    `snapshot import: ${plural(s.accounts.length, 'account')}${s.organization ? ' and the organization' : ''}, ${plural(s.gaps, 'coverage gap')} (what the files do not hold) -> ${output}`,
  );
  return lines.join('\n');
}

/** Run the command; returns the exit code. */
export async function run(opts: SnapshotImportFlags): Promise<number> {
  const format = parseFormat(opts.format);
  const accounts = opts.account.map(parseAccountFlag);
  if (opts.partition !== undefined && !/^aws(-[a-z]+)*$/.test(opts.partition)) {
    throw new InputError(
      `--partition '${opts.partition}': expected an AWS partition (aws, aws-cn, aws-us-gov, ...)`,
    );
  }
  const { snapshot, summary } = await importSnapshot({
    accounts,
    ...(opts.org !== undefined ? { orgDir: opts.org } : {}),
    ...(opts.partition !== undefined ? { partition: opts.partition } : {}),
  });
  await writeSnapshot(opts.output, snapshot);
  if (format === 'json') emit(toJson({ output: opts.output, ...summary }));
  else process.stderr.write(`${renderImportSummary(summary, opts.output)}\n`);
  return EXIT.ok;
}
