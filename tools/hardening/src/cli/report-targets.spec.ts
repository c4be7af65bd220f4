import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/shipshape.mjs');

function shipshape(cwd: string, args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
}

// The guard lives in reportingAction, so every command has it, not only scan.
describe('report files never replace a user file', { timeout: 60_000 }, () => {
  it.each([
    ['--output', 'text'],
    ['--json-file', 'json'],
    ['--sarif-file', 'sarif'],
  ])('validate-env %s over README.md exits 2 and keeps it', (option) => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-targets-'));
    writeFileSync(join(dir, 'README.md'), '# mine\n');

    const result = shipshape(dir, ['validate-env', option, 'README.md']);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `shipshape: ${option} README.md: the file exists and is not a shipshape ` +
        `${option === '--output' ? 'text' : option.slice(2, -5)} report, so it is not overwritten; ` +
        'choose a new path or delete it first.\n',
    );
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it('rewrites its own earlier report of the same kind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-targets-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });

    for (let run = 0; run < 2; run++) {
      const result = shipshape(dir, [
        'audit',
        '--output',
        'audit.txt',
        '--json-file',
        'audit.json',
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('audit verdict unknown');
      expect(result.stderr).not.toContain('not overwritten');
    }
    expect(readFileSync(join(dir, 'audit.txt'), 'utf8')).toMatch(
      /^shipshape audit: verdict UNKNOWN/,
    );
  });
});
