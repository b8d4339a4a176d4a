import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/helpers/capture.js';
import { run } from './policy-lint.js';

const GOOD = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }],
  },
  null,
  2,
);
const BAD =
  '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Deny", "Action": "s3:Nope*", "Resource": "*"}]\n}';
const WARN = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::[BUCKET]' }],
});

describe('orgward policy lint', () => {
  let dir: string;
  const io = captureOutput();
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orgward-policy-'));
  });
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it.each([
    { name: 'clean', text: GOOD, code: 0, lines: [] as string[] },
    { name: 'warning only', text: WARN, code: 0, lines: [':1:71: warning: '] },
    {
      name: 'error',
      text: BAD,
      code: 2,
      lines: [
        `:3:${(BAD.split('\n')[2] ?? '').indexOf('"Action"') + 1}: error: 's3:Nope*' matches no s3 action`,
      ],
    },
    {
      name: 'comment',
      text: '// x\n{}',
      code: 2,
      lines: [':1:1: error: comments are not allowed in JSON policies'],
    },
  ])('text: $name -> exit $code', async ({ text, code, lines }) => {
    const p = file('p.json', text);
    expect(await run([p], { type: 'scp', format: 'text' })).toBe(code);
    for (const l of lines) expect(io.err).toContain(`${p}${l}`);
    expect(io.err).toMatch(/policy lint: 1 file, \d+ errors?, \d+ warnings?\n$/);
    expect(io.out).toBe('');
  });

  it('names a missing file and exits 2, still linting the others', async () => {
    const good = file('good.json', GOOD);
    const missing = join(dir, 'missing.json');
    expect(await run([missing, good], { type: 'scp', format: 'text' })).toBe(2);
    expect(io.err).toContain(`error: cannot read policy file '${missing}': no such file`);
  });

  it('writes the JSON report to stdout', async () => {
    const good = file('good.json', GOOD);
    const bad = file('bad.json', BAD);
    expect(await run([good, bad], { type: 'scp', format: 'json' })).toBe(2);
    const report = JSON.parse(io.out) as {
      schemaVersion: number;
      files: { file: string; size: number; diagnostics: { code: string }[] }[];
    };
    expect(report.schemaVersion).toBe(1);
    expect(report.files.map((f) => [f.file, f.size, f.diagnostics.map((d) => d.code)])).toEqual([
      [good, GOOD.length, []],
      [bad, BAD.length, ['action-wildcard-unmatched']],
    ]);
  });

  it('writes to -o and measures IAM policies without whitespace', async () => {
    const good = file('good.json', GOOD);
    const dest = join(dir, 'report.json');
    expect(await run([good], { type: 'identity', format: 'json', output: dest })).toBe(0);
    const report = JSON.parse(readFileSync(dest, 'utf8')) as { files: { size: number }[] };
    expect(report.files[0]?.size).toBe(JSON.stringify(JSON.parse(GOOD)).length);
    expect(io.out).toBe('');
  });

  it('rejects an unknown --type as bad input', () => {
    expect(() => run([], { type: 'tag', format: 'text' })).toThrow(/unknown --type 'tag'/);
  });
});
