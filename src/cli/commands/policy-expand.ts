import { InputError } from '../../core/errors.js';
import { expandAction } from '../../policy/expand.js';
import { emit, parseFormat, toJson } from '../io.js';

/** `orgward policy expand <pattern>...`: list the actions each pattern matches. */
export function run(patterns: string[], opts: { format: string }): number {
  const format = parseFormat(opts.format);
  const expansions = patterns.map((pattern) => ({ pattern, actions: expandAction(pattern) }));
  const empty = expansions.find((e) => e.actions.length === 0);
  if (empty) {
    throw new InputError(
      `'${empty.pattern}' matches no known IAM action (expected service:Action, e.g. s3:Put*)`,
    );
  }
  emit(
    format === 'json'
      ? toJson({ expansions })
      : expansions
          .map(
            (e) =>
              `${e.pattern} (${e.actions.length})\n${e.actions.map((a) => `  ${a}`).join('\n')}`,
          )
          .join('\n'),
  );
  return 0;
}
