import { execa } from 'execa';
import { ShipshapeError } from '../errors.js';
import { parseShard, strideSlice } from '../shard/plan.js';
import { addedLines, parsePatch, type CommitRef } from './git.js';
import type { ScanItem } from './types.js';

/** What `--shard` and `--merge-resolutions` add to a history scan. */
export interface HistoryShardHooks {
  selectCommits?: (commits: CommitRef[]) => CommitRef[];
  extraCommitItems?: (
    root: string,
    commits: CommitRef[],
  ) => Promise<ScanItem[]>;
}

/**
 * Turns the CLI flags into the engine's hooks. `--shard k/N` keeps every
 * N-th commit of the oldest-first list starting at the k-th: the N shards
 * together cover each commit exactly once, and each gets old and new
 * commits alike, so their sizes and costs stay close.
 */
export function historyShardHooks(options: {
  history?: boolean;
  shard?: string;
  mergeResolutions?: boolean;
}): HistoryShardHooks {
  const hooks: HistoryShardHooks = {};
  if ((options.shard || options.mergeResolutions) && !options.history) {
    const flag = options.shard ? '--shard' : '--merge-resolutions';
    throw new ShipshapeError(
      'BAD_OPTION',
      `${flag}: only works with --history; add --history or drop ${flag}.`,
    );
  }
  if (options.shard) {
    const spec = parseShard(options.shard);
    hooks.selectCommits = (commits) => strideSlice(commits, spec);
  }
  if (options.mergeResolutions) hooks.extraCommitItems = mergeResolutionItems;
  return hooks;
}

/**
 * Lines that merge commits introduced while resolving conflicts: the
 * difference between git's automatic merge and the committed result
 * (`git log --remerge-diff`, git 2.36+; older git falls back to the
 * combined diff, `--cc`). Plain `git log -p` shows nothing for merges.
 */
export async function mergeResolutionItems(
  root: string,
  commits: readonly CommitRef[],
): Promise<ScanItem[]> {
  const merges = await mergeCommits(root, commits);
  if (merges.length === 0) return [];
  const dates = new Map(commits.map((c) => [c.sha, c.date]));
  const input = `${merges.join('\n')}\n`;
  const remerge = await logPatches(root, ['--remerge-diff'], input);
  const combined = remerge ?? (await logPatches(root, ['--cc'], input));
  if (combined === undefined) {
    throw new ShipshapeError(
      'SOURCE_UNAVAILABLE',
      `--merge-resolutions: git log could not diff the merge commits; update git to 2.36 or later.`,
    );
  }
  const parse = remerge === undefined ? parseCombinedPatch : parsePatch;
  const items: ScanItem[] = [];
  for (const block of combined.split('\0').slice(1)) {
    const newline = block.indexOf('\n');
    if (newline === -1) continue;
    const sha = block.slice(0, newline).trim();
    items.push(...parse(block.slice(newline + 1), sha, dates.get(sha) ?? ''));
  }
  return items;
}

async function mergeCommits(
  root: string,
  commits: readonly CommitRef[],
): Promise<string[]> {
  if (commits.length === 0) return [];
  const wanted = new Set(commits.map((c) => c.sha));
  const result = await execa(
    'git',
    ['rev-list', '--merges', '--no-walk=unsorted', '--stdin'],
    {
      cwd: root,
      input: `${[...wanted].join('\n')}\n`,
      reject: false,
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.exitCode !== 0) return [];
  return String(result.stdout)
    .split('\n')
    .filter((sha) => wanted.has(sha));
}

async function logPatches(
  root: string,
  mode: string[],
  input: string,
): Promise<string | undefined> {
  const result = await execa(
    'git',
    [
      'log',
      '--no-walk=unsorted',
      '--stdin',
      ...mode,
      '-p',
      '--unified=0',
      '--no-color',
      '--no-ext-diff',
      '--format=%x00%H',
    ],
    { cwd: root, input, reject: false, maxBuffer: 2 * 1024 * 1024 * 1024 },
  );
  return result.exitCode === 0 ? String(result.stdout) : undefined;
}

const COMBINED_HUNK = /^@@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @@@+/;

/**
 * Lines of a combined diff (`--cc`) that are in no parent: every parent
 * column reads '+'. Those are what the person resolving the merge wrote.
 */
export function parseCombinedPatch(
  patch: string,
  commit: string,
  date: string,
): ScanItem[] {
  const collected = addedLines(commit, date);
  let parents = 0;
  let next = 0;
  for (const raw of patch.split('\n')) {
    if (raw.startsWith('diff --cc ') || raw.startsWith('diff --combined ')) {
      collected.startFile(raw.replace(/^diff --(?:cc|combined) /, ''));
      next = 0;
      continue;
    }
    const hunk = COMBINED_HUNK.exec(raw);
    if (hunk) {
      parents = (/^@+/.exec(raw)?.[0].length ?? 3) - 1;
      next = Number(hunk[1]);
      continue;
    }
    if (!collected.file || next === 0 || raw.length < parents) continue;
    const columns = raw.slice(0, parents);
    if (columns.includes('-')) continue;
    if (columns === '+'.repeat(parents)) {
      collected.add(raw.slice(parents), next);
    }
    next++;
  }
  return collected.finish();
}
