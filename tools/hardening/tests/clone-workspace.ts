import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The shipshape checkout these tests run in. */
export const WORKSPACE_ROOT = execFileSync(
  'git',
  ['rev-parse', '--show-toplevel'],
  {
    cwd: import.meta.dirname,
    encoding: 'utf8',
  },
).trim();

export interface ClonedWorkspace {
  root: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  nx(...args: string[]): string;
  remove(): void;
}

/**
 * A fresh clone of the committed workspace with its own Nx cache, sharing the
 * installed node_modules (linked, not copied) so Nx and its plugins load.
 */
export function cloneWorkspace(): ClonedWorkspace {
  const base = mkdtempSync(join(tmpdir(), 'shipshape-ws-'));
  const root = join(base, 'repo');
  execFileSync('git', ['clone', '-q', '--no-hardlinks', WORKSPACE_ROOT, root]);
  linkNodeModules(root);

  const env: NodeJS.ProcessEnv = {
    ...withoutNxVariables(process.env),
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_CACHE_DIRECTORY: join(base, 'nx-cache'),
    NX_WORKSPACE_DATA_DIRECTORY: join(base, 'nx-data'),
    FORCE_COLOR: '0',
    GIT_AUTHOR_NAME: 'shipshape test',
    GIT_AUTHOR_EMAIL: 'test@shipshape.invalid',
    GIT_COMMITTER_NAME: 'shipshape test',
    GIT_COMMITTER_EMAIL: 'test@shipshape.invalid',
  };
  const nxBin = join(WORKSPACE_ROOT, 'node_modules/.bin/nx');

  return {
    root,
    env,
    git: (...args) =>
      execFileSync('git', args, { cwd: root, env, encoding: 'utf8' }),
    nx: (...args) =>
      execFileSync(nxBin, args, {
        cwd: root,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

// When this suite itself runs under Nx (`--skip-nx-cache`, task ids), those
// settings reach us as NX_* variables and must not leak into the clone's runs.
function withoutNxVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('NX_')),
  );
}

function linkNodeModules(root: string): void {
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(root, 'node_modules'));
  for (const group of ['apps', 'libs', 'tools']) {
    const groupDir = join(WORKSPACE_ROOT, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const modules = join(groupDir, name, 'node_modules');
      const target = join(root, group, name, 'node_modules');
      if (existsSync(modules) && existsSync(join(root, group, name))) {
        symlinkSync(modules, target);
      }
    }
  }
}
