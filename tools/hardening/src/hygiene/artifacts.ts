import { classify, PRIVATE_KEY, type ArtifactClass } from './classify.js';
import {
  blobHeads,
  GITLINK_MODE,
  isBinary,
  isLfsPointer,
  streamBlobHead,
  type TrackedFile,
} from './index-reader.js';
import { escapeGitignore } from './gitignore.js';

/** Tracked files that form one artifact (a folder, or a single file). */
export interface ArtifactGroup {
  cls: ArtifactClass;
  root: string;
  pattern: string;
  files: TrackedFile[];
  bytes: number;
}

const PROJECT_MANIFESTS = /(?:^|\/)(?:package\.json|project\.json)$/;
const SNIFF_LIMIT = 256 * 1024;

/** Folders holding a project manifest, '' for the repository root. */
export function findProjectRoots(files: readonly TrackedFile[]): Set<string> {
  const roots = new Set<string>(['']);
  for (const file of files) {
    if (!PROJECT_MANIFESTS.test(file.path)) continue;
    const root = file.path.includes('/')
      ? file.path.slice(0, file.path.lastIndexOf('/'))
      : '';
    if (!classify(`${root}/x`, '100644', new Set())) roots.add(root);
  }
  return roots;
}

/**
 * Classifies every tracked file, confirms the classes that depend on
 * content (private keys, LFS pointers, binaries) by reading only blob
 * heads, and groups files into artifacts.
 */
export async function collectArtifacts(
  cwd: string,
  files: readonly TrackedFile[],
  projectRoots: ReadonlySet<string>,
  maxSize: number,
): Promise<ArtifactGroup[]> {
  const groups = new Map<string, ArtifactGroup>();
  const confirmKey: Array<[TrackedFile, ArtifactGroup]> = [];
  const small: TrackedFile[] = [];
  const large: TrackedFile[] = [];

  for (const file of files) {
    if (file.mode === GITLINK_MODE) continue;
    const found = classify(file.path, file.mode, projectRoots);
    if (!found) {
      if (file.size > maxSize) large.push(file);
      continue;
    }
    const key = `${found.cls}\0${found.root}`;
    const group = groups.get(key) ?? { ...found, files: [], bytes: 0 };
    group.files.push(file);
    group.bytes += file.size;
    groups.set(key, group);
    if (found.needsContent && file.size <= SNIFF_LIMIT)
      confirmKey.push([file, group]);
    else if (found.needsContent) groups.delete(key);
    if (found.cls === 'archive' && file.size < 1024) small.push(file);
  }

  const heads = await blobHeads(
    cwd,
    [...confirmKey.map(([file]) => file.sha), ...small.map((file) => file.sha)],
    SNIFF_LIMIT,
  );
  for (const [file, group] of confirmKey) {
    if (!PRIVATE_KEY.test(heads.get(file.sha)?.toString('latin1') ?? '')) {
      groups.delete(`${group.cls}\0${group.root}`);
    }
  }
  for (const file of small) {
    if (isLfsPointer(heads.get(file.sha)))
      groups.delete(`archive\0${file.path}`);
  }

  for (const file of large) {
    const head = await streamBlobHead(cwd, file.sha);
    if (!isBinary(head) || isLfsPointer(head)) continue;
    groups.set(`large-binary\0${file.path}`, {
      cls: 'large-binary',
      root: file.path,
      pattern: `/${escapeGitignore(file.path)}`,
      files: [file],
      bytes: file.size,
    });
  }
  return [...groups.values()];
}

/**
 * Groups tracked files that an ignore rule covers but no class explains,
 * one group per rule, rooted at their common folder.
 */
export function groupIgnored(
  files: ReadonlyArray<{ file: TrackedFile; rule: string }>,
): ArtifactGroup[] {
  const byRule = new Map<string, TrackedFile[]>();
  for (const { file, rule } of files) {
    const members = byRule.get(rule) ?? [];
    members.push(file);
    byRule.set(rule, members);
  }
  return [...byRule.values()].map((members) => ({
    cls: 'ignored',
    root: commonRoot(members.map((file) => file.path)),
    pattern: '',
    files: members,
    bytes: members.reduce((sum, file) => sum + file.size, 0),
  }));
}

function commonRoot(paths: readonly string[]): string {
  if (paths.length === 1) return paths[0];
  const split = paths.map((path) => path.split('/').slice(0, -1));
  const first = split[0];
  let length = 0;
  while (
    length < first.length &&
    split.every((parts) => parts[length] === first[length])
  ) {
    length++;
  }
  return length === 0 ? './' : `${first.slice(0, length).join('/')}/`;
}
