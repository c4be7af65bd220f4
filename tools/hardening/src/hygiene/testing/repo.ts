import { execa } from 'execa';
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileSpec = string | Buffer | { symlink: string };

/** A throwaway git repository in a temp folder, for engine tests. */
export interface TestRepo {
  dir: string;
  git: (...args: string[]) => Promise<string>;
  write: (files: Record<string, FileSpec>) => void;
  /** `git add -f` of the given paths (or everything), then commit. */
  commit: (message: string, paths?: string[]) => Promise<void>;
  remove: () => void;
}

export async function makeRepo(
  files: Record<string, FileSpec> = {},
): Promise<TestRepo> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-hygiene-'));
  const git = async (...args: string[]) =>
    (await execa('git', args, { cwd: dir, stripFinalNewline: false })).stdout;
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Test');
  await git('config', 'user.email', 'test@example.invalid');
  await git('config', 'commit.gpgsign', 'false');
  const write = (specs: Record<string, FileSpec>) => writeFiles(dir, specs);
  write(files);
  return {
    dir,
    git,
    write,
    commit: async (message, paths) => {
      await git('add', '-f', '--', ...(paths ?? ['.']));
      await git('commit', '-q', '--allow-empty', '-m', message);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function writeFiles(
  root: string,
  specs: Record<string, FileSpec>,
): void {
  for (const [path, spec] of Object.entries(specs)) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    if (typeof spec === 'object' && 'symlink' in spec)
      symlinkSync(spec.symlink, absolute);
    else writeFileSync(absolute, spec);
  }
}

/** Bytes that git sees as binary (a NUL early) of the given length. */
export function binary(length: number): Buffer {
  const bytes = Buffer.alloc(length, 0x41);
  bytes[10] = 0;
  return bytes;
}

/** A fake private key block, assembled so no key-shaped literal is committed. */
export function fakePrivateKey(): string {
  const label = ['PRIVATE', 'KEY'].join(' ');
  return `-----BEGIN ${label}-----\n${'A'.repeat(64)}\n-----END ${label}-----\n`;
}

export function lfsPointer(): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${'0'.repeat(64)}\nsize 52428800\n`;
}
