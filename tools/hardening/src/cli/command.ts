import { createLogger, type Logger } from '@shipshape/logger';
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolve } from 'node:path';
import { checkWriteTarget } from '../report/own-files.js';
import type { Report } from '../report/index.js';
import {
  emitReport,
  FORMATS,
  type Format,
  type OutputOptions,
  type Rendering,
} from './output.js';

/** What every command handler gets besides its own options. */
export interface CommandContext {
  logger: Logger;
  cwd: string;
  verbose: boolean;
}

export interface CommandOutcome extends Rendering {
  report: Report;
  /** Defaults to 0 when the report is ok, 1 otherwise; 2 for unknown verdicts. */
  exitCode?: 0 | 1 | 2;
}

export type ReportingHandler<Options> = (
  options: Options & OutputOptions,
  args: string[],
  context: CommandContext,
) => Promise<CommandOutcome>;

/** Adds the output options every reporting command shares. */
export function withOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'report format')
        .choices(FORMATS)
        .default('text'),
    )
    .option('--output <file>', 'write the report to FILE instead of stdout')
    .option('--json-file <file>', 'also write the JSON report to FILE')
    .option('--sarif-file <file>', 'also write the SARIF report to FILE');
}

/**
 * Wraps a handler that produces a report: renders it in the chosen format
 * and turns the verdict into the exit code shared by every command.
 */
export function reportingAction<Options>(
  handler: ReportingHandler<Options>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const options = command.opts() as Options & OutputOptions;
    const context = commandContext(command);
    checkReportTargets(options, context.cwd);
    const outcome = await handler(options, command.args, context);
    emitReport(outcome.report, options, outcome);
    process.exitCode = outcome.exitCode ?? (outcome.report.ok ? 0 : 1);
  };
}

/**
 * Before any work: a report may only replace a new path or a previous
 * shipshape report of the same kind, never a user's file (`--output
 * README.md`). Shared by every command that writes reports.
 */
function checkReportTargets(options: OutputOptions, cwd: string): void {
  const targets: Array<[string, string | undefined, Format]> = [
    ['--output', options.output, options.format ?? 'text'],
    ['--json-file', options.jsonFile, 'json'],
    ['--sarif-file', options.sarifFile, 'sarif'],
  ];
  for (const [option, file, kind] of targets) {
    if (file) checkWriteTarget(option, resolve(cwd, file), kind, file);
  }
}

export function commandContext(command: Command): CommandContext {
  const verbose = Boolean(command.optsWithGlobals().verbose);
  return {
    verbose,
    cwd: process.cwd(),
    logger: createLogger({
      service: 'shipshape',
      level: verbose ? 'debug' : 'warn',
      destination: process.stderr,
    }),
  };
}
