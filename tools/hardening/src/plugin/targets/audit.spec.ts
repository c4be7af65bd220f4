import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectFacts } from '../facts.js';
import { auditTargets } from './audit.js';

function facts(
  overrides: Partial<ProjectFacts>,
  lockfile?: string,
): ProjectFacts {
  const workspaceRoot = mkdtempSync(join(tmpdir(), 'shipshape-plugin-audit-'));
  if (lockfile) writeFileSync(join(workspaceRoot, lockfile), '');
  return {
    root: 'apps/web',
    workspaceRoot,
    packageJson: { name: '@acme/web', dependencies: { next: '16.5.0' } },
    otherProjectRoots: [],
    engine: { kind: 'source', root: 'tools/hardening' },
    ...overrides,
  };
}

describe('audit target inference', () => {
  it('infers audit for a project with dependencies, scoped to its closure', () => {
    const target = auditTargets(facts({}, 'pnpm-lock.yaml')).audit;
    expect(target.options).toEqual({
      command:
        'shipshape audit --project apps/web --json-file dist/shipshape/apps/web/audit.json --sarif-file dist/shipshape/apps/web/audit.sarif',
    });
    expect(target.outputs).toEqual([
      '{workspaceRoot}/dist/shipshape/apps/web/audit.json',
      '{workspaceRoot}/dist/shipshape/apps/web/audit.sarif',
    ]);
    expect(target.cache).toBe(true);
    expect(target.inputs).toMatchInlineSnapshot(`
      [
        "{workspaceRoot}/pnpm-lock.yaml",
        "{projectRoot}/package.json",
        "{workspaceRoot}/shipshape.config.json",
        "{workspaceRoot}/shipshape.config.yaml",
        "{workspaceRoot}/shipshape.config.yml",
        "{workspaceRoot}/tools/hardening/package.json",
        "{workspaceRoot}/tools/hardening/bin/**/*",
        "{workspaceRoot}/tools/hardening/src/cli.ts",
        "{workspaceRoot}/tools/hardening/src/audit/**/*",
        "{workspaceRoot}/tools/hardening/src/report/**/*",
        "{workspaceRoot}/tools/hardening/src/cli/**/*",
        "{workspaceRoot}/tools/hardening/src/config/**/*",
        "!{workspaceRoot}/tools/hardening/src/audit/**/*.spec.ts",
        "!{workspaceRoot}/tools/hardening/src/audit/__fixtures__/**/*",
        {
          "runtime": "node --import tsx tools/hardening/src/audit/key-cli.ts",
        },
      ]
    `);
    expect(target.metadata?.technologies).toEqual(['shipshape']);
    expect(target.metadata?.help?.command).toBe(
      'pnpm exec shipshape audit --help',
    );
  });

  it('the root project audits everything', () => {
    const target = auditTargets(facts({ root: '.' }, 'yarn.lock')).audit;
    expect(target.options).toEqual({
      command:
        'shipshape audit --json-file dist/shipshape/_workspace/audit.json --sarif-file dist/shipshape/_workspace/audit.sarif',
    });
    expect(target.inputs?.[0]).toBe('{workspaceRoot}/yarn.lock');
  });

  it('an installed plugin keys on its package and its compiled key entry', () => {
    const target = auditTargets(
      facts(
        { engine: { kind: 'package', name: '@shipshape/hardening' } },
        'package-lock.json',
      ),
    ).audit;
    expect(target.inputs).toContainEqual({
      externalDependencies: ['@shipshape/hardening'],
    });
    expect(target.inputs).toContainEqual({
      runtime: 'node node_modules/@shipshape/hardening/dist/audit/key-cli.js',
    });
  });

  it('without a lockfile every candidate is an input, so adding one re-runs', () => {
    const inputs = auditTargets(facts({})).audit.inputs as string[];
    expect(inputs.slice(0, 4)).toEqual([
      '{workspaceRoot}/pnpm-lock.yaml',
      '{workspaceRoot}/package-lock.json',
      '{workspaceRoot}/npm-shrinkwrap.json',
      '{workspaceRoot}/yarn.lock',
    ]);
  });

  it('infers nothing for a project without dependencies', () => {
    expect(auditTargets(facts({ packageJson: { name: 'x' } }))).toEqual({});
    expect(auditTargets(facts({ packageJson: undefined }))).toEqual({});
  });

  it('is deterministic', () => {
    const a = facts({}, 'pnpm-lock.yaml');
    expect(auditTargets(a)).toEqual(auditTargets({ ...a }));
  });
});
