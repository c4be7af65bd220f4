import type { Logger } from '@shipshape/logger';
import { ShipshapeError } from '../errors.js';
import {
  collectArtifacts,
  findProjectRoots,
  groupIgnored,
  type ArtifactGroup,
} from './artifacts.js';
import {
  checkIgnore,
  describeRule,
  type IgnoreVerdict,
} from './check-ignore.js';
import { isEnvTemplate } from './classify.js';
import { findAllow, type AllowRule } from './config.js';
import {
  buildProbes,
  crossesSymlink,
  summarizeCoverage,
  type Coverage,
  type Probe,
} from './coverage.js';
import { applyFix, describePlan, type FixPlan, type FixResult } from './fix.js';
import { probeRepository, type RepoInfo } from './git.js';
import { planPatches } from './gitignore.js';
import { scanHistory, type HistoryResult } from './history.js';
import {
  GITLINK_MODE,
  readHeadTree,
  readIndex,
  type TrackedFile,
} from './index-reader.js';

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

/** A tracked artifact with its ignore coverage and what would fix it. */
export interface TrackedArtifact extends ArtifactGroup {
  coverage: Coverage;
  /** Patterns to add to `file` so the artifact stays out; empty when covered. */
  suggestion?: { file: string; patterns: string[] };
  allowedBy?: AllowRule;
}

/** A place where a needed ignore rule does not take effect. */
export interface IgnoreGap {
  probe: Probe;
  places: string[];
  verdict: IgnoreVerdict;
  /** How the same path is treated at the root (explains `/.next/`-style rules). */
  atRoot?: IgnoreVerdict;
  suggestion: { file: string; patterns: string[] };
  allowedBy?: AllowRule;
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
}

export const IGNORE_FILE = '.gitignore';

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
    : await readIndex(root);
  logger.debug({ files: files.length }, 'hygiene: read the tracked files');
  const projectRoots = findProjectRoots(files);
  const groups = await collectArtifacts(
    root,
    files,
    projectRoots,
    options.maxSize,
  );
  const allow = options.allow ?? [];
  const used = new Set<AllowRule>();

  let artifacts: TrackedArtifact[];
  let gaps: IgnoreGap[] = [];
  if (repo.bare) {
    artifacts = groups.map((group) => ({
      ...group,
      coverage: { state: 'not-covered', ignoredFiles: 0 },
    }));
  } else {
    const shared = new Set(files.map((file) => file.path).filter(isIgnoreFile));
    const nx = files.some((file) => file.path === 'nx.json');
    const probes = buildProbes(root, files, projectRoots, nx);
    const twins = groups.map(rootTwin).filter(isString);
    const checkable = files
      .filter((file) => file.mode !== GITLINK_MODE)
      .map((file) => file.path);
    // One git check-ignore batch answers everything: how each artifact is
    // covered, which other tracked files are ignored, and every probe.
    const asked = new Set(checkable);
    for (const probe of probes) {
      asked.add(probe.path);
      if (probe.rootPath) asked.add(probe.rootPath);
    }
    for (const twin of twins) if (!crossesSymlink(root, twin)) asked.add(twin);
    const verdicts = await checkIgnore(root, [...asked]);
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
  };
}

// The same artifact at the repository root, probed to explain rules such as
// `/.next/` (root only) or `node_modules/` (folders only, not symlinks).
function rootTwin(group: ArtifactGroup): string | undefined {
  if (!['dependency', 'build', 'cache', 'test-report'].includes(group.cls))
    return undefined;
  const name = group.root.replace(/\/$/, '').split('/').pop();
  const isFolder =
    group.root.endsWith('/') || group.files[0]?.mode === '120000';
  return name && isFolder ? `${name}/.shipshape-probe` : undefined;
}

function isString(value: string | undefined): value is string {
  return typeof value === 'string';
}

function isIgnoreFile(path: string): boolean {
  return path === '.gitignore' || path.endsWith('/.gitignore');
}

