import { isAbsolute, join } from 'node:path';
import type { Logger } from '@shipshape/logger';
import { execa } from 'execa';
import { readLedger, type LedgerEntry } from '../ledger/index.js';
import type {
  Finding,
  Report,
  RuleDescriptor,
  Warning,
} from '../report/index.js';
import { runScan } from '../scan/index.js';
import { secretId } from '../scan/suppress.js';
import { VERSION } from '../version.js';

export interface CheckOptions {
  root: string;
  ledger: string;
  /** With history: only commits after this revision. */
  since?: string;
  history?: boolean;
  /** Also scan files git ignores (.env.local): local consumers of old values. */
  includeIgnored?: boolean;
  /** A scan baseline: findings listed there are reported as suppressed. */
  baseline?: string;
  logger?: Logger;
}

export interface CheckResult {
  report: Report;
  rules: RuleDescriptor[];
}

/**
 * Proves revoked values are gone: runs the scan engine with the ledger on
 * the working tree and on every commit, and keeps only revoked-secret
 * findings (other secrets are the `scan` target's business). Findings
 * carry the ledger name and date; never a value.
 */
export async function checkRevoked(
  options: CheckOptions,
): Promise<CheckResult> {
  const started = Date.now();
  const ledgerPath = isAbsolute(options.ledger)
    ? options.ledger
    : join(options.root, options.ledger);
  const entries = readLedger(ledgerPath);
  const warnings: Warning[] = [];
  const base = {
    cwd: options.root,
    paths: [],
    revoked: ledgerPath,
    logger: options.logger,
    progress: false,
  };
  const tree = await runScan({
    ...base,
    includeIgnored: options.includeIgnored,
  });
  const reports = [tree.report];
  if (options.history !== false) {
    if (await isRepository(options.root)) {
      reports.push(
        (await runScan({ ...base, history: true, since: options.since }))
          .report,
      );
    } else {
      warnings.push({
        code: 'NO_HISTORY',
        message: `${options.root} is not a git repository; only the files were checked.`,
      });
    }
  }
  const findings = reports
    .flatMap((report) => report.findings)
    .filter(isRevoked)
    .map((f) => named(f, entries));
  const report: Report = {
    tool: 'shipshape',
    command: 'rotate check',
    version: VERSION,
    ok: findings.every((finding) => finding.suppressed),
    findings,
    stats: {
      files: reports.reduce((sum, item) => sum + item.stats.files, 0),
      bytes: reports.reduce((sum, item) => sum + item.stats.bytes, 0),
      skipped: reports.flatMap((item) => item.stats.skipped),
      durationMs: Date.now() - started,
      revoked: entries.length,
      commits: reports[1]?.stats.commits,
    },
    warnings: [...warnings, ...reports.flatMap((item) => item.warnings ?? [])],
  };
  return { report, rules: [REVOKED_RULE] };
}

export const REVOKED_RULE: RuleDescriptor = {
  id: 'revoked-secret',
  name: 'Revoked secret still present',
  description:
    'A value recorded in the leak ledger (.shipshape/revoked.txt) still appears in the repository or its history; remove it and rewrite history if it must go.',
  severity: 'critical',
};

function isRevoked(finding: Finding): boolean {
  return finding.ruleId === 'revoked-secret';
}

// The ledger names the secret; the scan finding carries only its secret id.
function named(finding: Finding, entries: readonly LedgerEntry[]): Finding {
  const id = finding.properties?.secretId;
  const entry = entries.find((item) => secretId(item.sha256) === id);
  if (!entry) return finding;
  const where = finding.location.commit
    ? 'in git history'
    : 'in the working tree';
  return {
    ...finding,
    message: `revoked ${entry.name} (ledger ${entry.date}) still appears ${where}`,
    properties: {
      ...finding.properties,
      ledgerName: entry.name,
      ledgerDate: entry.date,
    },
  };
}

async function isRepository(root: string): Promise<boolean> {
  const result = await execa('git', ['rev-parse', '--git-dir'], {
    cwd: root,
    reject: false,
  });
  return result.exitCode === 0;
}
