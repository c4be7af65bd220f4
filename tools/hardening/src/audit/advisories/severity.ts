import type { Severity } from '../../report/index.js';

const LABELS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  info: 'info',
  none: 'info',
};

/** GHSA and npm labels (`MODERATE`, `high`, ...) to our scale. */
export function severityFromLabel(label: unknown): Severity | undefined {
  if (typeof label !== 'string') return undefined;
  return LABELS[label.toLowerCase()];
}

/** CVSS qualitative bands (v3 and v4 share them). */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
} as const;

/**
 * CVSS v3.x base score from its vector (the spec's formula), for OSV
 * records that carry a vector but no label. Undefined for other versions.
 */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector)) return undefined;
  const metrics = new Map(
    vector
      .split('/')
      .slice(1)
      .map((part) => part.split(':') as [string, string]),
  );
  const get = (key: string) => metrics.get(key) ?? '';
  const scopeChanged = get('S') === 'C';
  const av = WEIGHTS.AV[get('AV') as keyof typeof WEIGHTS.AV];
  const ac = WEIGHTS.AC[get('AC') as keyof typeof WEIGHTS.AC];
  const ui = WEIGHTS.UI[get('UI') as keyof typeof WEIGHTS.UI];
  const prByScope = scopeChanged
    ? { N: 0.85, L: 0.68, H: 0.5 }
    : { N: 0.85, L: 0.62, H: 0.27 };
  const pr = prByScope[get('PR') as keyof typeof prByScope];
  const impact = (key: string) => WEIGHTS.C[get(key) as keyof typeof WEIGHTS.C];
  const [c, i, a] = [impact('C'), impact('I'), impact('A')];
  if ([av, ac, ui, pr, c, i, a].some((value) => value === undefined))
    return undefined;

  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impactScore = scopeChanged
    ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15
    : 6.42 * iss;
  if (impactScore <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  const raw = scopeChanged
    ? Math.min(1.08 * (impactScore + exploitability), 10)
    : Math.min(impactScore + exploitability, 10);
  return roundUp(raw);
}

function roundUp(value: number): number {
  const integer = Math.round(value * 100_000);
  return integer % 10_000 === 0
    ? integer / 100_000
    : (Math.floor(integer / 10_000) + 1) / 10;
}
