import pc from 'picocolors';
import type { Finding, Report, Severity } from '../../report/index.js';
import type { Provenance } from '../advisories/model.js';
import type { FixAdvice } from '../fix.js';
import type { ProjectSummary } from './summary.js';

const PAINT: Record<Severity, (text: string) => string> = {
  critical: (text) => pc.bold(pc.red(text)),
  high: pc.red,
  medium: pc.yellow,
  low: pc.cyan,
  info: pc.dim,
};

/**
 * The human audit report: where the advisories came from, gating findings,
 * then dev and suppressed ones, then one line per project and the verdict.
 */
export function formatAuditText(report: Report): string {
  const lines: string[] = [];
  const unknown = report.unknown as
    | { reason: string; remedy: string }
    | undefined;
  if (unknown) {
    lines.push(
      pc.yellow(`shipshape audit: verdict UNKNOWN — ${unknown.reason}.`),
    );
    lines.push(`  To fix: ${unknown.remedy}.`);
    lines.push('  Nothing was checked, so this is not a pass (exit code 2).');
    return `${lines.join('\n')}\n`;
  }

  lines.push(pc.dim(provenanceLine(report.advisories as Provenance)));
  const gating = report.findings.filter((finding) => !finding.suppressed);
  const dev = report.findings.filter(
    (finding) => finding.suppressed?.kind === 'dev',
  );
  const other = report.findings.filter(
    (finding) => finding.suppressed && finding.suppressed.kind !== 'dev',
  );
  section(lines, '', gating);
  section(lines, 'Dev dependencies (reported, not gating):', dev);
  section(lines, 'Suppressed (shown, not gating):', other);
  for (const warning of report.warnings ?? []) {
    lines.push(pc.yellow(`warning ${warning.code}: ${warning.message}`));
  }
  lines.push('');
  for (const summary of (report.summary as ProjectSummary[] | undefined) ??
    []) {
    lines.push(summary.line);
  }
  lines.push(verdictLine(report, gating.length));
  return `${lines.join('\n')}\n`;
}

function section(
  lines: string[],
  title: string,
  findings: readonly Finding[],
): void {
  if (findings.length === 0) return;
  lines.push('');
  if (title) lines.push(pc.bold(title));
  for (const finding of findings) lines.push(...renderFinding(finding));
}

function renderFinding(finding: Finding): string[] {
  const severity = PAINT[finding.severity](finding.severity.padEnd(8));
  const props = finding.properties ?? {};
  if (!props.advisory)
    return [`${severity} ${finding.message} [${finding.ruleId}]`];
  const advisory = props.advisory as {
    id: string;
    aliases: string[];
    summary: string;
    url?: string;
  };
  const ids = [advisory.id, ...advisory.aliases].join(' / ');
  const paths = (props.paths as string[][]).slice(0, 3);
  const more = (props.paths as string[][]).length - paths.length;
  const out = [
    `${severity} ${pc.bold(`${props.package}@${props.version}`)}  ${ids}  ${advisory.summary}`,
    ...paths.map(
      (path) =>
        `         path: ${path.join(' > ')}  (${props.dependencyType}${props.optional ? ', optional' : ''})`,
    ),
  ];
  if (more > 0)
    out.push(`         … and ${more} more path${more === 1 ? '' : 's'}`);
  out.push(`         fix: ${fixText(props.fix as FixAdvice)}`);
  if (advisory.url) out.push(pc.dim(`         ${advisory.url}`));
  if (finding.suppressed && finding.suppressed.kind !== 'dev') {
    out.push(
      pc.dim(
        `         suppressed (${finding.suppressed.kind}): ${finding.suppressed.reason}`,
      ),
    );
  }
  return out;
}

function fixText(fix: FixAdvice): string {
  const range = fix.range
    ? `"${fix.range}"${fix.rangeAssumed ? ' (assumed)' : ''}`
    : '';
  switch (fix.kind) {
    case 'none':
      return 'no fixed version published';
    case 'within-range':
      return `${fix.version}, within the declared range ${range}: update the lockfile`;
    case 'outside-range':
      return `${fix.version}, outside the declared range ${range}: raise the range`;
    case 'major-bump':
      return `${fix.version}, a major version bump from the declared range ${range}`;
  }
}

export function provenanceLine(source: Provenance | undefined): string {
  if (!source) return 'advisories: none';
  const parts = [`advisories: ${source.kind} ${source.location}`];
  if (source.sourceUrl) parts.push(`from ${source.sourceUrl}`);
  if (source.records !== undefined) parts.push(`${source.records} records`);
  if (source.fetchedAt) parts.push(`fetched ${source.fetchedAt}`);
  if (source.sha256) parts.push(`sha256 ${source.sha256.slice(0, 12)}`);
  return parts.join(', ');
}

function verdictLine(report: Report, gating: number): string {
  const suppressed = report.findings.length - gating;
  const seconds = (report.stats.durationMs / 1000).toFixed(2);
  const count = Number(report.stats.packages);
  const scope = `${count} package${count === 1 ? '' : 's'}, ${seconds}s${suppressed ? `, ${suppressed} not gating` : ''}`;
  if (report.ok) return pc.green(`shipshape audit: pass (${scope})`);
  const noun = gating === 1 ? 'finding' : 'findings';
  return pc.red(`shipshape audit: ${gating} ${noun} (${scope})`);
}
