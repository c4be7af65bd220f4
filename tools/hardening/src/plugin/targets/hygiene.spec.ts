import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectFacts } from '../facts.js';
import { HYGIENE_RUNTIME_INPUTS, hygieneTargets } from './hygiene.js';

function facts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    root: '.',
    workspaceRoot: '/workspace',
    packageJson: { name: '@acme/source' },
    otherProjectRoots: ['apps/web'],
    engine: { kind: 'source', root: 'tools/hardening' },
    ...overrides,
  };
}

describe('hygiene target inference', () => {
  it('infers hygiene on the workspace root with the index and ignore files as inputs', () => {
    const target = hygieneTargets(facts()).hygiene;
    expect(target.options).toEqual({ command: 'shipshape hygiene' });
    expect(target.cache).toBe(true);
    expect(target.inputs).toMatchInlineSnapshot(`
      [
        "{workspaceRoot}/shipshape.config.json",
        "{workspaceRoot}/shipshape.config.yaml",
        "{workspaceRoot}/shipshape.config.yml",
        "{workspaceRoot}/tools/hardening/package.json",
        "{workspaceRoot}/tools/hardening/bin/**/*",
        "{workspaceRoot}/tools/hardening/src/cli.ts",
        "{workspaceRoot}/tools/hardening/src/hygiene/**/*",
        "{workspaceRoot}/tools/hardening/src/report/**/*",
        "{workspaceRoot}/tools/hardening/src/cli/**/*",
        "{workspaceRoot}/tools/hardening/src/config/**/*",
        "!{workspaceRoot}/tools/hardening/src/hygiene/**/*.spec.ts",
        "!{workspaceRoot}/tools/hardening/src/hygiene/testing/**/*",
        {
          "runtime": "git ls-files -s | git hash-object --stdin",
        },
        {
          "runtime": "git ls-files --cached --others --exclude-standard -- .gitignore "*/.gitignore" | git hash-object --stdin-paths",
        },
      ]
    `);
    expect(target.metadata?.technologies).toEqual(['shipshape']);
    expect(target.metadata?.help?.command).toBe(
      'pnpm exec shipshape hygiene --help',
    );
  });

  it('is not inferred on other projects', () => {
    expect(hygieneTargets(facts({ root: 'apps/web' }))).toEqual({});
  });

  it('is deterministic', () => {
    expect(JSON.stringify(hygieneTargets(facts()))).toBe(
      JSON.stringify(hygieneTargets(facts())),
    );
  });

  it('an installed plugin keys on its package version', () => {
    const target = hygieneTargets(
      facts({ engine: { kind: 'package', name: '@shipshape/hardening' } }),
    ).hygiene;
    expect(target.inputs).toContainEqual({
      externalDependencies: ['@shipshape/hardening'],
    });
  });

  it('the runtime inputs change when the index or a .gitignore changes, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-hygiene-inputs-'));
    const sh = (command: string) =>
      execa(command, { cwd: dir, shell: true }).then((r) => r.stdout);
    const key = async () => {
      const parts = [];
      for (const input of HYGIENE_RUNTIME_INPUTS)
        parts.push(await sh(input.runtime));
      return parts.join('\n');
    };
    try {
      await sh(
        'git init -q && git config user.name t && git config user.email t@example.invalid',
      );
      writeFileSync(join(dir, 'a.txt'), 'a');
      writeFileSync(join(dir, '.gitignore'), 'dist/\n');
      await sh('git add a.txt && git commit -qm one');
      const first = await key();

      writeFileSync(join(dir, 'notes.txt'), 'untracked files do not matter');
      expect(await key()).toBe(first);

      writeFileSync(join(dir, '.gitignore'), 'dist/\n.next/\n');
      const second = await key();
      expect(second).not.toBe(first);

      await sh('git add notes.txt');
      expect(await key()).not.toBe(second);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
