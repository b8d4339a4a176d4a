import { z } from 'zod';
import { BlueprintSchema } from './schema/blueprint.js';

/**
 * The JSON Schema of a blueprint as written (defaults optional), generated from the same
 * zod schema the loader uses, so editor completion and validation cannot disagree.
 */
export function blueprintJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BlueprintSchema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://orgward.dev/schema/blueprint-v1.json',
    title: 'orgward blueprint',
  };
}
