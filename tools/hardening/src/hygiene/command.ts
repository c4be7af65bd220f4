import type { Command } from 'commander';
import { reportingAction, withOutputOptions } from '../cli/command.js';
import { ShipshapeError } from '../errors.js';
import { loadHygieneConfig } from './config.js';
import { runHygiene } from './engine.js';
import { probeRepository } from './git.js';
import { buildReport, HYGIENE_RULES } from './report.js';
import { DEFAULT_MAX_SIZE, parseSize } from './size.js';
import { renderHygieneText } from './text.js';

interface HygieneCliOptions {
  fix?: boolean;
  history?: boolean;
  maxSize?: string;
  config?: string;
}

const EXAMPLES = `
Examples:
  $ shipshape hygiene                     list tracked artifacts and ignore gaps, and the fix plan
  $ shipshape hygiene --fix               untrack them (git rm --cached) and patch .gitignore
  $ shipshape hygiene --history           also list artifacts that live on only in history
  $ shipshape hygiene --max-size 5MB      flag tracked binaries above 5 MB (default 1 MB)
  $ shipshape hygiene --format sarif --output hygiene.sarif

Intentional files: list them under "hygiene.allow" in shipshape.config.json (docs/hygiene.md).
Exit codes: 0 clean, 1 findings, 2 could not run (not a repository, bare repository with --fix, bad option).`;

/** Registers `shipshape hygiene`. */
export function registerHygieneCommand(program: Command): void {
  const command = program
    .command('hygiene')
    .description(
      'Find committed artifacts (dependencies, build output, caches, env files, archives, logs, large binaries) and ignore rules that miss where projects live.',
    )
    .option(
      '--fix',
      'untrack the findings with git rm --cached and append the missing patterns to .gitignore',
    )
    .option(
      '--history',
      'also report artifacts that exist only in git history (never rewrites it)',
    )
    .option(
      '--max-size <size>',
      'size above which a tracked binary is reported, e.g. 500KB, 5MB',
    )
    .option(
      '--config <file>',
      'config file (default: shipshape.config.{json,yaml} in the repository root)',
    );
  withOutputOptions(command)
    .addHelpText('after', EXAMPLES)
    .action(
      reportingAction<HygieneCliOptions>(async (options, _args, context) => {
        const started = performance.now();
        const repo = await probeRepository(context.cwd);
        const config = loadHygieneConfig(
          repo.root ?? context.cwd,
          options.config,
        );
        const maxSize = resolveMaxSize(options.maxSize, config.maxSize);
        const result = await runHygiene({
          cwd: context.cwd,
          maxSize,
          fix: options.fix,
          history: options.history,
          allow: config.allow,
          logger: context.logger,
        });
        const report = buildReport(
          result,
          Math.round(performance.now() - started),
        );
        return { report, rules: HYGIENE_RULES, text: renderHygieneText };
      }),
    );
}

function resolveMaxSize(
  option: string | undefined,
  configured: number | undefined,
): number {
  if (option === undefined) return configured ?? DEFAULT_MAX_SIZE;
  const bytes = parseSize(option);
  if (bytes === undefined) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `--max-size: "${option}" is not a size; use a number of bytes or a unit, e.g. 500KB, 5MB or 2MiB.`,
    );
  }
  return bytes;
}
