import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { actionKey, emptyState, fileStateStore, stateFile } from './state.js';

describe('stateFile', () => {
  it('lives in .orgward beside the synth folder', () => {
    expect(stateFile('/work/project/out')).toBe('/work/project/.orgward/deploy-state.json');
  });
});

describe('fileStateStore', () => {
  it('starts empty, round-trips, and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-state-'));
    const file = join(dir, '.orgward', 'deploy-state.json');
    const store = fileStateStore(file);
    const s = await store.load();
    expect(s.instances).toEqual({});
    s.instances['log-archive'] = {
      'log-archive|eu-west-1': {
        hash: 'abc',
        status: 'done',
        outcome: 'created',
        at: '2026-11-23T12:00:00.000Z',
      },
    };
    await store.save(s);
    await store.save(s);
    expect(await fileStateStore(file).load()).toEqual(s);
    expect(readdirSync(join(dir, '.orgward'))).toEqual(['deploy-state.json']);
  });

  it('refuses a file that is not a deploy state, saying how to start over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-state-'));
    const file = join(dir, 'deploy-state.json');
    writeFileSync(file, '{"kind":"something-else"}');
    await expect(fileStateStore(file).load()).rejects.toThrow(InputError);
    writeFileSync(file, '{not json');
    await expect(fileStateStore(file).load()).rejects.toThrow(/delete it to start over/);
  });

  it('writes readable JSON with a trailing newline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orgward-state-'));
    const file = join(dir, 'deploy-state.json');
    await fileStateStore(file).save(emptyState(new Date('2026-11-23T12:00:00Z')));
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ kind: 'orgward-deploy-state', schemaVersion: 1 });
  });
});

describe('actionKey', () => {
  it('tells actions apart by what they do', () => {
    const keys = [
      actionKey({
        type: 'move-account',
        account: 'a',
        accountId: '1',
        fromOu: 'x',
        toOu: 'y',
        reason: '',
      }),
      actionKey({
        type: 'move-account',
        account: 'a',
        accountId: '1',
        fromOu: 'y',
        toOu: 'z',
        reason: '',
      }),
      actionKey({
        type: 'attach-quarantine',
        account: 'a',
        accountId: '1',
        policy: 'q',
        reason: '',
      }),
      actionKey({ type: 'close-account', account: 'a', accountId: '1', reason: '' }),
    ];
    expect(new Set(keys).size).toBe(4);
  });
});
