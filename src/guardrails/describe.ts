/**
 * Human-readable descriptions of guardrail parameters, derived from their zod schemas
 * (so `guardrails list`, `guardrails show` and docs/guardrails.md cannot drift from code).
 */
import { z } from 'zod';
import type { Guardrail } from './types.js';

/** One parameter of a guardrail. */
export interface ParamInfo {
  name: string;
  /** A short type, e.g. `string[]`, `boolean`, `integer`, `"s3" | "sqs"`. */
  type: string;
  /** The default as JSON, when the schema has one. */
  default?: string;
  description: string;
}

interface JsonSchemaNode {
  type?: string | string[];
  items?: JsonSchemaNode;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchemaNode>;
}

/** The parameters of a guardrail, in declaration order. */
export function describeParams(g: Guardrail): ParamInfo[] {
  const schema = z.toJSONSchema(g.params, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  return Object.entries(schema.properties ?? {}).map(([name, node]) => ({
    name,
    type: typeName(node),
    ...(node.default !== undefined ? { default: JSON.stringify(node.default) } : {}),
    description: node.description ?? '',
  }));
}

function typeName(node: JsonSchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (node.type === 'array') {
    const item = node.items ? typeName(node.items) : 'unknown';
    // Enum values are listed in the description; `string[]` keeps tables narrow.
    return node.items?.enum ? 'string[]' : `${item}[]`;
  }
  if (Array.isArray(node.type)) return node.type.join(' | ');
  return node.type ?? 'unknown';
}
