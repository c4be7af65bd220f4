import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execaSync } from 'execa';
import { fakeFactory } from '@shipshape/secrets/testing';
import { formatJson } from '../report/index.js';
import { runScan } from './engine.js';
import { listCommits } from './git.js';
import { writeTree } from './testing/corpus.js';

const f = fakeFactory('git');
const EMAIL = 'dev.person@example.org';

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-git-'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Dev Person');
  git(root, 'config', 'user.email', EMAIL);
  return root;
}

function git(cwd: string, ...args: string[]): string {
  return execaSync('git', args, { cwd }).stdout;
}

function commit(
  root: string,
  files: Record<string, string>,
  message: string,
): string {
  writeTree(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

describe('git modes', () => {
  let root: string;
  beforeEach(() => {
    root = repo();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('--history finds a secret added then deleted, with commit and date but no e-mail', async () => {
    const leaked = f.stripeSecret();
    commit(root, { 'README.md': '# app\n' }, 'init');
    const bad = commit(
      root,
      { 'src/pay.ts': `// pay\nexport const key = '${leaked}';\n` },
      'add payments',
    );
    unlinkSync(join(root, 'src/pay.ts'));
    commit(root, {}, 'remove key');
    expect(
      (await runScan({ cwd: root, paths: [], workers: 0, progress: false }))
        .report.findings,
    ).toEqual([]);
    const { report } = await runScan({
      cwd: root,
      paths: [],
      history: true,
      workers: 0,
      progress: false,
    });
    expect(
      report.findings.map((x) => [
        x.ruleId,
        x.location.file,
        x.location.line,
        x.location.commit,
      ]),
    ).toEqual([['stripe-secret-key', 'src/pay.ts', 2, bad]]);
    expect(report.findings[0].location.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const json = formatJson(report);
    expect(json).not.toContain(EMAIL);
    expect(json).not.toContain(leaked);
  });

  it('--since limits history to later commits; listCommits feeds the scan step', async () => {
    const first = commit(root, { 'a.env': `A=${f.resend()}\n` }, 'one');
    commit(root, { 'b.env': `B=${f.githubClassic()}\n` }, 'two');
    expect((await listCommits(root)).map((c) => c.sha)[0]).toBe(first);
    const { report } = await runScan({
      cwd: root,
      paths: [],
      history: true,
      since: first,
      workers: 0,
      progress: false,
    });
    expect(report.findings.map((x) => x.location.file)).toEqual(['b.env']);
    expect(report.stats.commits).toBe(1);
    const picked = await runScan({
      cwd: root,
      paths: [],
      history: true,
      workers: 0,
      progress: false,
      selectCommits: (commits) => commits.slice(0, 1),
    });
    expect(picked.report.findings.map((x) => x.location.file)).toEqual([
      'a.env',
    ]);
  });

  it('--since with an unknown revision is a clear error', async () => {
    commit(root, { 'a.txt': 'x\n' }, 'one');
    await expect(
      runScan({
        cwd: root,
        paths: [],
        history: true,
        since: 'nope',
        workers: 0,
      }),
    ).rejects.toThrow(/--since nope: no such commit/);
  });

  it('--staged reads the index, not the working tree', async () => {
    commit(root, { 'a.ts': 'export const a = 1;\n' }, 'init');
    const staged = f.resend();
    writeTree(root, { 'a.ts': `export const a = '${staged}';\n` });
    git(root, 'add', 'a.ts');
    writeTree(root, {
      'a.ts': 'export const a = 2;\n',
      'new.ts': `const k = '${f.stripeSecret()}';\n`,
    });
    const { report } = await runScan({
      cwd: root,
      paths: [],
      staged: true,
      workers: 0,
      progress: false,
    });
    expect(
      report.findings.map((x) => [x.location.file, x.ruleId, x.location.line]),
    ).toEqual([['a.ts', 'resend-api-key', 1]]);
    git(root, 'reset', '-q', 'a.ts');
    const clean = await runScan({
      cwd: root,
      paths: [],
      staged: true,
      workers: 0,
      progress: false,
    });
    expect(clean.report.findings).toEqual([]);
  });

  it('staged blobs and history text obey scan.maxFileSize', async () => {
    commit(
      root,
      {
        'shipshape.config.json': JSON.stringify({ scan: { maxFileSize: 200 } }),
      },
      'init',
    );
    const big = `const k = '${f.stripeSecret()}';\n${'// filler\n'.repeat(30)}`;
    const sha = commit(root, { 'big.ts': big }, 'big');
    writeTree(root, { 'big2.ts': big });
    git(root, 'add', 'big2.ts');
    const reason = expect.stringMatching(
      /^larger than the 200-byte limit \(3\d\d bytes\); raise scan\.maxFileSize in shipshape\.config\.json to scan it$/,
    );
    const staged = await runScan({
      cwd: root,
      paths: [],
      staged: true,
      workers: 0,
      progress: false,
    });
    expect(staged.report.findings).toEqual([]);
    expect(staged.report.stats.skipped).toEqual([{ file: 'big2.ts', reason }]);
    const history = await runScan({
      cwd: root,
      paths: [],
      history: true,
      workers: 0,
      progress: false,
    });
    expect(history.report.findings).toEqual([]);
    expect(history.report.stats.skipped).toContainEqual({
      file: `big.ts@${sha.slice(0, 12)}`,
      reason: expect.stringContaining('raise scan.maxFileSize'),
    });
  });

  it('--history and --revoked report a revoked value still in history', async () => {
    const old = f.password();
    commit(root, { 'config.yml': `db:\n  pass: ${old}\n` }, 'one');
    commit(root, { 'config.yml': 'db:\n  pass: ${DB_PASS}\n' }, 'two');
    const { hashSecret } = await import('../ledger/index.js');
    writeTree(root, {
      '.shipshape/revoked.txt': `${hashSecret(old)} DB_PASS 2026-02-01\n`,
    });
    const { report } = await runScan({
      cwd: root,
      paths: [],
      history: true,
      revoked: '.shipshape/revoked.txt',
      workers: 0,
      progress: false,
    });
    expect(
      report.findings.some(
        (x) => x.ruleId === 'revoked-secret' && x.location.line === 2,
      ),
    ).toBe(true);
  });
});
