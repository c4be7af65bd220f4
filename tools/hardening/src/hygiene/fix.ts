import type { Logger } from '@shipshape/logger';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ShipshapeError } from '../errors.js';
import { checkIgnore, ignoredTracked } from './check-ignore.js';
import { git, splitNul } from './git.js';
import {
  applyPatch,
  patchedContent,
  type GitignorePatch,
} from './gitignore.js';
import { refuseUnsafeIgnoreFiles } from './ignore-file.js';
import { shellCommand } from './shell.js';
import {
  compareSnapshots,
  digestSnapshot,
  listProofPaths,
  snapshotPaths,
} from './worktree.js';

/** What `--fix` does, fixed before it starts and shown before it runs. */
export interface FixPlan {
  /** Paths `git rm --cached` untracks, exactly. */
  untrack: string[];
  patches: GitignorePatch[];
  /** The commands, as a user could paste them. */
  commands: string[];
  /** Artifacts left alone, with the reason. */
  skipped: Array<{ path: string; reason: string }>;
}

export interface FixResult {
  untracked: number;
  patchedFiles: string[];
  /**
   * sha256 over the fingerprints of the proof's paths (tracked, untracked
   * and not ignored, being untracked; minus the patched ignore files),
   * before and after; `entries` is how many paths the proof covered.
   */
  worktreeDigest: { before: string; after: string; entries: number };
  /** Untracked paths that the ignore rules still do not cover. */
  notIgnored: string[];
  /** Tracked files that became ignored through the new patterns. */
  newlyIgnored: string[];
}

export const UNTRACK_ARGV = [
  'git',
  '--literal-pathspecs',
  'rm',
  '--cached',
  '--quiet',
  '--pathspec-file-nul',
  '--pathspec-from-file=-',
] as const;

export function describePlan(
  untrack: readonly string[],
  patches: readonly GitignorePatch[],
) {
  const commands: string[] = [];
  if (untrack.length > 0) {
    const noun = untrack.length === 1 ? 'path' : 'paths';
    commands.push(
      `${shellCommand(UNTRACK_ARGV)}  # stdin: ${untrack.length} ${noun}, NUL-separated (fixPlan.untrack in --format json)`,
    );
  }
  for (const patch of patches) {
    const lines = patchedContent('', patch.patterns).trimEnd().split('\n');
    commands.push(
      `printf '%s\\n' ${lines.map(quoteLine).join(' ')} >> ${shellCommand([patch.file])}`,
    );
  }
  return commands;
}

function quoteLine(line: string): string {
  return `'${line.replace(/'/g, `'\\''`)}'`;
}

/**
 * Runs the plan and proves nothing was lost: the working tree is
 * fingerprinted before and after and must match except for the appended
 * ignore lines. Never deletes or rewrites a working file, never `git clean`.
 */
export async function applyFix(
  root: string,
  plan: FixPlan,
  tracked: readonly string[],
  logger: Logger,
  // Called between the changes and the check; tests use it to meddle.
  beforeVerify?: () => void,
): Promise<FixResult> {
  const patchedFiles = plan.patches.map((patch) => patch.file);
  // Before anything changes: no git rm --cached when a patch cannot be written.
  refuseUnsafeIgnoreFiles(root, patchedFiles);
  await refuseUnsafeIndex(root);
  const hashed = new Set(plan.untrack);
  const expected = new Set(patchedFiles);
  const scope = await listProofPaths(root, [
    ...tracked,
    ...plan.untrack,
    ...patchedFiles,
  ]);
  const before = snapshotPaths(root, scope, hashed);
  const ignoredBefore = new Set(await ignoredTracked(root));
  const originals = new Map(
    patchedFiles.map((file) => [file, readIfExists(join(root, file))]),
  );

  if (plan.untrack.length > 0) {
    logger.debug({ paths: plan.untrack.length }, 'hygiene: git rm --cached');
    await git(root, UNTRACK_ARGV.slice(1), {
      input: `${plan.untrack.join('\0')}\0`,
    }).catch((cause: unknown) => {
      throw new ShipshapeError(
        'UNSAFE',
        `git rm --cached refused (${(cause as Error).message}); nothing was untracked: commit or restore the staged changes of those files, then run --fix again.`,
        { cause },
      );
    });
  }
  for (const patch of plan.patches) applyPatch(root, patch);
  beforeVerify?.();

  const after = snapshotPaths(root, await listProofPaths(root, scope), hashed);
  const changed = compareSnapshots(before, after, expected);
  const broken = patchedFiles.filter(
    (file) =>
      readIfExists(join(root, file)) !==
      patchedContent(originals.get(file), patchOf(plan, file)),
  );
  if (changed.length > 0 || broken.length > 0) {
    const list = [...changed, ...broken].slice(0, 10).join(', ');
    throw new ShipshapeError(
      'UNSAFE',
      `working tree changed while --fix ran (${list}); shipshape stopped: the untracking stays staged, review it with git status and undo it with git restore --staged.`,
    );
  }

  const verdicts = await checkIgnore(root, plan.untrack);
  const notIgnored = plan.untrack.filter(
    (path) => !verdicts.get(path)?.ignored,
  );
  const untracked = new Set(plan.untrack);
  const newlyIgnored = (await ignoredTracked(root)).filter(
    (path) => !ignoredBefore.has(path) && !untracked.has(path),
  );
  await confirmUntracked(root, plan.untrack);
  return {
    untracked: plan.untrack.length,
    patchedFiles,
    worktreeDigest: {
      before: digestSnapshot(before, expected),
      after: digestSnapshot(after, expected),
      entries: before.size,
    },
    notIgnored,
    newlyIgnored,
  };
}

async function refuseUnsafeIndex(root: string): Promise<void> {
  const conflicts = splitNul(await git(root, ['ls-files', '-u', '-z']));
  if (conflicts.length > 0) {
    throw new ShipshapeError(
      'UNSAFE',
      'the index has unresolved merge conflicts; resolve and commit them, then run shipshape hygiene --fix again.',
    );
  }
}

async function confirmUntracked(
  root: string,
  paths: readonly string[],
): Promise<void> {
  const still = new Set(splitNul(await git(root, ['ls-files', '-z'])));
  const left = paths.filter((path) => still.has(path));
  if (left.length > 0) {
    throw new ShipshapeError(
      'UNSAFE',
      `${left[0]}: still tracked after git rm --cached; check git status and run --fix again.`,
    );
  }
}

function patchOf(plan: FixPlan, file: string): string[] {
  return plan.patches.find((patch) => patch.file === file)?.patterns ?? [];
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}
