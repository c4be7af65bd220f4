import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { ShipshapeError } from '../errors.js';
import { isIgnoreFile } from './evaluate.js';
import { SYMLINK_MODE, type TrackedFile } from './index-reader.js';

/**
 * Why `--fix` must not write the ignore file `file` (relative to `root`),
 * or undefined when it is a regular file (or a missing one) inside the
 * repository that no other path shares. Checked before anything changes:
 * a symlinked `.gitignore`, one in a symlinked folder, a hard link or a
 * path that resolves outside the repository would make shipshape write a
 * file it was never asked to touch (and git reads none of those anyway).
 */
export function unsafeIgnoreFile(
  root: string,
  file: string,
): string | undefined {
  const parts = file.split('/');
  if (
    isAbsolute(file) ||
    parts.some((part) => part === '' || part === '.' || part === '..')
  ) {
    return 'is not a plain path inside the repository';
  }
  for (let index = 1; index <= parts.length; index++) {
    const here = parts.slice(0, index).join('/');
    const stat = lstatOrMissing(join(root, here));
    if (!stat) break;
    const last = index === parts.length;
    if (stat.isSymbolicLink()) {
      const target = readlinkSync(join(root, here));
      return last
        ? `is a symlink (to ${target})`
        : `is inside ${here}, a symlinked folder (to ${target})`;
    }
    if (!last && !stat.isDirectory()) return `is under ${here}, not a folder`;
    if (last && !stat.isFile()) return 'is not a regular file';
    if (last && stat.nlink > 1)
      return `is a hard link shared with ${stat.nlink - 1} other path(s)`;
  }
  // Belt and braces: the closest existing folder must be inside the root.
  let folder = dirname(join(root, file));
  while (!lstatOrMissing(folder)) folder = dirname(folder);
  const inside = relative(realpathSync(root), realpathSync(folder));
  if (inside.startsWith('..') || isAbsolute(inside))
    return 'resolves outside the repository';
  return undefined;
}

/** Throws, naming the file, when `--fix` must not write one of `files`. */
export function refuseUnsafeIgnoreFiles(
  root: string,
  files: readonly string[],
): void {
  for (const file of files) {
    const reason = unsafeIgnoreFile(root, file);
    if (reason === undefined) continue;
    throw new ShipshapeError(
      'UNSAFE',
      `${file}: ${reason}, which --fix will not write through (git does not read it either), so nothing was changed; replace it with a regular file inside the repository that holds the rules you want, then run shipshape hygiene --fix again.`,
    );
  }
}

/** An ignore file git skips because it is a symlink. */
export interface UnreadIgnoreFile {
  file: string;
  target: string;
}

/**
 * Ignore files git never reads: a symlinked `.gitignore` fails to open
 * ("Too many levels of symbolic links", git opens it with O_NOFOLLOW) and
 * its rules silently do nothing. Tracked ones come from the index; the root
 * `.gitignore` is also checked on disk, tracked or not.
 */
export function findUnreadIgnoreFiles(
  root: string,
  files: readonly TrackedFile[],
): UnreadIgnoreFile[] {
  const found = new Map<string, UnreadIgnoreFile>();
  const tracked = new Map(
    files
      .filter((file) => isIgnoreFile(file.path))
      .map((file) => [file.path, file.mode]),
  );
  for (const file of new Set(['.gitignore', ...tracked.keys()])) {
    const stat = lstatOrMissing(join(root, file));
    if (stat?.isSymbolicLink()) {
      found.set(file, { file, target: readlinkSync(join(root, file)) });
    } else if (!stat && tracked.get(file) === SYMLINK_MODE) {
      found.set(file, { file, target: '(not checked out)' });
    }
  }
  return [...found.values()].sort((a, b) => a.file.localeCompare(b.file));
}

function lstatOrMissing(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
