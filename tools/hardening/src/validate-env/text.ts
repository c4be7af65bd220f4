import pc from 'picocolors';
import { formatLocation, summaryLine, type Report } from '../report/index.js';

/**
 * Quiet on success; otherwise one line per variable under its file, secret
 * placement problems first (they need a rotation, not just an edit).
 */
export function formatValidateEnvText(report: Report): string {
  const lines: string[] = [];
  for (const warning of report.warnings ?? []) {
    lines.push(pc.yellow(`warning ${warning.code}: ${warning.message}`));
  }
  const byFile = new Map<string, Report['findings']>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(pc.bold(file));
    for (const finding of findings) {
      const where = finding.location.line
        ? pc.dim(`${formatLocation(finding)}  `)
        : '';
      const paint = finding.severity === 'critical' ? pc.red : pc.yellow;
      lines.push(
        `  ${paint(finding.severity.padEnd(8))} ${where}${finding.message} [${finding.ruleId}]`,
      );
    }
  }
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}
