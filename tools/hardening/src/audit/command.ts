import { Command, Option } from 'commander';
import {
  reportingAction,
  withOutputOptions,
  commandContext,
} from '../cli/command.js';
import { ShipshapeError } from '../errors.js';
import { DEFAULT_HTTP } from './advisories/http.js';
import { sourceKey } from './advisories/key.js';
import { SourceError } from './advisories/model.js';
import { checkHttpUrl, resolveSourceSpec } from './advisories/resolve.js';
import {
  cacheDir,
  OSV_NPM_URL,
  readSnapshotMeta,
  snapshotAgeDays,
  syncSnapshot,
} from './advisories/snapshot.js';
import { loadAuditConfig, LEVELS } from './policy/config.js';
import { formatAuditText } from './report/text.js';
import { AUDIT_RULES } from './report/rules.js';
import { runAudit } from './run.js';

interface AuditCliOptions {
  lockfile?: string;
  advisories?: string;
  level?: (typeof LEVELS)[number];
  prod?: boolean;
  project?: string;
  config?: string;
}

const AUDIT_HELP = `
Advisory sources (--advisories, else audit.advisories in shipshape.config.json,
else the snapshot from \`shipshape advisories sync\`):
  DIR              a folder of OSV JSON records
  FILE.zip         an OSV export such as osv.dev's npm/all.zip
  https://...zip   the same, downloaded for this run
  https://...      an npm bulk advisory endpoint (POST /-/npm/v1/security/advisories/bulk)
With no source the verdict is unknown (exit 2), never a pass.

Examples:
  $ shipshape advisories sync                      download the OSV npm snapshot once
  $ shipshape audit                                audit every workspace package
  $ shipshape audit --project apps/web             one project and the libraries it uses
  $ shipshape audit --advisories osv/ --level high --format sarif --output audit.sarif

Exit codes: 0 pass, 1 findings at or above --level in production dependencies,
2 unknown (no advisories, unreadable lockfile, bad option or config).`;

/** Registers `shipshape audit` and `shipshape advisories`. */
export function registerAudit(program: Command): void {
  const audit = new Command('audit')
    .description(
      'Audit the lockfile against security advisories, offline-first, per project.',
    )
    .option(
      '--lockfile <file>',
      'pnpm-lock.yaml, package-lock.json, npm-shrinkwrap.json or yarn.lock (default: found in the current folder)',
    )
    .option(
      '--advisories <path|url>',
      'OSV folder or zip, OSV zip URL, or npm bulk advisory endpoint URL',
    )
    .addOption(
      new Option(
        '--level <level>',
        'lowest severity that fails the run (default: audit.level, else low)',
      ).choices(LEVELS),
    )
    .option('--prod', 'leave dev dependencies out entirely')
    .option(
      '--project <dir>',
      "audit one workspace package's closure: its own dependencies plus the workspace libraries it uses",
    )
    .option(
      '--config <file>',
      'shipshape config file (default: shipshape.config.json in the current folder)',
    )
    .addHelpText('after', AUDIT_HELP);
  withOutputOptions(audit).action(
    reportingAction<AuditCliOptions>(async (options, _args, context) => {
      const result = await runAudit({
        ...options,
        root: context.cwd,
        logger: context.logger,
      });
      // The report (stdout) explains an unknown verdict; the one-sentence
      // reason goes to stderr too, like every other exit-2 error.
      if (result.exitCode === 2) {
        const reason = result.report.unknown as
          | { reason: string; remedy: string }
          | undefined;
        if (reason)
          process.stderr.write(
            `shipshape: audit verdict unknown: ${reason.reason}; ${reason.remedy}.\n`,
          );
      }
      return {
        report: result.report,
        exitCode: result.exitCode,
        rules: AUDIT_RULES,
        text: formatAuditText,
      };
    }),
  );
  program.addCommand(audit);
  program.addCommand(advisoriesCommand());
}

function advisoriesCommand(): Command {
  const advisories = new Command('advisories').description(
    'Manage the local advisory snapshot used by `shipshape audit`.',
  );

  advisories
    .command('sync')
    .description(
      'Download the OSV npm advisory export into the local cache (.shipshape/cache/advisories).',
    )
    .option(
      '--url <url>',
      `where to download from (default: audit.syncUrl, else ${OSV_NPM_URL})`,
    )
    .option('--config <file>', 'shipshape config file')
    .addHelpText(
      'after',
      '\nExamples:\n  $ shipshape advisories sync\n  $ shipshape advisories sync --url https://mirror.example.com/osv/npm/all.zip',
    )
    .action(
      async (options: { url?: string; config?: string }, command: Command) => {
        const context = commandContext(command);
        const { config } = loadAuditConfig(context.cwd, options.config);
        const url = options.url ?? config.syncUrl ?? OSV_NPM_URL;
        checkHttpUrl(url, options.url ? '--url' : 'audit.syncUrl');
        const dir = cacheDir(context.cwd, config.cacheDir);
        try {
          const meta = await syncSnapshot(url, dir, {
            ...DEFAULT_HTTP,
            retries: config.retries,
            timeoutMs: Math.max(config.timeoutMs, 120_000),
            onRetry: (attempt, reason, delayMs) =>
              context.logger.debug(
                { attempt, reason, delayMs },
                'download failed; retrying',
              ),
          });
          process.stdout.write(
            `shipshape advisories: synced ${meta.records} OSV records from ${meta.sourceUrl} (sha256 ${meta.sha256.slice(0, 12)}, ${meta.bytes} bytes) into ${dir}\n`,
          );
        } catch (error) {
          if (!(error instanceof SourceError)) throw error;
          throw new ShipshapeError(
            'SOURCE_UNAVAILABLE',
            `--url ${error.location}: ${error.reason}; check the URL or your network, or pass a reachable mirror with --url (the previous snapshot, if any, was kept).`,
            { cause: error },
          );
        }
      },
    );

  advisories
    .command('status')
    .description(
      'Show the synced snapshot: source, fetch time, record count, hash and age.',
    )
    .option('--config <file>', 'shipshape config file')
    .action((options: { config?: string }, command: Command) => {
      const context = commandContext(command);
      const { config } = loadAuditConfig(context.cwd, options.config);
      const dir = cacheDir(context.cwd, config.cacheDir);
      const meta = readSnapshotMeta(dir);
      if (!meta) {
        process.stdout.write(
          `shipshape advisories: no snapshot in ${dir}; run \`shipshape advisories sync\`.\n`,
        );
        process.exitCode = 2;
        return;
      }
      const age = snapshotAgeDays(meta, new Date());
      const stale =
        age > config.maxSnapshotAgeDays
          ? ` (older than ${config.maxSnapshotAgeDays} days: sync again)`
          : '';
      process.stdout.write(
        `${JSON.stringify({ ...meta, dir, ageDays: age }, null, 2)}\nshipshape advisories: snapshot is ${age} days old${stale}\n`,
      );
    });

  advisories
    .command('key')
    .description(
      'Print a one-line identity of the configured advisory data (the Nx cache input of audit targets).',
    )
    .option('--config <file>', 'shipshape config file')
    .action((options: { config?: string }, command: Command) => {
      const context = commandContext(command);
      const { config } = loadAuditConfig(context.cwd, options.config);
      const spec = resolveSourceSpec(
        config.advisories,
        context.cwd,
        cacheDir(context.cwd, config.cacheDir),
        'audit.advisories',
      );
      process.stdout.write(`${sourceKey(spec, new Date())}\n`);
    });

  return advisories;
}
