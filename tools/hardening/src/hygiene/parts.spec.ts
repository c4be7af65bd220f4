import { describe, expect, it } from 'vitest';
import { compileAllow, findAllow, hygieneConfigSchema } from './config.js';
import { escapeGitignore, patchedContent, planPatches } from './gitignore.js';
import { shellCommand } from './shell.js';
import { formatSize, parseSize } from './size.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('sizes', () => {
  it.each([
    ['1048576', 1048576],
    ['500KB', 500_000],
    ['1.5MB', 1_500_000],
    ['2MiB', 2 * 1024 * 1024],
    ['1 gb', 1e9],
    [' 10k ', 10_000],
  ])('parses %s', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['', 'big', '-1MB', '1XB', '0'])('rejects %j', (text) => {
    expect(parseSize(text)).toBeUndefined();
  });

  it('prints human units', () => {
    expect(formatSize(3_400_000)).toBe('3.4 MB');
    expect(formatSize(12)).toBe('12 B');
  });
});

describe('.gitignore patterns', () => {
  it.each([
    ['plain/file.zip', 'plain/file.zip'],
    ['#notes.log', '\\#notes.log'],
    ['!bang.zip', '\\!bang.zip'],
    ['a*b?[c].zip', 'a\\*b\\?\\[c\\].zip'],
    ['trailing ', 'trailing\\ '],
  ])('escapes %j', (path, pattern) => {
    expect(escapeGitignore(path)).toBe(pattern);
  });

  it('appends under a header, keeping what was there', () => {
    expect(patchedContent(undefined, ['.next/'])).toBe(
      '# Added by shipshape hygiene\n.next/\n',
    );
    expect(patchedContent('dist/', ['.next/'])).toBe(
      'dist/\n\n# Added by shipshape hygiene\n.next/\n',
    );
  });

  it('skips patterns the file already has but repeats negations after new rules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-patch-'));
    try {
      writeFileSync(join(dir, '.gitignore'), 'node_modules\n!.env.example\n');
      const wanted = ['node_modules', '.env.*', '!.env.example'].map(
        (pattern) => ({
          file: '.gitignore',
          pattern,
        }),
      );
      expect(planPatches(dir, wanted)).toEqual([
        { file: '.gitignore', patterns: ['.env.*', '!.env.example'] },
      ]);
      expect(planPatches(dir, wanted.slice(0, 1))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('allowlist', () => {
  it('matches globs, folders and classes', () => {
    const rules = [
      compileAllow({ path: 'apps/web/public/**', reason: 'images' }),
      compileAllow({ path: 'fixtures/**/*.zip', classes: ['archive'] }),
      compileAllow('vendor/'),
    ];
    expect(
      findAllow(rules, 'apps/web/public/a/hero.png', 'large-binary')?.reason,
    ).toBe('images');
    expect(findAllow(rules, 'fixtures/x/a.zip', 'archive')?.reason).toBe(
      'allowlisted',
    );
    expect(
      findAllow(rules, 'fixtures/x/a.zip', 'large-binary'),
    ).toBeUndefined();
    expect(findAllow(rules, 'vendor/', 'dependency')).toBeDefined();
    expect(findAllow(rules, 'apps/web/.next/', 'build')).toBeUndefined();
  });

  it('reports every bad key of the config section', () => {
    const parsed = hygieneConfigSchema.safeParse({
      maxSize: 'huge',
      allow: [{ path: '' }, { path: 'x', classes: ['nope'] }],
      extra: 1,
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues
      .map((issue) => issue.path.join('.'))
      .sort();
    expect(paths).toEqual(['', 'allow.0.path', 'allow.1', 'maxSize']);
  });
});

describe('shell quoting', () => {
  it('quotes only what needs it', () => {
    expect(shellCommand(['git', 'rm', '--cached', "it's here", 'a b'])).toBe(
      `git rm --cached 'it'\\''s here' 'a b'`,
    );
  });
});
