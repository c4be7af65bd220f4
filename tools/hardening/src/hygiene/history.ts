import { classify, type ArtifactClass } from './classify.js';
import { git, splitNul } from './git.js';
import {
  blobSizes,
  GITLINK_MODE,
  isBinary,
  isLfsPointer,
  streamBlobHead,
  type TrackedFile,
} from './index-reader.js';
import { shellQuote } from './shell.js';

/** An artifact that lives on in history although no current file has it. */
export interface HistoryArtifact {
  cls: ArtifactClass;
  root: string;
  paths: string[];
  blobs: string[];
  bytes: number;
  /** Commits that added one of its blobs, oldest last as git log lists them. */
  commits: string[];
  /** Branches and tags that still reach those commits. */
  refs: string[];
}

export interface HistoryResult {
  artifacts: HistoryArtifact[];
  commitsScanned: number;
  /** The exact commands that would remove them; shipshape never runs these. */
  commands: string[];
}

interface Addition {
  commit: string;
  mode: string;
  sha: string;
  path: string;
}

// Large-binary checks read one blob head each; beyond this the rest are sized only.
const MAX_BINARY_SNIFFS = 500;

/**
 * Walks every commit reachable from any ref once (`git log --all --raw -z`)
 * and keeps the artifacts whose paths or blobs the index no longer has.
 */
export async function scanHistory(
  cwd: string,
  current: readonly TrackedFile[],
  projectRoots: ReadonlySet<string>,
  maxSize: number,
): Promise<HistoryResult> {
  const additions = await readAdditions(cwd);
  const commits = Number(
    (await git(cwd, ['rev-list', '--all', '--count'])).trim(),
  );
  const trackedPaths = new Set(current.map((file) => file.path));
  const trackedBlobs = new Set(current.map((file) => file.sha));
  const sizes = await blobSizes(
    cwd,
    additions.map((entry) => entry.sha),
  );
  const groups = new Map<string, HistoryArtifact>();
  const bigCandidates: Addition[] = [];

  for (const entry of additions) {
    if (entry.mode === GITLINK_MODE || trackedPaths.has(entry.path)) {
      if (
        !trackedBlobs.has(entry.sha) &&
        (sizes.get(entry.sha) ?? 0) > maxSize
      ) {
        bigCandidates.push(entry);
      }
      continue;
    }
    const found = classify(entry.path, entry.mode, projectRoots);
    if (found && !found.needsContent) {
      addTo(groups, found.cls, found.root, entry, sizes);
    } else if (
      !trackedBlobs.has(entry.sha) &&
      (sizes.get(entry.sha) ?? 0) > maxSize
    ) {
      bigCandidates.push(entry);
    }
  }
  await addLargeBlobs(cwd, groups, bigCandidates, sizes);

  const artifacts = [...groups.values()];
  for (const artifact of artifacts)
    artifact.refs = await refsContaining(cwd, artifact.commits);
  artifacts.sort((a, b) => a.root.localeCompare(b.root));
  return {
    artifacts,
    commitsScanned: commits,
    commands: filterRepoCommands(artifacts, trackedPaths),
  };
}

async function readAdditions(cwd: string): Promise<Addition[]> {
  const out = await git(cwd, [
    'log',
    '--all',
    '--format=%x01%H',
    '-z',
    '--raw',
    '--no-abbrev',
    '--no-renames',
    '--diff-filter=AM',
    '--diff-merges=first-parent',
  ]);
  const additions: Addition[] = [];
  let commit = '';
  const tokens = splitNul(out);
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index].replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      commit = token.slice(1);
    } else if (token.startsWith(':')) {
      const [, mode, , sha] = token.slice(1).split(' ');
      additions.push({ commit, mode, sha, path: tokens[++index] });
    }
  }
  return additions;
}

function addTo(
  groups: Map<string, HistoryArtifact>,
  cls: ArtifactClass,
  root: string,
  entry: Addition,
  sizes: ReadonlyMap<string, number>,
): void {
  const key = `${cls}\0${root}`;
  const group = groups.get(key) ?? {
    cls,
    root,
    paths: [],
    blobs: [],
    bytes: 0,
    commits: [],
    refs: [],
  };
  if (!group.paths.includes(entry.path)) group.paths.push(entry.path);
  if (!group.blobs.includes(entry.sha)) {
    group.blobs.push(entry.sha);
    group.bytes += sizes.get(entry.sha) ?? 0;
  }
  if (!group.commits.includes(entry.commit)) group.commits.push(entry.commit);
  groups.set(key, group);
}

async function addLargeBlobs(
  cwd: string,
  groups: Map<string, HistoryArtifact>,
  candidates: readonly Addition[],
  sizes: ReadonlyMap<string, number>,
): Promise<void> {
  const sniffed = new Map<string, boolean>();
  for (const entry of candidates) {
    if (!sniffed.has(entry.sha)) {
      if (sniffed.size >= MAX_BINARY_SNIFFS) break;
      const head = await streamBlobHead(cwd, entry.sha);
      sniffed.set(entry.sha, isBinary(head) && !isLfsPointer(head));
    }
    if (sniffed.get(entry.sha))
      addTo(groups, 'large-binary', entry.path, entry, sizes);
  }
}

// TODO(refs): only the first 100 commits that added an artifact are asked
// about; refs reaching later ones only are not listed.
async function refsContaining(
  cwd: string,
  commits: readonly string[],
): Promise<string[]> {
  const contains = commits
    .slice(0, 100)
    .flatMap((commit) => ['--contains', commit]);
  const out = await git(cwd, [
    'for-each-ref',
    '--format=%(refname)',
    ...contains,
  ]);
  return out.split('\n').filter(Boolean).sort();
}

/**
 * `git filter-repo` commands that remove the artifacts from every commit.
 * Paths still tracked today are never passed to `--path` (that would also
 * delete the current file); their old blobs are stripped by id instead.
 */
export function filterRepoCommands(
  artifacts: readonly HistoryArtifact[],
  trackedPaths: ReadonlySet<string>,
): string[] {
  const paths = new Set<string>();
  const blobs = new Set<string>();
  for (const artifact of artifacts) {
    const folder = artifact.root.endsWith('/');
    const rootStillUsed =
      trackedPaths.has(artifact.root) ||
      (folder &&
        [...trackedPaths].some((path) => path.startsWith(artifact.root)));
    if (!rootStillUsed) {
      paths.add(artifact.root);
      continue;
    }
    for (const path of artifact.paths) {
      if (trackedPaths.has(path))
        artifact.blobs.forEach((blob) => blobs.add(blob));
      else paths.add(path);
    }
  }
  const commands: string[] = [];
  if (paths.size > 0) {
    const args = [...paths].sort().map((path) => `--path ${shellQuote(path)}`);
    commands.push(`git filter-repo --invert-paths ${args.join(' ')}`);
  }
  if (blobs.size > 0) {
    commands.push(
      `printf '%s\\n' ${[...blobs].sort().join(' ')} > ../shipshape-strip-blobs.txt`,
      'git filter-repo --strip-blobs-with-ids ../shipshape-strip-blobs.txt',
    );
  }
  return commands;
}
