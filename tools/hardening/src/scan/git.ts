import { execa } from 'execa';
import { ShipshapeError } from '../errors.js';
import type { ScanItem } from './types.js';

/** One commit to scan: its sha and author date, never its author e-mail. */
export interface CommitRef {
  sha: string;
  date: string;
}

async function git(
  cwd: string,
  args: string[],
  input?: string,
): Promise<string> {
  const result = await execa('git', args, {
    cwd,
    input,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 2 * 1024 * 1024 * 1024,
  });
  if (result.exitCode !== 0) {
    const first = String(result.stderr).split('\n')[0];
    throw new ShipshapeError(
      'NOT_A_REPOSITORY',
      `${cwd}: git ${args[0]} failed (${first}); run the scan inside a git repository${args.some((a) => a.includes('..')) ? ' and check --since names a commit' : ''}.`,
    );
  }
  return String(result.stdout);
}

export async function gitRoot(cwd: string): Promise<string> {
  return (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
}

/**
 * Step 1 of a history scan: the commits to look at, oldest first
 * (`--since REV` keeps those after REV). Filters such as sharding go
 * between this and scanCommitItems.
 */
export async function listCommits(
  root: string,
  since?: string,
): Promise<CommitRef[]> {
  if (since)
    await git(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      `${since}^{commit}`,
    ]).catch(() => {
      throw new ShipshapeError(
        'BAD_OPTION',
        `--since ${since}: no such commit; pass a commit, tag or branch of this repository.`,
      );
    });
  const hasHead = await execa(
    'git',
    ['rev-parse', '--verify', '--quiet', 'HEAD'],
    { cwd: root, reject: false },
  );
  if (hasHead.exitCode !== 0) return [];
  const range = since ? [`${since}..HEAD`] : ['HEAD'];
  const out = await git(root, [
    'log',
    '--reverse',
    '--format=%H %aI',
    ...range,
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha, date] = line.split(' ');
      return { sha, date };
    });
}

// TODO(merge commits): `git log -p` shows no diff for merges, so lines that
// only a conflict resolution introduced ("evil merges") are not scanned.
/**
 * Step 2: the lines each commit added, one text item per commit and file,
 * with the line numbers those lines have in that commit's version.
 */
export async function commitItems(
  root: string,
  commits: readonly CommitRef[],
): Promise<ScanItem[]> {
  if (commits.length === 0) return [];
  const dates = new Map(commits.map((c) => [c.sha, c.date]));
  const out = await git(
    root,
    [
      'log',
      '--no-walk=unsorted',
      '--stdin',
      '-p',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--no-renames',
      '--format=%x00%H',
    ],
    commits.map((c) => c.sha).join('\n') + '\n',
  );
  const items: ScanItem[] = [];
  for (const block of out.split('\0').slice(1)) {
    const newline = block.indexOf('\n');
    const sha = block.slice(0, newline === -1 ? undefined : newline).trim();
    if (newline === -1) continue;
    items.push(
      ...parsePatch(block.slice(newline + 1), sha, dates.get(sha) ?? ''),
    );
  }
  return items;
}

const FILE_HEADER = /^\+\+\+ (?:b\/)?(.*)$/;
const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/**
 * Gathers one commit's added lines per file into scan items; shared by the
 * plain and the combined (merge resolution) patch parsers.
 */
export function addedLines(commit: string, date: string) {
  const items: ScanItem[] = [];
  let file: string | undefined;
  let lines: string[] = [];
  let numbers: number[] = [];

  const flush = () => {
    if (file && lines.length > 0) {
      items.push({
        kind: 'text',
        rel: file,
        text: lines.join('\n'),
        lines: numbers,
        commit,
        date,
      });
    }
    lines = [];
    numbers = [];
  };

  return {
    items,
    get file() {
      return file;
    },
    get pending() {
      return lines.length;
    },
    /** Starts a new file (undefined for one that is deleted or skipped). */
    startFile(next: string | undefined) {
      flush();
      file = next;
    },
    add(line: string, number: number) {
      lines.push(line);
      numbers.push(number);
    },
    finish(): ScanItem[] {
      flush();
      return items;
    },
  };
}

/** Added lines per file of one commit's patch. */
export function parsePatch(
  patch: string,
  commit: string,
  date: string,
): ScanItem[] {
  const collected = addedLines(commit, date);
  let next = 0;
  for (const raw of patch.split('\n')) {
    if (raw.startsWith('diff --git ')) {
      collected.startFile(undefined);
      next = 0;
      continue;
    }
    const header = FILE_HEADER.exec(raw);
    if (
      header &&
      !raw.startsWith('+++ /dev/null') &&
      collected.pending === 0 &&
      next === 0
    ) {
      collected.startFile(unquote(header[1]));
      continue;
    }
    if (raw.startsWith('+++ /dev/null')) {
      collected.startFile(undefined);
      continue;
    }
    const hunk = HUNK.exec(raw);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (collected.file && raw.startsWith('+') && next > 0) {
      collected.add(raw.slice(1), next++);
    } else if (raw.startsWith(' ')) {
      next++;
    }
  }
  return collected.finish();
}

function unquote(path: string): string {
  const trimmed = path.replace(/\t$/, '');
  if (!trimmed.startsWith('"')) return trimmed;
  try {
    return JSON.parse(trimmed) as string;
  } catch {
    return trimmed.slice(1, -1);
  }
}

/** The staged version of every added, copied, modified or renamed file. */
export async function stagedItems(root: string): Promise<ScanItem[]> {
  const names = (
    await git(root, [
      'diff',
      '--cached',
      '--name-only',
      '-z',
      '--diff-filter=ACMR',
      '--no-renames',
    ])
  )
    .split('\0')
    .filter(Boolean);
  const items: ScanItem[] = [];
  for (const name of names) {
    const blob = await execa('git', ['show', `:${name}`], {
      cwd: root,
      encoding: 'buffer',
      reject: false,
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (blob.exitCode !== 0) continue;
    const bytes = blob.stdout as Uint8Array;
    const text = decodeBlob(bytes);
    items.push({
      kind: 'text',
      rel: name,
      text: text ?? '',
      binary: text === undefined,
    });
  }
  return items;
}

/** UTF-8/UTF-16 text of a blob; undefined for binaries. */
export function decodeBlob(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes);
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return undefined;
  return new TextDecoder('utf-8').decode(bytes);
}
