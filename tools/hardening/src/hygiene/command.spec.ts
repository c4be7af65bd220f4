import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../cli/errors.js';
import { registerHygieneCommand } from './command.js';
import { makeRepo, type TestRepo } from './testing/repo.js';

// Runs `shipshape hygiene ...` in-process with only this command registered.
async function cli(
  cwd: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
  const stderr = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
  const cwdSpy = vi.spyOn(process, 'cwd').mockReturnValue(cwd);
  process.exitCode = undefined;
  const program = new Command('shipshape').option('--verbose').exitOverride();
  registerHygieneCommand(program);
  for (const command of program.commands) command.exitOverride();
  let code: number;
  try {
    await program.parseAsync(['hygiene', ...args], { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    code = reportFailure(error, false);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    cwdSpy.mockRestore();
    process.exitCode = undefined;
  }
  return { code, out: out.join(''), err: err.join('') };
}

describe('shipshape hygiene', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await makeRepo({
      'package.json': '{"name":"x"}',
      'dist/app.js': 'built',
      '.gitignore': 'node_modules\n.env\n.env.*\ncoverage/\n*.log\n',
    });
    await repo.commit('initial');
  });
  afterEach(() => repo.remove());

  it('exits 1 with the finding, its size and the fix plan', async () => {
    const { code, out } = await cli(repo.dir, []);
    expect(code).toBe(1);
    expect(out).toContain('dist/');
    expect(out).toContain('build output tracked (1 file, 5 B)');
    expect(out).toContain('Tracked by mistake: 1 file, 5 B.');
    expect(out).toContain('git --literal-pathspecs rm --cached');
    expect(out).toContain(
      `printf '%s\\n' '# Added by shipshape hygiene' 'dist/' >> .gitignore`,
    );
  });

  it('prints the JSON report with the plan and the weight', async () => {
    const { code, out } = await cli(repo.dir, ['--format', 'json']);
    const report = JSON.parse(out);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      tool: 'shipshape',
      command: 'hygiene',
      ok: false,
      trackedByMistake: { files: 1, bytes: 5, size: '5 B' },
      fixPlan: {
        untrack: ['dist/app.js'],
        gitignore: [{ file: '.gitignore', patterns: ['dist/'] }],
      },
    });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'hygiene/build',
      location: { file: 'dist/' },
      properties: {
        coverage: { state: 'not-covered' },
        add: { patterns: ['dist/'] },
      },
    });
  });

  it('fixes and then stays quiet', async () => {
    const fixed = await cli(repo.dir, ['--fix']);
    expect(fixed.code).toBe(0);
    // .gitignore, dist/app.js, package.json
    expect(fixed.out).toMatch(
      /Working tree unchanged: sha256 [0-9a-f]{16} before and after over 3 paths \(tracked, or untracked and not ignored\)\./,
    );
    const { code, out } = await cli(repo.dir, []);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('shipshape hygiene: ok');
  });

  it('--fix exits 2 on a symlinked .gitignore, names it and changes nothing', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
    try {
      writeFileSync(join(outside, 'rules'), 'outside\n');
      await repo.git('rm', '-q', '--cached', '.gitignore');
      rmSync(join(repo.dir, '.gitignore'));
      repo.write({ '.gitignore': { symlink: join(outside, 'rules') } });
      await repo.commit('link', ['.gitignore']);
      const index = await repo.git('ls-files', '-s');
      const { code, err } = await cli(repo.dir, ['--fix']);
      expect(code).toBe(2);
      expect(err).toMatch(
        /^shipshape: \.gitignore: is a symlink \(to .*rules\), which --fix will not write through .*; replace it with a regular file inside the repository/,
      );
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(readFileSync(join(outside, 'rules'), 'utf8')).toBe('outside\n');
      expect(await repo.git('ls-files', '-s')).toBe(index);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('exits 2 on a bad --max-size, naming the option', async () => {
    const { code, err } = await cli(repo.dir, ['--max-size', 'huge']);
    expect(code).toBe(2);
    expect(err).toMatch(/^shipshape: --max-size: "huge" is not a size/);
  });

  it('exits 2 on a bad config section, naming the key', async () => {
    repo.write({ 'shipshape.config.json': '{"hygiene":{"maxSize":"lots"}}' });
    const { code, err } = await cli(repo.dir, []);
    expect(code).toBe(2);
    expect(err).toContain('hygiene.maxSize');
  });

  it('allowlists from the config file', async () => {
    repo.write({
      'shipshape.config.json': JSON.stringify({
        hygiene: {
          allow: [{ path: 'dist/**', reason: 'published action bundle' }],
        },
      }),
    });
    const { code, out } = await cli(repo.dir, ['--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).findings[0].suppressed).toEqual({
      kind: 'allowlist',
      reason: 'dist/**: published action bundle',
    });
  });
});
