import { SEVERITIES, type Finding, type Severity } from '../../report/index.js';
import type { InstalledPackage } from '../graph/closure.js';
import { RULE_VULNERABLE } from '../policy/evaluate.js';

export interface ProjectSummary {
  project: string;
  packages: number;
  gating: Partial<Record<Severity, number>>;
  dev: number;
  suppressed: number;
  fixes: Record<string, number>;
  line: string;
}

/** One line per audited project, readable in a CI log. */
export function projectSummaries(
  projects: readonly string[],
  closure: Map<string, InstalledPackage>,
  findings: readonly Finding[],
): ProjectSummary[] {
  return projects.map((project) => {
    const packages = [...closure.values()].filter((pkg) =>
      pkg.reaches.some((reach) => reach.importer === project),
    ).length;
    const mine = findings.filter(
      (finding) =>
        finding.ruleId === RULE_VULNERABLE &&
        (finding.properties?.importers as string[] | undefined)?.includes(
          project,
        ),
    );
    const gating: Partial<Record<Severity, number>> = {};
    const fixes: Record<string, number> = {};
    let dev = 0;
    let suppressed = 0;
    for (const finding of mine) {
      if (finding.suppressed?.kind === 'dev') dev++;
      else if (finding.suppressed) suppressed++;
      else {
        gating[finding.severity] = (gating[finding.severity] ?? 0) + 1;
        const kind = (finding.properties?.fix as { kind: string }).kind;
        fixes[kind] = (fixes[kind] ?? 0) + 1;
      }
    }
    return {
      project,
      packages,
      gating,
      dev,
      suppressed,
      fixes,
      line: line(project, packages, gating, dev, suppressed, fixes),
    };
  });
}

function line(
  project: string,
  packages: number,
  gating: Partial<Record<Severity, number>>,
  dev: number,
  suppressed: number,
  fixes: Record<string, number>,
): string {
  const counts = SEVERITIES.filter((severity) => gating[severity]).map(
    (severity) => `${gating[severity]} ${severity}`,
  );
  const parts = [
    counts.length > 0
      ? `${counts.join(', ')} gating`
      : `no gating advisories in ${packages} package${packages === 1 ? '' : 's'}`,
  ];
  const fixText = Object.entries(fixes)
    .sort()
    .map(([kind, count]) => `${count} ${kind.replace('-', ' ')}`);
  if (fixText.length > 0) parts.push(`fixes: ${fixText.join(', ')}`);
  if (dev > 0) parts.push(`${dev} in dev dependencies (reported, not gating)`);
  if (suppressed > 0) parts.push(`${suppressed} suppressed`);
  return `${project === '.' ? '(root)' : project}: ${parts.join('; ')}`;
}
