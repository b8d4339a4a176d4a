import { explainBlueprint, renderExplanation } from '../../blueprint/explain.js';
import { loadBlueprint } from '../../blueprint/load/index.js';
import { InputError } from '../../core/errors.js';
import { emit, parseFormat, toJson } from '../io.js';

/** `orgward explain <blueprint>`: org tree, inherited guardrails, roles, logging per account. */
export async function run(
  file: string,
  opts: { account?: string; format: string; output?: string },
): Promise<number> {
  const format = parseFormat(opts.format);
  const r = await loadBlueprint(file);
  if (!r.ok || !r.index)
    throw new InputError(`${r.file} is not valid; run orgward validate ${file}`, r.diagnostics);
  const e = explainBlueprint(r.index, opts.account);
  if (opts.account !== undefined && e.accounts.length === 0) {
    throw new InputError(
      `no account '${opts.account}' in ${r.file} (give its id, name or AWS account id)`,
    );
  }
  emit(format === 'json' ? toJson({ ...e }) : renderExplanation(e), opts.output);
  return 0;
}
