import pc from 'picocolors';
import type { Report } from '../../report/index.js';
import type { ApplyResult } from '../apply/run.js';
import type { RotationPlan } from './model.js';

const MARK: Record<string, string> = {
  done: pc.green('done'),
  failed: pc.red('FAILED'),
  'rolled-back': pc.yellow('rolled back'),
  'rollback-failed': pc.red('ROLLBACK FAILED'),
  skipped: pc.dim('skipped'),
};

/** The human layout of `rotate plan` and a dry run: numbered steps with their rollback. */
export function renderPlans(
  plans: readonly RotationPlan[],
  heading?: string,
): string {
  const lines: string[] = heading ? [heading, ''] : [];
  for (const plan of plans) {
    const risk = plan.atRisk ? pc.yellow(` — at risk: ${plan.atRisk}`) : '';
    lines.push(pc.bold(`${plan.secret} (${plan.provider})${risk}`));
    plan.steps.forEach((step, index) => {
      const where = step.environment ? pc.cyan(`[${step.environment}] `) : '';
      lines.push(`  ${String(index + 1).padStart(2)}. ${where}${step.title}`);
      if (step.note) lines.push(pc.dim(`      note: ${step.note}`));
      lines.push(pc.dim(`      rollback: ${step.rollback}`));
    });
    for (const warning of plan.warnings)
      lines.push(pc.yellow(`  warning: ${warning}`));
    for (const problem of plan.problems)
      lines.push(pc.red(`  blocked: ${problem}`));
    lines.push('');
  }
  return lines.join('\n');
}

export function renderResults(results: readonly ApplyResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(
      pc.bold(`${result.secret}: ${result.status} (run ${result.run})`),
    );
    for (const record of result.steps) {
      const message = record.message ? pc.dim(` — ${record.message}`) : '';
      lines.push(
        `  ${MARK[record.outcome] ?? record.outcome}  ${record.step}${message}`,
      );
    }
    for (const item of result.followUps)
      lines.push(pc.yellow(`  to do: ${item}`));
    lines.push(pc.dim(`  journal: ${result.journal}`), '');
  }
  return lines.join('\n');
}

export function summary(report: Report, what: string): string {
  const problems = report.findings.length;
  return report.ok
    ? pc.green(`shipshape rotate: ${what}`)
    : pc.red(
        `shipshape rotate: ${problems} problem${problems === 1 ? '' : 's'} (${what})`,
      );
}
