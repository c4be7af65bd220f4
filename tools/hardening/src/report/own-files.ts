import { existsSync, readFileSync, statSync } from 'node:fs';
import { ShipshapeError } from '../errors.js';

const HEAD = 16 * 1024;
// JSON reports and baselines start with "tool": "shipshape"; SARIF logs name
// shipshape as the driver near the top.
const JSON_REPORT = /^\uFEFF?\s*\{\s*"tool"\s*:\s*"shipshape"/;
const SARIF_REPORT =
  /"\$schema"\s*:\s*"[^"]*sarif[^"]*"[\s\S]*?"driver"\s*:\s*\{\s*"name"\s*:\s*"shipshape"/;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
// Every command's text report has a "shipshape <command>: ..." verdict line
// (a summary at the end, or audit's verdict at the top).
const TEXT_VERDICT = /^shipshape [a-z:-]+: /m;

/** True for shipshape's own JSON/SARIF reports and baselines (not scanned). */
export function isShipshapeReport(text: string): boolean {
  const head = text.slice(0, HEAD);
  return JSON_REPORT.test(head) || SARIF_REPORT.test(head);
}

type Kind = 'json' | 'sarif' | 'text' | 'baseline';

function kindOf(file: string): Kind | 'other' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'other';
  }
  if (SARIF_REPORT.test(text.slice(0, HEAD))) return 'sarif';
  if (JSON_REPORT.test(text.slice(0, HEAD))) {
    try {
      const parsed = JSON.parse(text) as { kind?: string };
      return parsed.kind === 'scan-baseline' ? 'baseline' : 'json';
    } catch {
      return 'other';
    }
  }
  return TEXT_VERDICT.test(text.replace(ANSI, '')) ? 'text' : 'other';
}

/**
 * Refuses to write over a file that is not a previous shipshape output of
 * the same kind: `--write-baseline package.json` must never replace it.
 */
export function checkWriteTarget(
  option: string,
  file: string,
  kind: Kind,
  shown = file,
) {
  if (!existsSync(file)) return;
  const stat = statSync(file);
  if (!stat.isFile()) {
    throw new ShipshapeError(
      'BAD_OPTION',
      `${option} ${shown}: is a folder, not a file; pass a file path.`,
    );
  }
  if (stat.size === 0) return;
  const found = kindOf(file);
  if (found === kind) return;
  const what =
    kind === 'baseline'
      ? 'shipshape scan baseline'
      : `shipshape ${kind} report`;
  throw new ShipshapeError(
    'BAD_OPTION',
    `${option} ${shown}: the file exists and is not a ${what}, so it is not overwritten; choose a new path or delete it first.`,
  );
}
