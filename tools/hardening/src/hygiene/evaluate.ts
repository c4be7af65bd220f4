import { groupIgnored, type ArtifactGroup } from './artifacts.js';
import { describeRule, type IgnoreVerdict } from './check-ignore.js';
import type { AllowRule } from './config.js';
import { summarizeCoverage, type Coverage, type Probe } from './coverage.js';
import type { TrackedFile } from './index-reader.js';

export const IGNORE_FILE = '.gitignore';

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

// The same artifact at the repository root, probed to explain rules such as
// `/.next/` (root only) or `node_modules/` (folders only, not symlinks).
export function rootTwin(group: ArtifactGroup): string | undefined {
  if (!['dependency', 'build', 'cache', 'test-report'].includes(group.cls))
    return undefined;
  const name = group.root.replace(/\/$/, '').split('/').pop();
  const isFolder =
    group.root.endsWith('/') || group.files[0]?.mode === '120000';
  return name && isFolder ? `${name}/.shipshape-probe` : undefined;
}

export function isString(value: string | undefined): value is string {
  return typeof value === 'string';
}

export function isIgnoreFile(path: string): boolean {
  return path === '.gitignore' || path.endsWith('/.gitignore');
}

export function evaluateCoverage(
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

export function findGaps(
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
