import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

/** Path -> fingerprint of everything in the working tree except `.git`. */
export type WorktreeSnapshot = Map<string, string>;

/**
 * Fingerprints the working tree: the content (sha256) of every file git
 * tracks or is about to untrack, and type, size, mode and mtime of every
 * other entry, ignored folders included. Symlinks are recorded, not followed.
 */
// TODO(speed): this walks ignored folders too (node_modules: ~100k entries,
// seconds); a stat-only pass over folders git reports as ignored would do.
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
