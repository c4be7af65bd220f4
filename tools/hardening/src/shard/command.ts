import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Option, type Command } from 'commander';
import { commandContext, withOutputOptions } from '../cli/command.js';
import { emitReport, type OutputOptions } from '../cli/output.js';
import { ShipshapeError } from '../errors.js';
import { VERSION } from '../version.js';
import { mergeByCommand, mergeReports } from './merge.js';
import { planShards, type ProjectShard } from './plan.js';
import { listReportFiles, readReports } from './read.js';
import { formatSarifRuns } from './sarif.js';

const MERGE_EXAMPLES = `
Examples:
  $ shipshape merge-reports reports/ --format sarif --output shipshape.sarif
  $ shipshape merge-reports shard-1.json shard-2.json --format json

Reads shipshape JSON and SARIF reports (folders are searched for *.json and
*.sarif), drops findings reported by more than one shard, and exits 1 when
the merged report has findings, like the commands that wrote them.`;

const SHARD_EXAMPLES = `
Examples:
  $ pnpm nx show projects --affected -t lint test scan --json \\
      | shipshape shard --total 3
  $ shipshape shard --total 4 --projects affected.json --weights timings.json --github-output

Prints a JSON array of {"shard","index","total","projects","weight"}; the
same input always gives the same shards.`;

/** `shipshape merge-reports` and `shipshape shard`: the CI sharding pair. */
export function registerShardCommands(program: Command): void {
  registerMerge(program);
  registerShard(program);
}

function registerMerge(program: Command): void {
  const command = program
    .command('merge-reports')
    .description(
      'combine shard reports (JSON or SARIF) into one, without duplicates',
    )
    .argument('<paths...>', 'report files or folders holding them');
  withOutputOptions(command).addHelpText('after', MERGE_EXAMPLES);
  command.action(
    async (paths: string[], options: OutputOptions, cmd: Command) => {
      const context = commandContext(cmd);
      const files = listReportFiles(paths);
      if (files.length === 0) {
        throw new ShipshapeError(
          'UNREADABLE_INPUT',
          `${paths.join(' ')}: no *.json or *.sarif report found; pass the shard reports' paths.`,
        );
      }
      const reports = files.flatMap((file) => readReports(file));
      context.logger.debug(
        { files: files.length, reports: reports.length },
        'merging',
      );
      const report = mergeReports(reports, VERSION);
      // SARIF keeps one run per command, which the shared renderer cannot do.
      const sarif = () => formatSarifRuns(mergeByCommand(reports, VERSION));
      if (options.format === 'sarif') {
        writeOrPrint(options.output, sarif());
        if (options.jsonFile)
          emitReport(report, { format: 'json', output: options.jsonFile });
      } else {
        emitReport(report, { ...options, sarifFile: undefined });
      }
      if (options.sarifFile) writeOrPrint(options.sarifFile, sarif());
      process.exitCode = report.ok ? 0 : 1;
    },
  );
}

function writeOrPrint(file: string | undefined, body: string): void {
  if (!file) {
    process.stdout.write(body);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `${file}: cannot write the report there; choose a writable path.`,
      { cause },
    );
  }
}

interface ShardOptions {
  total: string;
  projects?: string;
  weights?: string;
  githubOutput?: boolean;
}

function registerShard(program: Command): void {
  program
    .command('shard')
    .description(
      'split a project list (nx show projects --json) into balanced, deterministic shards',
    )
    .requiredOption('--total <n>', 'number of shards (CI jobs)')
    .option(
      '--projects <file>',
      'JSON array of project names (default: read stdin)',
    )
    .option(
      '--weights <file>',
      'JSON object of project name -> relative cost (default 1)',
    )
    .addOption(
      new Option(
        '--github-output',
        'also append matrix=<json> for a GitHub Actions matrix to $GITHUB_OUTPUT',
      ),
    )
    .addHelpText('after', SHARD_EXAMPLES)
    .action(async (options: ShardOptions, command: Command) => {
      const context = commandContext(command);
      const total = Number(options.total);
      const projects = readJson<string[]>(options.projects, '--projects');
      if (
        !Array.isArray(projects) ||
        projects.some((p) => typeof p !== 'string')
      ) {
        throw new ShipshapeError(
          'BAD_OPTION',
          `${options.projects ?? 'stdin'}: expected a JSON array of project names, as nx show projects --json prints.`,
        );
      }
      const weights = options.weights
        ? readJson<Record<string, number>>(options.weights, '--weights')
        : {};
      const shards = planShards(projects, total, weights);
      context.logger.debug({ projects: projects.length, total }, 'sharded');
      const rows = shards.map(toRow);
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      if (options.githubOutput) writeGithubOutput(rows);
    });
}

function toRow(shard: ProjectShard) {
  return {
    shard: `${shard.index}/${shard.total}`,
    index: shard.index,
    total: shard.total,
    projects: shard.projects.join(','),
    weight: shard.weight,
  };
}

function writeGithubOutput(
  rows: ReadonlyArray<ReturnType<typeof toRow>>,
): void {
  const file = process.env['GITHUB_OUTPUT'];
  if (!file) {
    throw new ShipshapeError(
      'BAD_OPTION',
      '--github-output: GITHUB_OUTPUT is not set; use it inside a GitHub Actions step or drop the flag.',
    );
  }
  const include = rows.filter((row) => row.projects.length > 0);
  const lines = `matrix=${JSON.stringify({ include })}\ncount=${include.length}\n`;
  writeFileSync(file, lines, { flag: 'a' });
}

function readJson<T>(file: string | undefined, option: string): T {
  let text: string;
  try {
    text = readFileSync(file ?? 0, 'utf8');
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${option} ${file ?? '(stdin)'}: cannot read it; pass a readable JSON file.`,
      { cause },
    );
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `${option} ${file ?? '(stdin)'}: not valid JSON; pass the output of nx show projects --json.`,
      { cause },
    );
  }
}