function evaluateCoverage(
  files: readonly TrackedFile[],
  checkable: readonly string[],
  groups: readonly ArtifactGroup[],
  shared: ReadonlySet<string>,
  verdicts: ReadonlyMap<string, IgnoreVerdict>,
): TrackedArtifact[] {
  const claimed = new Set<string>();
  for (const group of groups)
    for (const file of group.files) claimed.add(file.path);
  const ignored = checkable.filter(
    (path) => verdicts.get(path)?.ignored && !claimed.has(path),
  );
  const byPath = new Map(
    ignored.length > 0 ? files.map((file) => [file.path, file]) : [],
  );
  const leftovers = ignored.flatMap((path) => {
    const file = byPath.get(path);
    const rule = verdicts.get(path)?.rule;
    return file
      ? [{ file, rule: rule ? describeRule(rule) : 'local exclude' }]
      : [];
  });

  const all = [...groups, ...groupIgnored(leftovers)];
  return all.map((group) => {
    const coverage = summarizeCoverage(group, verdicts, shared);
    const twin = rootTwin(group);
    const atRoot = twin ? verdicts.get(twin) : undefined;
    if (coverage.state === 'not-covered' && atRoot?.ignored)
      coverage.atRoot = atRoot.rule;
    const needsPattern =
      coverage.state !== 'covered' && group.cls !== 'ignored';
    const suggestion =
      needsPattern && group.cls !== 'large-binary'
        ? { file: IGNORE_FILE, patterns: [group.pattern] }
        : undefined;
    return { ...group, coverage, suggestion };
  });
}

function findGaps(
  files: readonly TrackedFile[],
  probes: readonly Probe[],
  artifacts: readonly TrackedArtifact[],
  shared: ReadonlySet<string>,
  verdicts: ReadonlyMap<string, IgnoreVerdict>,
): IgnoreGap[] {
  const probed = new Set(probes.map((probe) => probe.path));
  const tracked = new Set(
    files.filter((file) => probed.has(file.path)).map((file) => file.path),
  );
  const reported = new Set(
    artifacts.map((artifact) => artifact.root.replace(/\/$/, '')),
  );
  const byPattern = new Map<string, IgnoreGap>();
  for (const probe of probes) {
    const verdict = verdicts.get(probe.path) ?? { ignored: false };
    const sharedRule =
      verdict.ignored && verdict.rule && shared.has(verdict.rule.source);
    const place = probe.where.replace(/ \(symlink\)$/, '').replace(/\/$/, '');
    if (sharedRule || tracked.has(probe.path) || reported.has(place)) continue;
    const gap = byPattern.get(probe.pattern);
    if (gap) {
      gap.places.push(probe.where);
      continue;
    }
    byPattern.set(probe.pattern, {
      probe,
      places: [probe.where],
      verdict,
      atRoot: probe.rootPath ? verdicts.get(probe.rootPath) : undefined,
      suggestion: { file: IGNORE_FILE, patterns: [probe.pattern] },
    });
  }
  return [...byPattern.values()];
}

// `.env.*` would also ignore `.env.example`; keep the templates in.
function addEnvTemplateNegations(
  files: readonly TrackedFile[],
  artifacts: readonly TrackedArtifact[],
  gaps: readonly IgnoreGap[],
): void {
  const templates = [
    ...new Set(
      files
        .map((file) => file.path.split('/').pop() ?? '')
        .filter(isEnvTemplate),
    ),
  ].sort();
  for (const item of [...artifacts, ...gaps]) {
    const patterns = item.suggestion?.patterns;
    if (patterns?.includes('.env.*'))
      patterns.push(...templates.map((name) => `!${name}`));
  }
}

function buildPlan(
  root: string,
  artifacts: readonly TrackedArtifact[],
  gaps: readonly IgnoreGap[],
): FixPlan {
  const untrack: string[] = [];
  const skipped: FixPlan['skipped'] = [];
  const wanted: Array<{ file: string; pattern: string }> = [];
  for (const artifact of artifacts) {
    if (artifact.allowedBy) continue;
    if (artifact.cls === 'large-binary') {
      skipped.push({
        path: artifact.root,
        reason: 'the project may need it: move it to Git LFS or allowlist it',
      });
      continue;
    }
    untrack.push(...artifact.files.map((file) => file.path));
    for (const pattern of artifact.suggestion?.patterns ?? []) {
      wanted.push({ file: artifact.suggestion?.file ?? IGNORE_FILE, pattern });
    }
  }
  for (const gap of gaps) {
    if (gap.allowedBy) continue;
    for (const pattern of gap.suggestion.patterns)
      wanted.push({ file: gap.suggestion.file, pattern });
  }
  untrack.sort();
  const patches = planPatches(root, wanted);
  return {
    untrack,
    patches,
    commands: describePlan(untrack, patches),
    skipped,
  };
}
