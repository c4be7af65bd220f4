import { execFileSync } from 'node:child_process';
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
import { listCommits } from '../../src/scan/git.js';
import {
  historyShardHooks,
  parseCombinedPatch,
} from '../../src/scan/history-shard.js';
import { generateHistory, type HistoryRepo } from './history-repo.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from './workspace.js';

const key = (f: Finding) =>
  [
    f.ruleId,
    f.location.file,
    f.location.line,
    f.location.commit,
    f.fingerprint,
  ].join('|');

function quietCli() {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
}

async function cli(cwd: string, args: string[]): Promise<number> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    process.exitCode = undefined;
    return await main(args);
  } finally {
    process.chdir(previous);
    process.exitCode = undefined;
  }
}

const readReport = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as Report;

describe(
  'scan --history --shard k/N on a generated history',
  { timeout: 240_000 },
  () => {
    let dir: string;
    let repo: HistoryRepo;

    beforeAll(() => {
      dir = tempDir('history-shards');
      repo = generateHistory(join(dir, 'repo'), {
        commits: 3000,
        plantEvery: 149,
      });
    });
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(quietCli);
    afterEach(() => vi.restoreAllMocks());

    it('N shards cover every commit exactly once, in slices within one of each other', async () => {
      const commits = await listCommits(join(dir, 'repo'));
      expect(commits).toHaveLength(repo.commits);
      for (const total of [2, 3, 8]) {
        const slices = Array.from({ length: total }, (_, i) => {
          const { selectCommits } = historyShardHooks({
            history: true,
            shard: `${i + 1}/${total}`,
          });
          return (selectCommits as NonNullable<typeof selectCommits>)(commits);
        });
        const seen = slices.flat().map((c) => c.sha);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual(commits.map((c) => c.sha).sort());
        const sizes = slices.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    });

    it('two shards plus merge-reports equal one full run', async () => {
      const root = join(dir, 'repo');
      const out = (name: string) => join(dir, 'reports', name);
      expect(
        await cli(root, [
          'scan',
          '--history',
          '--format',
          'json',
          '--output',
          out('full.json'),
        ]),
      ).toBe(1);
      for (const shard of ['1/2', '2/2']) {
        const file = out(`shard-${shard[0]}.json`);
        const code = await cli(root, [
          'scan',
          '--history',
          '--shard',
          shard,
          '--format',
          'json',
          '--output',
          file,
        ]);
        expect(code).toBe(1);
      }
      expect(
        await cli(root, [
          'merge-reports',
          out('shard-1.json'),
          out('shard-2.json'),
          '--format',
          'json',
          '--output',
          out('merged.json'),
        ]),
      ).toBe(1);

      const full = readReport(out('full.json'));
      const merged = readReport(out('merged.json'));
      const one = readReport(out('shard-1.json'));
      const two = readReport(out('shard-2.json'));
      expect(full.findings.length).toBeGreaterThanOrEqual(repo.planted.size);
      expect(merged.findings.map(key).sort()).toEqual(
        full.findings.map(key).sort(),
      );
      expect(merged.ok).toBe(full.ok);
      // Every planted token is found, each by exactly one shard.
      expect(one.findings.length + two.findings.length).toBe(
        full.findings.length,
      );
      expect(one.findings.length).toBeGreaterThan(0);
      expect(two.findings.length).toBeGreaterThan(0);
      expect(
        (one.stats['commits'] as number) + (two.stats['commits'] as number),
      ).toBe(repo.commits);
      // Reports never hold a whole secret.
      const text = readFileSync(out('merged.json'), 'utf8');
      for (const token of repo.planted.values())
        expect(text).not.toContain(token);
    });

    it('rejects a shard without --history and a malformed k/N', async () => {
      const root = join(dir, 'repo');
      expect(await cli(root, ['scan', '--shard', '1/2'])).toBe(2);
      expect(await cli(root, ['scan', '--history', '--shard', '3/2'])).toBe(2);
      expect(await cli(root, ['scan', '--merge-resolutions'])).toBe(2);
    });
  },
);

describe('scan --history --merge-resolutions', { timeout: 60_000 }, () => {
  let root: string;
  let token: string;
  let merge: string;

  beforeAll(() => {
    root = tempDir('merge-resolutions');
    token = fakeFactory('merge').githubClassic();
    initRepo(root);
    writeFiles(root, {
      'config.ts': 'export const a = 1;\nexport const mode = "base";\n',
    });
    commitAll(root, 'base');
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFiles(root, {
      'config.ts': 'export const a = 1;\nexport const mode = "feature";\n',
    });
    commitAll(root, 'feature');
    git(root, 'checkout', '-q', 'main');
    writeFiles(root, {
      'config.ts': 'export const a = 1;\nexport const mode = "main";\n',
    });
    commitAll(root, 'main');
    try {
      git(root, 'merge', '-q', 'feature');
    } catch {
      // The conflict is the point: resolve it with a line neither side had.
    }
    writeFileSync(
      join(root, 'config.ts'),
      `export const a = 1;\nexport const mode = "merged";\nexport const token = '${token}';\n`,
    );
    git(root, 'add', 'config.ts');
    git(root, 'commit', '-q', '--no-edit');
    merge = git(root, 'rev-parse', 'HEAD').trim();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(quietCli);
  afterEach(() => vi.restoreAllMocks());

  it('finds a secret added while resolving a conflict, which plain history misses', async () => {
    const plain = join(root, '..', `${merge}-plain.json`);
    const deep = join(root, '..', `${merge}-deep.json`);
    expect(
      await cli(root, [
        'scan',
        '--history',
        '--format',
        'json',
        '--output',
        plain,
      ]),
    ).toBe(0);
    expect(
      await cli(root, [
        'scan',
        '--history',
        '--merge-resolutions',
        '--format',
        'json',
        '--output',
        deep,
      ]),
    ).toBe(1);
    const [finding] = readReport(deep).findings;
    expect(finding?.location).toMatchObject({
      file: 'config.ts',
      line: 3,
      commit: merge,
    });
    expect(readFileSync(deep, 'utf8')).not.toContain(token);
    rmSync(plain);
    rmSync(deep);
  });

  it('reads the combined diff older git prints (--cc) the same way', () => {
    const patch = execFileSync(
      'git',
      [
        'log',
        '-1',
        '--cc',
        '-p',
        '--unified=0',
        '--no-color',
        '--format=',
        merge,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    const items = parseCombinedPatch(patch, merge, '');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ rel: 'config.ts', commit: merge });
    const item = items[0] as { text: string; lines: number[] };
    expect(item.text).toContain('export const token');
    expect(item.lines).toContain(3);
  });
});
