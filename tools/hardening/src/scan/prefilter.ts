import { compileRule, type CompiledRule } from '@shipshape/secrets';
import { ShipshapeError } from '../errors.js';
import type { ScanRule } from './types.js';

/**
 * Compiled rules plus one keyword matcher over all of them.
 *
 * The matcher is a single case-insensitive alternation: one pass over the
 * text, like Aho-Corasick, but run by V8's regex engine. On a 9 MB bundle
 * modern-ahocorasick took 235 ms where the alternation took 64 ms.
 */
export interface RuleSet {
  rules: CompiledRule[];
  byId: Map<string, ScanRule>;
  /** Rules without keywords run on every chunk. */
  always: number[];
  keywords: RegExp | undefined;
  owners: Map<string, number[]>;
}

/** Compiles every rule once; a bad regex is an error naming the rule. */
export function buildRuleSet(specs: readonly ScanRule[]): RuleSet {
  const rules = specs.map((spec) => {
    try {
      return compileRule(spec);
    } catch (cause) {
      throw new ShipshapeError(
        'BAD_CONFIG',
        `${spec.source}: ${(cause as Error).message}; fix or remove that rule.`,
        { cause },
      );
    }
  });
  const owners = new Map<string, number[]>();
  const always: number[] = [];
  specs.forEach((spec, index) => {
    if (spec.keywords.length === 0) always.push(index);
    for (const keyword of spec.keywords) {
      const key = keyword.toLowerCase();
      owners.set(key, [...(owners.get(key) ?? []), index]);
    }
  });
  // The alternation reports the longest keyword at a position; a keyword
  // also stands for every shorter keyword inside it (`_password` holds `password`).
  const keys = [...owners.keys()];
  const closed = new Map(
    keys.map((key) => [
      key,
      [
        ...new Set(
          keys
            .filter((other) => key.includes(other))
            .flatMap((other) => owners.get(other)!),
        ),
      ],
    ]),
  );
  const alternation = keys
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex)
    .join('|');
  return {
    rules,
    byId: new Map(specs.map((spec) => [spec.id, spec])),
    always,
    keywords: alternation ? new RegExp(alternation, 'gi') : undefined,
    owners: closed,
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One pass over the text: the indexes of rules with a keyword in it. */
export function candidateRules(set: RuleSet, text: string): number[] {
  const hit = new Set(set.always);
  const seen = new Set<string>();
  const re = set.keywords;
  if (re) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const key = m[0].toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      for (const index of set.owners.get(key) ?? []) hit.add(index);
      if (hit.size === set.rules.length) break;
    }
  }
  return [...hit].sort((a, b) => a - b);
}
