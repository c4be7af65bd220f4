import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the target builders know about one project. */
export interface ProjectFacts {
  /** Relative to the workspace root, '.' for the root project. */
  root: string;
  workspaceRoot: string;
  packageJson?: PackageJsonFacts;
  /** Roots of every other project, so root-level targets can leave them out. */
  otherProjectRoots: string[];
  /** How the hardening engines enter task hashes (see engineInputs). */
  engine: EngineLocation;
}

export interface PackageJsonFacts {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

export type EngineLocation =
  | { kind: 'source'; root: string }
  | { kind: 'package'; name: string };

const PACKAGE_NAME = '@shipshape/hardening';

/**
 * Inside the shipshape workspace the engines are source files, so a change
 * to one must re-run the targets using it; elsewhere the installed package
 * version is the input.
 */
export function locateEngine(workspaceRoot: string): EngineLocation {
  const here = dirname(fileURLToPathSafe());
  const packageRoot = join(here, '..', '..');
  const fromWorkspace = relative(workspaceRoot, packageRoot);
  const inside =
    !fromWorkspace.startsWith('..') &&
    !fromWorkspace.split(sep).includes('node_modules') &&
    existsSync(join(packageRoot, 'src'));
  if (inside)
    return { kind: 'source', root: fromWorkspace.split(sep).join('/') };
  return { kind: 'package', name: PACKAGE_NAME };
}

/** Inputs that change when the named engine (and the shared parts) change. */
export function engineInputs(
  engine: EngineLocation,
  engineFolders: readonly string[],
): Array<string | { externalDependencies: string[] }> {
  if (engine.kind === 'package') {
    return [{ externalDependencies: [engine.name] }];
  }
  const folders = [...engineFolders, 'report', 'cli', 'config'];
  return [
    `{workspaceRoot}/${engine.root}/package.json`,
    `{workspaceRoot}/${engine.root}/bin/**/*`,
    `{workspaceRoot}/${engine.root}/src/cli.ts`,
    ...folders.map(
      (folder) => `{workspaceRoot}/${engine.root}/src/${folder}/**/*`,
    ),
  ];
}

export function readPackageJson(file: string): PackageJsonFacts | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PackageJsonFacts;
  } catch {
    return undefined;
  }
}

export function hasDependencies(facts: ProjectFacts): boolean {
  const pkg = facts.packageJson;
  if (!pkg) return false;
  return [pkg.dependencies, pkg.devDependencies, pkg.optionalDependencies].some(
    (group) => group && Object.keys(group).length > 0,
  );
}

// import.meta.url is unavailable when Nx loads this file as CommonJS.
function fileURLToPathSafe(): string {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    return __filename;
  }
}

/**
 * Where a target's machine-readable reports go: declared as Nx outputs so a
 * cache hit restores them, and read by `pnpm harden` and the CI merge step.
 * The arguments are relative to the folder the command runs in, so no
 * absolute path enters the task's hash or its terminal output.
 */
export function reportFiles(
  facts: Pick<ProjectFacts, 'root'>,
  target: string,
  cwd: 'workspace' | 'project' = 'workspace',
): { args: string; outputs: string[] } {
  const folder = `dist/shipshape/${facts.root === '.' ? '_workspace' : facts.root}`;
  const json = `${folder}/${target}.json`;
  const sarif = `${folder}/${target}.sarif`;
  const depth =
    cwd === 'project' && facts.root !== '.' ? facts.root.split('/').length : 0;
  const up = '../'.repeat(depth);
  return {
    args: `--json-file ${up}${json} --sarif-file ${up}${sarif}`,
    outputs: [`{workspaceRoot}/${json}`, `{workspaceRoot}/${sarif}`],
  };
}
