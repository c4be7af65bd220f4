import semver from 'semver';
import { severityRank, type Severity } from '../report/index.js';
import type { InstalledPackage } from './graph/closure.js';
import type { Advisory, PackageQuery } from './advisories/model.js';

/** Advisories that name the same issue (shared ids), merged into one. */
export interface AdvisoryGroup {
  id: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  severitySource: Advisory['severitySource'];
  url?: string;
  fixedVersion?: string;
}

export interface Match {
  pkg: InstalledPackage;
  advisory: AdvisoryGroup;
}

/** One query per package name, every installed version listed. */
export function queriesFor(
  packages: Iterable<InstalledPackage>,
): PackageQuery[] {
  const versions = new Map<string, Set<string>>();
  for (const pkg of packages) {
    const set = versions.get(pkg.name) ?? new Set<string>();
    set.add(pkg.version);
    versions.set(pkg.name, set);
  }
  return [...versions.keys()].sort().map((name) => ({
    name,
    versions: [...(versions.get(name) ?? [])].sort(),
  }));
}

/** Every (installed package, advisory) pair, aliases merged, stably sorted. */
export function matchAdvisories(
  packages: Iterable<InstalledPackage>,
  advisories: Map<string, Advisory[]>,
): Match[] {
  const matches: Match[] = [];
  for (const pkg of packages) {
    const hits = (advisories.get(pkg.name) ?? []).filter((advisory) =>
      advisory.affects(pkg.version),
    );
    for (const group of groupByAlias(hits)) {
      matches.push({ pkg, advisory: mergeGroup(group, pkg.version) });
    }
  }
  return matches.sort(
    (a, b) =>
      a.pkg.name.localeCompare(b.pkg.name) ||
      compareVersions(a.pkg.version, b.pkg.version) ||
      a.advisory.id.localeCompare(b.advisory.id),
  );
}

function groupByAlias(advisories: readonly Advisory[]): Advisory[][] {
  const groups: Array<{ ids: Set<string>; members: Advisory[] }> = [];
  for (const advisory of advisories) {
    const ids = [advisory.id, ...advisory.aliases];
    const joined = groups.filter((group) =>
      ids.some((id) => group.ids.has(id)),
    );
    const target = joined[0] ?? { ids: new Set<string>(), members: [] };
    if (!joined[0]) groups.push(target);
    for (const other of joined.slice(1)) {
      other.ids.forEach((id) => target.ids.add(id));
      target.members.push(...other.members);
      groups.splice(groups.indexOf(other), 1);
    }
    ids.forEach((id) => target.ids.add(id));
    target.members.push(advisory);
  }
  return groups.map((group) => group.members);
}

function mergeGroup(
  members: readonly Advisory[],
  version: string,
): AdvisoryGroup {
  const ids = new Set(
    members.flatMap((member) => [member.id, ...member.aliases]),
  );
  const sorted = [...ids].sort();
  const id = sorted.find((value) => value.startsWith('GHSA-')) ?? members[0].id;
  const worst = [...members].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      rankSource(a) - rankSource(b),
  )[0];
  const fixes = members
    .map((member) => member.fixedVersion(version))
    .filter(
      (fix): fix is string => fix !== undefined && semver.valid(fix) !== null,
    )
    .sort(semver.compare);
  const labelled = members.find((member) => member.id === id) ?? members[0];
  return {
    id,
    aliases: sorted.filter((value) => value !== id),
    summary: labelled.summary,
    severity: worst.severity,
    severitySource: worst.severitySource,
    url: labelled.url,
    fixedVersion: fixes.at(-1),
  };
}

// Prefer a stated severity over an assumed one at equal rank.
function rankSource(advisory: Advisory): number {
  return advisory.severitySource === 'assumed' ? 1 : 0;
}

function compareVersions(a: string, b: string): number {
  const pa = semver.parse(a, { loose: true });
  const pb = semver.parse(b, { loose: true });
  return pa && pb ? semver.compare(pa, pb) : a.localeCompare(b);
}
