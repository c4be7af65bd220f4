import type { TargetConfiguration } from '@nx/devkit';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { engineInputs, reportFiles, type ProjectFacts } from '../facts.js';

const DESCRIPTION =
  "Apply this project's supabase/migrations to a scratch database (embedded PGlite, no Docker) and compare the result with the canonical schema (supabase/schema.sql or supabase/schemas/): policies, grants, functions, triggers and every other object; exit 1 on drift.";

/**
 * `drift` on every project with a supabase/migrations folder. Inputs are
 * the migrations, the canonical schema (file or declarative folder), the
 * Supabase CLI config that orders declarative files, the drift engine (its
 * prelude included) and the PGlite build it runs on.
 */
export const driftTargets = (
  facts: ProjectFacts,
): Record<string, TargetConfiguration> => {
  const migrations = join(
    facts.workspaceRoot,
    facts.root,
    'supabase',
    'migrations',
  );
  if (!existsSync(migrations) || !statSync(migrations).isDirectory()) return {};
  const reports = reportFiles(facts, 'drift', 'project');
  return {
    drift: {
      executor: 'nx:run-commands',
      options: {
        command: `shipshape drift ${reports.args}`,
        cwd: '{projectRoot}',
      },
      cache: true,
      inputs: [
        '{projectRoot}/supabase/migrations/**/*.sql',
        '{projectRoot}/supabase/schema.sql',
        '{projectRoot}/supabase/schemas/**/*.sql',
        '{projectRoot}/supabase/config.toml',
        '{workspaceRoot}/shipshape.config.json',
        '{workspaceRoot}/shipshape.config.yaml',
        '{workspaceRoot}/shipshape.config.yml',
        ...engineInputs(facts.engine, ['drift']),
        ...testFilesOf(facts),
        { externalDependencies: ['@electric-sql/pglite', 'pg'] },
        // A live database can change under the same files: set these only
        // with --skip-nx-cache, or they key the cache on the URL's hash.
        { env: 'SHIPSHAPE_DRIFT_LIVE_URL' },
        { env: 'SHIPSHAPE_DRIFT_SCRATCH_URL' },
      ],
      outputs: reports.outputs,
      metadata: {
        technologies: ['shipshape'],
        description: DESCRIPTION,
        help: {
          command: 'pnpm exec shipshape drift --help',
          example: {
            options: { command: 'shipshape drift --update' },
          },
        },
      },
    },
  };
};

// The engine's tests do not change what drift reports.
function testFilesOf(facts: ProjectFacts): string[] {
  if (facts.engine.kind !== 'source') return [];
  const folder = `{workspaceRoot}/${facts.engine.root}/src/drift`;
  return [`!${folder}/**/*.spec.ts`, `!${folder}/testing.ts`];
}
