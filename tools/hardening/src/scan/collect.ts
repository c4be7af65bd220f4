import {
  lstatSync,
  readFileSync,
  readdirSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { execaSync } from 'execa';
import ignore, { type Ignore } from 'ignore';
import { ShipshapeError } from '../errors.js';
import type { SkippedInput } from '../report/index.js';
import { pathMatcher } from './paths.js';
import type { ScanItem } from './types.js';

export interface CollectOptions {
  /** Where findings' paths are relative to. */
  root: string;
  /** Files or folders to scan, absolute or relative to `root`; default: root. */
  paths: string[];
  includeIgnored: boolean;
  /** Globs (relative to root) never scanned. */
  exclude: string[];
  /** Files bigger than this are skipped (bytes). */
  maxFileSize?: number;
}

export interface Collected {
  items: Array<ScanItem & { kind: 'file'; size: number }>;
  skipped: SkippedInput[];
}

const BINARY_EXT =
  /\.(?:png|jpe?g|gif|webp|avif|ico|bmp|tiff?|psd|woff2?|ttf|otf|eot|zip|gz|tgz|bz2|xz|7z|rar|zst|jar|war|pdf|mp[34]|mov|avi|webm|ogg|wav|flac|exe|dll|so|dylib|node|wasm|class|pyc|o|a|sqlite3?|db)$/i;
const MINIFIED_VENDOR =
  /(?:^|\/)(?:vendor|vendors|third[_-]party)\/.*\.min\.(?:js|css)$|\.min\.(?:js|css)$/;
const BUNDLE_DIR = /(?:^|\/)\.next\/static\//;
const ALWAYS_SKIPPED_DIRS = new Set(['.git', '.hg', '.svn']);
const DEPENDENCY_DIRS = new Set([
  'node_modules',
  '.pnpm-store',
  '.nx',
  '.yarn',
]);

/**
 * Lists the files to scan. In a git work tree, `git ls-files` decides what
 * .gitignore hides; elsewhere the walker reads every .gitignore itself.
 * Symlinks are followed only when they stay inside the root.
 */
export function collectFiles(options: CollectOptions): Collected {
  const root = realpathSync(options.root);
  const skipped: SkippedInput[] = [];
  const excluded = pathMatcher(options.exclude);
  const seen = new Set<string>();
  const items: Collected['items'] = [];
  for (const path of options.paths.length > 0 ? options.paths : ['.']) {
    const abs = isAbsolute(path) ? path : join(options.root, path);
    let stats: Stats;
    try {
      stats = statSync(abs);
    } catch {
      throw new ShipshapeError(
        'UNREADABLE_INPUT',
        `${path}: no such file or folder; pass an existing path to scan.`,
      );
    }
    // Paths in reports are relative to the root and never start with ../:
    // an explicit path (or a symlink) resolving outside the root is refused.
    const real = realpathSync(abs);
    const inside = relative(root, real);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      throw new ShipshapeError(
        'BAD_OPTION',
        `${path}: resolves outside the scanned root (${root}); run shipshape scan from a folder that contains it.`,
      );
    }
    const listed = stats.isDirectory()
      ? listFolder(abs, root, options, skipped)
      : [relative(root, realpathSync(abs))];
    for (const rel of listed) {
      const posix = rel.split(sep).join('/');
      if (posix.startsWith('../')) continue;
      if (seen.has(posix)) continue;
      seen.add(posix);
      if (excluded(posix)) continue;
      const item = admit(root, posix, options, skipped);
      if (item) items.push(item);
    }
  }
  items.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  skipped.sort((a, b) => a.file.localeCompare(b.file));
  return { items, skipped };
}

