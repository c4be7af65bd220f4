import type { TargetConfiguration } from '@nx/devkit';
import { engineInputs, type ProjectFacts } from '../facts.js';

const DESCRIPTION =
  'Find tracked artifacts (dependencies, build output, caches, env files and keys, archives, logs, large binaries) and ignore rules that miss where the projects live.';

/**
 * Git's index is what hygiene checks, and Nx hashes neither the index nor
 * ignored files: one runtime input hashes `git ls-files -s` (paths, modes,
 * blob ids), another every .gitignore's current content, so the target
 * re-runs exactly when either changes.
 */
// TODO(quoting): without -z, a .gitignore path with quotes or a newline is
// C-quoted and `hash-object --stdin-paths` fails on it.
export const HYGIENE_RUNTIME_INPUTS = [
  { runtime: 'git ls-files -s | git hash-object --stdin' },
  {
    runtime:
      'git ls-files --cached --others --exclude-standard -- .gitignore "*/.gitignore" | git hash-object --stdin-paths',
  },
] as const;

/** `hygiene` on the workspace root only: it checks the whole repository. */
export const hygieneTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  if (facts.root !== '.') return {};
  return {
    hygiene: {
      executor: 'nx:run-commands',
      options: { command: 'shipshape hygiene' },
      cache: true,
      inputs: [
        '{workspaceRoot}/shipshape.config.json',
        '{workspaceRoot}/shipshape.config.yaml',
        '{workspaceRoot}/shipshape.config.yml',
        ...engineInputs(facts.engine, ['hygiene']),
        ...testFilesOf(facts),
        ...HYGIENE_RUNTIME_INPUTS.map((input) => ({ ...input })),
      ],
      outputs: [],
      metadata: {
        technologies: ['shipshape'],
        description: DESCRIPTION,
        help: {
          command: 'pnpm exec shipshape hygiene --help',
          example: { options: { command: 'shipshape hygiene --max-size 5MB' } },
        },
      },
    },
  };
};

// The engine's tests do not change what hygiene reports.
function testFilesOf(facts: ProjectFacts): string[] {
  if (facts.engine.kind !== 'source') return [];
  const folder = `{workspaceRoot}/${facts.engine.root}/src/hygiene`;
  return [`!${folder}/**/*.spec.ts`, `!${folder}/testing/**/*`];
}
