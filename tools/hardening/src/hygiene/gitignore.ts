import {
  closeSync,
  constants,
  existsSync,
  lstatSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** Lines to append to one ignore file. */
export interface GitignorePatch {
  /** Relative to the repository root, e.g. `.gitignore`. */
  file: string;
  patterns: string[];
}

const WRITE_NO_FOLLOW =
  constants.O_WRONLY |
  constants.O_CREAT |
  constants.O_TRUNC |
  constants.O_NOFOLLOW;

export const PATCH_HEADER = '# Added by shipshape hygiene';

/** Makes a literal path safe as a .gitignore pattern (glob chars, # and !). */
export function escapeGitignore(path: string): string {
  let escaped = path.replace(/[\\*?[\]]/g, (char) => `\\${char}`);
  if (/^[#!]/.test(escaped)) escaped = `\\${escaped}`;
  return escaped.replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '));
}

/**
 * Groups the patterns by file, dropping duplicates and patterns the file
 * already has as an exact line.
 */
export function planPatches(
  root: string,
  wanted: ReadonlyArray<{ file: string; pattern: string }>,
): GitignorePatch[] {
  const byFile = new Map<string, string[]>();
  for (const { file, pattern } of wanted) {
    const patterns = byFile.get(file) ?? [];
    if (!patterns.includes(pattern)) patterns.push(pattern);
    byFile.set(file, patterns);
  }
  const patches: GitignorePatch[] = [];
  for (const [file, patterns] of [...byFile].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const existing = new Set(readLines(join(root, file)));
    // A negation re-applies only after the rule it negates, so it is repeated.
    const fresh = patterns.filter(
      (pattern) => pattern.startsWith('!') || !existing.has(pattern),
    );
    if (fresh.some((pattern) => !pattern.startsWith('!')))
      patches.push({ file, patterns: fresh });
  }
  return patches;
}

/** Appends the patch; returns the file's content before and after. */
export function applyPatch(
  root: string,
  patch: GitignorePatch,
): { before: string | undefined; after: string } {
  const path = join(root, patch.file);
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const after = patchedContent(before, patch.patterns);
  // Never through a symlink, even one that appeared after the checks.
  const fd = openSync(path, WRITE_NO_FOLLOW, 0o666);
  try {
    writeFileSync(fd, after);
  } finally {
    closeSync(fd);
  }
  return { before, after };
}

export function patchedContent(
  before: string | undefined,
  patterns: readonly string[],
): string {
  const base = before ?? '';
  const separator = base === '' ? '' : base.endsWith('\n') ? '\n' : '\n\n';
  return `${base}${separator}${PATCH_HEADER}\n${patterns.join('\n')}\n`;
}

// A symlinked ignore file is neither read by git nor written by --fix, so
// its lines count for nothing (and a file outside the repository is not read).
function readLines(path: string): string[] {
  if (!existsSync(path) || lstatSync(path).isSymbolicLink()) return [];
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim());
}
