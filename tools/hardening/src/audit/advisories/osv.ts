import semver from 'semver';
import type { Severity } from '../../report/index.js';
import type { Advisory } from './model.js';
import {
  cvss3BaseScore,
  severityFromLabel,
  severityFromScore,
} from './severity.js';

type OsvEvent = {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
};

export interface OsvRecord {
  id: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  withdrawn?: string;
  severity?: Array<{ type: string; score: string }>;
  database_specific?: { severity?: string };
  references?: Array<{ type?: string; url?: string }>;
  affected?: Array<{
    package?: { ecosystem?: string; name?: string };
    ranges?: Array<{ type?: string; events?: OsvEvent[] }>;
    versions?: string[];
    ecosystem_specific?: { severity?: string };
    database_specific?: { severity?: string };
  }>;
}

type Affected = NonNullable<OsvRecord['affected']>[number];

/**
 * Shape check of the fields the matcher reads; a record that fails it is
 * counted as malformed instead of crashing the audit.
 */
export function isOsvRecord(value: unknown): value is OsvRecord {
  if (!isObject(value)) return false;
  const record = value as unknown as OsvRecord;
  if (typeof record.id !== 'string') return false;
  if (record.aliases !== undefined && !isStringArray(record.aliases))
    return false;
  if (record.affected === undefined) return true;
  return Array.isArray(record.affected) && record.affected.every(isAffected);
}

function isAffected(value: unknown): boolean {
  if (!isObject(value)) return false;
  const entry = value as unknown as Affected;
  if (entry.versions !== undefined && !isStringArray(entry.versions))
    return false;
  if (entry.ranges === undefined) return true;
  return (
    Array.isArray(entry.ranges) &&
    entry.ranges.every(
      (range) =>
        isObject(range) &&
        (range.events === undefined ||
          (Array.isArray(range.events) && range.events.every(isObject))),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): boolean {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'string')
  );
}

/** The npm package names an OSV record is about. */
export function npmPackagesOf(record: OsvRecord): string[] {
  const names = new Set<string>();
  for (const affected of record.affected ?? []) {
    if (affected.package?.ecosystem === 'npm' && affected.package.name) {
      names.add(affected.package.name);
    }
  }
  return [...names];
}

/** The advisory one record makes for one npm package. */
export function advisoryFromOsv(record: OsvRecord, name: string): Advisory {
  const entries = (record.affected ?? []).filter(
    (affected) =>
      affected.package?.ecosystem === 'npm' && affected.package.name === name,
  );
  const { severity, source } = osvSeverity(record, entries);
  const ids = [record.id, ...(record.aliases ?? [])];
  const preferred = ids.find((id) => id.startsWith('GHSA-')) ?? record.id;
  return {
    id: preferred,
    aliases: [...new Set(ids.filter((id) => id !== preferred))].sort(),
    summary: record.summary ?? firstLine(record.details) ?? preferred,
    severity,
    severitySource: source,
    url: advisoryUrl(record, preferred),
    affects: (version) => entries.some((entry) => entryAffects(entry, version)),
    fixedVersion: (version) => firstFix(entries, version),
  };
}

function entryAffects(entry: Affected, version: string): boolean {
  if (entry.versions?.includes(version)) return true;
  const parsed = semver.parse(version, { loose: true });
  if (!parsed) return false;
  return (entry.ranges ?? []).some(
    (range) =>
      range.type !== 'GIT' &&
      rangeInterval(range.events ?? [], parsed) !== undefined,
  );
}

/**
 * Walks the events in version order (OSV's algorithm): an `introduced` at
 * or below the version opens an interval, `fixed`/`limit` at or below it
 * and `last_affected` below it close it. Returns the closing event.
 */
function rangeInterval(
  events: readonly OsvEvent[],
  version: semver.SemVer,
): { fixed?: string } | undefined {
  const sorted = [...events].sort((a, b) => compareEvents(a, b));
  let open = false;
  let closing: { fixed?: string } | undefined;
  for (const event of sorted) {
    const at = eventVersion(event);
    if (event.introduced !== undefined) {
      if (at === '0' || compare(version, at) >= 0) open = true;
      continue;
    }
    if (event.last_affected !== undefined) {
      if (compare(version, at) > 0) open = false;
      else if (open) return {};
      continue;
    }
    if (compare(version, at) >= 0) open = false;
    else if (open) {
      closing = event.fixed !== undefined ? { fixed: event.fixed } : {};
      return closing;
    }
  }
  return open ? {} : undefined;
}

function firstFix(
  entries: readonly Affected[],
  version: string,
): string | undefined {
  const parsed = semver.parse(version, { loose: true });
  if (!parsed) return undefined;
  let best: string | undefined;
  for (const entry of entries) {
    for (const range of entry.ranges ?? []) {
      const fixed = rangeInterval(range.events ?? [], parsed)?.fixed;
      if (fixed && semver.valid(fixed) && (!best || semver.gt(fixed, best)))
        best = fixed;
    }
  }
  return best;
}

function eventVersion(event: OsvEvent): string {
  return (
    event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '0'
  );
}

function compareEvents(a: OsvEvent, b: OsvEvent): number {
  const va = eventVersion(a);
  const vb = eventVersion(b);
  if (va === '0' || vb === '0') return va === vb ? 0 : va === '0' ? -1 : 1;
  const pa = semver.parse(va, { loose: true });
  const pb = semver.parse(vb, { loose: true });
  if (!pa || !pb) return 0;
  return semver.compare(pa, pb) || (a.introduced !== undefined ? -1 : 1);
}

function compare(version: semver.SemVer, other: string): number {
  const parsed = semver.parse(other, { loose: true });
  return parsed ? semver.compare(version, parsed) : 0;
}

function osvSeverity(
  record: OsvRecord,
  entries: readonly Affected[],
): { severity: Severity; source: Advisory['severitySource'] } {
  const label =
    severityFromLabel(record.database_specific?.severity) ??
    entries
      .map((entry) =>
        severityFromLabel(
          entry.ecosystem_specific?.severity ??
            entry.database_specific?.severity,
        ),
      )
      .find(Boolean);
  if (label) return { severity: label, source: 'advisory' };
  for (const item of record.severity ?? []) {
    const score = cvss3BaseScore(item.score);
    if (score !== undefined)
      return { severity: severityFromScore(score), source: 'cvss' };
  }
  if (record.id.startsWith('MAL-'))
    return { severity: 'critical', source: 'malware' };
  // TODO(cvss4): compute CVSS v4 scores; until then unlabelled records count as high.
  return { severity: 'high', source: 'assumed' };
}

function advisoryUrl(record: OsvRecord, id: string): string {
  const advisory = record.references?.find(
    (ref) => ref.type === 'ADVISORY',
  )?.url;
  if (id.startsWith('GHSA-')) return `https://github.com/advisories/${id}`;
  return advisory ?? `https://osv.dev/vulnerability/${record.id}`;
}

function firstLine(text: string | undefined): string | undefined {
  const line = text
    ?.split('\n')
    .find((part) => part.trim().length > 0)
    ?.trim();
  return line ? line.slice(0, 160) : undefined;
}
