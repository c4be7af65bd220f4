import { compileRule, type CompiledRule } from './compile.js';
import { findSecrets } from './find.js';
import { BUILTIN_RULES } from './rules.js';

interface Gate {
  /** Any keyword of any rule. */
  any: RegExp;
  /** The same, global, to list which keywords occur. */
  all: RegExp;
  /** Rules by lower-case keyword. */
  byKeyword: Map<string, Probe[]>;
  /** Rules without keywords run on every text. */
  always: Probe[];
}

/** A rule and a cheap yes/no form of its regex. */
interface Probe {
  compiled: CompiledRule;
  /**
   * The rule's own pattern and flags without `g` and `d`: it matches a
   * text exactly when the rule's regex finds a first match in it, but
   * answers without match indices, captures or a global scan. A rule
   * whose probe fails cannot report anything, so findSecrets never sees
   * it and its output is unchanged.
   */
  probe: RegExp;
}

let gate: Gate | undefined;

// A keyword automaton was tried for the gate: a JS loop over char codes with
// a first-character table ran ~2x slower than V8's compiled alternation, so
// the gate stays one regex. What cost the logger was what came after a hit:
// broad keywords ("sk" in "asked", "auth" in "author", "token" in "tokens
// refreshed") sent everyday text through findSecrets. A plain test of each
// woken rule's pattern now drops those rules first.

/**
 * False when no built-in rule can match because none of the catalog's
 * keywords occurs in the text: one regex pass instead of a check per rule.
 * A true answer only means "look closer".
 */
export function mayContainSecret(text: string): boolean {
  gate ??= compileGate();
  return gate.always.length > 0 || gate.any.test(text);
}

/**
 * redactSecrets for hot paths (the logger scrubs every string of every
 * line): only the rules whose keywords occur in the text run. The catalog
 * is the same except for the allowlists that describe where a match sits
 * (`lines`, `paths`): they keep documentation quiet in a scan, but a
 * password in a log line is one even when the URL says localhost.
 */
export function scrubSecrets(text: string, censor = '[REDACTED]'): string {
  if (text.length < 8) return text;
  gate ??= compileGate();
  // Restart one character after each hit, so overlapping keywords
  // ("asia" then "auth" in "asiauth") are all seen. A text without any
  // keyword costs this one pass and no allocation.
  let woken: Set<Probe> | undefined;
  if (gate.always.length > 0) woken = new Set(gate.always);
  const scan = gate.all;
  scan.lastIndex = 0;
  for (let hit = scan.exec(text); hit; hit = scan.exec(text)) {
    woken ??= new Set();
    for (const rule of gate.byKeyword.get(hit[0].toLowerCase()) ?? [])
      woken.add(rule);
    scan.lastIndex = hit.index + 1;
  }
  if (woken === undefined) return text;
  const rules: CompiledRule[] = [];
  for (const { compiled, probe } of woken) {
    probe.lastIndex = 0;
    if (probe.test(text)) rules.push(compiled);
  }
  if (rules.length === 0) return text;
  const matches = findSecrets(text, rules);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += `${text.slice(at, match.start)}${censor}`;
    at = match.end;
  }
  return out + text.slice(at);
}

function compileGate(): Gate {
  const byKeyword = new Map<string, Probe[]>();
  const always: Probe[] = [];
  for (const compiled of BUILTIN_RULES.map(withoutPlaceAllowlists).map(
    compileRule,
  )) {
    const probe: Probe = {
      compiled,
      probe: new RegExp(
        compiled.regex.source,
        compiled.regex.flags.replace(/[gd]/g, ''),
      ),
    };
    if (compiled.rule.keywords.length === 0) always.push(probe);
    for (const word of compiled.rule.keywords) {
      const key = word.toLowerCase();
      byKeyword.set(key, [...(byKeyword.get(key) ?? []), probe]);
    }
  }
  // A found keyword also stands for every keyword inside it ("jwt_secret"
  // holds "secret"); with the longest alternative tried first at every
  // start position, every occurrence of every keyword is covered.
  const words = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
  const expanded = new Map<string, Probe[]>();
  for (const word of words) {
    const inner = words.filter((other) => word.includes(other));
    expanded.set(word, [
      ...new Set(inner.flatMap((other) => byKeyword.get(other) ?? [])),
    ]);
  }
  const source = words
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return {
    any: new RegExp(source, 'i'),
    all: new RegExp(source, 'gi'),
    byKeyword: expanded,
    always,
  };
}

function withoutPlaceAllowlists(rule: (typeof BUILTIN_RULES)[number]) {
  if (!rule.allowlist) return rule;
  return {
    ...rule,
    allowlist: { ...rule.allowlist, lines: undefined, paths: undefined },
  };
}
