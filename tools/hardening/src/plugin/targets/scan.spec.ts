import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { fakeFactory } from '@shipshape/secrets/testing';
import type { ProjectFacts } from '../facts.js';
import { scanTargets } from './scan.js';

function facts(overrides: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    root: 'apps/web',
    workspaceRoot: '/workspace',
    otherProjectRoots: ['.', 'libs/env'],
    engine: { kind: 'package', name: '@shipshape/hardening' },
    ...overrides,
  };
}

describe('scan target inference', () => {
  it('infers scan on a project with every file, the config and the scanner as inputs', () => {
    const targets = scanTargets(facts());
    expect(Object.keys(targets)).toEqual(['scan']);
    expect(targets.scan.options).toEqual({
      command:
        'shipshape scan . --no-progress --json-file ../../dist/shipshape/apps/web/scan.json --sarif-file ../../dist/shipshape/apps/web/scan.sarif',
      cwd: '{projectRoot}',
    });
    expect(targets.scan.inputs).toMatchInlineSnapshot(`
      [
        "{projectRoot}/**/*",
        "{workspaceRoot}/shipshape.config.json",
        "{workspaceRoot}/shipshape.config.yaml",
        "{workspaceRoot}/shipshape.config.yml",
        "{workspaceRoot}/.shipshapeignore",
        "{workspaceRoot}/.gitleaks.toml",
        {
          "externalDependencies": [
            "@shipshape/hardening",
          ],
        },
      ]
    `);
    expect(targets.scan.metadata?.technologies).toEqual(['shipshape']);
  });

  it('scans only root-level files on the root project and adds scan-history', () => {
    const targets = scanTargets(
      facts({ root: '.', otherProjectRoots: ['apps/web', 'libs/env'] }),
    );
    expect(targets.scan.options.command).toBe(
      "shipshape scan . --no-progress --exclude 'apps/web/**' --exclude 'libs/env/**' --json-file dist/shipshape/_workspace/scan.json --sarif-file dist/shipshape/_workspace/scan.sarif",
    );
    expect(targets.scan.inputs).toContain('!{workspaceRoot}/apps/web/**/*');
    expect(targets['scan-history'].inputs).toContainEqual({
      runtime: 'git rev-parse HEAD',
    });
  });

  it('adds scan-bundle after build on Next.js apps only', () => {
    const app = scanTargets(
      facts({ packageJson: { dependencies: { next: '16.5.0' } } }),
    );
    expect(app['scan-bundle'].dependsOn).toEqual(['build']);
    expect(app['scan-bundle'].options.command).toBe(
      'shipshape scan .next/static --no-progress --json-file ../../dist/shipshape/apps/web/scan-bundle.json --sarif-file ../../dist/shipshape/apps/web/scan-bundle.sarif',
    );
    expect(app['scan-bundle'].inputs?.[0]).toEqual({
      dependentTasksOutputFiles: '**/static/**/*',
      transitive: false,
    });
    expect(scanTargets(facts())['scan-bundle']).toBeUndefined();
  });

  it('is deterministic', () => {
    expect(JSON.stringify(scanTargets(facts()))).toBe(
      JSON.stringify(scanTargets(facts())),
    );
  });
});

const WORKSPACE = resolve(import.meta.dirname, '../../../../..');

function allFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) out = out.concat(allFiles(path));
    else if (stats?.isFile()) out.push(path);
  }
  return out;
}

