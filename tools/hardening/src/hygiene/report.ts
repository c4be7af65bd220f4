import { createHash } from 'node:crypto';
import {
  severityRank,
  type Finding,
  type Report,
  type RuleDescriptor,
  type Severity,
} from '../report/index.js';
import { VERSION } from '../version.js';
import { describeRule } from './check-ignore.js';
import { CLASSES, type ArtifactClass } from './classify.js';
import type { HygieneResult, IgnoreGap, TrackedArtifact } from './engine.js';
import type { HistoryArtifact } from './history.js';
import { formatSize } from './size.js';

const MAX_LISTED_PATHS = 100;

export const HYGIENE_RULES: RuleDescriptor[] = [
  ...Object.entries(CLASSES).map(([cls, info]) => ({
    id: `hygiene/${cls}`,
    name: info.label,
    description: info.description,
    severity: info.severity,
  })),
  {
    id: 'hygiene/ignore-gap',
    name: 'ignore rule missing where a project lives',
    description:
      'An ignore rule the workspace needs does not take effect in this folder, so the next git add would commit the artifact.',
    severity: 'medium',
  },
  ...Object.entries(CLASSES).map(([cls, info]) => ({
    id: `hygiene/history-${cls}`,
    name: `${info.label} in history`,
    description: `Only in git history: ${info.description}`,
    severity: historySeverity(cls as ArtifactClass),
  })),
];

/** Turns the engine result into the shared report model (DESIGN.md). */
export function buildReport(result: HygieneResult, durationMs: number): Report {
  const fixed = (finding: Finding): Finding =>
    result.fix &&
    !finding.suppressed &&
    finding.ruleId !== 'hygiene/large-binary'
      ? { ...finding, properties: { ...finding.properties, fixed: true } }
      : finding;
  const findings = [
    ...result.artifacts.map(artifactFinding).map(fixed),
    ...result.gaps.map(gapFinding).map(fixed),
    ...(result.history?.artifacts ?? []).map(historyFinding),
  ].sort(bySeverityThenPath);
  const mistakes = result.artifacts.filter((artifact) => !artifact.allowedBy);
  const mistakeBytes = mistakes.reduce(
    (sum, artifact) => sum + artifact.bytes,
    0,
  );
  const mistakeFiles = mistakes.reduce(
    (sum, artifact) => sum + artifact.files.length,
    0,
  );
  const warnings = [
    ...result.reduced.map((message) => ({ code: 'HYGIENE_REDUCED', message })),
    ...result.unusedAllow.map((rule) => ({
      code: 'HYGIENE_UNUSED_ALLOW',
      message: `hygiene.allow entry "${rule.path}" matched nothing; remove it from the config.`,
    })),
    ...result.unreadIgnoreFiles.map(({ file, target }) => ({
      code: 'HYGIENE_IGNORE_FILE_SYMLINK',
      message: `${file}: is a symlink (to ${target}), which git does not read ("Too many levels of symbolic links"), so none of its rules apply; replace it with a regular file.`,
    })),
    ...fixWarnings(result),
  ];

  return {
    tool: 'shipshape',
    command: 'hygiene',
    version: VERSION,
    ok: findings.every((finding) => finding.suppressed || isFixed(finding)),
    findings,
    stats: {
      files: result.files.length,
      bytes: result.files.reduce((sum, file) => sum + file.size, 0),
      skipped: [],
      durationMs,
    },
    ...(warnings.length > 0 ? { warnings } : {}),
    trackedByMistake: {
      files: mistakeFiles,
      bytes: mistakeBytes,
      size: formatSize(mistakeBytes),
    },
    repository: {
      bare: result.repo.bare,
      shallow: result.repo.shallow,
      reduced: result.reduced,
    },
    fixPlan: {
      untrack: result.plan.untrack,
      gitignore: result.plan.patches,
      commands: result.plan.commands,
      skipped: result.plan.skipped,
    },
    ...(result.fix ? { fix: result.fix } : {}),
    ...(result.history
      ? {
          history: {
            commitsScanned: result.history.commitsScanned,
            commands: result.history.commands,
            rotateSecretsFirst: result.history.artifacts.some(
              (item) => item.cls === 'secret',
            ),
          },
        }
      : {}),
  };
}

function artifactFinding(artifact: TrackedArtifact): Finding {
  const info = CLASSES[artifact.cls];
  const count = artifact.files.length;
  const amount = `${count} ${count === 1 ? 'file' : 'files'}, ${formatSize(artifact.bytes)}`;
  return {
    ruleId: `hygiene/${artifact.cls}`,
    severity: info.severity,
    message: `${info.label} tracked (${amount}); ${coverageText(artifact)}`,
    location: { file: artifact.root },
    fingerprint: fingerprint(`hygiene/${artifact.cls}`, artifact.root),
    ...suppression(artifact.allowedBy),
    properties: {
      class: artifact.cls,
      files: count,
      bytes: artifact.bytes,
      size: formatSize(artifact.bytes),
      coverage: {
        state: artifact.coverage.state,
        rule: artifact.coverage.rule,
        reincludedBy: artifact.coverage.reincludedBy,
      },
      ...(artifact.suggestion ? { add: artifact.suggestion } : {}),
      paths: artifact.files.slice(0, MAX_LISTED_PATHS).map((file) => file.path),
      ...(count > MAX_LISTED_PATHS ? { pathsTruncated: true } : {}),
    },
  };
}

