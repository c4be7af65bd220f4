import { createLogger } from '@shipshape/logger';
import { execa } from 'execa';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileAllow } from './config.js';
import {
  runHygiene,
  type HygieneOptions,
  type HygieneResult,
} from './engine.js';
import { buildReport } from './report.js';
import {
  binary,
  fakePrivateKey,
  lfsPointer,
  makeRepo,
  type FileSpec,
  type TestRepo,
} from './testing/repo.js';
import { snapshotWorktree, digestSnapshot } from './worktree.js';

const logger = createLogger({ service: 'test', level: 'silent' });
const repos: TestRepo[] = [];
const MB = 1000 * 1000;

afterEach(() => {
  for (const repo of repos.splice(0)) repo.remove();
});

async function committed(
  files: Record<string, FileSpec>,
  gitignore?: string,
): Promise<TestRepo> {
  const repo = await makeRepo({
    'package.json': '{"name":"root","nx":{}}\n',
    ...files,
  });
  repos.push(repo);
  await repo.commit('initial');
  if (gitignore !== undefined) {
    repo.write({ '.gitignore': gitignore });
    await repo.commit('ignore rules', ['.gitignore']);
  }
  return repo;
}

function run(
  repo: TestRepo,
  options: Partial<HygieneOptions> = {},
): Promise<HygieneResult> {
  return runHygiene({ cwd: repo.dir, maxSize: MB, logger, ...options });
}

function artifact(result: HygieneResult, root: string) {
  return result.artifacts.find((item) => item.root === root);
}

function roots(result: HygieneResult): string[] {
  return result.artifacts.map((item) => `${item.cls}:${item.root}`).sort();
}

