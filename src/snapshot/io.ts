/**
 * Reading and writing snapshot files: JSON, gzip-compressed when the name ends in `.gz`
 * (reading recognises gzip by its magic bytes, whatever the name). Writes are atomic (a
 * temporary file renamed into place) and canonical: keys in the schema's order, maps
 * sorted by key, so two snapshots of the same organization diff cleanly. Reads validate
 * against the schema and turn every problem into an InputError that names the file and
 * the JSON path, with `line:col` when the file is plain JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { formatPath } from '../core/diagnostics.js';
import { InputError } from '../core/errors.js';
import { issueDiagnostics, lazyLocator, parseJson, problems, stripBom } from './json.js';
import { SnapshotSchema } from './schema.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './types.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Options of {@link writeSnapshot}. */
export interface WriteSnapshotOptions {
  /** Indent the JSON (default: yes for `.json`, no for `.gz`). */
  pretty?: boolean;
}

/** True when the file name asks for gzip. */
export function isGzipName(file: string): boolean {
  return file.toLowerCase().endsWith('.gz');
}

/**
 * The canonical JSON text of a snapshot. Throws (a bug, not bad input) when the snapshot
 * does not match the schema: orgward never writes a file it could not read back.
 */
export function serializeSnapshot(snapshot: Snapshot, pretty = true): string {
  const r = SnapshotSchema.safeParse(snapshot);
  if (!r.success) {
    const first = r.error.issues
      .slice(0, 5)
      .map((i) => `${formatPath(i.path.filter((s) => typeof s !== 'symbol'))}: ${i.message}`);
    throw new Error(`refusing to write an invalid snapshot: ${first.join('; ')}`);
  }
  return `${JSON.stringify(r.data, null, pretty ? 2 : undefined)}\n`;
}

/** Write a snapshot to `file` atomically (gzip when the name ends in `.gz`). */
export async function writeSnapshot(
  file: string,
  snapshot: Snapshot,
  opts: WriteSnapshotOptions = {},
): Promise<void> {
  const gz = isGzipName(file);
  const text = serializeSnapshot(snapshot, opts.pretty ?? !gz);
  const body = gz ? await gzipAsync(Buffer.from(text, 'utf8')) : Buffer.from(text, 'utf8');
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    // Owner-only: a snapshot maps the organization's security settings and trust.
    await writeFile(tmp, body, { mode: 0o600 });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new InputError(`cannot write snapshot '${file}': ${errnoText(err)}`);
  }
}

/** Read and validate a snapshot file (plain or gzip JSON). */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    throw new InputError(`cannot read snapshot '${file}': ${errnoText(err)}`);
  }
  const gz = buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  if (gz) {
    try {
      buf = await gunzipAsync(buf);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new InputError(
        `${file}: the gzip data is truncated or corrupt (${why}); was the file copied completely?`,
      );
    }
  }
  return parseSnapshotText(buf.toString('utf8'), file, !gz);
}

/**
 * Parse and validate snapshot text. `positions`: report `line:col` (plain JSON files;
 * positions inside decompressed gzip data would point nowhere the user can look).
 */
export function parseSnapshotText(text: string, file: string, positions = true): Snapshot {
  const value = parseJson(text, file, positions);
  checkHeader(value, file);
  const r = SnapshotSchema.safeParse(value);
  if (r.success) return r.data;
  const diagnostics = issueDiagnostics(r.error.issues, {
    file,
    value,
    code: 'snapshot-schema',
    locate: positions ? lazyLocator(stripBom(text), file) : undefined,
  });
  throw new InputError(
    `${file}: not a valid orgward snapshot (${problems(r.error.issues.length)})`,
    diagnostics,
  );
}

/** Recognise the file and its format version before checking anything else. */
function checkHeader(value: unknown, file: string): void {
  const v = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  const kind = (v as { kind?: unknown }).kind;
  const version = (v as { formatVersion?: unknown }).formatVersion;
  if (kind !== 'orgward-snapshot') {
    throw new InputError(
      `${file} is not an orgward snapshot (it has no "kind": "orgward-snapshot"); ` +
        'make one with `orgward collect` or `orgward snapshot import`',
    );
  }
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    const shown =
      version === undefined
        ? 'unknown'
        : typeof version === 'number'
          ? String(version)
          : JSON.stringify(version);
    const advice =
      typeof version === 'number' && version > SNAPSHOT_FORMAT_VERSION
        ? 'upgrade orgward to read it'
        : 'collect or import it again with this orgward';
    throw new InputError(
      `${file} is a snapshot of format ${shown}; this orgward reads format ${SNAPSHOT_FORMAT_VERSION} (${advice})`,
    );
  }
}

function errnoText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a parent is not a directory';
  return err instanceof Error ? err.message : String(err);
}
