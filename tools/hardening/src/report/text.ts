import pc from 'picocolors';
import type { Finding, Report, Severity } from './model.js';

const PAINT: Record<Severity, (text: string) => string> = {
  critical: (text) => pc.bold(pc.red(text)),
  high: pc.red,
  medium: pc.yellow,
  low: pc.cyan,
  info: pc.dim,
};

/**
 * The default human report: one line per finding, then a one-line summary.
 * Engines with richer layouts (grouping, diffs) pass their own `renderFinding`.
 */
export function formatText(
  report: Report,
  renderFinding: (finding: Finding) => string = defaultFinding,
): string {
  const lines = report.findings.map(renderFinding);
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export function defaultFinding(finding: Finding): string {
  const where = formatLocation(finding);
  const severity = PAINT[finding.severity](finding.severity.padEnd(8));
  const suppressed = finding.suppressed
    ? pc.dim(` (${finding.suppressed.kind}: ${finding.suppressed.reason})`)
    : '';
  const evidence = finding.evidence ? pc.dim(`  ${finding.evidence}`) : '';
  return `${severity} ${where}  ${finding.message} [${finding.ruleId}]${evidence}${suppressed}`;
}

export function formatLocation(finding: Finding): string {
  const { file, line, column, commit } = finding.location;
  const position = line ? `:${line}${column ? `:${column}` : ''}` : '';
  const revision = commit ? `@${commit.slice(0, 12)}` : '';
  return `${file}${position}${revision}`;
}

export function summaryLine(report: Report): string {
  const active = report.findings.filter((finding) => !finding.suppressed);
  const suppressed = report.findings.length - active.length;
  const seconds = (report.stats.durationMs / 1000).toFixed(2);
  const scope = `${report.stats.files} files, ${seconds}s`;
  const extra = suppressed ? `, ${suppressed} suppressed` : '';
  if (report.ok) {
    return pc.green(`shipshape ${report.command}: ok (${scope}${extra})`);
  }
  const noun = active.length === 1 ? 'finding' : 'findings';
  return pc.red(
    `shipshape ${report.command}: ${active.length} ${noun} (${scope}${extra})`,
  );
}