describe('tracked artifacts', () => {
  it('finds nested .next output that a root-anchored rule misses', async () => {
    const repo = await committed(
      {
        'apps/web/package.json': '{"name":"web"}',
        'apps/web/next.config.js': 'module.exports = {};\n',
        'apps/web/.next/static/chunk.js': 'x'.repeat(2048),
        'apps/web/.next/server/page.js': 'y',
        'apps/web/src/page.tsx': 'export {};\n',
      },
      '/.next/\n',
    );
    const result = await run(repo);
    const next = artifact(result, 'apps/web/.next/');
    expect(next).toMatchObject({ cls: 'build', bytes: 2049 });
    expect(next?.files.map((file) => file.path).sort()).toEqual([
      'apps/web/.next/server/page.js',
      'apps/web/.next/static/chunk.js',
    ]);
    expect(next?.coverage.state).toBe('not-covered');
    expect(next?.coverage.atRoot?.pattern).toBe('/.next/');
    expect(next?.suggestion).toEqual({
      file: '.gitignore',
      patterns: ['.next/'],
    });
    expect(roots(result)).not.toContain('build:apps/web/src/');
  });

  it('finds a committed node_modules symlink that `node_modules/` does not match', async () => {
    const repo = await committed(
      {
        'apps/web/package.json': '{"name":"web"}',
        'apps/web/node_modules': { symlink: '../../node_modules' },
      },
      'node_modules/\n',
    );
    const result = await run(repo);
    const link = artifact(result, 'apps/web/node_modules');
    expect(link).toMatchObject({ cls: 'dependency', pattern: 'node_modules' });
    expect(link?.coverage.state).toBe('not-covered');
    const report = buildReport(result, 1);
    const finding = report.findings.find(
      (item) => item.location.file === 'apps/web/node_modules',
    );
    expect(finding?.message).toContain('matches folders only');
  });

  it('reports files ignored after they were committed, with the rule', async () => {
    const repo = await committed(
      {
        'dist/index.js': 'built',
        'reports/summary.html': '<p>',
        'src/index.ts': 'export {};\n',
      },
      'dist/\nreports/\n',
    );
    const result = await run(repo);
    expect(artifact(result, 'dist/')?.coverage).toMatchObject({
      state: 'covered',
      rule: { source: '.gitignore', line: 1, pattern: 'dist/' },
    });
    // Not a known artifact class, but an ignore rule says it should not be tracked.
    expect(artifact(result, 'reports/summary.html')).toMatchObject({
      cls: 'ignored',
      coverage: { state: 'covered', rule: { pattern: 'reports/' } },
    });
    expect(result.plan.untrack).toEqual([
      'dist/index.js',
      'reports/summary.html',
    ]);
    const added = result.plan.patches.flatMap((patch) => patch.patterns);
    expect(added).not.toContain('dist/');
    expect(added).not.toContain('reports/');
  });

  it('puts env files and private keys first, and keeps env templates tracked', async () => {
    const repo = await committed({
      '.env.production': 'API_URL=https://example.invalid\n',
      '.env.example': 'API_URL=\n',
      'certs/server.pem': fakePrivateKey(),
      'certs/ca.pem':
        '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      'server.log': 'started\n',
      'src/env.ts': 'export {};\n',
    });
    const result = await run(repo);
    expect(roots(result)).toEqual([
      'log:server.log',
      'secret:.env.production',
      'secret:certs/server.pem',
    ]);
    expect(artifact(result, '.env.production')?.suggestion?.patterns).toEqual([
      '.env.*',
      '!.env.example',
    ]);
    const report = buildReport(result, 1);
    expect(report.findings[0].severity).toBe('critical');
    expect(
      report.findings.slice(0, 2).map((finding) => finding.ruleId),
    ).toEqual(['hygiene/secret', 'hygiene/secret']);
  });

  it('flags archives but keeps allowlisted images and LFS pointers', async () => {
    const repo = await committed({
      'apps/web/package.json': '{"name":"web"}',
      'apps/web/public/hero.png': binary(3 * MB),
      'apps/web/public/logo.svg': '<svg/>',
      'design/mock.psd': binary(2 * MB),
      'releases/v1.zip': binary(4096),
      'videos/intro.zip': lfsPointer(),
      'data/big.json': `[${'1,'.repeat(MB)}1]`,
    });
    const allow = [
      compileAllow({ path: 'apps/web/public/**', reason: 'marketing images' }),
    ];
    const result = await run(repo, { allow });
    expect(roots(result)).toEqual([
      'archive:releases/v1.zip',
      'large-binary:apps/web/public/hero.png',
      'large-binary:design/mock.psd',
    ]);
    expect(
      artifact(result, 'apps/web/public/hero.png')?.allowedBy?.reason,
    ).toBe('marketing images');
    expect(result.plan.untrack).toEqual(['releases/v1.zip']);
    expect(result.plan.skipped.map((item) => item.path)).toEqual([
      'design/mock.psd',
    ]);
    const report = buildReport(result, 1);
    expect(report.trackedByMistake).toEqual({
      files: 2,
      bytes: 2 * MB + 4096,
      size: '2 MB',
    });
  });

  it('honours --max-size', async () => {
    const repo = await committed({ 'assets/model.bin': binary(600_000) });
    expect(roots(await run(repo))).toEqual([]);
    expect(roots(await run(repo, { maxSize: 500_000 }))).toEqual([
      'large-binary:assets/model.bin',
    ]);
  });

  it('reads odd paths intact: spaces, unicode, leading dashes, newlines', async () => {
    const odd = [
      '-rf.log',
      'with space/.env',
      'ünïcödé/debug.log',
      'new\nline.log',
      'semi;colon/x.zip',
    ];
    const repo = await committed(
      Object.fromEntries(odd.map((path) => [path, 'x'])),
    );
    const result = await run(repo);
    expect(result.artifacts.map((item) => item.root).sort()).toEqual(
      [...odd].sort(),
    );
    const fixed = await run(repo, { fix: true });
    expect(fixed.fix?.untracked).toBe(odd.length);
    const left = await repo.git('ls-files', '-z');
    expect(left.split('\0').filter(Boolean)).toEqual(['package.json']);
    for (const path of odd)
      expect(readFileSync(join(repo.dir, path), 'utf8')).toBe('x');
  });

  it('classifies tool state and reports where the ignore rules are missing', async () => {
    const repo = await committed({
      'nx.json': '{}',
      '.nx/workspace-data/project-graph.json': '{}',
      'apps/api/package.json': '{"name":"api"}',
      'apps/api/supabase/config.toml': 'project_id = "x"\n',
      'apps/api/supabase/.temp/project-ref': 'abc',
      'apps/api/coverage/lcov.info': 'TN:',
      'apps/web/package.json': '{"name":"web"}',
      'apps/web/next.config.mjs': 'export default {};\n',
    });
    const result = await run(repo);
    expect(roots(result)).toEqual([
      'cache:.nx/workspace-data/',
      'cache:apps/api/supabase/.temp/',
      'test-report:apps/api/coverage/',
    ]);
    expect(artifact(result, 'apps/api/supabase/.temp/')?.pattern).toBe(
      '**/supabase/.temp/',
    );
    const gaps = Object.fromEntries(
      result.gaps.map((gap) => [gap.probe.pattern, gap.places]),
    );
    expect(gaps['.next/']).toEqual(['apps/web/.next/']);
    expect(gaps['**/supabase/.branches/']).toEqual([
      'apps/api/supabase/.branches/',
    ]);
    expect(gaps['.nx/cache']).toEqual(['.nx/cache/']);
    expect(gaps['.env']).toEqual(['.env', 'apps/api/.env', 'apps/web/.env']);
    expect(gaps['node_modules']).toContain('apps/web/node_modules/');
  });

  it('accepts a well-ignored workspace as clean', async () => {
    const repo = await committed(
      {
        'nx.json': '{}',
        'apps/web/package.json': '{"name":"web"}',
        'apps/web/next.config.js': 'module.exports = {};\n',
        'supabase/config.toml': 'project_id = "x"\n',
        'supabase/migrations/0001_init.sql': 'select 1;\n',
        '.env.example': 'A=\n',
      },
      [
        'node_modules',
        '.next/',
        'next-env.d.ts',
        'coverage/',
        '.nx/cache',
        '.nx/workspace-data',
        'supabase/.temp/',
        'supabase/.branches/',
        '.env',
        '.env.*',
        '!.env.example',
        '*.log',
        '',
      ].join('\n'),
    );
    const result = await run(repo);
    expect(result.artifacts).toEqual([]);
    expect(result.gaps).toEqual([]);
    expect(buildReport(result, 1).ok).toBe(true);
  });

  it('treats a rule only in .git/info/exclude as local', async () => {
    const repo = await committed({ 'app.log': 'x' });
    repo.write({ '.git/info/exclude': '*.log\n' });
    const result = await run(repo);
    expect(artifact(result, 'app.log')?.coverage.state).toBe('local-only');
    expect(artifact(result, 'app.log')?.suggestion?.patterns).toEqual([
      '*.log',
    ]);
  });
});

