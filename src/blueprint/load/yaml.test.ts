import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTemp } from '../../../test/helpers/blueprint.js';
import { loadYamlWithPositions } from './yaml.js';

describe('loadYamlWithPositions', () => {
  it('records the position of values and keys', () => {
    const dir = writeTemp({ 'a.yaml': 'top:\n  list:\n    - one\n    - two: 2\n' });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.value).toEqual({ top: { list: ['one', { two: 2 }] } });
    expect(r.map.locate(['top', 'list', 1, 'two'])).toEqual({ file: 'a.yaml', line: 4, col: 12 });
    expect(r.map.locateKey(['top', 'list', 1, 'two'])).toEqual({ file: 'a.yaml', line: 4, col: 7 });
    // Unknown paths fall back to the nearest located ancestor.
    expect(r.map.locate(['top', 'list', 9])).toEqual({ file: 'a.yaml', line: 3, col: 5 });
  });

  it('includes a value from another file with that file positions', () => {
    const dir = writeTemp({
      'a.yaml': 'accounts: !include accounts.yaml\n',
      'accounts.yaml': '- id: x\n- id: y\n',
    });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.value).toEqual({ accounts: [{ id: 'x' }, { id: 'y' }] });
    expect(r.map.locate(['accounts', 1, 'id'])).toEqual({ file: 'accounts.yaml', line: 2, col: 7 });
    expect(r.files).toEqual(['a.yaml', 'accounts.yaml']);
  });

  it('splices an included list into a list', () => {
    const dir = writeTemp({
      'a.yaml': 'xs:\n  - 1\n  - !include more.yaml\n  - 4\n',
      'more.yaml': '- 2\n- 3\n',
    });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.value).toEqual({ xs: [1, 2, 3, 4] });
    expect(r.map.locate(['xs', 2])).toEqual({ file: 'more.yaml', line: 2, col: 3 });
    expect(r.map.locate(['xs', 3])).toEqual({ file: 'a.yaml', line: 4, col: 5 });
  });

  it.each([
    ['a missing include', { 'a.yaml': 'x: !include nope.yaml\n' }, 'include-missing', 1, 13],
    [
      'an include cycle',
      { 'a.yaml': 'x: !include b.yaml\n', 'b.yaml': 'y: !include a.yaml\n' },
      'include-cycle',
      1,
      13,
    ],
    [
      'an include of another file type',
      { 'a.yaml': 'x: !include b.txt\n', 'b.txt': 'hi' },
      'include-type',
      1,
      13,
    ],
    ['a syntax error', { 'a.yaml': 'a: [1, 2\nb: 3\n' }, 'yaml-syntax', undefined, undefined],
    ['a duplicate key', { 'a.yaml': 'a: 1\na: 2\n' }, 'yaml-syntax', 2, 1],
    ['an unknown alias', { 'a.yaml': 'a: *nope\n' }, 'yaml-alias', 1, 4],
  ])('reports %s', (_name, files, code, line, col) => {
    const dir = writeTemp(files);
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    const d = r.diagnostics.find((x) => x.severity === 'error');
    expect(d?.code).toBe(code);
    if (line !== undefined) expect(d?.at).toMatchObject({ line, col });
  });

  it('resolves anchors, aliases and merge keys', () => {
    const dir = writeTemp({
      'a.yaml': 'base: &b { x: 1, y: 2 }\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n',
    });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.value).toEqual({ base: { x: 1, y: 2 }, use: { x: 1, y: 2 }, merged: { x: 1, y: 3 } });
  });

  it('resolves an alias to the latest anchor of that name before it', () => {
    const dir = writeTemp({ 'a.yaml': 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n' });
    expect(loadYamlWithPositions(join(dir, 'a.yaml'), dir).value).toEqual({
      a: 1,
      b: 1,
      c: 2,
      d: 2,
    });
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const dir = writeTemp({ 'a.yaml': `${levels.join('\n')}\n` });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.diagnostics.map((d) => d.message)).toContain(
      'aliases expand to more than 100000 values; the rest are left out',
    );
  });

  it('reports a document nested too deeply instead of overflowing the stack', () => {
    const dir = writeTemp({ 'a.yaml': '['.repeat(20_000) + ']'.repeat(20_000) });
    const r = loadYamlWithPositions(join(dir, 'a.yaml'), dir);
    expect(r.diagnostics[0]?.message).toBe('the document is nested too deeply');
  });

  it('reports an unreadable entry file', () => {
    const r = loadYamlWithPositions('/nonexistent/blueprint.yaml', '/');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]?.code).toBe('file-unreadable');
  });
});
