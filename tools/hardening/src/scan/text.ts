import pc from 'picocolors';
import {
  defaultFinding,
  summaryLine,
  type Finding,
  type Report,
} from '../report/index.js';

/**
 * The human report: findings grouped per secret (one secret, many places),
 * then skipped files and the summary line.
 */
export function formatScanText(
  report: Report,
  options: { showSuppressed?: boolean } = {},
): string {
  const groups = new Map<string, Finding[]>();
  const hidden = options.showSuppressed
    ? []
    : report.findings.filter((f) => f.suppressed);
  const shown = options.showSuppressed
    ? report.findings
    : report.findings.filter((f) => !f.suppressed);
  for (const finding of shown) {
    const id = String(finding.properties?.secretId ?? finding.fingerprint);
    groups.set(id, [...(groups.get(id) ?? []), finding]);
  }
  const lines: string[] = [];
  for (const [id, findings] of groups) {
    if (findings.length === 1) {
      lines.push(defaultFinding(findings[0]));
      continue;
    }
    lines.push(pc.bold(`secret ${id} found in ${findings.length} places:`));
    for (const finding of findings) lines.push(`  ${defaultFinding(finding)}`);
  }
  const skipped = report.stats.skipped;
  if (skipped.length > 0) {
    const shown = skipped
      .slice(0, 20)
      .map((s) => pc.dim(`  skipped ${s.file}: ${s.reason}`));
    lines.push(pc.dim(`${skipped.length} skipped:`), ...shown);
    if (skipped.length > 20)
      lines.push(pc.dim(`  … ${skipped.length - 20} more (see --format json)`));
  }
  if (hidden.length > 0) {
    const kinds = new Map<string, number>();
    for (const f of hidden) {
      const kind = f.suppressed?.kind ?? 'other';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const detail = [...kinds].map(([k, n]) => `${n} ${k}`).join(', ');
    lines.push(
      pc.dim(
        `${hidden.length} suppressed (${detail}); --show-suppressed lists them`,
      ),
    );
  }
  for (const warning of report.warnings ?? [])
    lines.push(pc.yellow(`warning ${warning.code}: ${warning.message}`));
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}