function coverageText(artifact: TrackedArtifact): string {
  const { coverage, suggestion } = artifact;
  const add = suggestion
    ? `; add ${quoted(suggestion.patterns)} to ${suggestion.file}`
    : '';
  const rule = coverage.rule ? describeRule(coverage.rule) : '';
  switch (coverage.state) {
    case 'covered':
      return `covered by ${rule} but still tracked: committed before the rule, untrack it`;
    case 'local-only':
      return `ignored only by ${rule}, which other clones do not have${add}`;
    case 'partial':
      return `only ${coverage.ignoredFiles} of ${artifact.files.length} files covered (by ${rule})${reincluded(artifact.coverage.reincludedBy)}${add}`;
    case 'not-covered':
      if (artifact.cls === 'large-binary') {
        return `not covered; move it to Git LFS (git lfs track) or allowlist it`;
      }
      return `not covered by any .gitignore${reincluded(coverage.reincludedBy)}${rootOnly(artifact)}${add}`;
  }
}

function rootOnly(artifact: TrackedArtifact): string {
  const rule = artifact.coverage.atRoot;
  if (!rule) return '';
  const symlink =
    artifact.files[0]?.mode === '120000' && rule.pattern.endsWith('/');
  return symlink
    ? ` (${describeRule(rule)} matches folders only; a committed symlink is a file to git)`
    : ` (${describeRule(rule)} matches only at the root)`;
}

function reincluded(rule: TrackedArtifact['coverage']['reincludedBy']): string {
  return rule ? ` (re-included by ${describeRule(rule)})` : '';
}

function gapFinding(gap: IgnoreGap): Finding {
  const { probe } = gap;
  const severity: Severity =
    probe.cls === 'secret'
      ? 'high'
      : probe.cls === 'dependency' || probe.cls === 'build'
        ? 'medium'
        : 'low';
  const places =
    gap.places.length > 1 ? ` (and ${gap.places.length - 1} more places)` : '';
  const hint =
    gap.atRoot?.ignored && gap.atRoot.rule
      ? `; ${describeRule(gap.atRoot.rule)} matches only at the root`
      : gap.verdict.ignored && gap.verdict.rule
        ? `; only ${describeRule(gap.verdict.rule)} ignores it, which other clones do not have`
        : reincluded(gap.verdict.rule);
  return {
    ruleId: 'hygiene/ignore-gap',
    severity,
    message: `${probe.where}${places} is not ignored where the project lives${hint}; add ${quoted(gap.suggestion.patterns)} to ${gap.suggestion.file}`,
    location: { file: probe.where.replace(/ \(symlink\)$/, '') },
    fingerprint: fingerprint(
      'hygiene/ignore-gap',
      `${probe.pattern}:${probe.where}`,
    ),
    ...suppression(gap.allowedBy),
    properties: {
      class: probe.cls,
      places: gap.places,
      add: gap.suggestion,
    },
  };
}

function historyFinding(artifact: HistoryArtifact): Finding {
  const info = CLASSES[artifact.cls];
  const versions = artifact.blobs.length;
  const refs =
    artifact.refs.length > 0
      ? artifact.refs.join(', ')
      : 'no ref (only reflogs or stashes)';
  return {
    ruleId: `hygiene/history-${artifact.cls}`,
    severity: historySeverity(artifact.cls),
    message: `${info.label} only in history (${versions} ${versions === 1 ? 'version' : 'versions'}, ${formatSize(artifact.bytes)}), reachable from ${refs}`,
    location: { file: artifact.root, commit: artifact.commits[0] },
    fingerprint: fingerprint(`hygiene/history-${artifact.cls}`, artifact.root),
    properties: {
      class: artifact.cls,
      bytes: artifact.bytes,
      size: formatSize(artifact.bytes),
      paths: artifact.paths.slice(0, MAX_LISTED_PATHS),
      blobs: artifact.blobs.slice(0, MAX_LISTED_PATHS),
      commits: artifact.commits,
      refs: artifact.refs,
    },
  };
}

function historySeverity(cls: ArtifactClass): Severity {
  return cls === 'secret' ? 'critical' : 'low';
}

function fixWarnings(
  result: HygieneResult,
): Array<{ code: string; message: string }> {
  if (!result.fix) return [];
  const warnings = [];
  if (result.fix.notIgnored.length > 0) {
    warnings.push({
      code: 'HYGIENE_NOT_IGNORED',
      message: `${listed(result.fix.notIgnored)} untracked but still not ignored; add a rule for it by hand.`,
    });
  }
  if (result.fix.newlyIgnored.length > 0) {
    warnings.push({
      code: 'HYGIENE_NEWLY_IGNORED',
      message: `${listed(result.fix.newlyIgnored)} still tracked but now matched by the new patterns; add a ! rule if that is intended.`,
    });
  }
  return warnings;
}

function listed(paths: readonly string[]): string {
  const more = paths.length > 1 ? ` (and ${paths.length - 1} more)` : '';
  return `${paths[0]}${more} is`;
}

function suppression(
  rule: TrackedArtifact['allowedBy'],
): Pick<Finding, 'suppressed'> {
  return rule
    ? {
        suppressed: {
          kind: 'allowlist',
          reason: `${rule.path}: ${rule.reason}`,
        },
      }
    : {};
}

function quoted(patterns: readonly string[]): string {
  return patterns.map((pattern) => `"${pattern}"`).join(', ');
}

function fingerprint(ruleId: string, key: string): string {
  return createHash('sha256')
    .update(`${ruleId}\0${key}`)
    .digest('hex')
    .slice(0, 16);
}

function bySeverityThenPath(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) ||
    a.location.file.localeCompare(b.location.file) ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

/** Set on findings that this run's --fix resolved. */
export function isFixed(finding: Finding): boolean {
  return finding.properties?.fixed === true;
}
