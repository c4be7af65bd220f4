import { execa } from 'execa';
import { isAbsolute, join } from 'node:path';
import { ShipshapeError } from '../errors.js';

/** How the repository looks; decides which checks can run at all. */
export interface RepoInfo {
  /** Working tree root; undefined for a bare repository. */
  root?: string;
  gitDir: string;
  bare: boolean;
  shallow: boolean;
  /** False in a fresh repository without commits. */
  hasHead: boolean;
}

export interface GitRun {
  input?: string;
  env?: Record<string, string>;
  /** Exit codes that are answers, not failures (check-ignore exits 1). */
  okCodes?: readonly number[];
}

const MAX_BUFFER = 1024 * 1024 * 1024;

/**
 * Runs git directly (never through a shell; commands that take pathspecs get
 * --literal-pathspecs) and returns stdout untouched so NUL output survives.
 */
export async function git(
  cwd: string,
  args: readonly string[],
  run: GitRun = {},
): Promise<string> {
  try {
    const result = await execa('git', ['-c', 'core.quotepath=off', ...args], {
      cwd,
      input: run.input,
      env: { GIT_OPTIONAL_LOCKS: '0', ...run.env },
      stripFinalNewline: false,
      maxBuffer: MAX_BUFFER,
      reject: false,
    });
    const ok =
      result.exitCode === 0 || run.okCodes?.includes(result.exitCode ?? -1);
    if (!ok) throw result;
    return result.stdout;
  } catch (cause) {
    throw gitFailure(args, cause);
  }
}

function gitFailure(args: readonly string[], cause: unknown): Error {
  const error = cause as { code?: string; stderr?: string };
  if (error.code === 'ENOENT') {
    return new ShipshapeError(
      'SOURCE_UNAVAILABLE',
      'git: not found on PATH; install git (2.25 or newer) and run again.',
      { cause },
    );
  }
  const detail = (error.stderr ?? '').trim().split('\n')[0] || 'failed';
  return new ShipshapeError(
    'SOURCE_UNAVAILABLE',
    `git ${args[0]}: ${detail}; check the repository and run again.`,
    { cause },
  );
}

/** Splits NUL-separated output, dropping the empty tail. */
export function splitNul(output: string): string[] {
  const parts = output.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Finds the repository around `cwd`, or explains why there is none. */
export async function probeRepository(cwd: string): Promise<RepoInfo> {
  let out: string;
  try {
    out = await git(cwd, [
      'rev-parse',
      '--is-bare-repository',
      '--is-shallow-repository',
      '--absolute-git-dir',
      '--show-toplevel',
    ]);
  } catch (error) {
    const stderr = String(
      ((error as Error).cause as { stderr?: string } | undefined)?.stderr ?? '',
    );
    if (/not a git repository/i.test(stderr)) {
      throw new ShipshapeError(
        'NOT_A_REPOSITORY',
        `${cwd}: not inside a git repository; run shipshape hygiene in a clone (git init or git clone first).`,
      );
    }
    // A bare repository has no top level; ask again without it.
    out = await git(cwd, [
      'rev-parse',
      '--is-bare-repository',
      '--is-shallow-repository',
      '--absolute-git-dir',
    ]);
  }
  const [bare, shallow, gitDir, root] = out.trim().split('\n');
  const hasHead = await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD'])
    .then(() => true)
    .catch(() => false);
  const isBare = bare === 'true' || !root;
  return {
    root: isBare ? undefined : root,
    gitDir: isAbsolute(gitDir) ? gitDir : join(cwd, gitDir),
    bare: isBare,
    shallow: shallow === 'true',
    hasHead,
  };
}
