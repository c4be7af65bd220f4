import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectFacts } from '../facts.js';
import { driftTargets } from './drift.js';

function workspace(withMigrations: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'drift-target-'));
  if (withMigrations)
    mkdirSync(join(root, 'apps/web/supabase/migrations'), { recursive: true });
  return root;
}

function facts(
  workspaceRoot: string,
  overrides: Partial<ProjectFacts> = {},
): ProjectFacts {
  return {
    root: 'apps/web',
    workspaceRoot,
    packageJson: { name: '@acme/web' },
    otherProjectRoots: [],
    engine: { kind: 'source', root: 'tools/hardening' },
    ...overrides,
  };
}

describe('drift target inference', () => {
  it('infers drift where supabase/migrations exists, keyed on SQL and the engine', () => {
    const target = driftTargets(facts(workspace(true))).drift;
    expect(target.options).toEqual({
      command:
        'shipshape drift --json-file ../../dist/shipshape/apps/web/drift.json --sarif-file ../../dist/shipshape/apps/web/drift.sarif',
      cwd: '{projectRoot}',
    });
    expect(target.cache).toBe(true);
    expect(target.inputs).toMatchInlineSnapshot(`
      [
        "{projectRoot}/supabase/migrations/**/*.sql",
        "{projectRoot}/supabase/schema.sql",
        "{projectRoot}/supabase/schemas/**/*.sql",
        "{projectRoot}/supabase/config.toml",
        "{workspaceRoot}/shipshape.config.json",
        "{workspaceRoot}/shipshape.config.yaml",
        "{workspaceRoot}/shipshape.config.yml",
        "{workspaceRoot}/tools/hardening/package.json",
        "{workspaceRoot}/tools/hardening/bin/**/*",
        "{workspaceRoot}/tools/hardening/src/cli.ts",
        "{workspaceRoot}/tools/hardening/src/drift/**/*",
        "{workspaceRoot}/tools/hardening/src/report/**/*",
        "{workspaceRoot}/tools/hardening/src/cli/**/*",
        "{workspaceRoot}/tools/hardening/src/config/**/*",
        "!{workspaceRoot}/tools/hardening/src/drift/**/*.spec.ts",
        "!{workspaceRoot}/tools/hardening/src/drift/testing.ts",
        {
          "externalDependencies": [
            "@electric-sql/pglite",
            "pg",
          ],
        },
        {
          "env": "SHIPSHAPE_DRIFT_LIVE_URL",
        },
        {
          "env": "SHIPSHAPE_DRIFT_SCRATCH_URL",
        },
      ]
    `);
    expect(target.metadata?.technologies).toEqual(['shipshape']);
    expect(target.metadata?.help?.command).toBe(
      'pnpm exec shipshape drift --help',
    );
  });

  it('is not inferred without supabase/migrations', () => {
    expect(driftTargets(facts(workspace(false)))).toEqual({});
  });

  it('is deterministic', () => {
    const root = workspace(true);
    expect(JSON.stringify(driftTargets(facts(root)))).toBe(
      JSON.stringify(driftTargets(facts(root))),
    );
  });

  it('an installed plugin keys on its package version', () => {
    const target = driftTargets(
      facts(workspace(true), {
        engine: { kind: 'package', name: '@shipshape/hardening' },
      }),
    ).drift;
    expect(target.inputs).toContainEqual({
      externalDependencies: ['@shipshape/hardening'],
    });
  });
});
