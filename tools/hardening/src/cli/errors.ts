import { CommanderError } from 'commander';
import { isShipshapeError } from '../errors.js';

/**
 * Maps anything thrown by a command to exit code 2 and one sentence on
 * stderr. Stacks only with --verbose: they can quote input.
 */
export function reportFailure(error: unknown, verbose: boolean): number {
  if (error instanceof CommanderError) {
    const done =
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help';
    return done ? 0 : 2;
  }

  if (isShipshapeError(error)) {
    process.stderr.write(`shipshape: ${error.message}\n`);
    if (verbose && error.cause instanceof Error) {
      process.stderr.write(`${error.cause.stack ?? error.cause.message}\n`);
    }
    return 2;
  }

  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `shipshape: internal error (${message}); run again with --verbose and report it.\n`,
  );
  if (verbose && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return 2;
}
