import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { Finding, Report, RuleDescriptor } from '../report/index.js';
import { VERSION } from '../version.js';
import type { ApplyResult } from './apply/run.js';

/** The findings `rotate plan|apply` report, one rule per way a rotation can end badly. */
export const RULES: RuleDescriptor[] = [
  {
    id: 'rotate/blocked',
    description:
      'A rotation cannot run until its inventory entry or environment is fixed.',
    severity: 'high',
  },
  {
    id: 'rotate/rolled-back',
    description: 'A rotation failed before revocation and was rolled back.',
    severity: 'high',
  },
  {
    id: 'rotate/stopped',
    description: 'A rotation stopped part-way; resume or roll it back.',
    severity: 'high',
  },
  {
    id: 'rotate/rollback-incomplete',
    description: 'A rollback left steps a person must undo.',
    severity: 'critical',
  },
];

export function blocked(
  secret: string,
  problems: readonly string[],
  file: string,
): Finding[] {
  return problems.map((problem) => ({
    ruleId: 'rotate/blocked',
    severity: 'high',
    message: `${secret}: ${problem}`,
    location: { file },
    fingerprint: id(secret, problem),
  }));
}

export function resultFindings(result: ApplyResult, root: string): Finding[] {
  if (result.status === 'completed') return [];
  const ruleId = `rotate/${result.status === 'rollback-incomplete' ? 'rollback-incomplete' : result.status}`;
  const failure = result.failure
    ? `${result.failure.step} failed: ${result.failure.message}`
    : 'stopped';
  const todo =
    result.followUps.length > 0
      ? `; to do: ${result.followUps.join('; ')}`
      : '';
  return [
    {
      ruleId,
      severity: result.status === 'rollback-incomplete' ? 'critical' : 'high',
      message: `${result.secret}: ${failure} (${result.status})${todo}`,
      location: { file: relative(root, result.journal) || result.journal },
      fingerprint: id(result.secret, result.run, result.status),
    },
  ];
}

export function makeReport(
  command: string,
  findings: Finding[],
  started: number,
  extra: Record<string, unknown>,
): Report {
  return {
    tool: 'shipshape',
    command,
    version: VERSION,
    ok: findings.length === 0,
    findings,
    stats: {
      files: 0,
      bytes: 0,
      skipped: [],
      durationMs: Date.now() - started,
    },
    ...extra,
  };
}

function id(...parts: string[]): string {
  return createHash('sha256')
    .update(parts.join('\0'))
    .digest('hex')
    .slice(0, 16);
}
