import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactGroup } from './artifacts.js';
import type { IgnoreRule, IgnoreVerdict } from './check-ignore.js';
import type { ArtifactClass } from './classify.js';
import type { TrackedFile } from './index-reader.js';

export type CoverageState =
  | 'covered'
  | 'partial'
  | 'not-covered'
  | 'local-only';

/** How well the ignore rules that everyone shares cover an artifact. */
export interface Coverage {
  state: CoverageState;
  /** The rule that ignores it (first file); absent when not covered. */
  rule?: IgnoreRule;
  /** A `!` rule that re-includes it, when that is why it is not covered. */
  reincludedBy?: IgnoreRule;
  /** The rule that ignores the same artifact at the root but not here. */
  atRoot?: IgnoreRule;
  ignoredFiles: number;
}

/**
 * Summarizes git's verdicts for an artifact's files. A rule that lives only
 * in this clone (.git/info/exclude, a global excludes file, an untracked
 * .gitignore) protects nobody else: that is `local-only`.
 */
export function summarizeCoverage(
  group: ArtifactGroup,
  verdicts: ReadonlyMap<string, IgnoreVerdict>,
  sharedSources: ReadonlySet<string>,
): Coverage {
  const results = group.files.map(
    (file) => verdicts.get(file.path) ?? { ignored: false },
  );
  const ignored = results.filter((verdict) => verdict.ignored);
  const reincludedBy = results.find(
    (verdict) => verdict.rule && !verdict.ignored,
  )?.rule;
  if (ignored.length === 0) {
    return { state: 'not-covered', reincludedBy, ignoredFiles: 0 };
  }
  const rule = ignored[0].rule;
  if (ignored.length < results.length) {
    return {
      state: 'partial',
      rule,
      reincludedBy,
      ignoredFiles: ignored.length,
    };
  }
  const shared = ignored.every(
    (verdict) => verdict.rule && sharedSources.has(verdict.rule.source),
  );
  return {
    state: shared ? 'covered' : 'local-only',
    rule,
    ignoredFiles: ignored.length,
  };
}

/** A path that must be ignored where a project lives, and how to ignore it. */
export interface Probe {
  /** What git is asked about (a file inside folders, so folder rules apply). */
  path: string;
  /** The artifact location shown to the user, e.g. `apps/web/.next/`. */
  where: string;
  cls: ArtifactClass;
  pattern: string;
  /** The same probe at the repository root, to explain root-anchored rules. */
  rootPath?: string;
}

const NEXT_CONFIG = /(?:^|\/)next\.config\.(?:js|mjs|cjs|ts|mts)$/;
const SUPABASE_DIR = /^(?:(.*)\/)?supabase\/(?:config\.toml|migrations\/)/;

/**
 * The ignore rules a workspace needs, probed in every place a project
 * actually lives: each package, each Next.js app, each Supabase folder.
 */
export function buildProbes(
  root: string,
  files: readonly TrackedFile[],
  projectRoots: ReadonlySet<string>,
  nxWorkspace: boolean,
): Probe[] {
  const probes: Probe[] = [];
  const add = (
    base: string,
    rest: string,
    cls: ArtifactClass,
    pattern: string,
    shown = rest,
  ) => {
    const prefix = base ? `${base}/` : '';
    probes.push({
      path: `${prefix}${rest}`,
      where: `${prefix}${shown}`,
      cls,
      pattern,
      rootPath: base ? rest : undefined,
    });
  };

  for (const project of [...projectRoots].sort()) {
    add(
      project,
      'node_modules/.shipshape-probe',
      'dependency',
      'node_modules',
      'node_modules/',
    );
    if (!isDirectory(join(root, project, 'node_modules'))) {
      // Probed as a file: a committed symlink is not a folder to git.
      add(
        project,
        'node_modules',
        'dependency',
        'node_modules',
        'node_modules (symlink)',
      );
    }
    add(project, '.env', 'secret', '.env');
    add(project, '.env.local', 'secret', '.env.*');
    add(project, '.env.production', 'secret', '.env.*');
    add(
      project,
      'coverage/.shipshape-probe',
      'test-report',
      'coverage/',
      'coverage/',
    );
    add(project, 'npm-debug.log', 'log', '*.log');
  }
  for (const app of matchingFolders(files, NEXT_CONFIG)) {
    add(app, '.next/.shipshape-probe', 'build', '.next/', '.next/');
    add(app, 'next-env.d.ts', 'build', 'next-env.d.ts');
  }
  for (const base of supabaseFolders(files)) {
    const supabase = base ? `${base}/supabase` : 'supabase';
    for (const state of ['.temp', '.branches']) {
      const atRoot = `supabase/${state}/`;
      probes.push({
        path: `${supabase}/${state}/.shipshape-probe`,
        where: `${supabase}/${state}/`,
        cls: 'cache',
        pattern: base ? `**/${atRoot}` : atRoot,
        rootPath: base ? `${atRoot}.shipshape-probe` : undefined,
      });
    }
  }
  if (nxWorkspace) {
    add('', '.nx/cache/.shipshape-probe', 'cache', '.nx/cache', '.nx/cache/');
    add(
      '',
      '.nx/workspace-data/.shipshape-probe',
      'cache',
      '.nx/workspace-data',
      '.nx/workspace-data/',
    );
  }
  // git refuses to answer for paths beyond a symlink; those places are moot.
  return probes.filter((probe) => !crossesSymlink(root, probe.path));
}

function matchingFolders(
  files: readonly TrackedFile[],
  pattern: RegExp,
): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    if (!pattern.test(file.path)) continue;
    const slash = file.path.lastIndexOf('/');
    folders.add(slash < 0 ? '' : file.path.slice(0, slash));
  }
  return [...folders].sort();
}

function supabaseFolders(files: readonly TrackedFile[]): string[] {
  const bases = new Set<string>();
  for (const file of files) {
    const match = SUPABASE_DIR.exec(file.path);
    if (match) bases.add(match[1] ?? '');
  }
  return [...bases].sort();
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function crossesSymlink(root: string, path: string): boolean {
  const parts = path.split('/');
  for (let index = 1; index < parts.length; index++) {
    try {
      if (lstatSync(join(root, ...parts.slice(0, index))).isSymbolicLink())
        return true;
    } catch {
      return false;
    }
  }
  return false;
}
