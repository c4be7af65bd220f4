import {
  compileRule,
  matchRule,
  type CompiledRule,
  type SecretMatch,
} from './compile.js';
import { BUILTIN_RULES } from './rules.js';

let builtins: CompiledRule[] | undefined;

/** The built-in rules, compiled once per process. */
export function compiledBuiltinRules(): readonly CompiledRule[] {
  builtins ??= BUILTIN_RULES.map(compileRule);
  return builtins;
}

/**
 * Every secret the built-in rules find in a text, specific rules winning
 * over generic ones for the same span, in order of position.
 */
export function findSecrets(
  text: string,
  rules: readonly CompiledRule[] = compiledBuiltinRules(),
): SecretMatch[] {
  const lower = text.toLowerCase();
  const all: SecretMatch[] = [];
  for (const compiled of rules) {
    const { keywords } = compiled.rule;
    if (keywords.length > 0 && !keywords.some((word) => lower.includes(word))) {
      continue;
    }
    all.push(...matchRule(compiled, text));
  }
  return resolveOverlaps(all);
}

/** Keeps one match per overlapping span: the earliest rule in catalog order. */
export function resolveOverlaps(
  matches: readonly SecretMatch[],
): SecretMatch[] {
  const sorted = [...matches].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const kept: SecretMatch[] = [];
  for (const match of sorted) {
    const clash = kept.findIndex(
      (k) => match.start < k.end && k.start < match.end,
    );
    if (clash === -1) {
      kept.push(match);
      continue;
    }
    if (rank(match) < rank(kept[clash])) kept[clash] = match;
  }
  return kept.sort((a, b) => a.start - b.start);
}

const ORDER = new Map(BUILTIN_RULES.map((rule, index) => [rule.id, index]));

function rank(match: SecretMatch): number {
  return ORDER.get(match.ruleId) ?? -1;
}
