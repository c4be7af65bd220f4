import { shannonEntropy } from './entropy.js';
import type { SecretRule, SecretSeverity } from './types.js';
import { runValidators } from './validators.js';

/** A rule with its regexes built, ready to run many times. */
export interface CompiledRule {
  rule: SecretRule;
  regex: RegExp;
  allowSecrets: RegExp[];
  allowMatches: RegExp[];
  allowLines: RegExp[];
  stopwords: string[];
}

/** One accepted occurrence of a secret in a text. */
export interface SecretMatch {
  ruleId: string;
  severity: SecretSeverity;
  /** Offsets of the secret itself in the searched text. */
  start: number;
  end: number;
  /** Offset of the whole match (the secret may start later). */
  matchStart?: number;
  secret: string;
  /** The variable or key name the secret was assigned to, when the rule names one. */
  name?: string;
  note?: string;
}

export class RuleCompileError extends Error {
  constructor(
    readonly ruleId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Builds a rule's regexes once; throws RuleCompileError naming the rule. */
export function compileRule(rule: SecretRule): CompiledRule {
  const build = (source: string, flags: string, what: string): RegExp => {
    try {
      return new RegExp(source, flags);
    } catch (cause) {
      throw new RuleCompileError(
        rule.id,
        `rule ${rule.id}: the ${what} is not a valid JavaScript regex (${(cause as Error).message})`,
      );
    }
  };
  const flags = uniqueFlags(`gd${rule.flags ?? ''}`);
  const allow = rule.allowlist ?? {};
  return {
    rule,
    regex: build(rule.pattern, flags, 'pattern'),
    allowSecrets: (allow.secrets ?? []).map((s) =>
      build(s, '', 'allowlist regex'),
    ),
    allowMatches: (allow.matches ?? []).map((s) =>
      build(s, '', 'allowlist regex'),
    ),
    allowLines: (allow.lines ?? []).map((s) =>
      build(s, 'i', 'allowlist regex'),
    ),
    stopwords: (allow.stopwords ?? []).map((word) => word.toLowerCase()),
  };
}

function uniqueFlags(flags: string): string {
  return [...new Set(flags)].join('');
}

/** Runs one compiled rule over a text and keeps the matches that survive. */
export function matchRule(compiled: CompiledRule, text: string): SecretMatch[] {
  const { rule, regex } = compiled;
  const found: SecretMatch[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    const [secret, span] = secretOf(rule, m);
    if (!secret) continue;
    const verdict = judge(compiled, secret, m[0], text, m.index);
    if (!verdict.keep) continue;
    found.push({
      ruleId: rule.id,
      severity: verdict.severity ?? rule.severity,
      start: span[0],
      end: span[1],
      matchStart: m.index,
      secret,
      name: m.groups?.name,
      note: verdict.note,
    });
  }
  return found;
}

function secretOf(
  rule: SecretRule,
  m: RegExpExecArray,
): [string | undefined, [number, number]] {
  const whole: [number, number] = [m.index, m.index + m[0].length];
  if (rule.secretGroup !== undefined) {
    return [m[rule.secretGroup], m.indices?.[rule.secretGroup] ?? whole];
  }
  if (m.groups?.secret !== undefined) {
    return [m.groups.secret, m.indices?.groups?.secret ?? whole];
  }
  return [m[0], whole];
}

function judge(
  compiled: CompiledRule,
  secret: string,
  match: string,
  text: string,
  at: number,
): ReturnType<typeof runValidators> {
  const { rule } = compiled;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) {
    return { keep: false, reason: 'low entropy' };
  }
  if (compiled.allowSecrets.some((re) => re.test(secret))) {
    return { keep: false, reason: 'allowlisted secret' };
  }
  if (compiled.allowMatches.some((re) => re.test(match))) {
    return { keep: false, reason: 'allowlisted match' };
  }
  if (compiled.stopwords.length > 0) {
    const lower = secret.toLowerCase();
    if (compiled.stopwords.some((word) => lower.includes(word))) {
      return { keep: false, reason: 'stopword' };
    }
  }
  if (compiled.allowLines.length > 0) {
    const line = lineAround(text, at);
    if (compiled.allowLines.some((re) => re.test(line))) {
      return { keep: false, reason: 'allowlisted line' };
    }
  }
  return runValidators(rule.validators, secret);
}

/** The line holding offset `at`, capped to 4 KiB either side. */
export function lineAround(text: string, at: number): string {
  const from = Math.max(0, at - 4096);
  const start = text.lastIndexOf('\n', at) + 1;
  let end = text.indexOf('\n', at);
  if (end === -1 || end - at > 4096) end = Math.min(text.length, at + 4096);
  return text.slice(Math.max(start, from), end);
}
