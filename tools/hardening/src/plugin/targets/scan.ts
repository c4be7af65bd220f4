import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetConfiguration } from '@nx/devkit';
import { engineInputs, reportFiles, type ProjectFacts } from '../facts.js';

const SCAN_DESCRIPTION =
  'Find secrets (Supabase, Stripe, Resend, GitHub, AWS, private keys, NEXT_PUBLIC_ leaks...) in every file of the project, dotfiles included.';
const HISTORY_DESCRIPTION =
  'Find secrets in the lines every git commit added; re-runs when HEAD moves.';

const BUNDLE_DESCRIPTION =
  'Find server secrets in the built client bundles (.next/static) that ship to browsers.';

const CONFIG_INPUTS = [
  '{workspaceRoot}/shipshape.config.json',
  '{workspaceRoot}/shipshape.config.yaml',
  '{workspaceRoot}/shipshape.config.yml',
  '{workspaceRoot}/.shipshapeignore',
  '{workspaceRoot}/.gitleaks.toml',
];

/**
 * `scan` on every project (its files only: the root project leaves the
 * other projects' folders out) and `scan-history` on the workspace root.
 * Inputs name every file, the scan config and the scanner with its rules,
 * so a rule change re-runs every cached scan.
 */
export const scanTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  const isRoot = facts.root === '.';
  const others = isRoot
    ? facts.otherProjectRoots.filter((root) => root !== '.')
    : [];
  const exclude = others.map((root) => ` --exclude '${root}/**'`).join('');
  const scanner = scannerInputs(facts);
  const scanReports = reportFiles(facts, 'scan', 'project');
  const targets: Record<string, TargetConfiguration> = {
    scan: {
      executor: 'nx:run-commands',
      options: {
        command: `shipshape scan . --no-progress${exclude} ${scanReports.args}`,
        cwd: '{projectRoot}',
      },
      cache: true,
      inputs: [
        '{projectRoot}/**/*',
        ...others.map((root) => `!{workspaceRoot}/${root}/**/*`),
        ...CONFIG_INPUTS,
        ...scanner,
      ],
      outputs: scanReports.outputs,
      metadata: metadata(
        SCAN_DESCRIPTION,
        'shipshape scan . --format sarif --output scan.sarif',
      ),
    },
  };
  if (hasNext(facts)) {
    const bundleReports = reportFiles(facts, 'scan-bundle', 'project');
    targets['scan-bundle'] = {
      executor: 'nx:run-commands',
      options: {
        command: `shipshape scan .next/static --no-progress ${bundleReports.args}`,
        cwd: '{projectRoot}',
      },
      cache: true,
      dependsOn: ['build'],
      inputs: [
        { dependentTasksOutputFiles: '**/static/**/*', transitive: false },
        ...CONFIG_INPUTS,
        ...scanner,
      ],
      outputs: bundleReports.outputs,
      metadata: metadata(
        BUNDLE_DESCRIPTION,
        'shipshape scan .next/static --format sarif --output bundle.sarif',
      ),
    };
  }
  if (isRoot) {
    const historyReports = reportFiles(facts, 'scan-history');
    targets['scan-history'] = {
      executor: 'nx:run-commands',
      options: {
        command: `shipshape scan --history --no-progress ${historyReports.args}`,
        cwd: '{workspaceRoot}',
      },
      cache: true,
      inputs: [...CONFIG_INPUTS, ...scanner, { runtime: 'git rev-parse HEAD' }],
      outputs: historyReports.outputs,
      metadata: metadata(
        HISTORY_DESCRIPTION,
        'shipshape scan --history --since origin/main',
      ),
    };
  }
  return targets;
};

// Next.js apps have a client build whose output browsers download.
function hasNext(facts: ProjectFacts): boolean {
  if (facts.root === '.') return false;
  const pkg = facts.packageJson;
  return Boolean(pkg?.dependencies?.next ?? pkg?.devDependencies?.next);
}

function scannerInputs(
  facts: ProjectFacts,
): Array<string | { externalDependencies: string[] }> {
  const inputs = engineInputs(facts.engine, ['scan', 'ledger']);
  if (
    facts.engine.kind === 'source' &&
    existsSync(join(facts.workspaceRoot, 'libs/secrets/src'))
  ) {
    inputs.push('{workspaceRoot}/libs/secrets/src/**/*');
  }
  return inputs;
}

function metadata(description: string, example: string) {
  return {
    technologies: ['shipshape'],
    description,
    help: {
      command: 'pnpm exec shipshape scan --help',
      example: { options: { command: example } },
    },
  };
}
