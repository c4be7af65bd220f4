import type { Command } from 'commander';
import type { Report } from '../report/index.js';
import { VERSION } from '../version.js';
import {
  reportingAction,
  withOutputOptions,
  type CommandOutcome,
} from '../cli/command.js';
import { loadDriftConfig } from './config.js';
import { DRIFT_RULES, renderDriftText, toFindings } from './report.js';
import { runDrift, type DriftOptions } from './run.js';
import { displayPath } from './sql/files.js';
import { updateSchema } from './update/update.js';
import { resolve } from 'node:path';

interface DriftFlags {
  migrations?: string;
  schema?: string;
  scratchUrl?: string;
  liveUrl?: string;
  update?: boolean;
  stubExtension?: string[];
  skipExtension?: string[];
  cache?: boolean;
  config?: string;
}

const EXAMPLES = `
Examples:
  $ shipshape drift                                compare supabase/migrations with supabase/schema.sql
  $ shipshape drift --schema supabase/schemas      compare with declarative schemas
  $ shipshape drift --update                       rewrite supabase/schema.sql from the migrations
  $ shipshape drift --live-url "$READONLY_DB_URL"  compare with the deployed database (read-only)
  $ shipshape drift --scratch-url postgres://postgres@127.0.0.1:5432/postgres
                                                   apply on a real server instead of PGlite
  $ shipshape drift --stub-extension pg_net        stand in pg_net, which PGlite lacks

Lines read + (the target has it, the migrations do not), - (the migrations
create it, the target lacks it) and ~ (both have it, differently).
URLs may also come from SHIPSHAPE_DRIFT_SCRATCH_URL and SHIPSHAPE_DRIFT_LIVE_URL.
Exit codes: 0 in sync, 1 drift, 2 could not run.`;

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  value,
];

/** Registers `shipshape drift`. */
export function registerDrift(program: Command): void {
  const command = program
    .command('drift')
    .description(
      'detect drift between Supabase migrations and the canonical schema or a live database',
    )
    .option(
      '--migrations <dir>',
      'migrations folder (default: supabase/migrations)',
    )
    .option(
      '--schema <file>',
      'canonical schema file or declarative schemas folder (default: supabase/schema.sql, else supabase/schemas/)',
    )
    .option(
      '--scratch-url <url>',
      'apply on this PostgreSQL server (a scratch database is created and dropped) instead of embedded PGlite',
    )
    .option(
      '--live-url <url>',
      'compare with this deployed database, read-only, instead of the schema file',
    )
    .option('--update', 'rewrite the canonical schema file from the migrations')
    .option(
      '--stub-extension <name>',
      'stand in an extension the scratch engine lacks (repeatable)',
      collect,
    )
    .option(
      '--skip-extension <name>',
      'leave out CREATE EXTENSION for this extension (repeatable)',
      collect,
    )
    .option(
      '--no-cache',
      'rebuild the prepared prelude state instead of reusing it',
    )
    .option(
      '--config <file>',
      'shipshape config file (default: nearest shipshape.config.*)',
    );
  withOutputOptions(command)
    .addHelpText('after', EXAMPLES)
    .action(reportingAction<DriftFlags>(driftAction));
}

async function driftAction(
  flags: DriftFlags,
  _args: string[],
  context: { cwd: string; logger: DriftOptions['logger'] },
): Promise<CommandOutcome> {
  const started = Date.now();
  const config = loadDriftConfig(context.cwd, flags.config);
  const options: DriftOptions = {
    cwd: context.cwd,
    migrations: flags.migrations ?? config.migrations ?? 'supabase/migrations',
    schema: flags.schema ?? config.schema,
    scratchUrl:
      flags.scratchUrl ??
      (process.env.SHIPSHAPE_DRIFT_SCRATCH_URL || undefined),
    liveUrl:
      flags.liveUrl ?? (process.env.SHIPSHAPE_DRIFT_LIVE_URL || undefined),
    extensions: {
      stub: new Set([...(flags.stubExtension ?? []), ...config.stubExtensions]),
      skip: new Set([...(flags.skipExtension ?? []), ...config.skipExtensions]),
    },
    logger: context.logger,
    useCache: flags.cache !== false,
  };
  const migrationsDisplay = displayPath(
    resolve(options.cwd, options.migrations),
    options.cwd,
  );

  if (flags.update) {
    const result = await updateSchema(options);
    const report = baseReport(started, result.migrations.length, []);
    report.drift = {
      from: migrationsDisplay,
      to: result.file,
      updated: result.written,
      backup: result.backup,
    };
    if (result.remaining.length > 0) {
      report.warnings = [
        {
          code: 'DRIFT_UPDATE_INEXACT',
          message: `${result.file} does not reproduce ${result.remaining.length} detail(s) of the migrations exactly (first: ${result.remaining[0].key}); run \`shipshape drift\` to see them.`,
        },
      ];
    }
    const said = result.written
      ? `wrote ${result.file}`
      : `${result.file} already up to date`;
    const backup = result.backup
      ? ` (previous content kept in ${displayPath(result.backup, options.cwd)})`
      : '';
    return {
      report,
      rules: DRIFT_RULES,
      text: (r) =>
        `shipshape drift: ${said}${backup}\n${(r.warnings ?? []).map((w) => `warning: ${w.message}\n`).join('')}`,
    };
  }

  const run = await runDrift(options);
  const to =
    run.target === 'live'
      ? 'live database'
      : displayPath(run.canonical?.path ?? '', options.cwd);
  const findings = toFindings(run.changes, {
    migrations: run.migrations,
    schemaFiles: run.schemaFiles,
    fallback: migrationsDisplay,
  });
  const report = baseReport(
    started,
    run.migrations.length + run.schemaFiles.length,
    findings,
  );
  report.stats.bytes = [...run.migrations, ...run.schemaFiles].reduce(
    (sum, f) => sum + Buffer.byteLength(f.text),
    0,
  );
  report.stats.statements = run.statements;
  report.drift = {
    from: `${migrationsDisplay} (${run.migrations.length} files)`,
    to,
    engine: run.engine,
    extra: run.changes.filter((c) => c.type === 'added').length,
    missing: run.changes.filter((c) => c.type === 'removed').length,
    changed: run.changes.filter((c) => c.type === 'changed').length,
  };
  return { report, rules: DRIFT_RULES, text: renderDriftText };
}

function baseReport(
  started: number,
  files: number,
  findings: Report['findings'],
): Report {
  return {
    tool: 'shipshape',
    command: 'drift',
    version: VERSION,
    ok: findings.length === 0,
    findings,
    stats: { files, bytes: 0, skipped: [], durationMs: Date.now() - started },
  };
}