describe('--fix', () => {
  it('untracks, patches .gitignore and leaves every working file in place', async () => {
    const repo = await committed(
      {
        'apps/web/package.json': '{"name":"web"}',
        'apps/web/.next/static/chunk.js': 'chunk',
        'apps/web/node_modules': { symlink: '../../node_modules' },
        'node_modules/left-pad/index.js': 'module.exports = 1;',
        '.env.local': 'TOKEN=fake\n',
        'build.log': 'ok',
        'src/index.ts': 'export {};\n',
      },
      '/.next/\nnode_modules/\n',
    );
    repo.write({ 'notes.txt': 'untracked and not ignored' });
    const before = digestSnapshot(
      snapshotWorktree(repo.dir, new Set()),
      new Set(['.gitignore']),
    );
    const result = await run(repo, { fix: true });

    expect(result.fix?.worktreeDigest.before).toBe(
      result.fix?.worktreeDigest.after,
    );
    const after = digestSnapshot(
      snapshotWorktree(repo.dir, new Set()),
      new Set(['.gitignore']),
    );
    expect(after).toBe(before);
    expect(
      readFileSync(join(repo.dir, 'apps/web/.next/static/chunk.js'), 'utf8'),
    ).toBe('chunk');
    expect(readFileSync(join(repo.dir, '.env.local'), 'utf8')).toBe(
      'TOKEN=fake\n',
    );

    const tracked = (await repo.git('ls-files', '-z'))
      .split('\0')
      .filter(Boolean);
    expect(tracked).toEqual([
      '.gitignore',
      'apps/web/package.json',
      'package.json',
      'src/index.ts',
    ]);
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe(
      '/.next/\nnode_modules/\n\n# Added by shipshape hygiene\n.env.*\n.next/\nnode_modules\n*.log\n.env\ncoverage/\n',
    );
    expect(result.fix?.notIgnored).toEqual([]);
    const status = await repo.git('status', '--porcelain', '-z');
    expect(status.split('\0')).toContain('?? notes.txt');
    expect(buildReport(result, 1).ok).toBe(true);

    const again = await run(repo);
    expect(again.artifacts).toEqual([]);
    expect(again.gaps).toEqual([]);
  });

  it('stops and names the file when the working tree changed during the fix', async () => {
    const repo = await committed({
      'src/index.ts': 'export {};\n',
      'debug.log': 'x',
    });
    const meddle = () =>
      repo.write({ 'src/index.ts': 'export const changed = 1;\n' });
    await expect(
      run(repo, { fix: true, beforeFixVerify: meddle }),
    ).rejects.toThrow(
      /working tree changed while --fix ran \(src\/index\.ts\)/,
    );
  });

  it('proves the fix over tracked and untracked-not-ignored files, not ignored folders', async () => {
    const repo = await committed(
      { 'src/index.ts': 'export {};\n', 'debug.log': 'x' },
      'node_modules/\n',
    );
    repo.write({
      'notes.txt': 'untracked, not ignored',
      // Not ignored before the fix, ignored by its new `.env.*` rule after.
      '.env.local': 'TOKEN=fake\n',
      'node_modules/left-pad/index.js': 'ignored',
    });
    const result = await run(repo, { fix: true });
    // .gitignore, debug.log, package.json, src/index.ts + .env.local, notes.txt
    expect(result.fix?.worktreeDigest.entries).toBe(6);
    expect(result.fix?.worktreeDigest.after).toBe(
      result.fix?.worktreeDigest.before,
    );
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toContain(
      '\n.env.*\n',
    );
    expect(await repo.git('ls-files', '--', 'debug.log')).toBe('');
  });

  it.each([
    [
      'an untracked file that is not ignored',
      (dir: string) => writeFileSync(join(dir, 'notes.txt'), 'changed'),
      'notes.txt',
    ],
    [
      'a new untracked file',
      (dir: string) => writeFileSync(join(dir, 'new.txt'), 'new'),
      'new.txt',
    ],
    [
      'a file being untracked, same size and mtime',
      (dir: string) => {
        const path = join(dir, 'debug.log');
        const { atime, mtime } = statSync(path);
        writeFileSync(path, 'y');
        utimesSync(path, atime, mtime);
      },
      'debug.log',
    ],
    [
      'a deleted tracked file',
      (dir: string) => rmSync(join(dir, 'src/index.ts')),
      'src/index.ts',
    ],
  ])(
    'stops and names %s that changed during the fix',
    async (_, meddle, path) => {
      const repo = await committed({
        'src/index.ts': 'export {};\n',
        'debug.log': 'x',
      });
      repo.write({ 'notes.txt': 'untracked, not ignored' });
      await expect(
        run(repo, { fix: true, beforeFixVerify: () => meddle(repo.dir) }),
      ).rejects.toThrow(`working tree changed while --fix ran (${path})`);
    },
  );

  it('refuses to run over unresolved merge conflicts', async () => {
    const repo = await committed({ 'a.txt': 'base\n', 'debug.log': 'x' });
    await repo.git('checkout', '-q', '-b', 'side');
    repo.write({ 'a.txt': 'side\n' });
    await repo.commit('side');
    await repo.git('checkout', '-q', 'main');
    repo.write({ 'a.txt': 'main\n' });
    await repo.commit('main');
    await execa('git', ['merge', 'side'], { cwd: repo.dir, reject: false });
    await expect(run(repo, { fix: true })).rejects.toThrow(/merge conflicts/);
    expect((await repo.git('ls-files', '--', 'debug.log')).trim()).toBe(
      'debug.log',
    );
  });

  it('stops and says so when git refuses to untrack a file with staged changes', async () => {
    const repo = await committed({ 'app.log': 'one\n' });
    repo.write({ 'app.log': 'two\n' });
    await repo.git('add', 'app.log');
    repo.write({ 'app.log': 'three\n' });
    await expect(run(repo, { fix: true })).rejects.toThrow(
      /git rm --cached refused/,
    );
    expect(readFileSync(join(repo.dir, 'app.log'), 'utf8')).toBe('three\n');
    expect(existsSync(join(repo.dir, '.gitignore'))).toBe(false);
    expect((await repo.git('ls-files', '--', 'app.log')).trim()).toBe(
      'app.log',
    );
  });
});

