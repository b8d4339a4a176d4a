import { gzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../core/diagnostics.js';
import { InputError } from '../core/errors.js';
import { sampleSnapshot } from './__fixtures__/sample.js';
import { readSnapshot, serializeSnapshot, writeSnapshot } from './io.js';
import type { Snapshot } from './types.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'orgward-snap-'));

/** The InputError a promise rejects with, its diagnostics printed as the CLI prints them. */
async function inputError(p: Promise<unknown>): Promise<{ message: string; lines: string[] }> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { message: err.message, lines: err.diagnostics.map(formatDiagnostic) };
  }
  throw new Error('expected an InputError');
}

/** Write `text` (or gzip of it) to a new file and return its path. */
function file(name: string, text: string, gz = false): string {
  const f = join(tmp(), name);
  writeFileSync(f, gz ? gzipSync(text) : text);
  return f;
}

describe('writeSnapshot / readSnapshot', () => {
  it.each([
    ['plain JSON', 'snap.json'],
    ['gzip', 'snap.json.gz'],
  ])('round-trips %s to an equal snapshot', async (_n, name) => {
    const s = sampleSnapshot(3);
    const f = join(tmp(), name);
    await writeSnapshot(f, s);
    expect(await readSnapshot(f)).toEqual(s);
    const bytes = readFileSync(f);
    expect(bytes[0] === 0x1f && bytes[1] === 0x8b).toBe(name.endsWith('.gz'));
  });

  it('writes pretty JSON by default for .json and compact on request', async () => {
    const dir = tmp();
    await writeSnapshot(join(dir, 'a.json'), sampleSnapshot(1));
    await writeSnapshot(join(dir, 'b.json'), sampleSnapshot(1), { pretty: false });
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toContain('\n  "formatVersion": 1,');
    expect(readFileSync(join(dir, 'b.json'), 'utf8').split('\n')).toHaveLength(2);
  });

  it('writes a canonical order: same snapshot, built in any key order, same bytes', () => {
    const a = sampleSnapshot(4);
    // Reverse every object's keys except inside policy documents, whose order is theirs.
    const documents = new Set(['trustPolicy', 'document', 'content', 'policy', 'inlinePolicy']);
    const shuffle = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(shuffle)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, documents.has(k) ? x : shuffle(x)]),
            )
          : v;
    const shuffled = shuffle(a) as Snapshot;
    const text = serializeSnapshot(a);
    expect(serializeSnapshot(shuffled)).toBe(text);
    const top = Object.keys(JSON.parse(text) as object);
    expect(top.slice(0, 4)).toEqual(['kind', 'formatVersion', 'takenAt', 'source']);
    const ids = Object.keys((JSON.parse(text) as Snapshot).accounts);
    expect(ids).toEqual([...ids].sort());
    const first = (JSON.parse(text) as Snapshot).accounts[ids[0]!]!;
    expect(Object.keys(first.regions)).toEqual(['eu-west-1', 'us-east-1']);
    // Policy documents keep their own order (Version before Statement, as written).
    expect(text.indexOf('"Version"')).toBeLessThan(text.indexOf('"Statement"'));
  });

  it('writes atomically: no temporary file is left, and a failed write keeps the old file', async () => {
    const dir = tmp();
    const f = join(dir, 'snap.json');
    await writeSnapshot(f, sampleSnapshot(1));
    const before = readFileSync(f, 'utf8');
    const bad = { ...sampleSnapshot(1), partition: 42 } as unknown as Snapshot;
    await expect(writeSnapshot(f, bad)).rejects.toThrow(/refusing to write an invalid snapshot/);
    expect(readFileSync(f, 'utf8')).toBe(before);
    expect(readdirSync(dir)).toEqual(['snap.json']);
  });

  it('creates the output folder', async () => {
    const f = join(tmp(), 'a', 'b', 'snap.json.gz');
    await writeSnapshot(f, sampleSnapshot(1));
    expect((await readSnapshot(f)).kind).toBe('orgward-snapshot');
  });

  it('reads and writes 1,000 accounts in a couple of seconds', async () => {
    const s = sampleSnapshot(1000);
    for (const name of ['big.json', 'big.json.gz']) {
      const f = join(tmp(), name);
      const t0 = performance.now();
      await writeSnapshot(f, s);
      const back = await readSnapshot(f);
      const ms = performance.now() - t0;
      expect(Object.keys(back.accounts)).toHaveLength(1000);
      expect(ms).toBeLessThan(5000);
    }
  });
});

