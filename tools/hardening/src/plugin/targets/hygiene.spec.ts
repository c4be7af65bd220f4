import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectFacts } from '../facts.js';
import { createHash } from 'node:crypto';
import { mkdirSync, symlinkSync } from 'node:fs';
import {
  HYGIENE_RUNTIME_INPUTS,
  IGNORE_FILES_DIGEST_SCRIPT,
  hygieneTargets,
} from './hygiene.js';

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
    expect(target.options).toEqual({
      command:
        'shipshape hygiene --json-file dist/shipshape/_workspace/hygiene.json --sarif-file dist/shipshape/_workspace/hygiene.sarif',
    });
    expect(target.cache).toBe(true);
    expect(target.inputs).toMatchInlineSnapshot(
      `
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
          "runtime": "node -e "${IGNORE_FILES_DIGEST_SCRIPT}"",
        },
      ]
    `.replace('${IGNORE_FILES_DIGEST_SCRIPT}', IGNORE_FILES_DIGEST_SCRIPT),
    );
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

  it('hashes .gitignore files whose paths have quotes, newlines, spaces or non-UTF-8 bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-hygiene-inputs-'));
    const runtime = HYGIENE_RUNTIME_INPUTS[1].runtime;
    const key = async () => {
      const result = await execa(runtime, { cwd: dir, shell: true });
      return result.stdout;
    };
    const odd = [
      'we"ird',
      "it's",
      'new\nline',
      'sp ace',
      'back\\slash $HOME `x` %PATH% !bang',
    ];
    const ignoreFiles: Array<[string, Buffer]> = [];
    const put = (path: string, content: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    };
    try {
      await execa('git', ['init', '-q'], { cwd: dir });
      await execa('git', ['config', 'user.name', 't'], { cwd: dir });
      await execa('git', ['config', 'user.email', 't@example.invalid'], {
        cwd: dir,
      });
      put('.gitignore', 'dist/\n');
      for (const folder of odd) put(`${folder}/.gitignore`, `${folder}\n`);
      put('linked/target', 'x');
      symlinkSync('target', join(dir, 'linked/.gitignore'));
      // Tracked and untracked ignore files both count.
      await execa('git', ['add', '--', '.gitignore', `${odd[0]}/.gitignore`], {
        cwd: dir,
      });
      await execa('git', ['commit', '-qm', 'one'], { cwd: dir });

      // The right value: sha256 over path, NUL, length, NUL, content, sorted by bytes.
      ignoreFiles.push(['.gitignore', Buffer.from('dist/\n')]);
      for (const folder of odd)
        ignoreFiles.push([`${folder}/.gitignore`, Buffer.from(`${folder}\n`)]);
      ignoreFiles.push(['linked/.gitignore', Buffer.from('link:target')]);
      ignoreFiles.sort(([a], [b]) =>
        Buffer.compare(Buffer.from(a), Buffer.from(b)),
      );
      const expected = createHash('sha256');
      for (const [path, content] of ignoreFiles) {
        expected.update(Buffer.from(path));
        expected.update(`\0${content.length}\0`);
        expected.update(content);
      }
      const first = await key();
      expect(first).toBe(expected.digest('hex'));

      writeFileSync(join(dir, 'notes.txt'), 'not an ignore file');
      expect(await key()).toBe(first);

      writeFileSync(join(dir, 'new\nline/.gitignore'), 'changed\n');
      const second = await key();
      expect(second).not.toBe(first);

      writeFileSync(join(dir, 'we"ird/.gitignore'), 'changed too\n');
      const third = await key();
      expect(third).not.toBe(second);

      // Non-UTF-8 bytes in the folder name arrive intact.
      const latin = Buffer.concat([
        Buffer.from(dir + '/'),
        Buffer.from([0x63, 0x61, 0x66, 0xe9]),
      ]);
      mkdirSync(latin);
      writeFileSync(Buffer.concat([latin, Buffer.from('/.gitignore')]), 'a\n');
      const fourth = await key();
      expect(fourth).not.toBe(third);
      writeFileSync(Buffer.concat([latin, Buffer.from('/.gitignore')]), 'b\n');
      expect(await key()).not.toBe(fourth);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
