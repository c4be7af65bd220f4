import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { appendLedger, hashSecret } from '../ledger/index.js';
import { fakeValue } from './testing/values.js';

const BIN = fileURLToPath(new URL('../../bin/shipshape.mjs', import.meta.url));

async function git(root: string, ...args: string[]) {
  await execa('git', args, { cwd: root });
}

/**
 * A repository where a revoked value was committed in an old commit (then
 * removed) and still sits in a file of the working tree under another
 * name; a second, unrelated secret-free file is clean.
 */
async function plantedRepository() {
  const root = mkdtempSync(join(tmpdir(), 'rotation-check-'));
  const revoked = fakeValue('rk_', 24);
  await git(root, 'init', '-q');
  await git(root, 'config', 'user.name', 'Test');
  await git(root, 'config', 'user.email', 'test@example.test');
  mkdirSync(join(root, 'config'));
  writeFileSync(
    join(root, 'config/old.ts'),
    `export const mailKey = '${revoked}';\n`,
  );
  await git(root, 'add', '.');
  await git(root, 'commit', '-q', '-m', 'add mail key');
  writeFileSync(
    join(root, 'config/old.ts'),
    'export const mailKey = process.env.MAIL_KEY;\n',
  );
  await git(root, 'commit', '-q', '-am', 'read the key from the environment');
  writeFileSync(
    join(root, 'notes.md'),
    `# ops\nthe fallback key is ${revoked} (do not use)\n`,
  );
  writeFileSync(join(root, 'README.md'), '# app\n');
  appendLedger(join(root, '.shipshape/revoked.txt'), {
    sha256: hashSecret(revoked),
    name: 'MAIL_KEY',
    date: '2026-12-03',
  });
  await git(root, 'add', '.');
  await git(root, 'commit', '-q', '-m', 'notes');
  return { root, revoked };
}

async function cli(root: string, args: string[]) {
  return execa(process.execPath, [BIN, ...args], {
    cwd: root,
    reject: false,
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

describe('rotation check', { timeout: 120_000 }, () => {
  it('finds a revoked value in a file and in an old commit, and prints neither', async () => {
    const { root, revoked } = await plantedRepository();
    const json = await cli(root, ['rotate', 'check', '--format', 'json']);
    expect(json.exitCode).toBe(1);
    const report = JSON.parse(json.stdout);
    const places = report.findings.map(
      (finding: { location: { file: string; commit?: string } }) =>
        `${finding.location.file}${finding.location.commit ? '@history' : ''}`,
    );
    expect(places).toContain('notes.md');
    expect(places).toContain('config/old.ts@history');
    expect(
      report.findings.every(
        (finding: { ruleId: string; severity: string }) =>
          finding.ruleId === 'revoked-secret' &&
          finding.severity === 'critical',
      ),
    ).toBe(true);
    expect(report.findings[0].message).toMatch(
      /^revoked MAIL_KEY \(ledger 2026-12-03\) still appears/,
    );

    const text = await cli(root, ['rotate', 'check']);
    expect(text.exitCode).toBe(1);
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) {
      expect(output).not.toContain(revoked);
      expect(output).not.toContain(revoked.slice(3, 20));
    }
  });

  it('is wired to the scan flags: `scan --revoked` on the tree and with --history', async () => {
    const { root, revoked } = await plantedRepository();
    const tree = await cli(root, [
      'scan',
      '--revoked',
      '.shipshape/revoked.txt',
      '--format',
      'json',
      '--no-progress',
    ]);
    const history = await cli(root, [
      'scan',
      '--history',
      '--revoked',
      '.shipshape/revoked.txt',
      '--format',
      'json',
      '--no-progress',
    ]);
    expect(tree.exitCode).toBe(1);
    expect(history.exitCode).toBe(1);
    const files = (stdout: string) =>
      JSON.parse(stdout)
        .findings.filter(
          (finding: { ruleId: string }) => finding.ruleId === 'revoked-secret',
        )
        .map(
          (finding: { location: { file: string } }) => finding.location.file,
        );
    expect(files(tree.stdout)).toEqual(['notes.md']);
    expect(files(history.stdout)).toContain('config/old.ts');
    expect(tree.stdout + history.stdout).not.toContain(revoked);
  });

  it('passes once the value is gone from both, and says so quietly', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rotation-check-'));
    await git(root, 'init', '-q');
    await git(root, 'config', 'user.name', 'Test');
    await git(root, 'config', 'user.email', 'test@example.test');
    writeFileSync(join(root, 'README.md'), '# clean\n');
    appendLedger(join(root, '.shipshape/revoked.txt'), {
      sha256: hashSecret(fakeValue('gone_')),
      name: 'OLD',
      date: '2026-12-01',
    });
    await git(root, 'add', '.');
    await git(root, 'commit', '-q', '-m', 'clean');
    const result = await cli(root, ['rotate', 'check']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/shipshape rotate check: ok/);
  });

  it('exits 2 naming the ledger when it is missing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rotation-check-'));
    const result = await cli(root, ['rotate', 'check', '--no-history']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/revoked\.txt: no ledger file there/);
  });
});
