import { execa } from 'execa';
import { git, splitNul } from './git.js';

/** One tracked path as the index (or HEAD's tree) records it. */
export interface TrackedFile {
  path: string;
  /** Git file mode: 100644, 100755, 120000 (symlink), 160000 (submodule). */
  mode: string;
  sha: string;
  /** Blob size in bytes; 0 for submodules. */
  size: number;
}

export const SYMLINK_MODE = '120000';
export const GITLINK_MODE = '160000';

/**
 * Reads every tracked path from the index with NUL-separated output, so
 * spaces, newlines, unicode and leading dashes arrive intact. Conflicted
 * paths appear once (their highest stage). `sizes: false` leaves sizes at 0
 * for the caller to fill (in parallel with other work).
 */
export async function readIndex(
  cwd: string,
  options: { sizes?: boolean } = {},
): Promise<TrackedFile[]> {
  const out = await git(cwd, ['ls-files', '-s', '-z']);
  const byPath = new Map<string, TrackedFile>();
  for (const record of splitNul(out)) {
    const tab = record.indexOf('\t');
    const [mode, sha] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    byPath.set(path, { path, mode, sha, size: 0 });
  }
  const files = [...byPath.values()];
  if (options.sizes !== false) await fillSizes(cwd, files);
  return files;
}

/** The files at HEAD, for a bare repository that has no index. */
export async function readHeadTree(cwd: string): Promise<TrackedFile[]> {
  const out = await git(cwd, [
    'ls-tree',
    '-r',
    '-l',
    '-z',
    '--full-tree',
    'HEAD',
  ]);
  return splitNul(out).map((record) => {
    const tab = record.indexOf('\t');
    const [mode, , sha, size] = record.slice(0, tab).split(/ +/);
    return { path: record.slice(tab + 1), mode, sha, size: Number(size) || 0 };
  });
}

/**
 * Looks up blob sizes in one `git cat-file --batch-check` process. Answers
 * come back in request order, so only the sizes are printed and parsed.
 */
export async function fillSizes(
  cwd: string,
  files: TrackedFile[],
): Promise<void> {
  const blobs = files.filter((file) => file.mode !== GITLINK_MODE);
  if (blobs.length === 0) return;
  const input = `${blobs.map((file) => file.sha).join('\n')}\n`;
  const out = await git(
    cwd,
    ['cat-file', '--batch-check=%(objectsize)', '--buffer'],
    { input },
  );
  const lines = out.split('\n');
  for (let index = 0; index < blobs.length; index++) {
    const size = Number(lines[index]);
    // A missing object prints "<sha> missing": size unknown, counted as 0.
    blobs[index].size = Number.isFinite(size) ? size : 0;
  }
}

export async function blobSizes(
  cwd: string,
  shas: readonly string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(shas)];
  const sizes = new Map<string, number>();
  if (unique.length === 0) return sizes;
  const out = await git(
    cwd,
    ['cat-file', '--batch-check=%(objectname) %(objectsize)', '--buffer'],
    { input: `${unique.join('\n')}\n` },
  );
  for (const line of out.split('\n')) {
    const [sha, size] = line.split(' ');
    if (size && size !== 'missing') sizes.set(sha, Number(size));
  }
  return sizes;
}

/**
 * The first `limit` bytes of each blob, read in one `git cat-file --batch`.
 * Meant for small blobs; large ones go through `streamBlobHead`.
 */
export async function blobHeads(
  cwd: string,
  shas: readonly string[],
  limit = 8000,
): Promise<Map<string, Buffer>> {
  const heads = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return heads;
  const result = await execa('git', ['cat-file', '--batch'], {
    cwd,
    input: `${unique.join('\n')}\n`,
    encoding: 'buffer',
    stripFinalNewline: false,
    maxBuffer: 1024 * 1024 * 1024,
  });
  const out = Buffer.from(result.stdout);
  let offset = 0;
  while (offset < out.length) {
    const lineEnd = out.indexOf(10, offset);
    if (lineEnd < 0) break;
    const [sha, , size] = out.subarray(offset, lineEnd).toString().split(' ');
    const length = Number(size);
    if (!Number.isFinite(length)) {
      offset = lineEnd + 1;
      continue;
    }
    const start = lineEnd + 1;
    heads.set(sha, out.subarray(start, start + Math.min(length, limit)));
    offset = start + length + 1;
  }
  return heads;
}

/** Git's own test: a NUL byte in the first 8000 bytes means binary. */
export function isBinary(head: Buffer | undefined): boolean {
  return head ? head.subarray(0, 8000).includes(0) : false;
}

const LFS_POINTER = 'version https://git-lfs.github.com/spec/';

/** A Git LFS pointer is a small text blob that names the real object. */
export function isLfsPointer(head: Buffer | undefined): boolean {
  return head
    ? head.length < 1024 && head.toString('utf8').startsWith(LFS_POINTER)
    : false;
}

/** Reads only the head of one (large) blob and stops git after it. */
export async function streamBlobHead(
  cwd: string,
  sha: string,
  limit = 8000,
): Promise<Buffer> {
  const child = execa('git', ['cat-file', 'blob', sha], { cwd, buffer: false });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of child.stdout) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= limit) break;
  }
  child.kill();
  await child.catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, limit);
}
