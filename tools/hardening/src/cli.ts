import { Command } from 'commander';
import { commandsFor } from './cli/commands.js';
import { reportFailure } from './cli/errors.js';
import { VERSION } from './version.js';

const EXAMPLES = `
Examples:
  $ shipshape scan                       scan the current folder for secrets
  $ shipshape scan --staged              scan what is about to be committed
  $ shipshape audit --advisories osv/    audit the lockfile against OSV records
  $ shipshape hygiene --fix              untrack committed artifacts safely
  $ shipshape drift                      compare migrations with supabase/schema.sql

Exit codes: 0 nothing violates the policy, 1 findings, 2 could not run as asked.`;

/** The program with the commands this command line needs (all by default). */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command('shipshape')
    .description(
      'Production hardening for Next.js + Supabase monorepos: secrets, ' +
        'dependency audit, repository hygiene and schema drift.',
    )
    .version(VERSION, '-V, --version')
    .option('--verbose', 'log details and stack traces to stderr')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXAMPLES)
    .exitOverride();

  for (const entry of commandsFor(argv)) (await entry.load())(program);

  overrideExits(program.commands);
  return program;
}

// Commander exits the process on usage errors; we map them to exit code 2.
function overrideExits(commands: readonly Command[]): void {
  for (const command of commands) {
    command.exitOverride();
    overrideExits(command.commands);
  }
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return reportFailure(error, argv.includes('--verbose'));
  }
}
