import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DependencyGraph } from '../model.js';
import { LockfileError } from './errors.js';
import { parseNpmLockfile } from './npm.js';
import { parsePnpmLockfile } from './pnpm.js';
import { parseYarnLockfile } from './yarn.js';

import { LOCKFILE_NAMES } from './names.js';

export { LOCKFILE_NAMES };

export function findLockfile(root: string): string | undefined {
  for (const name of LOCKFILE_NAMES) {
    const candidate = join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Parses any supported lockfile into the normalised model. */
export async function readLockfile(file: string): Promise<DependencyGraph> {
  if (!existsSync(file))
    throw new LockfileError(file, 'the file does not exist');
  const name = basename(file);
  if (name.endsWith('.yaml') || name.endsWith('.yml'))
    return parsePnpmLockfile(file);
  if (name.endsWith('.json')) return parseNpmLockfile(file);
  if (name.endsWith('yarn.lock')) return parseYarnLockfile(file);
  throw new LockfileError(
    file,
    `unknown lockfile type; use one of ${LOCKFILE_NAMES.join(', ')}`,
  );
}
