/**
 * `orgward snapshot merge`: one snapshot from the shards of a split collection.
 */
import { EXIT } from '../../core/errors.js';
import { readSnapshot, writeSnapshot } from '../../snapshot/io.js';
import { mergeSnapshots } from '../../snapshot/merge.js';

/** Run `orgward snapshot merge <files...> -o <out>`. */
export async function run(files: readonly string[], opts: { output: string }): Promise<number> {
  const snaps = [];
  for (const f of files) snaps.push(await readSnapshot(f));
  const merged = mergeSnapshots(snaps, files);
  await writeSnapshot(opts.output, merged);
  process.stderr.write(
    `snapshot merge: ${files.length} snapshots, ${Object.keys(merged.accounts).length} accounts, ` +
      `${merged.coverage.length} gaps -> ${opts.output}\n`,
  );
  return EXIT.ok;
}
