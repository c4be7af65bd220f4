import type { Logger } from '@shipshape/logger';
import { ShipshapeError } from '../errors.js';
import { collectArtifacts, findProjectRoots } from './artifacts.js';
import { checkIgnore } from './check-ignore.js';
import { findAllow, type AllowRule } from './config.js';
import { buildProbes, crossesSymlink } from './coverage.js';
import {
  evaluateCoverage,
  findGaps,
  isIgnoreFile,
  isString,
  rootTwin,
  type IgnoreGap,
  type TrackedArtifact,
} from './evaluate.js';
import { applyFix, type FixPlan, type FixResult } from './fix.js';
import { probeRepository, type RepoInfo } from './git.js';
import { findUnreadIgnoreFiles, type UnreadIgnoreFile } from './ignore-file.js';
import { scanHistory, type HistoryResult } from './history.js';
import {
  fillSizes,
  GITLINK_MODE,
  readHeadTree,
  readIndex,
  type TrackedFile,
} from './index-reader.js';
import { addEnvTemplateNegations, buildPlan } from './plan.js';

export type { IgnoreGap, TrackedArtifact } from './evaluate.js';
export { IGNORE_FILE } from './evaluate.js';

export interface HygieneOptions {
  cwd: string;
  maxSize: number;
  history?: boolean;
  fix?: boolean;
  allow?: readonly AllowRule[];
  logger: Logger;
  /** Runs after --fix changed the index and ignore files, before it verifies. */
  beforeFixVerify?: () => void;
}

export interface HygieneResult {
  repo: RepoInfo;
  root: string;
  files: readonly TrackedFile[];
  artifacts: TrackedArtifact[];
  gaps: IgnoreGap[];
  plan: FixPlan;
  fix?: FixResult;
  history?: HistoryResult;
  /** Checks that could not run here, said plainly. */
  reduced: string[];
  unusedAllow: AllowRule[];
  /** Symlinked ignore files, which git does not read. */
  unreadIgnoreFiles: UnreadIgnoreFile[];
}

/** collect -> evaluate -> (fix): the whole hygiene check for one repository. */
export async function runHygiene(
  options: HygieneOptions,
): Promise<HygieneResult> {
  const { logger } = options;
  const repo = await probeRepository(options.cwd);
  const root = repo.root ?? repo.gitDir;
  const reduced: string[] = [];
  if (repo.bare) {
    if (options.fix) {
      throw new ShipshapeError(
        'UNSUPPORTED',
        '--fix: this is a bare repository without a working tree; run it in a clone with a working tree.',
      );
    }
    reduced.push(
      'bare repository: checked the files at HEAD; ignore coverage and --fix need a working tree',
    );
  }
  if (repo.shallow && options.history) {
    reduced.push(
      'shallow clone: --history saw only the fetched commits; run git fetch --unshallow for all of it',
    );
  }

  const files = repo.bare
    ? repo.hasHead
      ? await readHeadTree(root)
      : []
    : await readIndex(root, { sizes: false });
  logger.debug({ files: files.length }, 'hygiene: read the tracked files');
  const projectRoots = findProjectRoots(files);
  const allow = options.allow ?? [];
  const used = new Set<AllowRule>();

  let artifacts: TrackedArtifact[];
  let gaps: IgnoreGap[] = [];
  let unreadIgnoreFiles: UnreadIgnoreFile[] = [];
  if (repo.bare) {
    const groups = await collectArtifacts(
      root,
      files,
      projectRoots,
      options.maxSize,
    );
    artifacts = groups.map((group) => ({
      ...group,
      coverage: { state: 'not-covered', ignoredFiles: 0 },
    }));
  } else {
    unreadIgnoreFiles = findUnreadIgnoreFiles(root, files);
    const unread = new Set(unreadIgnoreFiles.map((entry) => entry.file));
    const shared = new Set(
      files
        .map((file) => file.path)
        .filter((path) => isIgnoreFile(path) && !unread.has(path)),
    );
    const nx = files.some((file) => file.path === 'nx.json');
    const probes = buildProbes(root, files, projectRoots, nx);
    const checkable = files
      .filter((file) => file.mode !== GITLINK_MODE)
      .map((file) => file.path);
    // One git check-ignore batch answers for every tracked file and probe,
    // while git cat-file looks up the sizes next to it.
    const asked = new Set(checkable);
    for (const probe of probes) {
      asked.add(probe.path);
      if (probe.rootPath) asked.add(probe.rootPath);
    }
    const [verdicts] = await Promise.all([
      checkIgnore(root, [...asked]),
      fillSizes(root, files),
    ]);
    const groups = await collectArtifacts(
      root,
      files,
      projectRoots,
      options.maxSize,
    );
    // The same artifacts at the root explain root-only and folder-only rules.
    const twins = groups
      .map(rootTwin)
      .filter(isString)
      .filter((twin) => !verdicts.has(twin) && !crossesSymlink(root, twin));
    for (const [path, verdict] of await checkIgnore(root, [
      ...new Set(twins),
    ])) {
      verdicts.set(path, verdict);
    }
    artifacts = evaluateCoverage(files, checkable, groups, shared, verdicts);
    gaps = findGaps(files, probes, artifacts, shared, verdicts);
  }
  for (const item of [...artifacts, ...gaps]) {
    const path = 'root' in item ? item.root : item.probe.where;
    const cls = 'root' in item ? item.cls : 'ignore-gap';
    item.allowedBy = findAllow(allow, path, cls);
    if (item.allowedBy) used.add(item.allowedBy);
  }
  addEnvTemplateNegations(files, artifacts, gaps);

  const plan = buildPlan(root, artifacts, gaps);
  const fix = options.fix
    ? await applyFix(
        root,
        plan,
        files.map((file) => file.path),
        logger,
        options.beforeFixVerify,
      )
    : undefined;
  const history =
    options.history && repo.hasHead
      ? await scanHistory(root, files, projectRoots, options.maxSize)
      : undefined;
  return {
    repo,
    root,
    files,
    artifacts,
    gaps,
    plan,
    fix,
    history,
    reduced,
    unusedAllow: allow.filter((rule) => !used.has(rule)),
    unreadIgnoreFiles,
  };
}
