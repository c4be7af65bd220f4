import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ShipshapeError } from '../../errors.js';

export interface WriteOutcome {
  written: boolean;
  /** Set when the old file was kept aside because git could not restore it. */
  backup?: string;
}

/**
 * Replaces the canonical schema atomically (temp file + rename in the same
 * folder). The previous content is copied aside only when git cannot give it
 * back: the file is untracked or has uncommitted changes.
 */
export function writeSchemaFile(
  path: string,
  content: string,
  display: string,
): WriteOutcome {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (previous === content) return { written: false };
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let backup: string | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (
      previous !== undefined &&
      previous.trim() !== '' &&
      !restorableFromGit(path)
    ) {
      backup = `${path}.bak`;
      copyFileSync(path, backup);
    }
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (cause) {
    throw new ShipshapeError(
      'UNSAFE',
      `${display}: cannot write the updated schema (${(cause as Error).message}); ` +
        'check the folder is writable. The existing file was left as it was.',
      { cause },
    );
  }
  return { written: true, backup };
}

// Tracked and unmodified: `git checkout` can bring the old content back.
function restorableFromGit(path: string): boolean {
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd: dirname(path),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  try {
    git(['ls-files', '--error-unmatch', '--', basename(path)]);
    return git(['status', '--porcelain', '--', basename(path)]).trim() === '';
  } catch {
    return false;
  }
}
