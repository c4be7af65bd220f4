import { Command } from 'commander';
import { reportingAction, withOutputOptions } from '../cli/command.js';
import { loadDbGuardConfig } from './config.js';
import { DB_GUARD_RULES, safeRun } from './run.js';
import { formatDbGuardText } from './text.js';

interface DbGuardCliOptions {
  url?: string;
  confirmProduction?: string;
  production?: boolean;
  notProduction?: boolean;
  dryRun?: boolean;
  config?: string;
}

const HELP = `
Destructive statements: DROP, TRUNCATE, DELETE or UPDATE without WHERE (or with
a constant-true WHERE: TRUE, 1 = 1, 'a' = 'a', TRUE OR ..., NOT FALSE), ALTER ...
DROP, including inside DO blocks and constant strings they EXECUTE. EXECUTE of
SQL built at run time (format(), variables) cannot be verified and is refused on
production like a destructive statement. Comments, strings and dollar-quoted
bodies are lexed, never matched as keywords.

Production is read from the URL (a prod/production/live word in the host,
database or user; a hosted Supabase host db.<ref>.supabase.co or
*.pooler.supabase.com unless dbGuard.nonProductionHosts or --not-production
marks it as staging), dbGuard.productionHosts in shipshape.config.json,
--production, or SHIPSHAPE_DB_ENV, APP_ENV, DEPLOY_ENV, ENVIRONMENT, VERCEL_ENV,
SUPABASE_ENV, NODE_ENV set to production/prod/live.

Examples:
  $ shipshape db:safe-run migrations/0042_cleanup.sql
  $ shipshape db:safe-run cleanup.sql --dry-run --format json
  $ shipshape db:safe-run cleanup.sql --confirm-production db.example.com:5432/app

Exit codes: 0 ran (or would run), 1 refused: destructive statements against
production without confirmation, 2 could not run (bad file, SQL error, no database).`;

/** Registers `shipshape db:safe-run FILE`. */
export function registerDbGuard(program: Command): void {
  const command = new Command('db:safe-run')
    .description(
      'Run a SQL file with pg, refusing destructive statements against production unless confirmed by name.',
    )
    .argument('<file>', 'the SQL file to run')
    .option(
      '--url <url>',
      'PostgreSQL URL (default: DATABASE_URL); never printed',
    )
    .option(
      '--confirm-production <host:port/database>',
      'allow destructive statements on this production database, named as the refusal shows it',
    )
    .option(
      '--production',
      'treat the target as production whatever its URL says',
    )
    .option(
      '--not-production',
      'a hosted Supabase project (db.<ref>.supabase.co, *.pooler.supabase.com) that is not production, e.g. staging',
    )
    .option(
      '--dry-run',
      'analyse and decide, but do not connect or run anything',
    )
    .option(
      '--config <file>',
      'shipshape config file (default: shipshape.config.json in the current folder)',
    )
    .addHelpText('after', HELP);
  withOutputOptions(command).action(
    reportingAction<DbGuardCliOptions>(async (options, args, context) => {
      const url = options.url ?? process.env.DATABASE_URL;
      const { productionHosts, nonProductionHosts } = loadDbGuardConfig(
        context.cwd,
        options.config,
      );
      const report = await safeRun({
        file: args[0],
        url,
        env: process.env,
        confirm: options.confirmProduction,
        forceProduction: options.production,
        notProduction: options.notProduction,
        productionHosts,
        nonProductionHosts,
        dryRun: options.dryRun,
        cwd: context.cwd,
        logger: context.logger,
      });
      return { report, rules: DB_GUARD_RULES, text: formatDbGuardText };
    }),
  );
  program.addCommand(command);
}
