import { createHash } from 'node:crypto';
import pc from 'picocolors';
import { diffWords } from 'diff';
import type {
  Finding,
  Report,
  RuleDescriptor,
  Severity,
} from '../report/index.js';
import { summaryLine } from '../report/index.js';
import type { Change } from './compare.js';
import { locateChange } from './locate.js';
import type { SqlFile } from './sql/files.js';

export const DRIFT_RULES: readonly RuleDescriptor[] = [
  {
    id: 'drift/extra',
    name: 'Object missing from the migrations',
    description:
      'The target (canonical schema or live database) has an object the migrations do not create.',
    severity: 'medium',
  },
  {
    id: 'drift/missing',
    name: 'Object missing from the target',
    description: 'The migrations create an object the target does not have.',
    severity: 'medium',
  },
  {
    id: 'drift/changed',
    name: 'Object differs',
    description: 'An object exists on both sides with a different definition.',
    severity: 'medium',
  },
];

const RULE: Record<Change['type'], string> = {
  added: 'drift/extra',
  removed: 'drift/missing',
  changed: 'drift/changed',
};

const SIGN: Record<Change['type'], string> = {
  added: '+',
  removed: '-',
  changed: '~',
};

// Access control drifting silently is worse than a missing index.
const SECURITY_KINDS = new Set(['policy', 'grant', 'default privileges']);
const SECURITY_ATTRS = new Set([
  'rls',
  'forced rls',
  'security definer',
  'config',
]);

export function severityOf(change: Change): Severity {
  if (SECURITY_KINDS.has(change.object.kind)) return 'high';
  if (change.attribute && SECURITY_ATTRS.has(change.attribute)) return 'high';
  return 'medium';
}

/** `+ policy "x" on public.profiles`, `~ column public.profiles.bio: default 'a' -> 'b'`. */
export function changeLine(change: Change): string {
  const head = `${SIGN[change.type]} ${change.object.kind} ${change.object.name}`;
  if (change.type !== 'changed') return head;
  return `${head}: ${change.attribute} ${show(change.from)} -> ${show(change.to)}`;
}

function show(value: string | null | undefined): string {
  if (value === null || value === undefined) return '(none)';
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}

export interface FindingContext {
  migrations: readonly SqlFile[];
  schemaFiles: readonly SqlFile[];
  /** Shown as the file for changes no SQL file names (live targets). */
  fallback: string;
}

export function toFindings(
  changes: readonly Change[],
  context: FindingContext,
): Finding[] {
  return changes.map((change) => {
    const place = locateChange(
      change,
      context.migrations,
      context.schemaFiles,
      context.fallback,
    );
    const properties: Record<string, unknown> = {
      change: change.type,
      kind: change.object.kind,
      object: change.object.name,
    };
    if (change.attribute) {
      Object.assign(properties, {
        attribute: change.attribute,
        from: change.from,
        to: change.to,
      });
    }
    return {
      ruleId: RULE[change.type],
      severity: severityOf(change),
      message: changeLine(change),
      location: place,
      fingerprint: createHash('sha256')
        .update(`${change.type}|${change.key}|${change.attribute ?? ''}`)
        .digest('hex')
        .slice(0, 16),
      properties,
    };
  });
}

/** Human layout: a header naming both sides, one line per change, word diffs for long values. */
export function renderDriftText(report: Report): string {
  const drift = report.drift as { from: string; to: string } | undefined;
  const lines: string[] = [];
  if (report.findings.length > 0 && drift)
    lines.push(pc.bold(`drift: ${drift.from} -> ${drift.to}`));
  for (const finding of report.findings) {
    const props = finding.properties as
      | { change: string; from?: string; to?: string }
      | undefined;
    const paint =
      props?.change === 'added'
        ? pc.green
        : props?.change === 'removed'
          ? pc.red
          : pc.yellow;
    lines.push(paint(finding.message));
    if (props?.change === 'changed' && isLong(props.from, props.to)) {
      lines.push(`    ${wordDiff(props.from ?? '', props.to ?? '')}`);
    }
    const where = finding.location.line
      ? `${finding.location.file}:${finding.location.line}`
      : finding.location.file;
    lines.push(pc.dim(`    at ${where}`));
  }
  for (const warning of report.warnings ?? [])
    lines.push(pc.yellow(`warning: ${warning.message}`));
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

function isLong(a?: string | null, b?: string | null): boolean {
  return (a?.length ?? 0) > 120 || (b?.length ?? 0) > 120;
}

function wordDiff(from: string, to: string): string {
  return diffWords(from, to)
    .map((part) =>
      part.added
        ? pc.green(`{+${part.value}+}`)
        : part.removed
          ? pc.red(`[-${part.value}-]`)
          : part.value,
    )
    .join('');
}
