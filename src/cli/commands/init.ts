import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blueprintJsonSchema } from '../../blueprint/json-schema.js';
import { InputError } from '../../core/errors.js';
import { makeOutputDir, writeOutput } from '../io.js';

/** Folder of the bundled templates (package root /templates). */
export function templatesDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates');
}

/** `orgward init [dir] --template X`: copy a template blueprint into dir. */
export function run(dir: string, opts: { template: string; force?: boolean }): number {
  const src = join(templatesDir(), opts.template);
  if (!existsSync(src))
    throw new InputError(`unknown template '${opts.template}' (minimal, standard, regulated)`);
  const dest = resolve(dir);
  makeOutputDir(dest);
  const clashes = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => statSync(join(src, f)).isFile() && existsSync(join(dest, f)),
  );
  if (clashes.length && !opts.force) {
    throw new InputError(
      `${join(dir, clashes[0] ?? '')} already exists (use --force to overwrite)`,
    );
  }
  cpSync(src, dest, { recursive: true, force: true });
  // The templates point their editor at ./blueprint.schema.json; write it beside them.
  writeOutput(
    join(dest, 'blueprint.schema.json'),
    `${JSON.stringify(blueprintJsonSchema(), null, 2)}\n`,
  );
  process.stdout.write(
    `wrote the ${opts.template} blueprint to ${dir}\nnext: edit it, then run  orgward validate ${join(dir, 'blueprint.yaml')}\n`,
  );
  return 0;
}
