/**
 * Checkpoint of a collection run, so an interrupted run resumes where it stopped.
 *
 * Format: JSON Lines, appended as work finishes (a crash loses at most the line being
 * written, which is ignored on reading):
 *
 * ```
 * {"type":"header","version":1,"key":"<sha256 of the run's options>","takenAt":"..."}
 * {"type":"collector","id":"organizations.structure","result":{...},"gaps":[...],"provenance":[...]}
 * {"type":"account","accountId":"111122223333","account":{...AccountSnapshot},"gaps":[...],"provenance":[...]}
 * ```
 *
 * One `collector` line per organization-scope collector, one `account` line per finished
 * account. The key covers what changes the result (caller account, role, Regions, shard,
 * collectors); a checkpoint written for other options is refused rather than mixed in.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { AccountSnapshot, CoverageGap, Provenance } from '../snapshot/types.js';
import type { CollectResult } from './types.js';

/** Version of the checkpoint format. */
export const CHECKPOINT_VERSION = 1;

/** A finished organization-scope collector. */
export interface CheckpointCollector {
  type: 'collector';
  id: string;
  result: CollectResult;
  gaps: CoverageGap[];
  provenance: Provenance[];
}

/** A finished account. */
export interface CheckpointAccount {
  type: 'account';
  accountId: string;
  account: AccountSnapshot;
  gaps: CoverageGap[];
  provenance: Provenance[];
}

interface CheckpointHeader {
  type: 'header';
  version: number;
  key: string;
  takenAt: string;
}

type Line = CheckpointHeader | CheckpointCollector | CheckpointAccount;

/** What a checkpoint held when the run started. */
export interface Resumed {
  takenAt: string;
  collectors: Map<string, CheckpointCollector>;
  accounts: Map<string, CheckpointAccount>;
}

/** The key of a run's options. */
export function checkpointKey(options: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(options)).digest('hex');
}

/** An open checkpoint file. */
export class Checkpoint {
  private constructor(
    readonly file: string,
    readonly resumed: Resumed | undefined,
  ) {}

  /**
   * Open `file`: resume it when it was written for the same options, start it otherwise.
   * Throws InputError when it exists for different options.
   */
  static open(file: string, key: string, takenAt: string): Checkpoint {
    if (existsSync(file)) {
      const resumed = read(file, key);
      if (resumed) return new Checkpoint(file, resumed);
    }
    const header: CheckpointHeader = { type: 'header', version: CHECKPOINT_VERSION, key, takenAt };
    // Owner-only, like the snapshot: it describes the organization's security settings.
    writeFileSync(file, `${JSON.stringify(header)}\n`, { mode: 0o600 });
    return new Checkpoint(file, undefined);
  }

  /** Why the checkpoint stopped being written, if it did. */
  failed: string | undefined;

  /**
   * Record a finished collector or account. A checkpoint that cannot be written (disk full,
   * permissions) must not throw away the run it is there to protect: the run goes on, and
   * the failure is reported once at the end.
   */
  append(line: CheckpointCollector | CheckpointAccount): void {
    if (this.failed !== undefined) return;
    try {
      appendFileSync(this.file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch (e) {
      this.failed = e instanceof Error ? e.message : String(e);
    }
  }
}

function read(file: string, key: string): Resumed | undefined {
  const lines = readFileSync(file, 'utf8').split('\n');
  const parsed: Line[] = [];
  for (const text of lines) {
    if (text.trim() === '') continue;
    try {
      parsed.push(JSON.parse(text) as Line);
    } catch {
      // The line being written when the run stopped: that work is simply done again.
    }
  }
  const header = parsed[0];
  if (header === undefined) return undefined;
  if (header.type !== 'header' || header.version !== CHECKPOINT_VERSION)
    throw new InputError(`${file}: not an orgward checkpoint (version ${CHECKPOINT_VERSION})`);
  if (header.key !== key)
    throw new InputError(
      `${file}: checkpoint of a run with other options (account, role, regions, shard or collectors); delete it or choose another --checkpoint file`,
    );
  const resumed: Resumed = { takenAt: header.takenAt, collectors: new Map(), accounts: new Map() };
  for (const l of parsed.slice(1)) {
    if (l.type === 'collector') resumed.collectors.set(l.id, l);
    else if (l.type === 'account') resumed.accounts.set(l.accountId, l);
  }
  return resumed;
}