function admit(
  root: string,
  rel: string,
  options: CollectOptions,
  skipped: SkippedInput[],
): Collected['items'][number] | undefined {
  const abs = join(root, rel);
  let link: Stats;
  try {
    link = lstatSync(abs);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      skipped.push({ file: rel, reason: `unreadable (${code})` });
    return undefined;
  }
  let stats = link;
  if (link.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch {
      skipped.push({ file: rel, reason: 'broken symlink' });
      return undefined;
    }
    const inside = relative(root, target);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      skipped.push({
        file: rel,
        reason: 'symlink points outside the scanned root (not followed)',
      });
      return undefined;
    }
    stats = statSync(target);
    if (stats.isDirectory()) {
      skipped.push({
        file: rel,
        reason: 'symlink to a folder (its files are scanned where they live)',
      });
      return undefined;
    }
  }
  if (!stats.isFile()) return undefined;
  if (BINARY_EXT.test(rel)) {
    skipped.push({ file: rel, reason: 'binary (by extension)' });
    return undefined;
  }
  if (MINIFIED_VENDOR.test(rel) && !BUNDLE_DIR.test(rel)) {
    skipped.push({ file: rel, reason: 'vendored minified file' });
    return undefined;
  }
  if (options.maxFileSize !== undefined && stats.size > options.maxFileSize) {
    skipped.push({
      file: rel,
      reason: `larger than the ${options.maxFileSize}-byte limit (${stats.size} bytes); raise scan.maxFileSize in shipshape.config.json to scan it`,
    });
    return undefined;
  }
  return { kind: 'file', abs, rel, size: stats.size };
}

function listFolder(
  abs: string,
  root: string,
  options: CollectOptions,
  skipped: SkippedInput[],
): string[] {
  const fromRoot = relative(root, realpathSync(abs));
  const git = gitFiles(abs, options.includeIgnored);
  if (git && (git.length > 0 || !isGitIgnored(abs))) {
    return git.map((file) => join(fromRoot, file));
  }
  // An ignored folder passed on purpose (e.g. .next/static) is walked whole.
  return walk(
    abs,
    fromRoot,
    options.includeIgnored || git !== undefined,
    skipped,
  );
}

/** Files git would commit (tracked + untracked, not ignored); undefined outside a work tree. */
function gitFiles(
  folder: string,
  includeIgnored: boolean,
): string[] | undefined {
  if (includeIgnored) return undefined;
  try {
    const inside = execaSync('git', ['rev-parse', '--is-inside-work-tree'], {
      cwd: folder,
      reject: false,
    });
    if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true')
      return undefined;
    const listed = execaSync(
      'git',
      [
        'ls-files',
        '-z',
        '--cached',
        '--others',
        '--exclude-standard',
        '--deduplicate',
        '.',
      ],
      {
        cwd: folder,
        stripFinalNewline: false,
        maxBuffer: 1024 * 1024 * 1024,
      },
    );
    return listed.stdout.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

function isGitIgnored(folder: string): boolean {
  const result = execaSync('git', ['check-ignore', '-q', '.'], {
    cwd: folder,
    reject: false,
  });
  return result.exitCode === 0;
}

// With --include-ignored dependency folders are still left out (they are
// listed once as skipped); pass such a folder as a path to scan it.
function walk(
  abs: string,
  fromRoot: string,
  includeIgnored: boolean,
  skipped: SkippedInput[],
): string[] {
  const out: string[] = [];
  const visit = (
    dir: string,
    rel: string,
    rules: Array<{ base: string; ig: Ignore }>,
  ) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      skipped.push({
        file: `${rel || '.'}/`,
        reason: `unreadable folder (${(error as NodeJS.ErrnoException).code})`,
      });
      return;
    }
    const local = includeIgnored ? rules : withGitignore(dir, rel, rules);
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
      if (ignored(local, childRel, isDir)) continue;
      if (isDir && includeIgnored && DEPENDENCY_DIRS.has(entry.name)) {
        skipped.push({
          file: `${childRel}/`,
          reason: 'dependency or tool folder (pass it as a path to scan it)',
        });
        continue;
      }
      if (isDir) visit(join(dir, entry.name), childRel, local);
      else out.push(childRel);
    }
  };
  visit(abs, '', []);
  return out.map((file) => join(fromRoot, file));
}

function withGitignore(
  dir: string,
  rel: string,
  rules: Array<{ base: string; ig: Ignore }>,
): Array<{ base: string; ig: Ignore }> {
  let text: string;
  try {
    text = readFileIfExists(join(dir, '.gitignore'));
  } catch {
    return rules;
  }
  if (!text) return rules;
  return [...rules, { base: rel, ig: ignore().add(text) }];
}

function ignored(
  rules: Array<{ base: string; ig: Ignore }>,
  rel: string,
  isDir: boolean,
): boolean {
  for (const { base, ig } of rules) {
    const local = base ? rel.slice(base.length + 1) : rel;
    if (ig.ignores(isDir ? `${local}/` : local)) return true;
  }
  return false;
}

function readFileIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
