import {
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { fakeFactory } from '@shipshape/secrets/testing';
import { writeTree } from './testing/corpus.js';

const BIN = resolve(import.meta.dirname, '../../bin/shipshape.mjs');
const f = fakeFactory('review-cli');

describe('shipshape scan (CLI) never loses a user file', () => {
  let root: string;
  const run = (...args: string[]) =>
    execa('node', [BIN, 'scan', '--no-progress', ...args], {
      cwd: root,
      reject: false,
    });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'shipshape-review-cli-'));
    writeTree(root, {
      'package.json': '{ "name": "app", "private": true }\n',
      'src/a.ts': `export const k = '${f.stripeSecret()}';\n`,
    });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refuses --write-baseline, --output, --json-file and --sarif-file over a foreign file (exit 2)', async () => {
    const cases: Array<[string[], string]> = [
      [['--write-baseline', 'package.json'], 'package.json'],
      [['--output', 'src/a.ts'], 'src/a.ts'],
      [['--format', 'json', '--output', 'package.json'], 'package.json'],
      [['--json-file', 'src/a.ts'], 'src/a.ts'],
      [['--sarif-file', 'package.json'], 'package.json'],
    ];
    for (const [args, file] of cases) {
      const before = readFileSync(join(root, file), 'utf8');
      const result = await run(...args);
      expect([args, result.exitCode]).toEqual([args, 2]);
      expect(result.stderr).toContain(
        `${args[args.length - 2]} ${file}: the file exists and is not a shipshape`,
      );
      expect(readFileSync(join(root, file), 'utf8')).toBe(before);
    }
  }, 120_000);

  it('rewrites its own baseline and reports of the same format', async () => {
    for (const args of [
      ['--write-baseline', 'base.json'],
      ['--format', 'json', '--output', 'out/scan.json'],
      ['--format', 'sarif', '--output', 'out/scan.sarif'],
      ['--output', 'out/scan.txt'],
    ]) {
      const first = await run(...args);
      const second = await run(...args);
      expect([args, first.exitCode, second.exitCode]).toEqual([
        args,
        args[0] === '--write-baseline' ? 0 : 1,
        args[0] === '--write-baseline' ? 0 : 1,
      ]);
    }
    // a JSON report is not a SARIF report: refused
    const mixed = await run('--format', 'sarif', '--output', 'out/scan.json');
    expect(mixed.exitCode).toBe(2);
    expect(
      JSON.parse(readFileSync(join(root, 'out/scan.json'), 'utf8')).tool,
    ).toBe('shipshape');
  }, 120_000);

  it('refuses an explicit path that resolves outside the root (exit 2)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
    try {
      writeFileSync(join(outside, 'a.env'), `A=${f.stripeSecret()}\n`);
      symlinkSync(outside, join(root, 'link'));
      const result = await run('link', '--format', 'json');
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(
        'link: resolves outside the scanned root',
      );
      expect(result.stdout).not.toContain('../');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints only the count of suppressed findings on a clean baseline run', async () => {
    expect((await run('--write-baseline', 'base.json')).exitCode).toBe(0);
    const quiet = await run('--baseline', 'base.json');
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).not.toContain('src/a.ts');
    expect(quiet.stdout).toContain('1 suppressed (1 baseline)');
    const shown = await run('--baseline', 'base.json', '--show-suppressed');
    expect(shown.stdout).toContain('src/a.ts:1:');
    const json = await run('--baseline', 'base.json', '--format', 'json');
    expect(
      JSON.parse(json.stdout).findings.map(
        (x: { suppressed?: { kind: string } }) => x.suppressed?.kind,
      ),
    ).toEqual(['baseline']);
  }, 60_000);
});