describe('readSnapshot: bad files are InputErrors that say what and where', () => {
  const good = () => serializeSnapshot(sampleSnapshot(1));
  const firstId = () => Object.keys(sampleSnapshot(1).accounts)[0]!;

  it('names a missing file', async () => {
    const e = await inputError(readSnapshot(join(tmp(), 'nope.json')));
    expect(e.message).toMatch(/cannot read snapshot '.*nope\.json': no such file/);
  });

  it.each([
    [2, /x\.json is a snapshot of format 2; this orgward reads format 1 \(upgrade orgward/],
    [0, /x\.json is a snapshot of format 0; this orgward reads format 1 \(collect or import/],
    ['1', /x\.json is a snapshot of format "1"; this orgward reads format 1/],
    [undefined, /x\.json is a snapshot of format unknown; this orgward reads format 1/],
  ])('rejects formatVersion %j clearly', async (v, re) => {
    const s = JSON.parse(good()) as Record<string, unknown>;
    s.formatVersion = v;
    const e = await inputError(readSnapshot(file('x.json', JSON.stringify(s))));
    expect(e.message).toMatch(re);
  });

  it.each([
    ['a blueprint', 'organization:\n  name: x\n'],
    ['another JSON document', '{"Records": []}'],
    ['a JSON array', '[]'],
  ])('says when the file is not a snapshot at all (%s)', async (_n, text) => {
    const e = await inputError(readSnapshot(file('x.json', text)));
    expect(e.message + e.lines.join('\n')).toMatch(/not an orgward snapshot|invalid JSON/);
  });

  it('reports truncated JSON with line and column', async () => {
    const text = good();
    const cut = text.slice(0, Math.floor(text.length / 2));
    const e = await inputError(readSnapshot(file('cut.json', cut)));
    const lines = cut.split('\n');
    expect(e.lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `cut\\.json:${lines.length}:\\d+: error: the JSON ends early: the file is truncated`,
        ),
      ),
    ]);
  });

  it('reports a syntax error in the middle with its position', async () => {
    const text = good().replace('"partition": "aws"', '"partition": aws');
    const line = text.split('\n').findIndex((l) => l.includes('"partition": aws')) + 1;
    const e = await inputError(readSnapshot(file('bad.json', text)));
    expect(e.lines[0]).toMatch(new RegExp(`bad\\.json:${line}:16: error: invalid JSON`));
  });

  it('reports truncated gzip data naming the file', async () => {
    const gz = gzipSync(good());
    const f = join(tmp(), 'cut.json.gz');
    writeFileSync(f, gz.subarray(0, gz.length - 20));
    const e = await inputError(readSnapshot(f));
    expect(e.message).toMatch(/cut\.json\.gz: the gzip data is truncated or corrupt/);
  });

  it('reports a schema violation with file:line:col and the JSON path', async () => {
    const s = JSON.parse(good());
    const id = firstId();
    s.accounts[id].iam.roles[3].trustPolicy = 'not an object';
    const text = JSON.stringify(s, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"not an object"')) + 1;
    const e = await inputError(readSnapshot(file('s.json', text)));
    expect(e.message).toMatch(/s\.json: not a valid orgward snapshot \(1 problem\)/);
    expect(e.lines).toEqual([
      `${join(tmpdirOf(e.message), 's.json')}:${line}:13: error: accounts.${id}.iam.roles[3].trustPolicy: expected an object, got the string 'not an object'`,
    ]);
  });

  it.each([
    ['an unknown top-level key', (s: any) => (s.notes = 'x'), /error: notes: unknown key 'notes'/],
    ['a missing key', (s: any) => delete s.coverage, /error: coverage: missing: expected an array/],
    [
      'a wrong enum value',
      (s: any) => (s.organization.featureSet = 'SOME'),
      /error: organization\.featureSet: expected "ALL" or "CONSOLIDATED_BILLING", got the string 'SOME'/,
    ],
    [
      'a wrong type deep in a region',
      (s: any) =>
        (Object.values(s.accounts as object)[0].regions['eu-west-1'].trails[0].isMultiRegionTrail =
          'yes'),
      /accounts\.\d+\.regions\.eu-west-1\.trails\[0\]\.isMultiRegionTrail: expected a boolean/,
    ],
  ])('reports %s', async (_n, mutate, re) => {
    const s = JSON.parse(good());
    mutate(s);
    const e = await inputError(readSnapshot(file('s.json', JSON.stringify(s, null, 2))));
    expect(e.lines.join('\n')).toMatch(re);
    expect(e.lines[0]).toMatch(/s\.json:\d+:\d+: error: /);
  });

  it('reports a schema violation in a gzip file by path (no line numbers into compressed data)', async () => {
    const s = JSON.parse(good());
    s.partition = 7;
    const e = await inputError(readSnapshot(file('s.json.gz', JSON.stringify(s), true)));
    expect(e.message).toMatch(/s\.json\.gz: not a valid orgward snapshot/);
    expect(e.lines).toEqual(['error: partition: expected a string, got 7']);
  });

  it('caps the list of problems and counts the rest', async () => {
    const s = JSON.parse(good());
    s.coverage = Array.from({ length: 80 }, () => ({ api: 1 }));
    const e = await inputError(readSnapshot(file('s.json', JSON.stringify(s))));
    expect(e.lines).toHaveLength(51);
    expect(e.lines.at(-1)).toMatch(/and \d+ more problems/);
  });
});

/** The folder of the file named at the start of an error message. */
function tmpdirOf(message: string): string {
  const m = /^(.*)\/s\.json/.exec(message);
  return m?.[1] ?? '';
}
