import type { Log } from 'sarif';
import { formatSarif, type Report } from '../report/index.js';

/**
 * One SARIF log holding a run per command. Each run keeps its own
 * automation id, so GitHub files its alerts under one category per command.
 */
export function formatSarifRuns(reports: readonly Report[]): string {
  const logs = reports.map((report) => JSON.parse(formatSarif(report)) as Log);
  const [first] = logs;
  if (!first) return formatSarif(emptyReport());
  const combined: Log = { ...first, runs: logs.flatMap((log) => log.runs) };
  return `${JSON.stringify(combined, null, 2)}\n`;
}

function emptyReport(): Report {
  return {
    tool: 'shipshape',
    command: 'merge',
    version: '0.0.0',
    ok: true,
    findings: [],
    stats: { files: 0, bytes: 0, skipped: [], durationMs: 0 },
  };
}
