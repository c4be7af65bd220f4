import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const NX = join(REPO_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `shipshape-${prefix}-`));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
}

export function initRepo(root: string): void {
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Shipshape Test');
  git(root, 'config', 'user.email', 'test@shipshape.invalid');
  git(root, 'config', 'commit.gpgsign', 'false');
}

export function commitAll(root: string, message: string): void {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
}

/** A clone that uses the shipshape repo's installed packages. */
export function cloneWorkspace(origin: string, into: string): string {
  git(dirname(into), 'clone', '-q', origin, into);
  symlinkSync(
    join(REPO_ROOT, 'node_modules'),
    join(into, 'node_modules'),
    'dir',
  );
  return into;
}

export interface NxRun {
  code: number;
  output: string;
}

/**
 * Runs Nx in `cwd` with its own cache folder and nothing inherited that
 * could point it at another cache, daemon or Nx Cloud. Asynchronous: the
 * cache server under test lives in this process.
 */
export function runNx(
  cwd: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<NxRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('NX_') && key !== 'CI' && !key.startsWith('VITEST'),
    ),
  );
  const child = spawn(process.execPath, [NX, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      FORCE_COLOR: '0',
      ...env,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGTERM'), 180_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}
