/**
 * The deploy state: per unit instance, the hash deployed successfully (or the failure),
 * and per plan action whether it ran. A rerun with the same plan skips what is done with
 * the same hash and retries the rest. The file is rewritten after every completion,
 * atomically (write a temporary file, then rename over the old one), so a crash leaves
 * either the previous or the new state, never half of one.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { describeFsError } from '../../core/fs-errors.js';
import type { PlanAction } from '../types.js';
import type { DeployState, StateStore } from './types.js';

/** `.orgward/deploy-state.json` beside the synth folder. */
export function stateFile(synthDir: string): string {
  return join(dirname(resolve(synthDir)), '.orgward', 'deploy-state.json');
}

/** A state with nothing done. */
export function emptyState(at: Date): DeployState {
  return {
    schemaVersion: 1,
    kind: 'orgward-deploy-state',
    updatedAt: at.toISOString(),
    instances: {},
    actions: {},
  };
}

/** Key of a plan action in the state (type, account and what it does). */
export function actionKey(a: PlanAction): string {
  switch (a.type) {
    case 'move-account':
      return `move-account|${a.account}|${a.fromOu}|${a.toOu}`;
    case 'attach-quarantine':
      return `attach-quarantine|${a.account}|${a.policy}`;
    case 'close-account':
      return `close-account|${a.account}`;
  }
}

let sequence = 0;

/** The state in a JSON file, written atomically. */
export function fileStateStore(file: string): StateStore {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(new Date());
        throw new InputError(
          `cannot read the deploy state ${file}: ${describeFsError(error, 'read')}`,
        );
      }
      return parseState(file, text);
    },
    async save(state) {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.${++sequence}.tmp`;
      await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
      await rename(tmp, file);
    },
  };
}

/** The state in memory (tests, dry runs); `current` is the last saved copy. */
export function memoryStateStore(initial?: DeployState): StateStore & { current: DeployState } {
  const store = {
    current: structuredClone(initial ?? emptyState(new Date(0))),
    load: () => Promise.resolve(structuredClone(store.current)),
    save: (s: DeployState) => {
      store.current = structuredClone(s);
      return Promise.resolve();
    },
  };
  return store;
}

function parseState(file: string, text: string): DeployState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `the deploy state ${file} is not valid JSON (${(error as Error).message}); delete it to start over`,
    );
  }
  const s = data as Partial<DeployState> | null;
  if (
    s?.kind !== 'orgward-deploy-state' ||
    s.schemaVersion !== 1 ||
    typeof s.instances !== 'object' ||
    typeof s.actions !== 'object'
  )
    throw new InputError(
      `${file} is not an orgward deploy state (schemaVersion 1); delete it to start over`,
    );
  return s as DeployState;
}
