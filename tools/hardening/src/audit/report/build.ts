import { relative, sep } from 'node:path';
import type { Report } from '../../report/index.js';
import { VERSION } from '../../version.js';
import type { Provenance } from '../advisories/model.js';
import type { AuditResult } from '../run.js';

/** The report skeleton every verdict starts from. */
export function reportBase(root: string, now: Date, started: number) {
  return (extra: Record<string, unknown> = {}): Report => ({
    tool: 'shipshape',
    command: 'audit',
    version: VERSION,
    ok: false,
    verdict: 'unknown',
    findings: [],
    stats: {
      files: extra.lockfile ? 1 : 0,
      bytes: 0,
      skipped: [],
      durationMs: Math.round(performance.now() - started),
      packages:
        (extra.lockfile as { packages?: number } | undefined)?.packages ?? 0,
    },
    generatedAt: now.toISOString(),
    ...extra,
  });
}

/** Verdict unknown: nothing was checked; says why and what to do. */
export function unknown(
  report: Report,
  reason: string,
  remedy: string,
): AuditResult {
  report.ok = false;
  report.verdict = 'unknown';
  report.unknown = { reason, remedy };
  report.reason = `${reason}; ${remedy}`;
  report.warnings = [
    {
      code: 'AUDIT_UNKNOWN',
      message: `verdict unknown: ${reason}; ${remedy}.`,
    },
  ];
  return { report, verdict: 'unknown', exitCode: 2 };
}

/** Provenance with paths shown relative to the audited root. */
export function displayed(root: string, provenance: Provenance): Provenance {
  return { ...provenance, location: show(root, provenance.location) };
}

/** A path relative to the root when inside it; URLs as they are. */
export function show(root: string, path: string): string {
  if (/^https?:/i.test(path)) return path;
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : path;
}
