import type { Diagnostic } from './diagnostics.js';

/** Exit codes of the command-line contract. */
export const EXIT = { ok: 0, findings: 1, badInput: 2, awsAccess: 3, internal: 70 } as const;

/** Bad user input: printed without a stack trace, exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly diagnostics: readonly Diagnostic[] = [],
  ) {
    super(message);
  }
}

/** An AWS access problem (exit 3): names the account, role and API. */
export class AwsAccessError extends Error {
  override readonly name = 'AwsAccessError';
  constructor(
    message: string,
    readonly details: { accountId?: string; role?: string; api?: string } = {},
  ) {
    super(message);
  }
}
