import { createLogger } from '@shipshape/logger';
import {
  linkSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHygiene } from './engine.js';
import { applyFix, type FixPlan } from './fix.js';
import { applyPatch, planPatches } from './gitignore.js';
import { unsafeIgnoreFile } from './ignore-file.js';
import { buildReport } from './report.js';
import { makeRepo, type TestRepo } from './testing/repo.js';

const logger = createLogger({ service: 'test', level: 'silent' });
const cleanup: Array<() => void> = [];

afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

function outsideDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function repoWith(
  files: Parameters<typeof makeRepo>[0],
): Promise<TestRepo> {
  const repo = await makeRepo(files);
  cleanup.push(() => repo.remove());
  return repo;
}

async function index(repo: TestRepo): Promise<string> {
  return repo.git('ls-files', '-s', '-z');
}

function planFor(file: string): FixPlan {
  return {
    untrack: ['.env'],
    patches: [{ file, patterns: ['.env'] }],
    commands: [],
    skipped: [],
  };
}

describe('--fix never writes through an unsafe .gitignore', () => {
  it('refuses a committed .gitignore symlink to a file outside the repository, changing nothing', async () => {
    const outside = join(outsideDir(), 'outside-gitignore');
    writeFileSync(outside, 'outside\n');
    const repo = await repoWith({
      '.gitignore': { symlink: outside },
      '.env': 'A=1\n',
    });
    await repo.commit('j');
    const before = await index(repo);

    const fix = runHygiene({ cwd: repo.dir, maxSize: 1e6, logger, fix: true });
    await expect(fix).rejects.toMatchObject({
      name: 'ShipshapeError',
      code: 'UNSAFE',
    });
    await expect(fix).rejects.toThrow(
      `.gitignore: is a symlink (to ${outside}), which --fix will not write through`,
    );
    expect(readFileSync(outside, 'utf8')).toBe('outside\n');
    // Checked before acting: no git rm --cached either.
    expect(await index(repo)).toBe(before);
    expect(await index(repo)).toContain('\t.env\0');
  });

  it('refuses an untracked or dangling .gitignore symlink', async () => {
    const target = join(outsideDir(), 'not-there-yet');
    const repo = await repoWith({ '.env': 'A=1\n', 'a.txt': 'a' });
    await repo.commit('j');
    symlinkSync(target, join(repo.dir, '.gitignore'));
    const before = await index(repo);
    await expect(
      runHygiene({ cwd: repo.dir, maxSize: 1e6, logger, fix: true }),
    ).rejects.toThrow(/^\.gitignore: is a symlink \(to .*not-there-yet\)/);
    expect(() => readFileSync(target)).toThrow(/ENOENT/);
    expect(await index(repo)).toBe(before);
  });

  it('refuses a .gitignore inside a symlinked folder, a hard link and a path leaving the root', async () => {
    const outside = outsideDir();
    writeFileSync(join(outside, '.gitignore'), 'outside\n');
    const shared = join(outside, 'shared');
    writeFileSync(shared, 'shared\n');
    const repo = await repoWith({
      '.env': 'A=1\n',
      linked: { symlink: outside },
      'real/a.txt': 'a',
    });
    await repo.commit('j');
    linkSync(shared, join(repo.dir, 'real', '.gitignore'));
    const before = await index(repo);

    const cases: Array<[string, RegExp]> = [
      [
        'linked/.gitignore',
        /^linked\/\.gitignore: is inside linked, a symlinked folder/,
      ],
      [
        'real/.gitignore',
        /^real\/\.gitignore: is a hard link shared with 1 other path/,
      ],
      [
        '../escape/.gitignore',
        /^\.\.\/escape\/\.gitignore: is not a plain path inside the repository/,
      ],
      [
        '/abs/.gitignore',
        /^\/abs\/\.gitignore: is not a plain path inside the repository/,
      ],
    ];
    for (const [file, message] of cases) {
      await expect(
        applyFix(repo.dir, planFor(file), ['.env'], logger),
      ).rejects.toThrow(message);
    }
    expect(readFileSync(join(outside, '.gitignore'), 'utf8')).toBe('outside\n');
    expect(readFileSync(shared, 'utf8')).toBe('shared\n');
    expect(await index(repo)).toBe(before);
  });

  it('accepts regular and missing ignore files inside the repository', async () => {
    const repo = await repoWith({ '.gitignore': 'x\n', 'sub/a.txt': 'a' });
    expect(unsafeIgnoreFile(repo.dir, '.gitignore')).toBeUndefined();
    expect(unsafeIgnoreFile(repo.dir, 'sub/.gitignore')).toBeUndefined();
    expect(unsafeIgnoreFile(repo.dir, 'new/deeper/.gitignore')).toBeUndefined();
    mkdirSync(join(repo.dir, 'dir.gitignore'));
    expect(unsafeIgnoreFile(repo.dir, 'dir.gitignore')).toBe(
      'is not a regular file',
    );
  });
});

describe('patching through a symlink', () => {
  it('plans as if a symlinked .gitignore were empty and the write never follows it', async () => {
    const outside = join(outsideDir(), 'rules');
    writeFileSync(outside, 'node_modules\n');
    const repo = await repoWith({ '.gitignore': { symlink: outside } });
    const patches = planPatches(repo.dir, [
      { file: '.gitignore', pattern: 'node_modules' },
    ]);
    expect(patches).toEqual([
      { file: '.gitignore', patterns: ['node_modules'] },
    ]);
    // Even a symlink that slipped past the checks is not written through.
    expect(() => applyPatch(repo.dir, patches[0])).toThrow(/ELOOP/);
    expect(readFileSync(outside, 'utf8')).toBe('node_modules\n');
  });
});

describe('coverage with a symlinked .gitignore', () => {
  it('says git does not read it and does not count its rules', async () => {
    const outside = join(outsideDir(), 'rules');
    writeFileSync(outside, '.env\n');
    const repo = await repoWith({
      '.gitignore': { symlink: outside },
      'pkg/.gitignore': { symlink: outside },
      '.env': 'A=1\n',
    });
    await repo.commit('j');
    const result = await runHygiene({ cwd: repo.dir, maxSize: 1e6, logger });
    expect(result.unreadIgnoreFiles).toEqual([
      { file: '.gitignore', target: outside },
      { file: 'pkg/.gitignore', target: outside },
    ]);
    // git skips it, so the rule in it covers nothing.
    expect(
      result.artifacts.find((item) => item.root === '.env')?.coverage.state,
    ).toBe('not-covered');
    const warnings = buildReport(result, 1).warnings ?? [];
    expect(warnings).toContainEqual({
      code: 'HYGIENE_IGNORE_FILE_SYMLINK',
      message: `.gitignore: is a symlink (to ${outside}), which git does not read ("Too many levels of symbolic links"), so none of its rules apply; replace it with a regular file.`,
    });
    expect(
      warnings.filter((w) => w.code === 'HYGIENE_IGNORE_FILE_SYMLINK'),
    ).toHaveLength(2);
  });

  it('reports nothing for a regular .gitignore', async () => {
    const repo = await repoWith({ '.gitignore': '.env\n', 'a.txt': 'a' });
    await repo.commit('j');
    const result = await runHygiene({ cwd: repo.dir, maxSize: 1e6, logger });
    expect(result.unreadIgnoreFiles).toEqual([]);
  });
});
