import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Log, Result, Run } from 'sarif';
import { ShipshapeError } from '../errors.js';
import type { Finding, Report, Severity } from '../report/index.js';

const REPORT_FILE = /\.(json|sarif)$/;

/**
 * Expands the files and folders given on the command line into report files,
 * sorted so the merge reads them in the same order on every machine.
 */
export function listReportFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (cause) {
      throw new ShipshapeError(
        'UNREADABLE_INPUT',
        `${path}: no such report file or folder; pass the shard reports' paths.`,
        { cause },
      );
    }
    if (isDirectory) files.push(...walk(path));
    else files.push(path);
  }
  return preferJson([...new Set(files)]).sort();
}

// Targets write each report twice (--json-file and --sarif-file); the JSON
// copy carries more (stats, evidence), so its SARIF twin is left out.
function preferJson(files: readonly string[]): string[] {
  const present = new Set(files);
  return files.filter(
    (file) =>
      !(
        file.endsWith('.sarif') &&
        present.has(file.replace(/\.sarif$/, '.json'))
      ),
  );
}

function walk(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else if (entry.isFile() && REPORT_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

/** Reads one shard report: shipshape JSON, or SARIF (one report per run). */
export function readReports(file: string): Report[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ShipshapeError(
      'UNREADABLE_INPUT',
      `${file}: not a readable JSON or SARIF report; pass files written with --format json or sarif.`,
      { cause },
    );
  }
  if (isShipshapeReport(value)) return [value];
  if (isSarif(value)) return value.runs.map((run) => fromSarifRun(run));
  throw new ShipshapeError(
    'UNREADABLE_INPUT',
    `${file}: neither a shipshape JSON report nor SARIF 2.1.0; pass files written with --format json or sarif.`,
  );
}

function isShipshapeReport(value: unknown): value is Report {
  const report = value as Partial<Report> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    report.tool === 'shipshape' &&
    typeof report.command === 'string' &&
    Array.isArray(report.findings)
  );
}

function isSarif(value: unknown): value is Log {
  const log = value as Partial<Log> | null;
  return typeof log === 'object' && log !== null && Array.isArray(log.runs);
}

// SARIF levels are coarser than our severities; the rule's
// security-severity score (written by formatSarif) restores them.
const BY_SCORE: ReadonlyArray<[number, Severity]> = [
  [9, 'critical'],
  [7, 'high'],
  [4, 'medium'],
  [0.1, 'low'],
  [0, 'info'],
];
const BY_LEVEL: Record<string, Severity> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'info',
};

function fromSarifRun(run: Run): Report {
  const automation = run.automationDetails?.id ?? '';
  const command = /^shipshape\/([^/]+)\//.exec(automation)?.[1] ?? 'sarif';
  const scores = new Map<string, number>();
  for (const rule of run.tool.driver.rules ?? []) {
    const score = Number(rule.properties?.['security-severity']);
    if (!Number.isNaN(score)) scores.set(rule.id, score);
  }
  const findings = (run.results ?? []).map((result) =>
    fromSarifResult(result, scores),
  );
  return {
    tool: 'shipshape',
    command,
    version: run.tool.driver.version ?? '0.0.0',
    ok: findings.every((finding) => finding.suppressed),
    findings,
    stats: { files: 0, bytes: 0, skipped: [], durationMs: 0 },
  };
}

function fromSarifResult(
  result: Result,
  scores: ReadonlyMap<string, number>,
): Finding {
  const ruleId = result.ruleId ?? 'unknown';
  const physical = result.locations?.[0]?.physicalLocation;
  const region = physical?.region;
  const commit = result.properties?.['commit'];
  const score = scores.get(ruleId);
  const severity =
    score === undefined
      ? (BY_LEVEL[result.level ?? 'warning'] ?? 'medium')
      : (BY_SCORE.find(([min]) => score >= min)?.[1] ?? 'info');
  const suppression = result.suppressions?.[0];
  const [kind, ...reason] = (suppression?.justification ?? '').split(': ');
  return {
    ruleId,
    severity,
    message: result.message.text ?? '',
    location: {
      file: physical?.artifactLocation?.uri ?? '',
      line: region?.startLine,
      column: region?.startColumn,
      endLine: region?.endLine,
      endColumn: region?.endColumn,
      ...(typeof commit === 'string' ? { commit } : {}),
    },
    fingerprint:
      result.partialFingerprints?.['shipshape/v1'] ??
      `${ruleId}:${physical?.artifactLocation?.uri ?? ''}:${region?.startLine ?? 0}`,
    ...(suppression
      ? {
          suppressed: {
            kind: reason.length ? (kind ?? 'external') : 'external',
            reason: reason.length ? reason.join(': ') : (kind ?? ''),
          },
        }
      : {}),
  };
}
