import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeFactory } from '@shipshape/secrets/testing';
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { main } from '../../src/cli.js';
import type { Finding, Report } from '../../src/report/index.js';
import { createFixtureWorkspace } from './fixture.js';
import { cloneWorkspace, REPO_ROOT, runNx, tempDir } from './workspace.js';

const SHIPSHAPE = join(REPO_ROOT, 'tools', 'hardening', 'bin', 'shipshape.mjs');

// The scan target as the plugin infers it: report copy under dist/shipshape.
const SCAN = {
  scan: {
    executor: 'nx:run-commands',
    options: {
      command: `node ${SHIPSHAPE} scan {projectRoot} --json-file dist/shipshape/{projectRoot}/scan.json`,
    },
    cache: true,
    inputs: ['{projectRoot}/**/*'],
    outputs: ['{workspaceRoot}/dist/shipshape/{projectRoot}'],
  },
};

const key = (f: Finding) =>
  [f.ruleId, f.location.file, f.location.line, f.fingerprint].join('|');

async function cli(args: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    return await main(args);
  } finally {
    process.exitCode = undefined;
  }
}

describe(
  'CI sharding recipe: nx show projects -> shard -> run-many -> merge-reports',
  { timeout: 240_000 },
  () => {
    let dir: string;
    let origin: string;

    beforeAll(() => {
      dir = tempDir('ci-shards');
      origin = join(dir, 'origin');
      const fake = fakeFactory('ci-shards');
      const files: Record<string, string> = {};
      for (const name of ['alpha', 'beta', 'gamma']) {
        files[`libs/${name}/src/config.ts`] =
          `export const token = '${fake.githubClassic()}';\n`;
      }
      createFixtureWorkspace(origin, { targets: SCAN, files });
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => {
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterEach(() => vi.restoreAllMocks());

    it('two shards on two runners plus a merge equal one full run', async () => {
      // One runner, everything.
      const full = cloneWorkspace(origin, join(dir, 'full'));
      const all = await runNx(full, ['run-many', '-t', 'scan'], {
        NX_CACHE_DIRECTORY: join(dir, 'cache-full'),
      });
      expect(all.code).toBe(1); // every project holds a secret
      expect(
        await cli([
          'merge-reports',
          join(full, 'dist/shipshape'),
          '--format',
          'json',
          '--output',
          join(dir, 'full.json'),
        ]),
      ).toBe(1);

      // The plan job.
      const listed = await runNx(
        full,
        ['show', 'projects', '-t', 'scan', '--json'],
        { NX_CACHE_DIRECTORY: join(dir, 'cache-full') },
      );
      const projects = listed.output.slice(
        listed.output.indexOf('['),
        listed.output.lastIndexOf(']') + 1,
      );
      writeFileSync(join(dir, 'projects.json'), projects);
      const plan = join(dir, 'plan.json');
      const stdout: string[] = [];
      vi.mocked(process.stdout.write).mockImplementation((chunk) => {
        stdout.push(String(chunk));
        return true;
      });
      expect(
        await cli([
          'shard',
          '--total',
          '2',
          '--projects',
          join(dir, 'projects.json'),
        ]),
      ).toBe(0);
      writeFileSync(plan, stdout.join(''));
      const shards = JSON.parse(readFileSync(plan, 'utf8')) as Array<{
        index: number;
        projects: string;
      }>;
      expect(shards.map((s) => s.projects.split(',').length).sort()).toEqual([
        1, 2,
      ]);

      // One clone and one cold cache per shard, like separate runners.
      const reportDirs: string[] = [];
      for (const shard of shards) {
        const runner = cloneWorkspace(
          origin,
          join(dir, `runner-${shard.index}`),
        );
        const run = await runNx(
          runner,
          ['run-many', '-t', 'scan', `--projects=${shard.projects}`],
          {
            NX_CACHE_DIRECTORY: join(dir, `cache-${shard.index}`),
          },
        );
        expect(run.code).toBe(1);
        for (const project of shard.projects.split(','))
          expect(run.output).toContain(`${project}:scan`);
        reportDirs.push(join(runner, 'dist/shipshape'));
      }
      expect(
        await cli([
          'merge-reports',
          ...reportDirs,
          '--format',
          'json',
          '--output',
          join(dir, 'merged.json'),
        ]),
      ).toBe(1);

      const expected = JSON.parse(
        readFileSync(join(dir, 'full.json'), 'utf8'),
      ) as Report;
      const merged = JSON.parse(
        readFileSync(join(dir, 'merged.json'), 'utf8'),
      ) as Report;
      expect(expected.findings).toHaveLength(3);
      expect(merged.findings.map(key)).toEqual(expected.findings.map(key));
      expect(merged.stats.files).toBe(expected.stats.files);
    });
  },
);
