import { formatPath, type Diagnostic, type SourcePosition } from '../../core/diagnostics.js';
import type { Limits } from '../limits.js';
import type { DocPath } from '../load/source-map.js';
import type { BlueprintIndex } from '../model.js';
import type { Blueprint } from '../schema/blueprint.js';
import type { ResolvedPolicy } from './policies-resolve.js';

/** What every semantic validator gets: the parsed blueprint, its index and positions. */
export interface ValidationContext {
  bp: Blueprint;
  idx: BlueprintIndex;
  limits: Limits;
  /** Blueprint file as displayed in messages. */
  file: string;
  /** Folder that relative paths (policy files) resolve against. */
  dir: string;
  locate: (path: DocPath) => SourcePosition;
  locateKey: (path: DocPath) => SourcePosition;
  /** Today as YYYY-MM-DD (injected so validation stays a pure function). */
  today: string;
  /** Every organization policy with its document resolved. */
  policies: ResolvedPolicy[];
}

/** A semantic validator: one concern, registered in `semantic.ts`. */
export interface Validator {
  id: string;
  description: string;
  run: (ctx: ValidationContext) => Diagnostic[];
}

/** Build an error or warning at a blueprint path. */
export function problem(
  ctx: ValidationContext,
  severity: Diagnostic['severity'],
  code: string,
  path: DocPath,
  message: string,
  hint?: string,
): Diagnostic {
  return {
    severity,
    code,
    message,
    at: ctx.locate(path),
    path: formatPath(path),
    ...(hint ? { hint } : {}),
  };
}
