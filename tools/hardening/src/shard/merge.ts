import {
  compareFindings,
  type Finding,
  type Report,
  type SkippedInput,
  type Warning,
} from '../report/index.js';

/**
 * Combines shard reports of one command into one report. A finding reported
 * by two shards (overlapping roots, a retried job) appears once; the merged
 * report is ok only when every shard was.
 */
export function mergeReports(
  reports: readonly Report[],
  version: string,
): Report {
  const commands = [...new Set(reports.map((report) => report.command))].sort();
  const findings = new Map<string, Finding>();
  const skipped = new Map<string, SkippedInput>();
  const warnings = new Map<string, Warning>();
  let files = 0;
  let bytes = 0;
  let durationMs = 0;

  for (const report of reports) {
    for (const finding of report.findings) {
      const key = findingKey(report.command, finding);
      if (!findings.has(key)) findings.set(key, finding);
    }
    for (const entry of report.stats?.skipped ?? []) {
      skipped.set(`${entry.file}\0${entry.reason}`, entry);
    }
    for (const warning of report.warnings ?? []) {
      warnings.set(`${warning.code}\0${warning.message}`, warning);
    }
    files += report.stats?.files ?? 0;
    bytes += report.stats?.bytes ?? 0;
    durationMs = Math.max(durationMs, report.stats?.durationMs ?? 0);
  }

  const merged = [...findings.values()].sort(historyOrder);
  const active = merged.some((finding) => !finding.suppressed);
  return {
    tool: 'shipshape',
    command: commands.length === 1 ? (commands[0] as string) : 'merge',
    version,
    ok: reports.every((report) => report.ok) && !active,
    findings: merged,
    stats: {
      files,
      bytes,
      skipped: [...skipped.values()].sort((a, b) =>
        a.file.localeCompare(b.file),
      ),
      durationMs,
      reports: reports.length,
      ...(commands.length > 1 ? { commands } : {}),
    },
    ...(warnings.size ? { warnings: [...warnings.values()] } : {}),
  };
}

/**
 * Merges per command, so a SARIF upload keeps one run (one code-scanning
 * category) per command.
 */
export function mergeByCommand(
  reports: readonly Report[],
  version: string,
): Report[] {
  const groups = new Map<string, Report[]>();
  for (const report of reports) {
    const group = groups.get(report.command) ?? [];
    group.push(report);
    groups.set(report.command, group);
  }
  return [...groups.keys()]
    .sort()
    .map((command) => mergeReports(groups.get(command) ?? [], version));
}

// The fingerprint is stable for a secret's place; the location parts keep
// one secret found in many places a finding per place.
function findingKey(command: string, finding: Finding): string {
  const { file, line, column, commit } = finding.location;
  return [
    command,
    finding.ruleId,
    finding.fingerprint,
    file,
    line ?? '',
    column ?? '',
    commit ?? '',
  ].join('\0');
}

// History findings oldest first (shards cannot know the topological order,
// the author date is the closest stable key); the rest by place.
// TODO(topological order): with the repository at hand, merge-reports could
// re-sort by `git rev-list --reverse` to match a single run exactly.
function historyOrder(a: Finding, b: Finding): number {
  const left = a.location.date ?? '';
  const right = b.location.date ?? '';
  if (left !== right) return left < right ? -1 : 1;
  const byCommit = (a.location.commit ?? '').localeCompare(
    b.location.commit ?? '',
  );
  return byCommit || compareFindings(a, b);
}
