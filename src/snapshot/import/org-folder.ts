/**
 * Reading an `--org` folder: which files it holds (by the names in `org-files.ts`), each
 * read and checked against its command's shape, and the builder that turns them into the
 * organization section while recording coverage gaps and provenance.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../../core/errors.js';
import type { CoverageGap, Provenance } from '../types.js';
import {
  DescribeOrganization,
  DescribePolicy,
  ListAccounts,
  ListDelegatedAdministrators,
  ListDelegatedServices,
  ListOrganizationalUnits,
  ListPolicies,
  ListRoots,
  ListServiceAccess,
  ListTargetsForPolicy,
} from './cli-shapes.js';
import { classifyOrgFile, commandFor, ORG_FILES, type OrgFileKind } from './org-files.js';
import { readCliOutput, type CliCommand, type CliOutput } from './read.js';
import { readAll } from './settle.js';

/** The shape of each kind of file. */
const SCHEMAS = {
  'describe-organization': { schema: DescribeOrganization, keys: ['Organization'] },
  'list-roots': { schema: ListRoots, keys: ['Roots'] },
  'list-organizational-units-for-parent': {
    schema: ListOrganizationalUnits,
    keys: ['OrganizationalUnits'],
  },
  'list-accounts-for-parent': { schema: ListAccounts, keys: ['Accounts'] },
  'list-accounts': { schema: ListAccounts, keys: ['Accounts'] },
  'list-policies': { schema: ListPolicies, keys: ['Policies'] },
  'describe-policy': { schema: DescribePolicy, keys: ['Policy'] },
  'list-targets-for-policy': { schema: ListTargetsForPolicy, keys: ['Targets'] },
  'list-delegated-administrators': {
    schema: ListDelegatedAdministrators,
    keys: ['DelegatedAdministrators'],
  },
  'list-delegated-services-for-account': {
    schema: ListDelegatedServices,
    keys: ['DelegatedServices'],
  },
  'list-aws-service-access-for-organization': {
    schema: ListServiceAccess,
    keys: ['EnabledServicePrincipals'],
  },
} as const satisfies Record<OrgFileKind, { schema: z.ZodType; keys: readonly string[] }>;

/** A file of one kind, read. */
export type Out<K extends OrgFileKind> = CliOutput<z.output<(typeof SCHEMAS)[K]['schema']>>;

/** The files read, by kind and parameter ('' for files without one). */
export interface OrgFiles {
  get<K extends OrgFileKind>(kind: K, param?: string): Out<K> | undefined;
  all<K extends OrgFileKind>(kind: K): [string, Out<K>][];
}

/** List, classify and read the files of an `--org` folder (every bad file reported at once). */
export async function readFolder(dir: string): Promise<{ files: OrgFiles; warnings: string[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    throw new InputError(
      `--org '${dir}': ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : String(err)}`,
    );
  }
  const warnings: string[] = [];
  const wanted: { kind: OrgFileKind; param: string; name: string }[] = [];
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const c = classifyOrgFile(name);
    if (c) wanted.push({ kind: c.kind, param: c.param ?? '', name });
    else warnings.push(`${join(dir, name)}: not a file name snapshot import knows; ignored`);
  }
  const missing = ORG_FILES.filter((f) => f.required && !wanted.some((w) => w.kind === f.kind));
  if (missing.length > 0) {
    const list = missing.map((f) => `${f.name} (\`${f.command} > ${f.name}\`)`).join(', ');
    throw new InputError(
      `--org '${dir}' lacks ${list}; see docs/snapshot.md for the files --org reads`,
    );
  }
  const read = await readAll(wanted, (w) => {
    const s = SCHEMAS[w.kind];
    const cmd: CliCommand<z.ZodType> = {
      command: commandFor(w.kind, w.param || undefined),
      schema: s.schema,
      keys: s.keys,
    };
    return readCliOutput(join(dir, w.name), cmd);
  });
  const byKey = new Map<string, CliOutput<unknown>>();
  wanted.forEach((w, i) => byKey.set(`${w.kind}\0${w.param}`, read[i] as CliOutput<unknown>));
  const files: OrgFiles = {
    get: (kind, param = '') => byKey.get(`${kind}\0${param}`) as never,
    all: (kind) =>
      wanted
        .filter((w) => w.kind === kind)
        .map((w) => [w.param, byKey.get(`${w.kind}\0${w.param}`)] as never),
  };
  return { files, warnings };
}

/** Every item of a list over all pages of a file. */
export function items<T, K extends keyof T>(
  out: CliOutput<T>,
  key: K,
): NonNullable<T[K]> extends (infer E)[] ? E[] : never {
  return out.pages.flatMap((p) => (p[key] ?? []) as unknown[]) as never;
}

/** Builds the organization section from the files, collecting gaps and provenance. */
export class OrgBuilder {
  readonly gaps: CoverageGap[] = [];
  readonly warnings: string[] = [];
  private readonly used = new Map<string, { files: CliOutput<unknown>[]; apis: Set<string> }>();

  constructor(
    readonly dir: string,
    readonly files: OrgFiles,
  ) {}

  /** Record that `out` fed `section` through `api`. */
  use(section: string, api: string, out: CliOutput<unknown>): void {
    const u = this.used.get(section) ?? { files: [], apis: new Set<string>() };
    u.files.push(out);
    u.apis.add(api);
    this.used.set(section, u);
  }

  gap(api: string, section: string, message: string, accountId?: string): void {
    this.gaps.push({
      ...(accountId ? { accountId } : {}),
      api: `organizations:${api}`,
      code: 'NotImported',
      message,
      section,
    });
  }

  provenance(): Provenance[] {
    return [...this.used].map(([section, u]) => ({
      section,
      apis: [...u.apis].sort(),
      at: u.files.map((f) => f.mtime).sort()[0] ?? '',
      inputs: u.files.map((f) => ({ command: commandOf(f.file), file: f.file })),
    }));
  }

  file(name: string): string {
    return join(this.dir, name);
  }
}

/** The CLI command behind a file of the folder, from its name. */
export function commandOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const c = classifyOrgFile(base);
  return c ? commandFor(c.kind, c.param) : file;
}