describe('--history', () => {
  it('lists artifacts that live on only in history, with refs and the filter-repo command', async () => {
    const repo = await committed({
      'src/index.ts': 'export {};\n',
      'assets/keep.bin': binary(10),
    });
    await repo.git('checkout', '-q', '-b', 'leak');
    repo.write({
      '.env.production': 'SECRET=fake\n',
      'dump/db.tar.gz': binary(2048),
    });
    await repo.commit('oops');
    await repo.git('rm', '-q', '--cached', '.env.production', 'dump/db.tar.gz');
    await repo.commit('remove');
    await repo.git('checkout', '-q', 'main');
    repo.write({ 'assets/keep.bin': binary(3 * MB) });
    await repo.commit('big');
    repo.write({ 'assets/keep.bin': binary(20) });
    await repo.commit('small again');

    const result = await run(repo, { history: true });
    const history = result.history;
    expect(
      history?.artifacts.map((item) => `${item.cls}:${item.root}`),
    ).toEqual([
      'secret:.env.production',
      'large-binary:assets/keep.bin',
      'archive:dump/db.tar.gz',
    ]);
    const env = history?.artifacts.find((item) => item.cls === 'secret');
    expect(env?.refs).toEqual(['refs/heads/leak']);
    expect(env?.commits).toHaveLength(1);
    const big = history?.artifacts.find((item) => item.cls === 'large-binary');
    expect(big?.bytes).toBe(3 * MB);
    expect(history?.commands[0]).toBe(
      'git filter-repo --invert-paths --path .env.production --path dump/db.tar.gz',
    );
    expect(history?.commands.at(-1)).toBe(
      'git filter-repo --strip-blobs-with-ids ../shipshape-strip-blobs.txt',
    );
    const report = buildReport(result, 1);
    expect(report.history).toMatchObject({ rotateSecretsFirst: true });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'hygiene/history-secret',
      severity: 'critical',
    });
    // Reporting never rewrites anything.
    expect((await repo.git('rev-list', '--all', '--count')).trim()).toBe('5');
  });
});

