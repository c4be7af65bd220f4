import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startCacheServer,
  tarEntries,
  type CacheServer,
} from './cache-server.js';
import { createFixtureWorkspace } from './fixture.js';
import { fakeFactory } from '@shipshape/secrets/testing';
import {
  cloneWorkspace,
  commitAll,
  REPO_ROOT,
  runNx,
  tempDir,
} from './workspace.js';

// Tokens are made up at test time; the server knows which one may write.
const WRITE_TOKEN = ['rw', process.pid, Date.now()].join('-');
const READ_TOKEN = ['ro', process.pid, Date.now()].join('-');
const SHIPSHAPE = join(REPO_ROOT, 'tools', 'hardening', 'bin', 'shipshape.mjs');
const LEAKED = fakeFactory('remote-cache').githubClassic();

// A scan target as the plugin infers it, on a project holding a secret.
const SCAN_TARGET = {
  scan: {
    executor: 'nx:run-commands',
    options: {
      command: `node ${SHIPSHAPE} scan . --baseline baseline.json --show-suppressed`,
      cwd: '{projectRoot}',
    },
    cache: true,
    inputs: ['{projectRoot}/**/*'],
  },
};

describe(
  'Nx self-hosted remote cache (OpenAPI /v1/cache/{hash})',
  { timeout: 120_000 },
  () => {
    let dir: string;
    let origin: string;
    let server: CacheServer;

    const env = (
      clone: string,
      token: string,
      extra: Record<string, string> = {},
    ) => ({
      // Each clone has its own local cache: on one machine every clone of a
      // repository would otherwise share ~/.nx/<id> and never be cache-cold.
      NX_CACHE_DIRECTORY: join(dir, `cache-${clone}`),
      NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
      NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
      ...extra,
    });

    beforeAll(async () => {
      dir = tempDir('remote-cache');
      origin = join(dir, 'origin');
      mkdirSync(origin);
      createFixtureWorkspace(origin, {
        alphaTargets: SCAN_TARGET,
        files: {
          'libs/alpha/src/config.ts': `export const token = '${LEAKED}';\n`,
        },
      });
      // The team accepted the finding into a baseline: the scan passes, so
      // Nx caches and shares it (failed tasks are never shared).
      spawnSync(
        process.execPath,
        [SHIPSHAPE, 'scan', '.', '--write-baseline', 'baseline.json'],
        {
          cwd: join(origin, 'libs/alpha'),
        },
      );
      commitAll(origin, 'accept the known finding');
      server = await startCacheServer({
        [WRITE_TOKEN]: 'read-write',
        [READ_TOKEN]: 'read-only',
      });
    });

    afterAll(async () => {
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('a protected-branch clone fills the cache; a second clone replays it', async () => {
      const main = cloneWorkspace(origin, join(dir, 'main'));
      const first = await runNx(
        main,
        ['run-many', '-t', 'build'],
        env('main', WRITE_TOKEN),
      );
      expect(first.code, first.output).toBe(0);
      expect(first.output).toContain('0/3 hit');
      expect(
        server.requests.filter((r) => r.method === 'PUT' && r.status === 200),
      ).toHaveLength(3);

      // What travels: a gzipped tar of the declared outputs and the terminal output.
      const archives = [...server.entries.values()].map(tarEntries);
      for (const files of archives) {
        expect(
          [...files.keys()].some((name) => name.endsWith('dist/out.txt')),
        ).toBe(true);
      }

      server.requests.length = 0;
      const pr = cloneWorkspace(origin, join(dir, 'pr'));
      const second = await runNx(
        pr,
        ['run-many', '-t', 'build'],
        env('pr', READ_TOKEN),
      );
      expect(second.code, second.output).toBe(0);
      expect(second.output.match(/\[remote cache\]/g)).toHaveLength(3);
      expect(second.output).toContain('3/3 hit');
      expect(readFileSync(join(pr, 'libs/alpha/dist/out.txt'), 'utf8')).toBe(
        'HELLO FROM ALPHA\n',
      );
      expect(
        server.requests.every((r) => r.method === 'GET' && r.status === 200),
      ).toBe(true);
    });

    it('a pull request with the read-only token runs a changed task but cannot store it', async () => {
      const pr = join(dir, 'pr');
      writeFileSync(
        join(pr, 'libs/alpha/src/index.txt'),
        'changed on a branch\n',
      );
      server.requests.length = 0;
      const stored = server.entries.size;
      const run = await runNx(
        pr,
        ['run-many', '-t', 'build'],
        env('pr', READ_TOKEN),
      );
      expect(run.code, run.output).toBe(0);
      expect(server.requests).toContainEqual(
        expect.objectContaining({ method: 'PUT', status: 403 }),
      );
      expect(server.entries.size).toBe(stored);
    });

    it('refuses to overwrite a stored hash (409), so a later writer cannot poison it', async () => {
      const [hash] = server.entries.keys();
      expect(hash).toBeDefined();
      const response = await fetch(`${server.url}/v1/cache/${hash}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${WRITE_TOKEN}`,
          'content-type': 'application/octet-stream',
        },
        body: Buffer.from('not a tar'),
      });
      expect(response.status).toBe(409);
      const anonymous = await fetch(`${server.url}/v1/cache/${hash}`);
      expect(anonymous.status).toBe(401);
    });

    it('fails the run when the cache server errors; NX_SKIP_REMOTE_CACHE is the way out', async () => {
      const cold = cloneWorkspace(origin, join(dir, 'cold'));
      server.failWith = 500;
      try {
        const failing = await runNx(
          cold,
          ['run-many', '-t', 'build'],
          env('cold', WRITE_TOKEN),
        );
        expect(failing.code).not.toBe(0);
        expect(failing.output).toMatch(/remote cache/i);

        server.requests.length = 0;
        const skipped = await runNx(
          cold,
          ['run-many', '-t', 'build'],
          env('cold', WRITE_TOKEN, { NX_SKIP_REMOTE_CACHE: 'true' }),
        );
        expect(skipped.code, skipped.output).toBe(0);
        expect(skipped.output).toContain('Remote Cache Disabled');
        expect(server.requests).toEqual([]);
      } finally {
        server.failWith = undefined;
      }
    });

    it('shares a scan result without the secret or a machine path in it', async () => {
      const ci = cloneWorkspace(origin, join(dir, 'scan-ci'));
      const before = new Set(server.entries.keys());
      const first = await runNx(
        ci,
        ['run', 'alpha:scan'],
        env('scan-ci', WRITE_TOKEN),
      );
      expect(first.code, first.output).toBe(0);
      expect(first.output).toContain('config.ts');
      const added = [...server.entries].filter(([hash]) => !before.has(hash));
      expect(added).toHaveLength(1);
      for (const [, archive] of added) {
        const raw = [...tarEntries(archive).values()]
          .map((b) => b.toString('utf8'))
          .join('\n');
        expect(raw).toContain('config.ts');
        expect(raw).not.toContain(LEAKED);
        expect(raw).not.toContain(LEAKED.slice(8, 30));
        expect(raw).not.toContain(dir);
      }

      const laptop = cloneWorkspace(origin, join(dir, 'scan-laptop'));
      const replay = await runNx(
        laptop,
        ['run', 'alpha:scan'],
        env('scan-laptop', READ_TOKEN),
      );
      expect(replay.output).toContain('[remote cache]');
      expect(replay.code).toBe(0);
      expect(replay.output).toContain('config.ts');
      expect(replay.output).not.toContain(LEAKED);
    });
  },
);
