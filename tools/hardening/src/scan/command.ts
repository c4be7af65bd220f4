import { Command } from 'commander';
import { reportingAction, withOutputOptions } from '../cli/command.js';
import { ShipshapeError } from '../errors.js';
import { runScan, ruleDescriptors, type ScanOptions } from './engine.js';
import { formatScanText } from './text.js';
import { historyShardHooks } from './history-shard.js';

// The engine's options as commander parses them: strings where the engine
// takes numbers, plus what only the command handles (shards, text output).
type ScanCliOptions = Omit<
  ScanOptions,
  'cwd' | 'paths' | 'workers' | 'selectCommits' | 'extraCommitItems' | 'logger'
> & {
  workers?: string;
  shard?: string;
  mergeResolutions?: boolean;
  showSuppressed?: boolean;
};

const HELP = `
Examples:
  $ shipshape scan                          scan the current folder (respects .gitignore)
  $ shipshape scan apps/web --include-ignored   also scan ignored files such as .env.local
  $ shipshape scan --staged                 pre-commit: scan what is staged in the index
  $ shipshape scan --history --since v1.2.0 scan lines added by commits after v1.2.0
  $ shipshape scan --write-baseline .shipshape/scan-baseline.json
  $ shipshape scan --baseline .shipshape/scan-baseline.json   only new findings fail
  $ shipshape scan --revoked .shipshape/revoked.txt --history
  $ shipshape scan --format sarif --output scan.sarif

Suppress one line with a "shipshape:allow" comment (gitleaks:allow works too),
or list fingerprints in .shipshapeignore. Exit codes: 0 clean, 1 secrets found,
2 could not scan as asked.`;

/** Registers `shipshape scan`. */
export function registerScanCommand(program: Command): void {
  const command = new Command('scan')
    .description('Find secrets in files, the git index or git history.')
    .argument(
      '[paths...]',
      'files or folders to scan (default: the current folder)',
    )
    .option(
      '--include-ignored',
      'also scan files .gitignore hides (.env.local, build output)',
    )
    .option('--history', 'scan the lines every commit added')
    .option('--since <rev>', 'with --history: only commits after REV')
    .option(
      '--shard <k/N>',
      'with --history: scan every N-th commit from the k-th (CI shards)',
    )
    .option(
      '--merge-resolutions',
      'with --history: also scan lines merges added resolving conflicts',
    )
    .option('--staged', 'scan the staged (index) version of changed files')
    .option(
      '--config <file>',
      'shipshape config file (default: shipshape.config.json in the root)',
    )
    .option(
      '--baseline <file>',
      'report findings in this baseline as suppressed; only new ones fail',
    )
    .option(
      '--write-baseline <file>',
      'write every current finding to a baseline file',
    )
    .option(
      '--revoked <file>',
      'ledger of SHA-256 hashes of revoked secrets; any occurrence is critical',
    )
    .option(
      '--exclude <glob...>',
      'leave out matching paths (relative to the scanned root)',
    )
    .option('--workers <n>', 'worker threads (0: scan on the main thread)')
    .option('--no-progress', 'never draw the progress line')
    .option(
      '--show-suppressed',
      'text output: list suppressed findings too (default: only their count; also with --verbose)',
    )
    .addHelpText('after', HELP);
  withOutputOptions(command);
  command.action(
    reportingAction<ScanCliOptions>(async (options, args, context) => {
      if (options.since && !options.history) {
        throw new ShipshapeError(
          'BAD_OPTION',
          '--since: only works with --history; add --history or drop --since.',
        );
      }
      if (options.staged && options.history) {
        throw new ShipshapeError(
          'BAD_OPTION',
          '--staged and --history: pick one mode.',
        );
      }
      if ((options.staged || options.history) && args.length > 0) {
        throw new ShipshapeError(
          'BAD_OPTION',
          '[paths]: --staged and --history scan the whole repository; drop the paths.',
        );
      }
      const workers =
        options.workers === undefined ? undefined : Number(options.workers);
      if (
        workers !== undefined &&
        (!Number.isInteger(workers) || workers < 0 || workers > 64)
      ) {
        throw new ShipshapeError(
          'BAD_OPTION',
          '--workers: pass a whole number from 0 to 64.',
        );
      }
      const { report, rules } = await runScan({
        cwd: context.cwd,
        paths: args,
        includeIgnored: options.includeIgnored,
        history: options.history,
        since: options.since,
        staged: options.staged,
        config: options.config,
        baseline: options.baseline,
        writeBaseline: options.writeBaseline,
        revoked: options.revoked,
        exclude: options.exclude,
        workers,
        progress: options.progress,
        logger: context.logger,
        ...historyShardHooks(options),
      });
      const showSuppressed = Boolean(options.showSuppressed || context.verbose);
      return {
        report,
        rules: ruleDescriptors(rules),
        text: (r) => formatScanText(r, { showSuppressed }),
      };
    }),
  );
  program.addCommand(command);
}