describe('the real Nx scan target on planted secrets', () => {
  it('fails, and neither the terminal output nor the Nx cache holds a planted value', async () => {
    const f = fakeFactory(`nx-${Date.now()}`);
    const planted = [
      f.stripeSecret(),
      f.supabaseServiceRole(),
      f.resend(),
      f.githubClassic(),
    ];
    const root = mkdtempSync(join(tmpdir(), 'shipshape-nx-'));
    const cache = join(root, 'nx-cache');
    try {
      writeFileSync(
        join(root, 'package.json'),
        JSON.stringify({
          name: 'planted',
          private: true,
          nx: { name: 'workspace' },
        }),
      );
      writeFileSync(
        join(root, 'shipshape.config.json'),
        JSON.stringify({ scan: {} }),
      );
      writeFileSync(
        join(root, 'nx.json'),
        JSON.stringify({ plugins: ['./tools/hardening/src/plugin/index.ts'] }),
      );
      cpSync(
        join(WORKSPACE, 'tsconfig.base.json'),
        join(root, 'tsconfig.base.json'),
      );
      symlinkSync(join(WORKSPACE, 'node_modules'), join(root, 'node_modules'));
      mkdirSync(join(root, 'tools/hardening'), { recursive: true });
      for (const part of ['package.json', 'bin', 'src']) {
        cpSync(
          join(WORKSPACE, 'tools/hardening', part),
          join(root, 'tools/hardening', part),
          { recursive: true },
        );
      }
      symlinkSync(
        join(WORKSPACE, 'tools/hardening/node_modules'),
        join(root, 'tools/hardening/node_modules'),
      );
      mkdirSync(join(root, 'apps/demo/src'), { recursive: true });
      writeFileSync(
        join(root, 'apps/demo/project.json'),
        JSON.stringify({ name: 'demo' }),
      );
      writeFileSync(
        join(root, 'apps/demo/.env.production'),
        `STRIPE_SECRET_KEY=${planted[0]}\nSUPABASE_SERVICE_ROLE_KEY=${planted[1]}\n`,
      );
      writeFileSync(
        join(root, 'apps/demo/src/mail.ts'),
        `export const key = '${planted[2]}';\nexport const gh = "${planted[3]}";\n`,
      );
      await execa('git', ['init', '-q'], { cwd: root });
      // An outer Nx run (e.g. --skip-nx-cache) passes NX_* settings down.
      const inherited = Object.fromEntries(
        Object.entries(process.env).filter(([key]) => !key.startsWith('NX_')),
      );
      const env = {
        ...inherited,
        NX_CACHE_DIRECTORY: cache,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        CI: '1',
      };
      const nx = join(WORKSPACE, 'node_modules/nx/dist/bin/nx.js');
      const outputs: string[] = [];
      for (let run = 0; run < 2; run++) {
        const result = await execa(
          'node',
          [nx, 'run', 'demo:scan', '--outputStyle=static'],
          { cwd: root, env, extendEnv: false, reject: false, all: true },
        );
        outputs.push(result.all ?? '');
        expect(result.exitCode).toBe(1);
        expect(result.all).toContain('stripe-secret-key');
        expect(result.all).toContain('supabase-service-role-key');
      }
      // Suppress every finding so the task succeeds and Nx stores its output.
      const json = await execa(
        'node',
        [
          join(WORKSPACE, 'tools/hardening/bin/shipshape.mjs'),
          'scan',
          '.',
          '--format',
          'json',
        ],
        { cwd: join(root, 'apps/demo'), reject: false },
      );
      const fingerprints = (
        JSON.parse(json.stdout) as { findings: Array<{ fingerprint: string }> }
      ).findings.map((x) => x.fingerprint);
      writeFileSync(
        join(root, '.shipshapeignore'),
        `${fingerprints.join('\n')}\n`,
      );
      const ok = await execa(
        'node',
        [nx, 'run', 'demo:scan', '--outputStyle=static'],
        { cwd: root, env, extendEnv: false, reject: false, all: true },
      );
      expect(ok.exitCode).toBe(0);
      expect(ok.all).toContain('suppressed');
      outputs.push(ok.all ?? '');
      const replay = await execa(
        'node',
        [nx, 'run', 'demo:scan', '--outputStyle=static'],
        { cwd: root, env, extendEnv: false, reject: false, all: true },
      );
      expect(replay.all).toMatch(
        /local cache|existing outputs match the cache/,
      );
      outputs.push(replay.all ?? '');
      expect(allFiles(cache).length).toBeGreaterThan(0);
      const stored = [...allFiles(cache), ...allFiles(join(root, '.nx'))].map(
        (file) => readFileSync(file, 'latin1'),
      );
      for (const value of planted) {
        for (const text of [...outputs, ...stored]) {
          expect(text.includes(value.slice(0, 12))).toBe(false);
        }
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 240_000);
});
