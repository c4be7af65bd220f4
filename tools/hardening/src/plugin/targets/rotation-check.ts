import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetConfiguration } from '@nx/devkit';
import { DEFAULT_LEDGER_FILE } from '../../ledger/index.js';
import { engineInputs, reportFiles, type ProjectFacts } from '../facts.js';

const DESCRIPTION =
  'Fail if any secret recorded in the leak ledger (.shipshape/revoked.txt) still appears in the files or in any commit; prints where, never the value.';

/**
 * `rotation-check` on the root project, once a ledger exists. It runs the
 * scan engine with the ledger over the tree and the history, so its inputs
 * are every file, the ledger, the scan config, the engines and HEAD.
 */
export const rotationCheckTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  if (facts.root !== '.') return {};
  if (!existsSync(join(facts.workspaceRoot, DEFAULT_LEDGER_FILE))) return {};
  const inputs: TargetConfiguration['inputs'] = [
    '{workspaceRoot}/**/*',
    `!{workspaceRoot}/.shipshape/rotate/**/*`,
    '{workspaceRoot}/shipshape.config.json',
    '{workspaceRoot}/shipshape.config.yaml',
    '{workspaceRoot}/shipshape.config.yml',
    '{workspaceRoot}/.shipshapeignore',
    ...engineInputs(facts.engine, ['rotate', 'scan', 'ledger']),
    { runtime: 'git rev-parse HEAD' },
  ];
  if (
    facts.engine.kind === 'source' &&
    existsSync(join(facts.workspaceRoot, 'libs/secrets/src'))
  ) {
    inputs.push('{workspaceRoot}/libs/secrets/src/**/*');
  }
  return {
    'rotation-check': {
      executor: 'nx:run-commands',
      options: {
        command: `shipshape rotate check --ledger ${DEFAULT_LEDGER_FILE} ${reportFiles(facts, 'rotation-check').args}`,
        cwd: '{workspaceRoot}',
      },
      cache: true,
      inputs,
      outputs: reportFiles(facts, 'rotation-check').outputs,
      metadata: {
        technologies: ['shipshape'],
        description: DESCRIPTION,
        help: {
          command: 'pnpm exec shipshape rotate check --help',
          example: {
            options: {
              command:
                'shipshape rotate check --since origin/main --format sarif --output revoked.sarif',
            },
          },
        },
      },
    },
  };
};
