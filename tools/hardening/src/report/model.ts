/**
 * The finding model every engine reports in. DESIGN.md fixes the JSON shape;
 * fields may be added, never renamed or removed.
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
];

export interface FindingLocation {
  /** Relative to the scanned root, forward slashes. */
  file: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Set for findings that come from git history. */
  commit?: string;
  /** ISO date of the commit, history only. */
  date?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: FindingLocation;
  /** Stable id used by ignore files and baselines. */
  fingerprint: string;
  /** Redacted excerpt: never a whole secret. */
  evidence?: string;
  /** Findings that are shown but do not fail the run (allowlisted, baselined, dev-only). */
  suppressed?: { kind: string; reason: string };
  /** Engine-specific, machine-readable details (advisory ids, sizes, fixes). */
  properties?: Record<string, unknown>;
}

export interface SkippedInput {
  file: string;
  reason: string;
}

export interface ReportStats {
  files: number;
  bytes: number;
  skipped: SkippedInput[];
  durationMs: number;
  [extra: string]: unknown;
}

export interface Warning {
  code: string;
  message: string;
}

export interface Report {
  tool: 'shipshape';
  command: string;
  version: string;
  ok: boolean;
  findings: Finding[];
  stats: ReportStats;
  /** Non-fatal problems, each with a stable code. */
  warnings?: Warning[];
  /** Copied to SARIF `run.properties` (e.g. the audit's advisory provenance). */
  runProperties?: Record<string, unknown>;
  /** Extra top-level sections an engine adds (audit provenance, drift summary). */
  [extra: string]: unknown;
}

export interface RuleDescriptor {
  id: string;
  name?: string;
  description: string;
  severity?: Severity;
  helpUri?: string;
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    (a.location.column ?? 0) - (b.location.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.fingerprint.localeCompare(b.fingerprint)
  );
}
