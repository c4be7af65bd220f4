import type { Finding, RuleDescriptor } from '../report/index.js';
import { baselineKey, fingerprintOf, secretId } from './suppress.js';
import type { RawFinding, ScanRule } from './types.js';

export interface Suppressions {
  ignored: ReadonlySet<string>;
  baseline?: ReadonlySet<string>;
}

/**
 * Turns raw findings into report findings: stable order, fingerprints,
 * suppression, redacted evidence and one secret id per distinct secret.
 */
export function toFindings(
  raw: readonly RawFinding[],
  rules: ReadonlyMap<string, ScanRule>,
  suppressions: Suppressions,
): Finding[] {
  const sorted = [...raw].sort(compareRaw);
  const occurrences = new Map<string, number>();
  return sorted.map((item) => {
    const key = `${baselineKey(item)}@${item.commit ?? ''}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    const fingerprint = fingerprintOf(item, occurrence);
    const finding: Finding = {
      ruleId: item.ruleId,
      severity: item.severity,
      message: messageOf(item, rules.get(item.ruleId)),
      location: {
        file: item.file,
        line: item.line,
        column: item.column,
        endLine: item.endLine,
        endColumn: item.endColumn,
        ...(item.commit ? { commit: item.commit, date: item.date } : {}),
      },
      fingerprint,
      evidence: evidenceOf(item),
      properties: {
        secretId: secretId(item.secretHash),
        secretLength: item.secretLength,
        ...(item.via ? { decodedFrom: item.via } : {}),
      },
    };
    const suppressed = suppressionOf(item, fingerprint, suppressions);
    if (suppressed) finding.suppressed = suppressed;
    return finding;
  });
}

function compareRaw(a: RawFinding, b: RawFinding): number {
  return (
    (a.date ?? '').localeCompare(b.date ?? '') ||
    (a.commit ?? '').localeCompare(b.commit ?? '') ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function messageOf(item: RawFinding, rule: ScanRule | undefined): string {
  const what = rule?.description.replace(/\.$/, '') ?? item.ruleId;
  const extras = [
    item.note,
    item.via === 'base64' ? 'base64-encoded' : undefined,
    item.via === 'joined' ? 'split across string pieces' : undefined,
  ].filter(Boolean);
  const name = item.name ? ` in ${escapeControls(item.name)}` : '';
  return `${what}${name}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

/** At most the first 4 characters of a secret, never more. */
export function evidenceOf(
  item: Pick<RawFinding, 'preview' | 'secretLength'>,
): string {
  const shown =
    item.secretLength >= 12
      ? item.preview.slice(0, 4)
      : item.preview.slice(0, Math.max(0, Math.min(4, item.secretLength - 8)));
  return `${escapeControls(shown)}…(${item.secretLength} chars)`;
}

const CONTROL_NAMES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** One line of text: control characters are shown escaped (\n, \x1b). */
export function escapeControls(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) =>
      CONTROL_NAMES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function suppressionOf(
  item: RawFinding,
  fingerprint: string,
  s: Suppressions,
): Finding['suppressed'] {
  if (item.inlineAllowed)
    return { kind: 'inline', reason: 'shipshape:allow comment on the line' };
  const key = baselineKey(item);
  if (s.ignored.has(fingerprint) || s.ignored.has(key))
    return {
      kind: 'ignore-file',
      reason: 'fingerprint listed in the ignore file',
    };
  if (s.baseline?.has(key))
    return { kind: 'baseline', reason: 'present in the baseline' };
  return undefined;
}

export function ruleDescriptors(rules: Iterable<ScanRule>): RuleDescriptor[] {
  const out: RuleDescriptor[] = [...rules].map((rule) => ({
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
  }));
  out.push({
    id: 'revoked-secret',
    description: 'A value listed in the revoked-secrets ledger appears again.',
    severity: 'critical',
  });
  return out;
}
