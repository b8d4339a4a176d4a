import { VERSION } from '../core/version.js';
import { Command, CommanderError } from 'commander';
import { EXIT, AwsAccessError, InputError } from '../core/errors.js';
import { printDiagnostics } from './io.js';
import { registerCommands } from './commands.js';

/**
 * The one top-level handler: bad input exits 2 without a stack trace, AWS access
 * problems 3, anything else is a bug (70) with a short report to paste into an issue.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('orgward')
    .description(
      'AWS multi-account security strategy as code: declare, deploy, observe, prove, detect',
    )
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let code: number = EXIT.ok;
  registerCommands(program, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    return handleError(err);
  }
}

function handleError(err: unknown): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
    if (err.code === 'commander.help') return EXIT.ok;
    return EXIT.badInput;
  }
  if (err instanceof InputError) {
    if (err.diagnostics.length > 0) printDiagnostics(err.diagnostics);
    if (err.message) process.stderr.write(`orgward: ${err.message}\n`);
    return EXIT.badInput;
  }
  if (err instanceof AwsAccessError) {
    process.stderr.write(`orgward: AWS access: ${err.message}\n`);
    return EXIT.awsAccess;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(
    `orgward: internal error (a bug; please report it with this text)\n` +
      `  version: ${VERSION}, node ${process.version}, ${process.platform}\n` +
      `  ${e.stack ?? e.message}\n`,
  );
  return EXIT.internal;
}
