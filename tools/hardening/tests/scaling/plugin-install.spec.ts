// Slow (about two minutes): a fresh create-nx-workspace, the package
// installed from a `pnpm pack` tarball, `init` run, and the inferred targets
// run there. Kept in its own file so vitest runs it beside the fast ones.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, REPO_ROOT, runNx, tempDir, writeFiles } from './workspace.js';

const PACKAGE = join(REPO_ROOT, 'tools', 'hardening');

describe(
  '@shipshape/hardening in a fresh Nx workspace',
  { timeout: 600_000 },
  () => {
    let dir: string;
    let ws: string;
    let env: NodeJS.ProcessEnv;
    const nxEnv = () => ({
      NX_CACHE_DIRECTORY: join(dir, 'nx-cache'),
      GIT_CONFIG_GLOBAL: env['GIT_CONFIG_GLOBAL'],
    });

    const run = (cwd: string, command: string, args: string[]) =>
      execFileSync(command, args, {
        cwd,
        env,
        encoding: 'utf8',
        stdio: 'pipe',
        maxBuffer: 1 << 26,
      });

    beforeAll(() => {
      dir = tempDir('plugin-install');
      const gitconfig = join(dir, 'gitconfig');
      writeFileSync(
        gitconfig,
        '[user]\n\tname = Shipshape Test\n\temail = test@shipshape.invalid\n',
      );
      env = {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')),
        ),
        GIT_CONFIG_GLOBAL: gitconfig,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_CACHE_DIRECTORY: join(dir, 'nx-cache'),
        FORCE_COLOR: '0',
      };
    });

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, 120_000);

    it('packs into a tarball with the CLI, the plugin and the generator, and no sources', () => {
      const stage = join(dir, 'stage');
      mkdirSync(stage);
      for (const entry of ['bin', 'generators.json', 'README.md']) {
        cpSync(join(PACKAGE, entry), join(stage, entry), { recursive: true });
      }
      const manifest = JSON.parse(
        readFileSync(join(PACKAGE, 'package.json'), 'utf8'),
      );
      delete manifest.devDependencies;
      writeFileSync(
        join(stage, 'package.json'),
        JSON.stringify(manifest, null, 2),
      );
      run(PACKAGE, process.execPath, [
        'scripts/build.mjs',
        '--dist',
        join(stage, 'dist'),
        '--skip-declarations',
      ]);
      run(stage, 'pnpm', ['pack', '--pack-destination', dir]);

      const files = run(dir, 'tar', [
        'tzf',
        `shipshape-hardening-${manifest.version}.tgz`,
      ]).split('\n');
      expect(files).toEqual(
        expect.arrayContaining([
          'package/bin/shipshape.mjs',
          'package/dist/cli.js',
          'package/dist/plugin/index.js',
          'package/dist/generators/init/generator.js',
          'package/dist/generators/init/schema.json',
          'package/dist/vendor/logger.js',
          'package/generators.json',
        ]),
      );
      expect(files.some((file) => file.startsWith('package/src/'))).toBe(false);
      expect(manifest.peerDependencies).toMatchObject({
        nx: '>=21.0.0',
        '@nx/devkit': '>=21.0.0',
      });
      const packed = JSON.parse(
        run(dir, 'tar', [
          'xzOf',
          `shipshape-hardening-${manifest.version}.tgz`,
          'package/package.json',
        ]),
      );
      expect(JSON.stringify(packed.dependencies ?? {})).not.toContain(
        'workspace:',
      );
    });

    it('installs into create-nx-workspace, init registers it idempotently, targets run', () => {
      run(dir, 'npx', [
        '-y',
        '--prefer-offline',
        'create-nx-workspace@23.2.1',
        'ws',
        '--preset=ts',
        '--pm=pnpm',
        '--nxCloud=skip',
        '--interactive=false',
      ]);
      ws = join(dir, 'ws');
      const [tarball] = run(dir, 'sh', ['-c', 'ls shipshape-hardening-*.tgz'])
        .trim()
        .split('\n');
      run(ws, 'pnpm', [
        'add',
        '-w',
        '-D',
        '--prefer-offline',
        join(dir, tarball as string),
      ]);
      expect(
        run(ws, 'pnpm', ['exec', 'shipshape', '--version']).trim(),
      ).toMatch(/^\d+\.\d+\.\d+/);

      // A package with dependencies (audit) and a root project (hygiene).
      writeFiles(ws, {
        'packages/lib-a/package.json': JSON.stringify({
          name: '@ws/lib-a',
          version: '0.0.1',
          type: 'module',
          dependencies: { tslib: '^2.3.0' },
        }),
        'packages/lib-a/src/index.ts': 'export const a = 1;\n',
      });
      const rootManifest = JSON.parse(
        readFileSync(join(ws, 'package.json'), 'utf8'),
      );
      writeFileSync(
        join(ws, 'package.json'),
        JSON.stringify({ ...rootManifest, nx: {} }, null, 2),
      );
      // pnpm freezes the lockfile when CI is set; this install changes it on purpose.
      run(ws, 'pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile']);
      git(ws, 'add', '-A');
      git(ws, 'commit', '-q', '-m', 'add shipshape and a package');

      run(ws, 'pnpm', ['exec', 'nx', 'g', '@shipshape/hardening:init']);
      const nxJson = JSON.parse(readFileSync(join(ws, 'nx.json'), 'utf8'));
      expect(nxJson.plugins).toContainEqual({
        plugin: '@shipshape/hardening/plugin',
        options: {},
      });
      expect(
        JSON.parse(readFileSync(join(ws, 'shipshape.config.json'), 'utf8')),
      ).toHaveProperty('scan');
      git(ws, 'add', '-A');
      git(ws, 'commit', '-q', '-m', 'shipshape init');

      run(ws, 'pnpm', ['exec', 'nx', 'g', '@shipshape/hardening:init']);
      expect(git(ws, 'status', '--porcelain')).toBe('');
    });

    it('infers the hardening targets there and runs them', async () => {
      const show = await runNx(
        ws,
        ['show', 'project', '@ws/source', '--json'],
        nxEnv(),
      );
      expect(show.code, show.output).toBe(0);
      const root = JSON.parse(show.output.slice(show.output.indexOf('{')));
      expect(Object.keys(root.targets)).toEqual(
        expect.arrayContaining(['hygiene', 'audit']),
      );
      // Installed, the engine enters the hash as the package version.
      expect(JSON.stringify(root.targets.hygiene.inputs)).toContain(
        '@shipshape/hardening',
      );

      const lib = await runNx(
        ws,
        ['show', 'project', '@ws/lib-a', '--json'],
        nxEnv(),
      );
      expect(
        Object.keys(
          JSON.parse(lib.output.slice(lib.output.indexOf('{'))).targets,
        ),
      ).toContain('audit');

      const hygiene = await runNx(ws, ['run', '@ws/source:hygiene'], nxEnv());
      expect(hygiene.output).toMatch(/shipshape hygiene: (ok|\d+ findings?)/);
      expect([0, 1]).toContain(hygiene.code);

      const audit = await runNx(ws, ['run', '@ws/lib-a:audit'], nxEnv());
      expect(audit.output).toContain(
        'shipshape audit --project packages/lib-a',
      );
      expect(audit.output).not.toMatch(
        /internal error|Cannot find module|ERR_/,
      );
    });
  },
);
