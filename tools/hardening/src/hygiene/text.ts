import pc from 'picocolors';
import {
  defaultFinding,
  summaryLine,
  type Finding,
  type Report,
} from '../report/index.js';
import { isFixed } from './report.js';

interface PlanSection {
  commands: string[];
  untrack: string[];
  skipped: Array<{ path: string; reason: string }>;
}

interface FixSection {
  untracked: number;
  patchedFiles: string[];
  worktreeDigest: { before: string; after: string; entries: number };
}

interface HistorySection {
  commands: string[];
  commitsScanned: number;
  rotateSecretsFirst: boolean;
}

/**
 * The human layout: findings (secrets first), the weight of what is tracked
 * by mistake, then the exact commands --fix runs (or ran), then history.
 */
export function renderHygieneText(report: Report): string {
  const active = report.findings.filter((finding) => !finding.suppressed);
  const lines = active.map(renderFinding);
  for (const warning of report.warnings ?? [])
    lines.push(pc.yellow(`warning: ${warning.message}`));

  const mistakes = report.trackedByMistake as { files: number; size: string };
  const plan = report.fixPlan as PlanSection;
  const fix = report.fix as FixSection | undefined;
  if (mistakes.files > 0 && !fix) {
    const noun = mistakes.files === 1 ? 'file' : 'files';
    lines.push(
      '',
      `Tracked by mistake: ${mistakes.files} ${noun}, ${mistakes.size}.`,
    );
  }
  if (fix) lines.push('', ...fixLines(fix));
  else if (plan.commands.length > 0) lines.push('', ...planLines(plan));
  if (report.history)
    lines.push('', ...historyLines(report.history as HistorySection));

  lines.push(fix ? fixSummary(report) : summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function planLines(plan: PlanSection): string[] {
  return [
    'shipshape hygiene --fix runs exactly these commands:',
    ...plan.commands.map((command) => `  ${command}`),
    ...plan.skipped.map((item) =>
      pc.dim(`  left alone: ${item.path} (${item.reason})`),
    ),
    pc.dim(
      '  It fingerprints every tracked or not-ignored file before and after and stops if anything but the ignore files changed; no working file is deleted.',
    ),
  ];
}

function fixLines(fix: FixSection): string[] {
  const patched =
    fix.patchedFiles.length > 0
      ? `, appended to ${fix.patchedFiles.join(', ')}`
      : '';
  return [
    pc.green(`Fixed: untracked ${fix.untracked} paths${patched}.`),
    `Working tree unchanged: sha256 ${fix.worktreeDigest.before.slice(0, 16)} before and after over ${fix.worktreeDigest.entries} paths (tracked, or untracked and not ignored).`,
    'Review with git status, then commit.',
  ];
}

function historyLines(history: HistorySection): string[] {
  const lines = [`History: ${history.commitsScanned} commits scanned.`];
  if (history.commands.length === 0) return lines;
  if (history.rotateSecretsFirst) {
    lines.push(
      pc.red(
        'Rotate every secret listed above first: rewriting history does not un-leak it (clones, forks and CI caches keep it).',
      ),
    );
  }
  lines.push(
    'To remove them, in a fresh mirror clone (git clone --mirror), run:',
    ...history.commands.map((command) => `  ${command}`),
    pc.dim(
      '  then force-push every branch and tag; everyone must re-clone. shipshape never rewrites history.',
    ),
  );
  return lines;
}

function renderFinding(finding: Finding): string {
  return isFixed(finding)
    ? `${defaultFinding(finding)}${pc.green(' (fixed)')}`
    : defaultFinding(finding);
}

function fixSummary(report: Report): string {
  const fixed = report.findings.filter(isFixed).length;
  const open = report.findings.filter(
    (finding) => !finding.suppressed && !isFixed(finding),
  );
  const seconds = (report.stats.durationMs / 1000).toFixed(2);
  const rest = open.length > 0 ? `, ${open.length} left` : '';
  const paint = open.length > 0 ? pc.red : pc.green;
  return paint(
    `shipshape hygiene: fixed ${fixed}${rest} (${report.stats.files} files, ${seconds}s)`,
  );
}
