import { cpSync, mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test-only: where the committed fixtures live. */
export const FIXTURES = new URL('.', import.meta.url).pathname;

export const WORKSPACE_FORMATS = {
  'npm-v3': { dir: 'workspace/npm', lockfile: 'package-lock.json' },
  'npm-v2': { dir: 'workspace/npm-v2', lockfile: 'package-lock.json' },
  pnpm: { dir: 'workspace/pnpm', lockfile: 'pnpm-lock.yaml' },
  'yarn-classic': { dir: 'workspace/yarn-classic', lockfile: 'yarn.lock' },
  'yarn-berry': { dir: 'workspace/yarn-berry', lockfile: 'yarn.lock' },
} as const;

/**
 * Copies a fixture into a temp folder. Manifests are committed as
 * `_package.json` so Nx and pnpm never take the fixtures for projects.
 */
export function materialise(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-audit-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  restoreNames(dir);
  return dir;
}

function restoreNames(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) restoreNames(path);
    else if (entry.name.startsWith('_')) renameSync(path, join(dir, entry.name.slice(1)));
  }
}
