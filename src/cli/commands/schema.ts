import { blueprintJsonSchema } from '../../blueprint/json-schema.js';
import { emit } from '../io.js';

/** `orgward schema`: the blueprint JSON Schema, for editor completion. */
export function run(opts: { output?: string }): number {
  emit(JSON.stringify(blueprintJsonSchema(), null, 2), opts.output);
  return 0;
}
