/**
 * `orgward collect`: a live snapshot of the organization through the AWS SDK.
 */
import { loadBlueprint } from '../../blueprint/load/index.js';
import { AwsAccessError, EXIT, InputError } from '../../core/errors.js';
import { collectSnapshot, DEFAULT_ROLE_NAME } from '../../collect/engine.js';
import { formatDuration, progressLine } from '../../collect/progress.js';
import { COLLECTORS } from '../../collect/registry.js';
import { parseShard } from '../../collect/shard.js';
import type { CollectStats } from '../../collect/stats.js';
import { writeSnapshot } from '../../snapshot/io.js';
import type { Snapshot } from '../../snapshot/types.js';
import { printDiagnostics } from '../io.js';

/** Flags of `orgward collect`. */
export interface CollectFlags {
  output: string;
  blueprint?: string;
  roleName?: string;
  regions?: string;
  shard?: string;
  checkpoint?: string;
  quiet?: boolean;
  concurrency?: string;
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells expect. */
const EXIT_INTERRUPTED = 130;

const REGION_RE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Run `orgward collect`. */
export async function run(flags: CollectFlags): Promise<number> {
  const { homeRegion, governed } = await blueprintRegions(flags.blueprint);
  const regions = flags.regions !== undefined ? parseRegions(flags.regions) : governed;
  const roleName = flags.roleName ?? DEFAULT_ROLE_NAME;
  const concurrency = flags.concurrency === undefined ? undefined : parseCount(flags.concurrency);
  const ac = new AbortController();
  const onSigint = () => {
    ac.abort();
  };
  process.once('SIGINT', onSigint);
  const line = progressLine(process.stderr, flags.quiet ?? false);
  try {
    const { snapshot, stats } = await collectSnapshot({
      collectors: COLLECTORS,
      homeRegion,
      roleName,
      ...(regions ? { regions } : {}),
      ...(concurrency !== undefined ? { limits: { overall: concurrency } } : {}),
      ...(flags.shard !== undefined ? { shard: parseShard(flags.shard) } : {}),
      ...(flags.checkpoint !== undefined ? { checkpointFile: flags.checkpoint } : {}),
      progress: line.update,
      signal: ac.signal,
    });
    line.end();
    if (stats.interrupted) {
      process.stderr.write(
        `collect: interrupted after ${stats.accounts.done} accounts` +
          (flags.checkpoint
            ? `; run the same command again to resume from ${flags.checkpoint}\n`
            : '; use --checkpoint <file> to make a run resumable\n'),
      );
      return EXIT_INTERRUPTED;
    }
    await writeSnapshot(flags.output, snapshot);
    if (!flags.quiet) process.stderr.write(`${summary(snapshot, stats, flags.output)}\n`);
    if (stats.checkpointError !== undefined) {
      process.stderr.write(
        `collect: warning: the checkpoint could not be written (${stats.checkpointError}); this run cannot be resumed\n`,
      );
    }
    failIfNoAccountEntered(snapshot, roleName);
    if (stats.errors.expired > 0) {
      throw new AwsAccessError(
        `the credentials expired during the run (${stats.errors.expired} calls refused); the snapshot was written with those gaps. ` +
          'Use credentials that can be refreshed (a profile, SSO or an instance role), and --checkpoint to resume',
        { api: 'sts' },
      );
    }
    return EXIT.ok;
  } finally {
    line.end();
    process.removeListener('SIGINT', onSigint);
  }
}

/** The summary line printed after a run. */
export function summary(snapshot: Snapshot, stats: CollectStats, file: string): string {
  const a = stats.accounts;
  const extra = [
    a.resumed ? `${a.resumed} from checkpoint` : '',
    a.inactive ? `${a.inactive} inactive` : '',
  ].filter(Boolean);
  return (
    `collect: ${Object.keys(snapshot.accounts).length} accounts` +
    (extra.length ? ` (${extra.join(', ')})` : '') +
    `, ${snapshot.source.regions.length} regions, ${stats.calls} API calls` +
    (stats.throttles ? ` (${stats.throttles} throttled)` : '') +
    `, ${snapshot.coverage.length} gaps, ${formatDuration(stats.elapsedMs)} -> ${file}`
  );
}

/**
 * A role name that works nowhere is an access problem, not a snapshot with gaps: exit 3
 * (after writing what was read) when every member account refused AssumeRole.
 */
export function failIfNoAccountEntered(snapshot: Snapshot, roleName: string): void {
  const refused = snapshot.coverage.filter((g) => g.api === 'sts:AssumeRole');
  // The caller's own account is read with its own credentials, so it proves nothing here.
  const caller = snapshot.source.principalArn?.split(':')[4];
  const entered = Object.keys(snapshot.accounts).filter((id) => id !== caller).length;
  if (refused.length === 0 || entered > 0) return;
  const first = refused[0];
  throw new AwsAccessError(
    `could not assume role ${roleName} in any member account (e.g. ${first?.accountId ?? '?'}: ` +
      `sts:AssumeRole ${first?.code ?? ''}); check --role-name and the role's trust policy`,
    {
      ...(first?.accountId ? { accountId: first.accountId } : {}),
      role: roleName,
      api: 'sts:AssumeRole',
    },
  );
}

async function blueprintRegions(
  file: string | undefined,
): Promise<{ homeRegion: string; governed?: string[] }> {
  const envRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (file === undefined) return { homeRegion: envRegion ?? 'us-east-1' };
  const r = await loadBlueprint(file);
  if (!r.ok || !r.blueprint) {
    printDiagnostics(r.diagnostics);
    throw new InputError(`${r.file}: invalid blueprint (see above)`);
  }
  const org = r.blueprint.organization;
  return { homeRegion: org.homeRegion, governed: [...org.governedRegions] };
}

/** `--regions eu-west-1,us-east-1`. */
export function parseRegions(text: string): string[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((r) => !REGION_RE.test(r));
  if (list.length === 0 || bad.length > 0)
    throw new InputError(
      `--regions '${text}': expected Region names separated by commas, e.g. eu-west-1,us-east-1`,
    );
  return [...new Set(list)];
}

function parseCount(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 1024)
    throw new InputError(`--concurrency '${text}': expected a whole number from 1 to 1024`);
  return n;
}
