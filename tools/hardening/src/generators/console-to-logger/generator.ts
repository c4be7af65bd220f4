import {
  formatFiles,
  logger,
  readJson,
  readProjectConfiguration,
  updateJson,
  visitNotIgnoredFiles,
  type Tree,
} from '@nx/devkit';
import { rewriteConsoleCalls, type Leftover } from './rewrite.js';

export interface ConsoleToLoggerSchema {
  project: string;
  loggerName?: string;
  importSource?: string;
  clientImportSource?: string;
  includeTests?: boolean;
  skipFormat?: boolean;
}

export interface ConsoleToLoggerResult {
  filesChanged: string[];
  callsRewritten: number;
  leftovers: Array<Leftover & { file: string }>;
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST =
  /\.(?:spec|test)\.[cm]?[jt]sx?$|(?:^|\/)(?:__tests__|test|tests|specs)\//;
const SKIP = /(?:^|\/)(?:node_modules|dist|out-tsc|\.next|coverage)\//;
const LOGGER_PACKAGE = '@shipshape/logger';

/**
 * `nx g @shipshape/hardening:console-to-logger --project X`: the
 * shipshape/no-console autofix over a whole project, then a list of the
 * calls it could not rewrite (file:line and why).
 */
export async function consoleToLoggerGenerator(
  tree: Tree,
  options: ConsoleToLoggerSchema,
): Promise<void> {
  const result = await consoleToLogger(tree, options);
  printSummary(result);
  if (!options.skipFormat) await formatFiles(tree);
}

export async function consoleToLogger(
  tree: Tree,
  options: ConsoleToLoggerSchema,
): Promise<ConsoleToLoggerResult> {
  const project = readProjectConfiguration(tree, options.project);
  const ruleOptions = {
    loggerName: options.loggerName ?? 'logger',
    importSource: options.importSource ?? LOGGER_PACKAGE,
    clientImportSource: options.clientImportSource ?? `${LOGGER_PACKAGE}/edge`,
  };
  const result: ConsoleToLoggerResult = {
    filesChanged: [],
    callsRewritten: 0,
    leftovers: [],
  };

  const files: string[] = [];
  visitNotIgnoredFiles(tree, project.root, (file) => {
    if (!SOURCE.test(file) || SKIP.test(file) || file.endsWith('.d.ts')) return;
    if (!options.includeTests && TEST.test(file)) return;
    files.push(file);
  });

  for (const file of files.sort()) {
    const code = tree.read(file, 'utf-8') ?? '';
    if (!code.includes('console')) continue;
    const rewrite = await rewriteConsoleCalls(code, file, ruleOptions);
    if (rewrite.output !== code) {
      tree.write(file, rewrite.output);
      result.filesChanged.push(file);
    }
    result.callsRewritten += rewrite.fixed;
    result.leftovers.push(
      ...rewrite.leftovers.map((left) => ({ ...left, file })),
    );
  }

  if (
    result.filesChanged.length > 0 &&
    ruleOptions.importSource === LOGGER_PACKAGE
  ) {
    addLoggerDependency(tree, project.root);
  }
  return result;
}

// Inside a workspace that has @shipshape/logger as a package, depend on it.
function addLoggerDependency(tree: Tree, projectRoot: string): void {
  const manifest = `${projectRoot}/package.json`;
  if (!tree.exists(manifest)) return;
  const own = readJson<{ name?: string }>(tree, manifest);
  if (own.name === LOGGER_PACKAGE) return;
  const range = tree.exists('pnpm-workspace.yaml') ? 'workspace:*' : '*';
  updateJson<{ dependencies?: Record<string, string> }>(
    tree,
    manifest,
    (json) => {
      if (json.dependencies?.[LOGGER_PACKAGE]) return json;
      json.dependencies = { ...json.dependencies, [LOGGER_PACKAGE]: range };
      return json;
    },
  );
}

function printSummary(result: ConsoleToLoggerResult): void {
  const files = result.filesChanged.length;
  logger.info(
    `console-to-logger: rewrote ${result.callsRewritten} console call(s) in ${files} file(s).`,
  );
  if (result.leftovers.length === 0) return;
  logger.warn(
    `console-to-logger: ${result.leftovers.length} call(s) need a hand rewrite:`,
  );
  for (const left of result.leftovers) {
    logger.warn(`  ${left.file}:${left.line}:${left.column}  ${left.message}`);
  }
}

export default consoleToLoggerGenerator;
