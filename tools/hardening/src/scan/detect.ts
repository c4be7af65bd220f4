import { createHash } from 'node:crypto';
import {
  lineAround,
  matchRule,
  resolveOverlaps,
  type SecretMatch,
} from '@shipshape/secrets';
import { base64Candidates, joinedStrings } from './decode.js';
import { candidateRules, type RuleSet } from './prefilter.js';

/** A secret found in a text window, with offsets into that window. */
export interface Detection extends Omit<SecretMatch, 'secret'> {
  secretHash: string;
  secretLength: number;
  preview: string;
  via?: 'base64' | 'joined';
  /** The rule is generic (guessing from a name and entropy). */
  generic: boolean;
}

export interface DetectContext {
  /** Lockfiles: generic rules are skipped (integrity hashes, tarball URLs). */
  lockfile: boolean;
  /** Source code: generic values must be quoted literals there. */
  code: boolean;
  /** Rule ids that do not apply to this path. */
  disabled: ReadonlySet<string>;
  /** SHA-256 hex of revoked values. */
  revoked: ReadonlySet<string>;
}

const MAX_DEPTH = 2;
const URL_RULES = new Set(['supabase-db-url', 'url-credentials']);
const NEXT_PUBLIC_NAME =
  /NEXT_PUBLIC_[A-Z0-9_]+["'`]?\s{0,4}(?:=|:)\s{0,4}["'`]?$/;

/** Every secret in one text window, deduplicated and in order. */
export function detect(
  set: RuleSet,
  text: string,
  context: DetectContext,
  depth = 0,
): Detection[] {
  const matches: Array<SecretMatch & { via?: Detection['via'] }> = [];
  for (const index of candidateRules(set, text)) {
    const compiled = set.rules[index];
    const rule = compiled.rule;
    if (context.disabled.has(rule.id)) continue;
    if (context.lockfile && rule.generic) continue;
    const found = matchRule(compiled, text);
    matches.push(
      ...(rule.generic && context.code
        ? found.filter((m) => quoted(text, m.start))
        : found),
    );
  }
  const direct = resolveOverlaps(matches);
  let found = direct.map((m) => toDetection(set, m, undefined));
  if (depth < MAX_DEPTH) {
    const specific = found.filter((d) => !d.generic);
    const fromBase64 = decoded(set, text, context, depth, specific);
    // A decoded secret explains a generic hit on its encoded form.
    found = found.filter(
      (d) =>
        !d.generic ||
        !fromBase64.some((b) => b.start < d.end && d.start < b.end),
    );
    found.push(...fromBase64);
    if (depth === 0) {
      const fromJoined = joined(set, text, context, found);
      // One secret, one finding: the joined value replaces what its first
      // piece matched alone (a partial value with another fingerprint).
      found = found.filter(
        (d) =>
          !fromJoined.some(
            (j) =>
              j.start <= d.start &&
              d.end <= j.end &&
              (d.generic || d.ruleId === j.ruleId),
          ),
      );
      found.push(...fromJoined);
    }
  }
  found.push(...nextPublic(set, text, found));
  if (context.revoked.size > 0 && depth === 0) {
    found.push(...revokedValues(text, context.revoked, direct, found));
  }
  return found.sort(
    (a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId),
  );
}

function quoted(text: string, start: number): boolean {
  const before = text[start - 1];
  return before === '"' || before === "'" || before === '`';
}

function toDetection(
  set: RuleSet,
  match: SecretMatch,
  via: Detection['via'],
): Detection {
  const value = URL_RULES.has(match.ruleId)
    ? percentDecoded(match.secret)
    : match.secret;
  const rule = set.byId.get(match.ruleId);
  return {
    ruleId: match.ruleId,
    severity: match.severity,
    // Block secrets (private keys) are located at their header, not the body.
    start:
      rule?.locate === 'match' && match.matchStart !== undefined
        ? match.matchStart
        : match.start,
    end: match.end,
    name: match.name,
    note: match.note,
    secretHash: sha256(value),
    secretLength: value.length,
    preview: value.slice(0, 4),
    via,
    generic: Boolean(rule?.generic),
  };
}

function percentDecoded(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

// Base64 values (Kubernetes Secret data, CI variables) are decoded and
// scanned again, up to MAX_DEPTH levels; the finding points at the encoded text.
function decoded(
  set: RuleSet,
  text: string,
  context: DetectContext,
  depth: number,
  known: readonly Detection[],
): Detection[] {
  const out: Detection[] = [];
  for (const candidate of base64Candidates(text)) {
    if (known.some((d) => d.start <= candidate.start && candidate.end <= d.end))
      continue;
    for (const inner of detect(set, candidate.text, context, depth + 1)) {
      out.push({
        ...inner,
        start: candidate.start,
        end: candidate.end,
        via: 'base64',
      });
    }
  }
  return out;
}

// "sk_live_" + "abc..." : pieces of one string joined before matching.
function joined(
  set: RuleSet,
  text: string,
  context: DetectContext,
  known: readonly Detection[],
): Detection[] {
  const out: Detection[] = [];
  const hashes = new Set(known.map((d) => d.secretHash));
  for (const piece of joinedStrings(text)) {
    for (const inner of detect(set, piece.text, context, MAX_DEPTH)) {
      if (hashes.has(inner.secretHash)) continue;
      hashes.add(inner.secretHash);
      out.push({ ...inner, start: piece.start, end: piece.end, via: 'joined' });
    }
  }
  return out;
}

// A specific secret assigned to NEXT_PUBLIC_* ships to every browser.
function nextPublic(
  set: RuleSet,
  text: string,
  found: readonly Detection[],
): Detection[] {
  if (!set.byId.has('next-public-secret')) return [];
  const out: Detection[] = [];
  for (const detection of found) {
    if (detection.generic || detection.ruleId === 'next-public-secret')
      continue;
    const lineStart = text.lastIndexOf('\n', detection.start - 1) + 1;
    const before = text.slice(
      Math.max(lineStart, detection.start - 200),
      detection.start,
    );
    const name = NEXT_PUBLIC_NAME.exec(before);
    if (!name) continue;
    if (
      found.some(
        (d) => d.ruleId === 'next-public-secret' && d.start === detection.start,
      )
    ) {
      continue;
    }
    out.push({
      ...detection,
      ruleId: 'next-public-secret',
      severity: 'critical',
      note: `${detection.ruleId} in a NEXT_PUBLIC_ variable`,
      generic: false,
    });
  }
  return out;
}

// TODO(revoked matching): values are found by splitting on quotes, brackets
// and whitespace and after the first = : @; a revoked value embedded in a
// longer token some other way is only found when a rule matches it.
const TOKEN = /[^\s"'`<>(){}[\],;]{8,512}/g;

// Revoked values may match no rule (a rotated password): hash every token
// and the values after `=` or `:` inside it.
function revokedValues(
  text: string,
  revoked: ReadonlySet<string>,
  direct: readonly SecretMatch[],
  found: readonly Detection[],
): Detection[] {
  const out: Detection[] = [];
  const seen = new Set<number>();
  const add = (value: string, start: number) => {
    if (value.length < 8 || seen.has(start)) return;
    const hash = sha256(value);
    if (!revoked.has(hash)) return;
    seen.add(start);
    out.push(revokedDetection(hash, value, start));
  };
  for (const m of direct) add(m.secret, m.start);
  for (const d of found) {
    if (d.via && revoked.has(d.secretHash)) {
      out.push({
        ...d,
        ruleId: 'revoked-secret',
        severity: 'critical',
        generic: false,
      });
    }
  }
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    add(m[0], m.index);
    for (const sep of ['=', ':', '@']) {
      const cut = m[0].indexOf(sep);
      if (cut > 0) add(m[0].slice(cut + 1), m.index + cut + 1);
    }
    const url = /:\/\/[^:/@]+:([^@/]+)@/.exec(m[0]);
    if (url)
      add(percentDecoded(url[1]), m.index + url.index + url[0].indexOf(url[1]));
  }
  return out;
}

function revokedDetection(
  hash: string,
  value: string,
  start: number,
): Detection {
  return {
    ruleId: 'revoked-secret',
    severity: 'critical',
    start,
    end: start + value.length,
    secretHash: hash,
    secretLength: value.length,
    preview: value.slice(0, 4),
    note: 'listed in the revoked-secrets ledger',
    generic: false,
  };
}

export { lineAround };
