import { Command } from 'commander';
import { reportingAction, withOutputOptions } from '../cli/command.js';
import { ENV_RULES } from './rules.js';
import { runValidateEnv } from './run.js';
import { formatValidateEnvText } from './text.js';

interface ValidateEnvCliOptions {
  envFile?: string[];
  schema?: string;
  export?: string;
  config?: string;
}

const HELP = `
Without --env-file the variables of this process are checked (as in CI or a
deploy step). Without --schema (or env.schema in shipshape.config.json) only
the secret-shape checks run: server secrets in NEXT_PUBLIC_* variables and
privileged Supabase keys where the anon key belongs. Values are never printed.

On Node 20 to 26, Node itself exits 9 when a script argument named
--env-file points at a missing file (nodejs/node#54232): use -f FILE there.

Examples:
  $ shipshape validate-env -f .env.local
  $ shipshape validate-env --schema apps/web/src/env.schema.ts -f apps/web/.env
  $ shipshape validate-env --format json --output reports/env.json

Exit codes: 0 valid, 1 invalid, 2 could not run (unreadable file, bad schema or option).`;

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/** Registers `shipshape validate-env`. */
export function registerValidateEnv(program: Command): void {
  const command = new Command('validate-env')
    .description(
      'Check environment variables against the app schema and for secrets in the wrong place, never printing a value.',
    )
    .option(
      '-f, --env-file <file>',
      'dotenv file to check instead of the process environment (repeatable; later files win)',
      collect,
    )
    .option(
      '--schema <module>',
      'module exporting a defineEnv() definition or a zod schema',
    )
    .option(
      '--export <name>',
      'which export of --schema to use (default: the only schema export)',
    )
    .option(
      '--config <file>',
      'shipshape config file (default: shipshape.config.json in the current folder)',
    )
    .addHelpText('after', HELP);
  withOutputOptions(command).action(
    reportingAction<ValidateEnvCliOptions>(async (options, _args, context) => {
      const report = await runValidateEnv({
        root: context.cwd,
        logger: context.logger,
        envFiles: options.envFile,
        schema: options.schema,
        exportName: options.export,
        config: options.config,
      });
      return { report, rules: ENV_RULES, text: formatValidateEnvText };
    }),
  );
  program.addCommand(command);
}
