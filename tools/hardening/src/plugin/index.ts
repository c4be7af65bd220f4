import {
  createNodesFromFiles,
  type CreateNodes,
  type CreateNodesContext,
  type CreateNodesResult,
  type TargetConfiguration,
} from '@nx/devkit';
import { dirname, join } from 'node:path';
import { locateEngine, readPackageJson, type ProjectFacts } from './facts.js';
import { TARGET_BUILDERS } from './targets/index.js';

export interface HardeningPluginOptions {
  /** Rename or turn off (false) an inferred target, e.g. { scan: 'secrets' }. */
  targetNames?: Partial<Record<string, string | false>>;
}

const PROJECT_FILES = '**/{package.json,project.json}';

/**
 * Infers the hardening targets (scan, audit, hygiene, drift, ...) for every
 * project. Each engine contributes a small builder in ./targets.
 */
export const createNodes: CreateNodes<HardeningPluginOptions> = [
  PROJECT_FILES,
  async (configFiles, options, context) => {
    const roots = projectRoots(configFiles);
    const results = await createNodesFromFiles(
      (file, opts, ctx) => inferProject(file, roots, opts ?? {}, ctx),
      configFiles,
      options ?? {},
      context,
    );
    return results;
  },
];

/** Nx 21-22 look for this name; it is the same batched function. */
export const createNodesV2 = createNodes;

function projectRoots(configFiles: readonly string[]): string[] {
  return [...new Set(configFiles.map((file) => dirname(file)))].sort();
}

function inferProject(
  configFile: string,
  allRoots: readonly string[],
  options: HardeningPluginOptions,
  context: CreateNodesContext,
): CreateNodesResult {
  const root = dirname(configFile);
  const absoluteRoot = join(context.workspaceRoot, root);
  const packageJson = readPackageJson(join(absoluteRoot, 'package.json'));
  const isProject =
    configFile.endsWith('project.json') || hasNxProject(packageJson, root);
  if (!isProject) return {};

  const facts: ProjectFacts = {
    root,
    workspaceRoot: context.workspaceRoot,
    packageJson,
    otherProjectRoots: allRoots.filter((other) => other !== root),
    engine: locateEngine(context.workspaceRoot),
  };

  const targets: Record<string, TargetConfiguration> = {};
  for (const build of TARGET_BUILDERS) {
    for (const [name, target] of Object.entries(build(facts))) {
      const renamed = options.targetNames?.[name];
      if (renamed === false) continue;
      targets[renamed ?? name] = target;
    }
  }
  if (Object.keys(targets).length === 0) return {};
  return { projects: { [root]: { targets } } };
}

// A package.json makes a project for Nx when it is a workspace package or
// carries an "nx" key; the root one only with the "nx" key.
function hasNxProject(
  packageJson: ReturnType<typeof readPackageJson>,
  root: string,
): boolean {
  if (!packageJson) return false;
  if (root === '.') return 'nx' in (packageJson as object);
  return true;
}
