import { createHash } from 'node:crypto';
import {
  readdirSync,
  readFileSync,
  readlinkSync,
  lstatSync,
  type Stats,
} from 'node:fs';
import { join } from 'node:path';
import { git, splitNul } from './git.js';

/** Path -> fingerprint of everything in the working tree except `.git`. */
export type WorktreeSnapshot = Map<string, string>;

/**
 * The paths `--fix` proves untouched: every tracked file and every
 * untracked file git does not ignore (`git ls-files -z --cached --others
 * --exclude-standard`), plus `extra` (the files being untracked and the
 * ignore files being patched, and on the second pass the first pass's
 * paths, so a file the new rules now ignore is still compared). Ignored
 * files outside the plan (node_modules, build output) are not listed: the
 * fix never names them to git and never writes them.
 */
export async function listProofPaths(
  root: string,
  extra: Iterable<string>,
): Promise<Set<string>> {
  const out = await git(root, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ]);
  return new Set([...splitNul(out), ...extra]);
}

/**
 * Fingerprints the given paths without following symlinks: for a file its
 * mode, size, mtime, ctime and inode (a write changes mtime and ctime, and
 * ctime cannot be set back), plus the sha256 of its content for the files in
 * `hashContent` (the ones the fix names to git); a symlink's target; `dir`
 * or `missing` otherwise.
 */
export function snapshotPaths(
  root: string,
  paths: Iterable<string>,
  hashContent: ReadonlySet<string>,
): WorktreeSnapshot {
  const snapshot: WorktreeSnapshot = new Map();
  for (const path of paths) {
    const absolute = join(root, path);
    let stat: Stats;
    try {
      stat = lstatSync(absolute);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      snapshot.set(path, 'missing');
      continue;
    }
    if (stat.isSymbolicLink()) {
      snapshot.set(path, `link:${readlinkSync(absolute)}`);
    } else if (stat.isDirectory()) {
      snapshot.set(path, 'dir');
    } else {
      const meta = `stat:${stat.mode}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
      snapshot.set(
        path,
        hashContent.has(path) ? `${meta}:${sha256(absolute)}` : meta,
      );
    }
  }
  return snapshot;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * The exhaustive fingerprint of the whole working tree, ignored folders
 * included (seconds on a workspace with node_modules): the content of every
 * file in `hashContent`, type, size, mode and mtime of every other entry.
 * `--fix` uses the cheaper `snapshotPaths`; tests use this as an
 * independent check that nothing anywhere changed.
 */
export function snapshotWorktree(
  root: string,
  hashContent: ReadonlySet<string>,
): WorktreeSnapshot {
  const snapshot: WorktreeSnapshot = new Map();
  const walk = (relative: string) => {
    const entries = readdirSync(join(root, relative), { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      const absolute = join(root, path);
      if (entry.isSymbolicLink()) {
        snapshot.set(path, `link:${readlinkSync(absolute)}`);
      } else if (entry.isDirectory()) {
        snapshot.set(`${path}/`, 'dir');
        walk(path);
      } else if (hashContent.has(path)) {
        const stat = lstatSync(absolute);
        const digest = createHash('sha256')
          .update(readFileSync(absolute))
          .digest('hex');
        snapshot.set(path, `file:${stat.mode}:${digest}`);
      } else {
        const stat = lstatSync(absolute);
        snapshot.set(path, `stat:${stat.mode}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk('');
  return snapshot;
}

/** Paths whose fingerprint differs, leaving out the ones meant to change. */
export function compareSnapshots(
  before: WorktreeSnapshot,
  after: WorktreeSnapshot,
  expectedChanges: ReadonlySet<string>,
): string[] {
  const changed: string[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    if (expectedChanges.has(path)) continue;
    if (before.get(path) !== after.get(path)) changed.push(path);
  }
  return changed.sort();
}

/** One digest for the snapshot minus the expected changes, for the report. */
export function digestSnapshot(
  snapshot: WorktreeSnapshot,
  leaveOut: ReadonlySet<string>,
): string {
  const hash = createHash('sha256');
  for (const path of [...snapshot.keys()].sort()) {
    if (!leaveOut.has(path)) hash.update(`${path}\0${snapshot.get(path)}\0`);
  }
  return hash.digest('hex');
}
