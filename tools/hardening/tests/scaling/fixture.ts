import { mkdirSync } from 'node:fs';
import { commitAll, initRepo, writeFiles } from './workspace.js';

/** The build step every fixture project runs: writes dist/, prints a line. */
const BUILD = `import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const source = readFileSync('src/index.txt', 'utf8');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/out.txt', source.toUpperCase());
console.log('built ' + process.cwd().split('/').pop() + ' (' + source.length + ' bytes)');
`;

function project(name: string, extraTargets: Record<string, unknown> = {}) {
  return JSON.stringify(
    {
      name,
      sourceRoot: `libs/${name}/src`,
      targets: {
        build: {
          executor: 'nx:run-commands',
          options: { command: 'node build.mjs', cwd: '{projectRoot}' },
          cache: true,
          inputs: ['{projectRoot}/**/*'],
          outputs: ['{projectRoot}/dist'],
        },
        ...extraTargets,
      },
    },
    null,
    2,
  );
}

/**
 * A small Nx workspace in git: projects `alpha`, `beta` and `gamma`, each
 * with a cached `build` target. `extraTargets` adds targets to alpha.
 */
export function createFixtureWorkspace(
  root: string,
  extra: {
    files?: Record<string, string>;
    alphaTargets?: Record<string, unknown>;
    /** Targets every project gets. */
    targets?: Record<string, unknown>;
  } = {},
): void {
  mkdirSync(root, { recursive: true });
  initRepo(root);
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: 'fixture',
      private: true,
      type: 'module',
    }),
    'nx.json': JSON.stringify(
      { analytics: false, tui: { enabled: false } },
      null,
      2,
    ),
    '.gitignore': 'node_modules\ndist\n.nx\n',
    ...extra.files,
  };
  for (const name of ['alpha', 'beta', 'gamma']) {
    files[`libs/${name}/project.json`] = project(name, {
      ...extra.targets,
      ...(name === 'alpha' ? extra.alphaTargets : {}),
    });
    files[`libs/${name}/build.mjs`] = BUILD;
    files[`libs/${name}/src/index.txt`] = `hello from ${name}\n`;
  }
  writeFiles(root, files);
  commitAll(root, 'fixture workspace');
}
