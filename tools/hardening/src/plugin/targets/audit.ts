import type { TargetConfiguration } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LOCKFILE_NAMES } from '../../audit/lockfile/names.js';
import {
  engineInputs,
  hasDependencies,
  reportFiles,
  type ProjectFacts,
} from '../facts.js';

const DESCRIPTION =
  "Audit this project's dependency closure (its lockfile importer plus the workspace libraries it uses) against security advisories; unknown (exit 2) when no advisory data is available.";
const ROOT_DESCRIPTION =
  'Audit every workspace package in the lockfile against security advisories; unknown (exit 2) when no advisory data is available.';

/**
 * `audit` on every project with dependencies. The lockfile and manifest
 * are file inputs; the advisory data is a runtime input (its snapshot hash,
 * or URL plus UTC day for online sources), so a new advisory re-runs the
 * target even though no file in the repository changed.
 */
export const auditTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  if (!hasDependencies(facts)) return {};
  const isRoot = facts.root === '.';
  const reports = reportFiles(facts, 'audit');
  const scope = isRoot ? '' : ` --project ${facts.root}`;
  const command = `shipshape audit${scope} ${reports.args}`;
  const description = isRoot ? ROOT_DESCRIPTION : DESCRIPTION;
  return {
    audit: {
      executor: 'nx:run-commands',
      options: { command },
      cache: true,
      inputs: [
        ...lockfileInputs(facts.workspaceRoot),
        '{projectRoot}/package.json',
        '{workspaceRoot}/shipshape.config.json',
        '{workspaceRoot}/shipshape.config.yaml',
        '{workspaceRoot}/shipshape.config.yml',
        ...engineInputs(facts.engine, ['audit']),
        ...testFilesOf(facts),
        { runtime: keyCommand(facts) },
      ],
      outputs: reports.outputs,
      metadata: {
        technologies: ['shipshape'],
        description,
        help: {
          command: 'pnpm exec shipshape audit --help',
          example: {
            options: isRoot
              ? {
                  command:
                    'shipshape audit --advisories .shipshape/cache/advisories --level high',
                }
              : { command: `shipshape audit --project ${facts.root} --prod` },
          },
        },
      },
    },
  };
};

function lockfileInputs(workspaceRoot: string): string[] {
  const present = LOCKFILE_NAMES.filter((name) =>
    existsSync(join(workspaceRoot, name)),
  );
  const names = present.length > 0 ? present : LOCKFILE_NAMES;
  return names.map((name) => `{workspaceRoot}/${name}`);
}

// Tests and fixtures of the engine do not change what an audit reports.
function testFilesOf(facts: ProjectFacts): string[] {
  if (facts.engine.kind !== 'source') return [];
  const folder = `{workspaceRoot}/${facts.engine.root}/src/audit`;
  return [`!${folder}/**/*.spec.ts`, `!${folder}/__fixtures__/**/*`];
}

// Runtime inputs run in the workspace root through a shell, once per Nx
// run; the key entry point loads only the audit modules, not the whole CLI.
function keyCommand(facts: ProjectFacts): string {
  return facts.engine.kind === 'source'
    ? `node --import tsx ${facts.engine.root}/src/audit/key-cli.ts`
    : `node node_modules/${facts.engine.name}/dist/audit/key-cli.js`;
}