describe('repository shapes', () => {
  it('explains a folder that is not a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-norepo-'));
    try {
      await expect(
        runHygiene({ cwd: dir, maxSize: MB, logger }),
      ).rejects.toMatchObject({
        code: 'NOT_A_REPOSITORY',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks HEAD of a bare repository and refuses --fix there', async () => {
    const repo = await committed({ 'apps/web/.next/x.js': 'x', '.env': 'A=1' });
    const bare = `${repo.dir}.git`;
    await execa('git', ['clone', '-q', '--bare', repo.dir, bare]);
    try {
      const result = await runHygiene({ cwd: bare, maxSize: MB, logger });
      expect(result.repo.bare).toBe(true);
      expect(result.reduced[0]).toMatch(/bare repository/);
      expect(roots(result)).toEqual(['build:apps/web/.next/', 'secret:.env']);
      await expect(
        runHygiene({ cwd: bare, maxSize: MB, logger, fix: true }),
      ).rejects.toMatchObject({
        code: 'UNSUPPORTED',
      });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('runs a reduced history check in a shallow clone and says so', async () => {
    const repo = await committed({ 'a.txt': 'a' });
    repo.write({ 'old.log': 'x' });
    await repo.commit('log');
    await repo.git('rm', '-q', '--cached', 'old.log');
    await repo.commit('drop log');
    const shallow = `${repo.dir}-shallow`;
    await execa('git', [
      'clone',
      '-q',
      '--depth',
      '1',
      `file://${repo.dir}`,
      shallow,
    ]);
    try {
      const result = await runHygiene({
        cwd: shallow,
        maxSize: MB,
        logger,
        history: true,
      });
      expect(result.repo.shallow).toBe(true);
      expect(result.reduced[0]).toMatch(/shallow clone/);
      expect(result.history?.artifacts).toEqual([]);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});
