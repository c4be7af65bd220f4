import type { Report } from '../report/index.js';

/** The human layout: what would run where, and why it was allowed or refused. */
export function formatDbGuardText(report: Report): string {
  const target = report.target as {
    name: string;
    production: boolean;
    reasons: string[];
  };
  const lines: string[] = [];
  const kind = target.production ? 'production' : 'not production';
  lines.push(
    `db:safe-run: ${target.name} (${kind}${target.reasons.length ? `: ${target.reasons.join('; ')}` : ''})`,
  );
  for (const finding of report.findings) {
    const where = `${finding.location.file}:${finding.location.line}:${finding.location.column}`;
    const state = finding.suppressed
      ? `allowed, ${finding.suppressed.reason}`
      : 'REFUSED';
    lines.push(`  ${where}  ${finding.message}  [${state}]`);
    if (finding.evidence) lines.push(`      ${finding.evidence}`);
  }
  const statements = Number(report.stats.statements ?? 0);
  if (!report.ok) {
    lines.push(
      `Refused: ${report.findings.length} destructive statement(s) against production; nothing ran. ` +
        `Review them, then re-run with --confirm-production ${target.name}`,
    );
  } else if (report.dryRun) {
    lines.push(
      `Dry run: ${statements} statement(s) would run; nothing was sent.`,
    );
  } else {
    lines.push(`Ran ${statements} statement(s).`);
  }
  return `${lines.join('\n')}\n`;
}
