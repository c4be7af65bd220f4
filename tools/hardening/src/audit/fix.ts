import semver from 'semver';
import { parseNpmAlias } from './model.js';

/**
 * How far the fix is: `within-range` (a fresh install or lockfile update
 * picks it up), `outside-range` (same major, but the declared range must
 * be edited), `major-bump` (a breaking upgrade), `none` (no fixed release).
 */
export type FixKind = 'within-range' | 'outside-range' | 'major-bump' | 'none';

export interface FixAdvice {
  kind: FixKind;
  /** The version to move to. */
  version?: string;
  /** The range judged against; `assumed` when the lockfile does not record it. */
  range?: string;
  rangeAssumed?: boolean;
}

export function classifyFix(
  installed: string,
  fixed: string | undefined,
  declaredRange: string | undefined,
): FixAdvice {
  if (!fixed) return { kind: 'none' };
  const known = declaredRange ? plainRange(declaredRange) : undefined;
  const range = known ?? `^${installed}`;
  const advice = { version: fixed, range, rangeAssumed: known === undefined };
  if (semver.satisfies(fixed, range, { loose: true }))
    return { kind: 'within-range', ...advice };
  if (isBreaking(installed, fixed)) return { kind: 'major-bump', ...advice };
  return { kind: 'outside-range', ...advice };
}

// Ranges written as aliases (`npm:name@^1`) or protocols that semver reads.
function plainRange(range: string): string | undefined {
  const alias = parseNpmAlias(range);
  const candidate = alias ? alias.range : range;
  return semver.validRange(candidate, { loose: true }) ? candidate : undefined;
}

// Under semver, 0.x minors are breaking too.
function isBreaking(from: string, to: string): boolean {
  const a = semver.parse(from, { loose: true });
  const b = semver.parse(to, { loose: true });
  if (!a || !b) return true;
  if (a.major !== b.major) return true;
  return a.major === 0 && a.minor !== b.minor;
}
